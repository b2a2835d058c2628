"""Open every page of the built site in headless Chromium, offline, as readers would.

Per page, served from 127.0.0.1:
- every request goes to the local server (or is a data: URI); nothing fails
  in the console; MathJax typesets every formula without an error;
- axe-core finds no serious or critical accessibility violation, in the light
  and in the dark scheme;
- the page's HTML is at most 300 KB (a lab's too: its JupyterLab styles are one
  shared file) and its first
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
- opened from disk (file://), pages navigate and search finds a chapter;
- the heaviest chapter on a phone with the CPU slowed 4x: no raw TeX (and no
  formula drawn blank for want of its font) in view 3 s after the page starts
  loading, and the goal of no main-thread task over 200 ms (the best of three
  loads: the machines that run this are shared and noisy). The second is not
  met yet (Material's own script): it is reported, and the check fails past a
  ceiling, which may only come down;
- every display formula fits its box at 1280 px and at the A4 print text
  width (a display that does not fails, named by page and anchor: break it,
  with aligned or a second line for shape notes);
- no raw TeX in the navigation, the table of contents or search results;
- no text in a figure smaller than 9 px as displayed at 1280 px (from the
  SVG's glyph sizes and the width the image is drawn at);
- each learner query (overrides/search-terms.yml) finds its defining section
  first, and so does each Chinese query in the Chinese edition (site/zh/,
  overrides/search-terms.zh.yml);
- on every page, no character of the text is drawn as a missing glyph (the
  check machine has a CJK font, as a Chinese reader's has).

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

import yaml
from playwright.sync_api import sync_playwright

FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HTML_LIMIT = 300_000
NOTEBOOK_PAGE_LIMIT = 300_000  # the JupyterLab styles are one shared file
PRINT_PAGE = "print.html"  # in each edition: print.html and zh/print.html
PRINT_PAGE_LIMIT = 3_000_000
FIRST_LOAD_LIMIT = 1_500_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# The text width of an A4 sheet with the margins of the site's print style
# (@page in docs/stylesheets/extra.css: 210 mm less 2 x 15 mm), in CSS px.
A4_TEXT = {"width": round(180 / 25.4 * 96), "height": 1000}
MIN_FIGURE_TEXT_PX = 9
# The goal on the heaviest chapter, on a phone with a 4x slower CPU: no raw TeX
# in view after 3 s, no main-thread task over 200 ms (issue 23). The first part
# is met (1.4-2.4 s on 2026-12-07, from 5.2 s) and the check fails past it. The
# second is not: the book's own tasks (MathJax's setup, each batch) mostly
# stay under 200 ms (a batch or the frame after it reaches 200-250 ms now and
# then), but Material's script takes 300-440 ms to start and its
# DOMContentLoaded handler 550-730 ms on this page. The check reports them and
# fails on a task past the ceiling below, which may only come down.
RAW_TEX_DEADLINE_MS = 3000
LONG_TASK_LIMIT_MS = 200
LONG_TASK_CEILING_MS = 1000
OVERFLOW_TOLERANCE_PX = 4  # rounding, and MathJax's 1-px screen-reader copy
# A learner's query and the section that defines it ("page.html#heading-id"):
# the book's index of search terms, which the build also reads.
LEARNER_QUERIES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "overrides" / "search-terms.yml").read_text(encoding="utf-8"))
# The Chinese edition's (site/zh/): the same sections, typed in Chinese.
CHINESE_QUERIES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "overrides" / "search-terms.zh.yml").read_text(encoding="utf-8"))
CHINESE_FOLDER = "zh/"
# The site_url the site was built with (mkdocs.yml reads the same variable).
SITE_URL = os.environ.get("MLBOOK_SITE_URL", "http://127.0.0.1:8000/")


def is_print_page(rel):
    """The whole book on one page, in either edition."""
    return rel in (PRINT_PAGE, CHINESE_FOLDER + PRINT_PAGE)


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
    """Wait until every formula of the page is typeset (docs/javascripts/mathjax.js
    typesets in batches and resolves window.mlbookMath when it is done)."""
    page.evaluate("window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
    page.evaluate("window.mlbookMath || null")


# Before the page's own scripts: record every long main-thread task, and when
# raw TeX was last in view. Before every frame the browser draws (in
# requestAnimationFrame, where the frame's layout is due anyway), from the time
# the page starts until every formula is typeset, the probe looks at the
# formulas in view; the page is clean from the first look after the last one
# that found raw TeX (text outside MathJax's output, in a formula's element,
# still holding a TeX delimiter; __mlbookDirty lists those looks). It asks for
# the box of a formula only if the browser is not skipping the block it is in
# (content-visibility, docs/stylesheets/extra.css): asking every formula for
# its box would lay out every block of the page, each frame. An earlier probe
# did that every 100 ms, in tasks of up to 470 ms with the CPU slowed 4x that
# the page itself never runs, and stopped at the first clean look once the page
# was read, missing raw TeX that came into view later.
TIMING_PROBE = r"""
window.__mlbookLong = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__mlbookLong.push([Math.round(e.startTime), Math.round(e.duration)]);
}).observe({type: 'longtask', buffered: true});
window.__mlbookClean = null;
window.__mlbookDirty = [];
function inView() {
  const found = [];
  for (const el of document.querySelectorAll('.arithmatex, .jp-RenderedMarkdown')) {
    if (!el.checkVisibility({contentVisibilityAuto: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.bottom < 0 || r.top > innerHeight || r.width === 0 || r.height === 0) continue;
    found.push(el);
  }
  return found;
}
function raw(el) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('mjx-container, code, pre')) continue;
    if (/\\[(\[]|\$/.test(n.textContent)) return true;
  }
  return false;
}
// A formula typeset before its font has arrived is drawn blank: a formula in
// view whose characters use one of MathJax's fonts still loading does not
// count as clean either. A character of class TEX-I is drawn in the family
// MJXTEX-I, one without a TEX- class in MJXTEX, and every one with MJXZERO.
function blank(shown) {
  const loading = new Set([...document.fonts].filter((f) => f.status === 'loading').map((f) => f.family.replace(/"/g, '')));
  if (![...loading].some((family) => family.startsWith('MJX'))) return false;
  for (const el of shown) {
    for (const c of el.querySelectorAll('mjx-c')) {
      const variant = /(?:^|\s)TEX-(\S+)/.exec(c.className);
      if (loading.has('MJXZERO') || loading.has(variant ? 'MJXTEX-' + variant[1] : 'MJXTEX')) return true;
    }
  }
  return false;
}
let cleanSince = null, finished = false;
(function frame() {
  const now = Math.round(performance.now());
  const shown = inView();
  const clean = !shown.some(raw) && !blank(shown);
  if (!clean) { cleanSince = null; window.__mlbookDirty.push(now); }
  else if (cleanSince === null) cleanSince = now;
  if (clean && finished) { window.__mlbookClean = cleanSince; return; }
  requestAnimationFrame(frame);
})();
addEventListener('DOMContentLoaded', () => {
  (window.mlbookMath || Promise.resolve()).then(() => { finished = true; });
});
"""


def math_on_a_phone(browser, base, rel, tries=3):
    """Load ``rel`` at phone size with the CPU slowed 4x: (ms until no raw TeX is in
    view, the longest main-thread task in ms, the tasks over 200 ms as (start, ms),
    when DOMContentLoaded started), the best of ``tries`` loads."""
    best = None
    for _ in range(tries):
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.add_init_script(TIMING_PROBE)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.set_default_timeout(300_000)
        page.goto(base + rel, wait_until="load")
        page.wait_for_function("window.__mlbookClean !== null", polling=500)
        typeset(page)
        page.wait_for_timeout(500)
        clean = page.evaluate("window.__mlbookClean")
        tasks = page.evaluate("window.__mlbookLong")
        loaded = page.evaluate("Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventStart)")
        context.close()
        result = (clean, max([d for _, d in tasks] or [0]),
                  [tuple(t) for t in tasks if t[1] > LONG_TASK_LIMIT_MS], loaded)
        best = result if best is None else min(best, result, key=lambda r: (r[0] > RAW_TEX_DEADLINE_MS) + (r[1] > LONG_TASK_LIMIT_MS) + r[1] / 1e6)
        if result[0] <= RAW_TEX_DEADLINE_MS and result[1] <= LONG_TASK_LIMIT_MS:
            break
    return best


# Every display formula whose content is wider than its box: its anchor (the
# equation's id, or the id of the section it is in and its place there, as
# "section~3") and by how many px.
OVERFLOWING_DISPLAYS = r"""(tolerance) => {
  const out = [];
  const counts = {};
  let section = 'top';
  const walker = document.querySelectorAll(
    'article h1[id], article h2[id], article h3[id], article h4[id], article section[id], '
    + 'article div.arithmatex, article .jp-RenderedMarkdown mjx-container[display="true"]');
  for (const el of walker) {
    if (/^H\d$/.test(el.tagName) || el.tagName === 'SECTION') { section = el.id; continue; }
    counts[section] = (counts[section] || 0) + 1;
    const numbered = el.parentElement.closest('.mlbook-equation');
    const anchor = numbered ? numbered.id : section + '~' + counts[section];
    const formula = el.matches('mjx-container') ? el : el.querySelector('mjx-container');
    if (!formula) continue;
    const inner = formula.firstElementChild ? formula.scrollWidth : 0;
    const over = Math.max(el.scrollWidth, inner) - el.clientWidth;
    if (over > tolerance) out.push([anchor, over]);
  }
  return out;
}"""


def overflowing_displays(browser, base, rel, viewport, print_media=False):
    page = browser.new_page(viewport=viewport)
    page.set_default_timeout(600_000)
    if print_media:
        page.emulate_media(media="print")
    page.goto(base + rel, wait_until="load")
    typeset(page)
    page.wait_for_timeout(300)
    found = page.evaluate(OVERFLOWING_DISPLAYS, OVERFLOW_TOLERANCE_PX)
    page.close()
    return found


def overflow_problems(measured):
    """``measured`` maps (page, anchor) to a list of 'where: px' strings."""
    return [f"{page}#{anchor}: a display wider than its box ({', '.join(where)}); "
            "break it (aligned, a second line for shape notes)"
            for (page, anchor), where in sorted(measured.items())]


RAW_TEX_IN_NAVIGATION = r"""() => {
  const found = [];
  for (const el of document.querySelectorAll('.md-nav__link, .md-nav__title, title, .md-header__topic, .md-footer__title')) {
    const text = el.textContent;
    if (/\\[a-zA-Z(\[]|\$/.test(text)) found.push(text.trim().replace(/\s+/g, ' ').slice(0, 60));
  }
  return found;
}"""

FIGURE_SIZES = r"""() => [...document.querySelectorAll('article figure img')].map((img) => {
  const r = img.getBoundingClientRect();
  return [img.getAttribute('src'), r.width];
})"""


def smallest_figure_text(svg, displayed_width):
    """The smallest glyph of an SVG drawn by matplotlib (text as paths,
    ``scale(s -s)`` with s the font size / 100), in px at ``displayed_width``."""
    box = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) [\d.]+"', svg)
    scales = [float(x) for x in re.findall(r"scale\(([\d.]+) -[\d.]+\)", svg)]
    if not box or not scales or not displayed_width:
        return None
    return 100 * min(scales) * displayed_width / float(box[1])


def figure_text_problems(page, base, rel):
    problems = []
    for src, width in page.evaluate(FIGURE_SIZES):
        if not src.endswith(".svg"):
            continue
        response = page.request.get(base + urljoin(rel, src))
        smallest = smallest_figure_text(response.text(), width) if response.ok else None
        if smallest is not None and smallest < MIN_FIGURE_TEXT_PX - 0.05:
            problems.append(f"{src}: text of {smallest:.1f} px at 1280 px (under {MIN_FIGURE_TEXT_PX})")
    return problems


def search_ranking(browser, base, queries=LEARNER_QUERIES):
    """Each learner query's first result, from the site's own search box."""
    prefix = urlsplit(base).path
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base + "index.html", wait_until="networkidle")
    problems, seen = [], []
    for query, expected in queries.items():
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").fill("")
        if query.isascii():
            page.keyboard.type(query, delay=10)
        else:  # typed Chinese starts no search: insert it, then a key press does
            page.keyboard.insert_text(query)
            page.keyboard.press("Space")
            page.keyboard.press("Backspace")
        try:
            page.wait_for_selector(".md-search-result__item", timeout=15_000)
            page.wait_for_timeout(1000)  # the results of the whole query, not of its first letters
            # Results come grouped by page, best first: the page, then its
            # sections in order of score.
            group = page.locator(".md-search-result__item").first
            hrefs = [a.get_attribute("href") or "" for a in group.locator("a").all()]
            snippets = page.locator(".md-search-result__item").all_inner_texts()
        except Exception:  # noqa: BLE001 (no result is the finding)
            hrefs, snippets = [], []
        # Without the ?h= that highlights the terms on the page.
        found = [urlsplit(urljoin(base + "index.html", h)) for h in hrefs]
        found = [f.path[len(prefix):] + (f"#{f.fragment}" if f.fragment else "") for f in found]
        best = found[1] if len(found) > 1 and "#" in expected else (found[0] if found else "")
        seen.append(f"{query!r} -> {best}")
        if best != expected:
            problems.append(f"search {query!r}: first hit {best or 'none'}, not {expected}")
        raw = [t for t in snippets if re.search(r"\\[a-zA-Z]|\\\(|In \[ ?\]:|Copied!", t)]
        if raw:
            problems.append(f"search {query!r}: a result shows TeX or notebook chrome: {raw[0][:80]!r}")
        page.keyboard.press("Escape")
    page.close()
    return problems, seen


# The characters of a page that no installed font can draw: each distinct
# character of the text, drawn on a canvas in the page's own font stack (the
# browser falls back through every installed font, as it does for the text),
# against the box drawn for a code point no font has (U+10FFFD, private use).
MISSING_GLYPHS = r"""() => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 48;
  const g = canvas.getContext("2d", {willReadFrequently: true});
  const family = getComputedStyle(document.body).fontFamily;
  const draw = (ch) => {
    g.clearRect(0, 0, 48, 48);
    g.font = `32px ${family}`;
    g.fillText(ch, 4, 36);
    const alpha = g.getImageData(0, 0, 48, 48).data;
    let sum = 0;
    for (let i = 3; i < alpha.length; i += 4) sum = (sum * 31 + alpha[i] * (i + 1)) % 1000000007;
    return sum;
  };
  const tofu = draw("\u{10FFFD}");
  const chars = new Set([...document.body.innerText].filter((c) => /[^\s\x00-\x7f]/.test(c)));
  return [...chars].filter((c) => draw(c) === tofu);
}"""


def axe_violations(page, axe):
    # axe reads colours from what the browser has drawn, and the browser skips
    # drawing the blocks far from the screen (content-visibility, extra.css),
    # whose colours are the same: draw them all for axe.
    page.add_style_tag(content="* { content-visibility: visible !important; }")
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
    page.set_default_timeout(900_000)  # the print page typesets the whole book
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
    missing = page.evaluate(MISSING_GLYPHS)
    if missing:
        problems.append(f"{len(missing)} characters no installed font draws: {''.join(missing[:20])!r}")
    page.close()

    desktop = browser.new_page(viewport=DESKTOP)
    desktop.set_default_timeout(600_000)
    desktop.goto(url, wait_until="load")
    typeset(desktop)
    problems += [f"raw TeX in the navigation or contents: {t!r}"
                 for t in desktop.evaluate(RAW_TEX_IN_NAVIGATION)]
    problems += figure_text_problems(desktop, base, rel)
    wide = desktop.evaluate(OVERFLOWING_DISPLAYS, OVERFLOW_TOLERANCE_PX)
    desktop.close()

    dark = browser.new_page(color_scheme="dark")
    dark.set_default_timeout(900_000)
    dark.goto(url, wait_until="networkidle")
    typeset(dark)
    problems += [f"dark scheme: {v}" for v in axe_violations(dark, axe)]
    dark.close()

    phone = browser.new_page(viewport=PHONE)
    phone.set_default_timeout(900_000)
    phone.goto(url, wait_until="networkidle")
    typeset(phone)
    phone.wait_for_timeout(800)  # Material wraps wide tables after loading
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    phone.close()

    size = (site / rel).stat().st_size
    limit = NOTEBOOK_PAGE_LIMIT if "jupyter" in (site / rel).read_text(errors="ignore")[:50_000] else HTML_LIMIT
    if is_print_page(rel):
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
    if first_load > FIRST_LOAD_LIMIT and not is_print_page(rel):
        problems.append(f"first load of {first_load / 1e6:.2f} MB, above {FIRST_LOAD_LIMIT / 1e6} MB")
    if overflow > 0:
        problems.append(f"at 390 px the page scrolls sideways by {overflow} px")
    summary = (f"{formulas} formulas, {size / 1e3:.0f} KB HTML, first load {first_load / 1e6:.2f} MB "
               f"transferred ({uncompressed / 1e6:.2f} MB uncompressed)")
    return summary, problems, wide


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
        measured = {}
        for rel in checked:
            summary, problems, wide = check_page(browser, args.site, rel, base, args.axe)
            if not is_print_page(rel) and not rel.startswith("api/"):
                for anchor, over in wide:
                    measured.setdefault((rel, anchor), []).append(f"{over} px over at 1280 px")
                # On paper: the print page is these pages, one after another, so
                # each is measured at the A4 text width in print media (faster
                # than the whole book at once, and under the same anchors).
                for anchor, over in overflowing_displays(browser, base, rel, A4_TEXT, True):
                    measured.setdefault((rel, anchor), []).append(f"{over} px over at A4")
            print(f"{rel}: {summary}: " + ("ok" if not problems else "FAIL\n    " + "\n    ".join(problems)))
            failed += bool(problems)
        site_problems = []
        site_problems += overflow_problems(measured)
        print(f"displays wider than their box: {len(measured)}")
        heaviest = max((p for p in pages if not is_print_page(p) and not p.startswith("api/")),
                       key=lambda p: (args.site / p).read_text(encoding="utf-8").count('class="arithmatex"'))
        clean, longest, over, loaded = math_on_a_phone(browser, base, heaviest)
        print(f"{heaviest} on a phone, CPU 4x slower: no raw TeX in view after {clean} ms, "
              f"longest task {longest} ms; tasks over {LONG_TASK_LIMIT_MS} ms (start, ms): "
              f"{over}; DOMContentLoaded at {loaded} ms")
        print(f"  goal: no raw TeX after {RAW_TEX_DEADLINE_MS} ms "
              + ("met" if clean <= RAW_TEX_DEADLINE_MS else "NOT MET")
              + f"; no task over {LONG_TASK_LIMIT_MS} ms "
              + ("met" if longest <= LONG_TASK_LIMIT_MS else
                 f"NOT MET yet (failing past {LONG_TASK_CEILING_MS} ms)"))
        if clean > RAW_TEX_DEADLINE_MS:
            site_problems.append(f"{heaviest}: raw TeX in view {clean} ms after loading (4x slower "
                                 f"CPU), past {RAW_TEX_DEADLINE_MS} ms")
        if longest > LONG_TASK_CEILING_MS:
            site_problems.append(f"{heaviest}: a main-thread task of {longest} ms (4x slower CPU), "
                                 f"past the ceiling of {LONG_TASK_CEILING_MS} ms")
        ranking, seen = search_ranking(browser, base)
        print("learner queries: " + "; ".join(seen))
        site_problems += ranking
        if (args.site / CHINESE_FOLDER / "index.html").is_file():
            ranking, seen = search_ranking(browser, base + CHINESE_FOLDER, CHINESE_QUERIES)
            print("Chinese learner queries: " + "; ".join(seen))
            site_problems += [f"{CHINESE_FOLDER}: {p}" for p in ranking]
        site_problems += anchor_problems(args.site, pages)
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
