"""Open every page of the built site in headless Chromium, offline.

Checks, per page: every request goes to the local server (or is a data: URI),
MathJax typeset every formula with no error, nothing failed in the console,
and every download link (the executed notebooks) serves a notebook.
Optionally saves a screenshot of one page (the README's picture).

Usage: python .ci/check_site.py SITE_DIR [--screenshot PAGE OUT.png]
Needs the Debian chromium package and the playwright package (pip).
"""

import argparse
import functools
import http.server
import json
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def check_page(page, url, base):
    foreign, errors = [], []
    page.on("request", lambda r: foreign.append(r.url)
            if not (r.url.startswith(base) or r.url.startswith("data:")) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    formulas = page.locator(".arithmatex").count()
    if formulas:
        page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("MathJax.startup.promise")
    for link in page.locator("a[download]").all():
        target = base + urljoin(url[len(base):], link.get_attribute("href"))
        response = page.request.get(target)
        if not response.ok or not json.loads(response.text()).get("cells"):
            errors.append(f"download {target} is missing or not a notebook")
    typeset = page.locator(".arithmatex mjx-container").count()
    broken = page.locator("mjx-merror, .arithmatex mjx-container [data-mjx-error]").count()
    problems = []
    if foreign:
        problems.append(f"requests to other hosts: {sorted(set(foreign))}")
    if typeset < formulas:
        problems.append(f"{formulas - typeset} of {formulas} formulas not typeset")
    if broken:
        problems.append(f"{broken} MathJax errors")
    if errors:
        problems.append(f"console errors: {errors}")
    return formulas, problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--screenshot", nargs=2, metavar=("PAGE", "OUT"))
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is not installed: apt-get install -y chromium")
    server = serve(args.site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = sorted(p.relative_to(args.site).as_posix() for p in args.site.rglob("*.html"))
    failed = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=FLAGS)
        for rel in pages:
            page = browser.new_page()
            formulas, problems = check_page(page, base + rel, base)
            status = "ok" if not problems else "FAIL " + "; ".join(problems)
            print(f"{rel}: {formulas} formulas, {status}")
            failed += bool(problems)
            page.close()
        if args.screenshot:
            rel, out = args.screenshot
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + rel, wait_until="networkidle")
            page.evaluate("MathJax.startup.promise")
            page.screenshot(path=out)
        browser.close()
    server.shutdown()
    print(f"{len(pages) - failed} pages passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
