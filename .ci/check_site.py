"""Open every page of the built site in headless Chromium, offline, as readers would.

Per page, served from 127.0.0.1:
- every request goes to the local server (or is a data: URI); nothing fails
  in the console; MathJax typesets every formula without an error;
- axe-core finds no serious or critical accessibility violation, in the light
  and in the dark scheme;
- the page's HTML is at most 300 KB (1 MB for a notebook page) and its first
  load, MathJax included, transfers at most 1.5 MB from a server that
  compresses text with gzip, as static hosts (GitHub Pages) do; the
  uncompressed size is printed too (figures load lazily). The print page is
  the exception by design: it is the whole book, figures loaded at once so
  that they print; its HTML is held under 3 MB and its weight is printed;
- at phone width (390 px) the page itself does not scroll sideways;
- every notebook it offers is a notebook whose links to the site resolve.

For the site as a whole:
- every link from one page of the site to an anchor (#...) finds that anchor,
  in the built HTML (no JavaScript needed);
- an address the site lacks shows the 404 page, styled, with its chapter list;
- a link to an equation from another page lands with the equation in view;
- opened from disk (file://), pages navigate and search finds a chapter.

Usage: python .ci/check_site.py SITE_DIR --axe AXE.min.js [--only PAGE ...]
       [--browser CHROME] [--screenshot PAGE OUT.png]
Needs the Debian chromium package, the playwright package and axe-core (npm).
"""

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import posixpath
import re
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from playwright.sync_api import sync_playwright

FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HTML_LIMIT = 300_000
NOTEBOOK_PAGE_LIMIT = 1_000_000
PRINT_PAGE = "print.html"
PRINT_PAGE_LIMIT = 3_000_000
FIRST_LOAD_LIMIT = 1_500_000
PHONE = {"width": 390, "height": 844}
# The site_url the site was built with (mkdocs.yml reads the same variable).
SITE_URL = os.environ.get("MLBOOK_SITE_URL", "http://127.0.0.1:8000/")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host (GitHub Pages) would: under the path of
    its site_url, text compressed with gzip when asked, and 404.html, with
    status 404, for an address the site does not have."""

    COMPRESS = (".html", ".js", ".css", ".json", ".svg", ".ipynb", ".xml", ".txt")
    PREFIX = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if path.startswith(self.PREFIX):
            path = "/" + path[len(self.PREFIX):]
        return super().translate_path(path)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in self.COMPRESS):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):  # the browser moved on
            pass


def serve(site, prefix):
    QuietHandler.PREFIX = prefix
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def typeset(page):
    page.evaluate("window.MathJax && MathJax.startup ? MathJax.startup.promise : null")


def axe_violations(page, axe):
    page.add_script_tag(path=str(axe))
    return page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => `${v.id} (${v.impact}, ${v.nodes.length}x: ${v.nodes[0].target.join(' ')})`))"
    )


def notebook_problems(site, notebook, url):
    problems = []
    if not notebook.get("cells"):
        return [f"{url} is not a notebook"]
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for target in re.findall(r"\]\(([^)\s]+)\)", "".join(cell["source"])):
            if target.endswith(".md") or ".md#" in target:
                problems.append(f"{url}: a link to a source file, {target}")
            elif not re.match(r"^[a-z]+:", target) and not target.startswith("#"):
                problems.append(f"{url}: a relative link, dead once downloaded, {target}")
            elif target.startswith(SITE_URL):
                path = target[len(SITE_URL):].split("#")[0]
                if not (site / path).is_file():
                    problems.append(f"{url}: a link to a missing page, {target}")
    return problems


def check_page(browser, site, rel, base, axe):
    url = base + rel
    problems, foreign, errors, loaded = [], [], [], []
    page = browser.new_page()
    page.set_default_timeout(180_000)  # the print page typesets the whole book
    page.on("request", lambda r: foreign.append(r.url)
            if not (r.url.startswith(base) or r.url.startswith("data:")) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: loaded.append(r))
    page.goto(url, wait_until="networkidle")
    typeset(page)
    formulas = page.locator(".arithmatex").count()
    typeset_count = page.locator(".arithmatex mjx-container").count()
    # A lab's formulas are $...$ in its Markdown cells: count what MathJax
    # made of them, and any dollar left in their text is a formula it missed.
    lab_formulas = page.locator(".jp-RenderedMarkdown mjx-container").count()
    formulas += lab_formulas
    typeset_count += lab_formulas
    untypeset = page.evaluate(r"""() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const left = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (element.closest(".jp-RenderedMarkdown") && !element.closest("code, pre, mjx-container")
            && node.textContent.includes("$")) left.push(node.textContent.trim().slice(0, 60));
      }
      return left;
    }""")
    broken = page.locator("mjx-merror, mjx-container [data-mjx-error]").count()
    ok = [r for r in loaded if r.ok and r.request.method == "GET"]
    first_load = sum(r.request.sizes()["responseBodySize"] for r in ok)  # as transferred
    uncompressed = sum(len(r.body()) for r in ok)
    for link in page.locator("a[download]").all():
        target = base + urljoin(rel, link.get_attribute("href"))
        response = page.request.get(target)
        if not response.ok:
            problems.append(f"download {target} is missing")
            continue
        problems += notebook_problems(site, json.loads(response.text()), target)
    problems += [f"light scheme: {v}" for v in axe_violations(page, axe)]
    page.close()

    dark = browser.new_page(color_scheme="dark")
    dark.set_default_timeout(180_000)
    dark.goto(url, wait_until="networkidle")
    typeset(dark)
    problems += [f"dark scheme: {v}" for v in axe_violations(dark, axe)]
    dark.close()

    phone = browser.new_page(viewport=PHONE)
    phone.set_default_timeout(180_000)
    phone.goto(url, wait_until="networkidle")
    typeset(phone)
    phone.wait_for_timeout(800)  # Material wraps wide tables after loading
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    phone.close()

    size = (site / rel).stat().st_size
    limit = NOTEBOOK_PAGE_LIMIT if "jupyter" in (site / rel).read_text(errors="ignore")[:50_000] else HTML_LIMIT
    if rel == PRINT_PAGE:
        limit = PRINT_PAGE_LIMIT
    if foreign:
        problems.append(f"requests to other hosts: {sorted(set(foreign))}")
    if typeset_count < formulas:
        problems.append(f"{formulas - typeset_count} of {formulas} formulas not typeset")
    if untypeset:
        problems.append(f"{len(untypeset)} lab formulas left as TeX, first: {untypeset[0]!r}")
    if broken:
        problems.append(f"{broken} MathJax errors")
    if errors:
        problems.append(f"console errors: {errors}")
    if size > limit:
        problems.append(f"HTML of {size / 1e3:.0f} KB, above {limit / 1e3:.0f} KB")
    if first_load > FIRST_LOAD_LIMIT and rel != PRINT_PAGE:
        problems.append(f"first load of {first_load / 1e6:.2f} MB, above {FIRST_LOAD_LIMIT / 1e6} MB")
    if overflow > 0:
        problems.append(f"at 390 px the page scrolls sideways by {overflow} px")
    summary = (f"{formulas} formulas, {size / 1e3:.0f} KB HTML, first load {first_load / 1e6:.2f} MB "
               f"transferred ({uncompressed / 1e6:.2f} MB uncompressed)")
    return summary, problems


def anchor_problems(site, pages):
    """Every link between the site's pages to an anchor finds an element with that id."""
    ids = {rel: set(re.findall(r'\bid="([^"]+)"', (site / rel).read_text(encoding="utf-8")))
           for rel in pages}
    problems = []
    for rel in pages:
        html = (site / rel).read_text(encoding="utf-8")
        for target, anchor in sorted(set(re.findall(r'href="([^":#]*)#([^"]+)"', html))):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target)) if target else rel
            anchor = unquote(anchor)
            if path in ids and anchor not in ids[path]:
                problems.append(f"{rel}: a link to {target or rel}#{anchor}, which has no such id")
    return problems


def check_missing_address(browser, base):
    """An address the site lacks, two folders deep, shows the styled 404 page."""
    page = browser.new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url)
            if r.status >= 400 and r.request.resource_type != "document" else None)
    response = page.goto(base + "no/such/page.html", wait_until="networkidle")
    problems = []
    if response.status != 404 or "This page is not in the book" not in page.content():
        problems.append(f"a missing address answered {response.status} without the 404 page")
    if failed or page.locator("article a[href$='k-means.html']").count() == 0:
        problems.append(f"the 404 page lost its styles or chapter links: {failed}")
    page.close()
    return problems


def check_equation_link(browser, base):
    """From the notation page, follow the link to equation (1.6): it must be in view."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base + "notation.html", wait_until="networkidle")
    page.locator('a[href*="#eq-1.6"]').first.click()
    page.wait_for_load_state("networkidle")
    typeset(page)
    page.wait_for_timeout(300)
    box = page.locator("#eq-1\\.6").bounding_box()
    page.close()
    if box is None or not (0 <= box["y"] <= 800 - box["height"]):
        return [f"the link to equation (1.6) did not bring it into view: {box}"]
    return []


def check_offline(browser, site):
    """Opened from disk: a navigation link works and search finds the network chapter."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "index.html").resolve().as_uri(), wait_until="load")
    page.locator('nav a[href$="linear-regression.html"]').first.click()
    page.wait_for_load_state("load")
    problems = [] if page.url.endswith("linear-regression.html") else [f"navigation from disk went to {page.url}"]
    page.locator(".md-search__input").click()
    page.keyboard.type("backpropagation", delay=20)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        hits = page.locator(".md-search-result__item").count()
    except Exception:  # noqa: BLE001 (any failure to show results is the finding)
        hits = 0
    if not hits:
        problems.append("search from disk (file://) found nothing for 'backpropagation'")
    if errors:
        problems.append(f"errors from disk: {errors}")
    page.close()
    return problems, hits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--axe", type=Path, required=True, help="path to axe.min.js")
    parser.add_argument("--screenshot", nargs=2, metavar=("PAGE", "OUT"))
    parser.add_argument("--only", nargs="+", metavar="PAGE",
                        help="check these pages (site paths, e.g. 404.html) and not all")
    parser.add_argument("--browser", default=shutil.which("chromium"),
                        help="a Chromium or Chrome executable (default: chromium on PATH)")
    args = parser.parse_args()
    chromium = args.browser
    if chromium is None:
        sys.exit("chromium is not installed: apt-get install -y chromium, or pass --browser")
    prefix = urlsplit(SITE_URL).path.rstrip("/") + "/"
    server = serve(args.site, prefix)
    base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    pages = sorted(p.relative_to(args.site).as_posix() for p in args.site.rglob("*.html"))
    checked = args.only or pages
    failed = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=FLAGS)
        for rel in checked:
            summary, problems = check_page(browser, args.site, rel, base, args.axe)
            print(f"{rel}: {summary}: " + ("ok" if not problems else "FAIL\n    " + "\n    ".join(problems)))
            failed += bool(problems)
        site_problems = anchor_problems(args.site, pages)
        site_problems += check_missing_address(browser, base)
        site_problems += check_equation_link(browser, base)
        offline_problems, hits = check_offline(browser, args.site)
        site_problems += offline_problems
        print(f"anchors, 404 page, equation link and file:// reading ({hits} search results): "
              + ("ok" if not site_problems else "FAIL\n    " + "\n    ".join(site_problems)))
        if args.screenshot:
            rel, out = args.screenshot
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + rel, wait_until="networkidle")
            typeset(page)
            page.screenshot(path=out)
        browser.close()
    server.shutdown()
    print(f"{len(checked) - failed} pages passed, {failed} failed")
    sys.exit(1 if failed or site_problems else 0)


if __name__ == "__main__":
    main()
