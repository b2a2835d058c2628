"""MkDocs hook: the thin adapter between MkDocs and the page engine.

The engine is the plain package ``overrides/bookengine`` (tested on its own,
and kept out of MkDocs so that a move to another generator keeps it). This
hook only connects it to MkDocs' events:

- ``on_files``: check every equation citation of the book, then start running
  every page that has ``python`` fences, all at once, each in a fresh
  interpreter (``bookengine.runner``), unless an up-to-date cached run exists
  (never with ``CI`` set).
- ``on_page_markdown``: wait for the page's run and put its outputs, tables
  and figures under its fences (``bookengine.render``), with a link to the
  page as a notebook, the versions it ran with, and how to cite it. A failing
  block or a number in the prose that no block prints stops ``mkdocs build``;
  under ``mkdocs serve`` the page shows the error instead.
- ``on_page_content``: static anchors for numbered equations; lighter code
  markup (``bookengine.lighten``); in the API reference, links from
  docstrings to equations and entries (``bookengine.api``).
- ``on_post_build``: write the figures and notebooks next to their pages,
  strip TeX from the search index, assemble the whole book on the print page
  (``bookengine.printbook``).
"""

import dataclasses
import json
import os
import posixpath
import re
import sys
from datetime import date
from pathlib import Path

import yaml
from html import escape as html_escape, unescape as html_unescape
from mkdocs.exceptions import PluginError
from mkdocs.utils import meta

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # overrides/, for bookengine
from bookengine import api  # noqa: E402
from bookengine import notebook as nb  # noqa: E402
from bookengine import printbook  # noqa: E402
from bookengine import render as rd  # noqa: E402
from bookengine import runner  # noqa: E402
from bookengine import translation  # noqa: E402
from bookengine.checks import citation_problems, equations, unbacked_numbers  # noqa: E402
from bookengine.equations import link_eqrefs, wrap_equations  # noqa: E402
from bookengine.lighten import unwrap_plain_spans  # noqa: E402
from bookengine.fences import find_fences  # noqa: E402

_STATE = {"serve": False, "runs": {}, "keys": {}, "tags": set(), "writes": {},
          "reference": {}, "index": {}, "module_urls": {}, "equation_urls": {},
          "book": [], "print": None, "labs": [], "docs": "docs", "cache_root": None,
          "edition": {}, "site_url": None}
PRINT_PAGE = "print.md"  # the whole book on one page; see bookengine/printbook.py


def _root(config):
    return Path(config.config_file_path).resolve().parent


def _lang(config):
    theme = getattr(config, "theme", None)
    return theme["language"] if theme else "en"


def _use_cache():
    return not os.environ.get("CI")


def _docs(config):
    """The pages' folder relative to the repository: ``docs`` (``docs-zh`` for
    the Chinese edition, mkdocs.zh.yml), the prefix of the paths in messages."""
    docs_dir = getattr(config, "docs_dir", None)
    if docs_dir is None:
        return "docs"
    return Path(docs_dir).resolve().relative_to(_root(config).resolve()).as_posix()


def _cache_root(config):
    """Where the page cache lives: ``.cache/execute/`` for the English book; an
    edition with pages of its own keeps its entries apart (``.cache/docs-zh/``),
    so that its build neither reads nor prunes the English book's entries."""
    root, docs = _root(config), _docs(config)
    return root if docs == "docs" else root / ".cache" / docs


def on_startup(command, **kwargs):
    _STATE["serve"] = command == "serve"


def edition(root):
    """The book's edition, from CITATION.cff: {"version": "0.1.0", "date": "2026-11-27"}."""
    cff = yaml.safe_load((Path(root) / "CITATION.cff").read_text(encoding="utf-8"))
    return {"version": str(cff["version"]), "date": str(cff["date-released"]),
            "title": cff["title"], "author": cff["authors"][0]["name"]}


def on_config(config, **kwargs):
    # Every page's footer shows the edition (overrides/theme/partials/copyright.html).
    config.extra["edition"] = _STATE["edition"] = edition(_root(config))
    _STATE["site_url"] = config.site_url
    return config


def on_files(files, config, **kwargs):
    root = _root(config)
    pages = {f.src_uri: Path(f.abs_src_path).read_text(encoding="utf-8")
             for f in files if f.src_uri.endswith(".md") and f.abs_src_path}
    sources = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
               for p in sorted((root / "mlbook").rglob("*.py"))}
    cited = dict(pages, **_english_pages(config, pages))
    # The English pages' own citations are the English build's to check.
    problems = [p for p in citation_problems(cited, sources) if not p.startswith("en:")]
    if problems:
        raise PluginError("Broken equation citations:\n" + "\n".join(problems))
    _STATE["tags"] = {eq.tag for page, text in cited.items() for eq in equations(text, page)}
    _link_reference_and_chapters(pages, files)
    _STATE["runs"], _STATE["keys"], _STATE["writes"] = {}, {}, {}
    todo = {}
    _STATE["reused"] = set()
    for src, markdown in pages.items():
        # What MkDocs passes to on_page_markdown: the page without its front
        # matter (a translated page has one), so that the run fits what is shown.
        markdown = meta.get_data(markdown)[0]
        if not any(fence.runnable for fence in find_fences(markdown)):
            continue
        key = _STATE["keys"][src] = runner.cache_key(markdown, root)
        if _use_cache():
            hit = runner.cached(_cache_root(config), src, key)
            if hit is not None:
                _STATE["runs"][src] = (markdown, hit)
                continue
        reused = _english_run(config, src, markdown)
        if reused is not None:
            _STATE["runs"][src] = (markdown, reused)
            _STATE["reused"].add(src)
            continue
        todo[src] = markdown
    docs = _STATE["docs"] = _docs(config)
    if _STATE["reused"] or docs != "docs":
        print(f"INFO    -  {docs}: {len(_STATE['reused'])} pages reuse the English run of the "
              f"same code; {len(todo)} run", file=sys.stderr, flush=True)
    _STATE["cache_root"] = _cache_root(config)
    futures = runner.run_pages({f"{docs}/{src}": md for src, md in todo.items()}, root)
    for src, markdown in todo.items():
        _STATE["runs"][src] = (markdown, futures[f"{docs}/{src}"])
    runner.prune(_cache_root(config), [src for src in pages if src in _STATE["runs"]])
    return files


def _english_run(config, src, markdown):
    """For a page of the Chinese edition whose runnable code is its English
    original's, character for character: the English build's run of that
    page (stored under the English page's key, so only a run of exactly this
    code with these sources), its outputs moved to this page's fences. The
    Chinese build then runs only pages whose code differs. None otherwise."""
    root = _root(config)
    english = root / "docs" / src
    if _docs(config) == "docs" or not english.is_file():
        return None
    english = meta.get_data(english.read_text(encoding="utf-8"))[0]
    en_fences = [f for f in find_fences(english) if f.runnable]
    zh_fences = [f for f in find_fences(markdown) if f.runnable]
    if [f.code for f in en_fences] != [f.code for f in zh_fences]:
        return None
    run = runner.cached(root, src, runner.cache_key(english, root))
    if run is None or run.error:
        return None
    run.blocks = {zh.start: run.blocks[en.start]
                  for en, zh in zip(en_fences, zh_fences) if en.start in run.blocks}
    return run


def _translated_figures(run, page, path):
    """The run with the figure captions and alt texts of a translated page's
    front matter (``figures: {1: {caption: ..., alt: ...}}``, by the figures'
    numbers on the page); the code, and so the English run, keeps the English
    strings."""
    wanted = (getattr(page, "meta", None) or {}).get("figures") or {}
    figures = [f for block in run.blocks.values() for f in block.figures]
    unknown = [n for n in wanted if not (isinstance(n, int) and 1 <= n <= len(figures))]
    if unknown:
        raise PluginError(f"{path}: front matter 'figures' names figure(s) {unknown}; "
                          f"the page draws {len(figures)} (number them 1 to {len(figures)})")
    if not wanted:
        return run
    number, blocks = 0, {}
    for start, block in sorted(run.blocks.items()):
        shown = []
        for figure in block.figures:
            number += 1
            text = wanted.get(number) or {}
            caption, alt = text.get("caption", figure.caption), text.get("alt", figure.alt)
            # A number in a translated caption or alt text is one the code put
            # in the English one (an f-string): when the data change, the
            # build fails instead of keeping an old number.
            printed = set(translation.prose_numbers(figure.caption + "\n" + figure.alt))
            typed = set(translation.prose_numbers(caption + "\n" + alt)) - printed
            if typed:
                raise PluginError(f"{path}: figure {number}'s translated caption or alt text has "
                                  f"{sorted(typed)}, which its English one (as the code drew it "
                                  f"now) does not: {figure.caption!r} / {figure.alt!r}")
            shown.append(dataclasses.replace(figure, caption=caption, alt=alt))
        blocks[start] = dataclasses.replace(block, figures=shown)
    return dataclasses.replace(run, blocks=blocks)


def _english_pages(config, pages):
    """For the Chinese edition (docs-zh/): the English pages it has not
    translated, as ``en:path``, the way its pages link to them
    (``[(1.6)](en:linear-models/linear-regression.md#eq-1.6)``), so that its
    citations, and the docstrings', are checked against the whole book. None
    for the English book."""
    english = _root(config) / "docs"
    if _docs(config) == "docs":
        return {}
    return {f"en:{p.relative_to(english).as_posix()}": p.read_text(encoding="utf-8")
            for p in sorted(english.rglob("*.md"))
            if p.relative_to(english).as_posix() not in pages}


def on_nav(nav, config, files, **kwargs):
    # The print page holds every page of the navigation but itself, the API
    # reference and the labs: a lab is a notebook to work in (its page offers
    # the download), and its page's look comes from the JupyterLab styles that
    # mkdocs-jupyter inlines in it alone.
    _STATE["book"] = [page.file for page in nav.pages
                      if page.file.src_uri != PRINT_PAGE
                      and page.file.src_uri not in _STATE["reference"]
                      and not page.file.src_uri.endswith(".ipynb")]
    _STATE["print"] = files.get_file_from_path(PRINT_PAGE)
    _STATE["labs"] = [page.file for page in nav.pages if page.file.src_uri.endswith(".ipynb")]
    return nav


def _print_book(site_dir, lang="en", title=None):
    printed = _STATE["print"]
    if printed is None:
        return
    site = Path(site_dir)
    target = site / printed.dest_uri
    chapters = [(f.url, (site / f.dest_uri).read_text(encoding="utf-8")) for f in _STATE["book"]]
    book = dict(_STATE["edition"], address=_STATE["site_url"])
    if title:  # the Chinese edition is cited by its own title
        book["title"] = title
    contents = [(printbook.slug(f.url), getattr(getattr(f, "page", None), "title", None) or f.name)
                for f in _STATE["book"]]
    target.write_text(printbook.assemble(target.read_text(encoding="utf-8"), chapters,
                                         printed.url, printbook.front_matter(book, contents, lang)),
                      encoding="utf-8")


def _url(files, path):
    file = files.get_file_from_path(path)
    return file.url if file is not None else None


def _link_reference_and_chapters(pages, files):
    reference = api.reference_pages(pages)  # module -> its API page
    _STATE["reference"] = set(reference.values())
    _STATE["index"] = api.entries(reference)
    _STATE["module_urls"] = {module: _url(files, path) for module, path in reference.items()}
    _STATE["equation_urls"] = {eq.tag: _url(files, page) for page, text in pages.items()
                               for eq in equations(text, page)}


def _run_of(src, markdown, root):
    ran_on, run = _STATE["runs"][src]
    if hasattr(run, "result"):  # a future: wait for it, and keep it if nothing changed
        run = run.result()
        # Stored with CI set too (a CI build only never reads the cache): the
        # Chinese build reuses the English run of identical code (_english_run).
        if not run.error and runner.cache_key(ran_on, root) == _STATE["keys"][src]:
            runner.store(_STATE["cache_root"], src, _STATE["keys"][src], run)
        _STATE["runs"][src] = (ran_on, run)
    if ran_on != markdown:  # another plugin changed the page: run what is shown
        run = runner.run_page(markdown, f"{_STATE['docs']}/{src}", root)
    return run


def _fail(page_path, message, markdown, extra_lines):
    if not _STATE["serve"]:
        raise PluginError(message)
    # Under `mkdocs serve` the page shows the error, and the terminal says it
    # too (on stderr, outside MkDocs' logger, whose warnings would stop a
    # strict serve from serving the page that explains them).
    print(f"ERROR   -  {message.rstrip()}", file=sys.stderr, flush=True)
    return rd.insert_after_title(markdown, extra_lines)


def _site_url_of(config, files):
    base = (config.site_url or "").rstrip("/") + "/" if config.site_url else None

    def url_of(docs_path):
        if docs_path.startswith("en:"):  # the English edition, one folder up
            if base is None:
                return None
            english = base[:-len("zh/")] if base.endswith("/zh/") else base
            return english + re.sub(r"\.md$", ".html", docs_path[3:])
        file = files.get_file_from_path(docs_path)
        if file is None or base is None:
            return None
        return base + file.url

    return url_of


def _citation(config, page, url):
    root = _root(config)
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    year = str(cff.get("date-released", date.today()))[:4]
    key = "mlbook:" + Path(page.file.src_uri).stem
    zh = _lang(config) == "zh"
    lines = [
        '??? quote "如何引用本章"' if zh else '??? quote "How to cite this chapter"',
        "",
        "    作为本书的一章（BibTeX）：" if zh else "    As a chapter of the book (BibTeX):",
        "",
        "    ```bibtex",
        f"    @incollection{{{key},",
        f"      title     = {{{page.title}}},",
        f"      booktitle = {{{config.site_name if zh else cff['title']}}},",
        f"      author    = {{{{{cff['authors'][0]['name']}}}}},",
        f"      publisher = {{{cff['authors'][0]['name']}}},",
        f"      edition   = {{{cff['version']}}},",
        f"      year      = {{{year}}},",
        *([f"      url       = {{{url}}},"] if url else []),
        "    }",
        "    ```",
        "",
        ("    引用单个公式时，写出它的编号和链接：每个带编号的公式，其编号就是指向它的链接"
         + (f"，例如 `{url}#eq-{_first_tag(page)}`。" if url and _first_tag(page) else "。"))
        if zh else
        ("    One equation is cited by its number and its link: every numbered "
         "equation's number is a link to it"
         + (f", for example `{url}#eq-{_first_tag(page)}`." if url and _first_tag(page) else ".")),
        "",
    ]
    return lines


def _first_tag(page):
    found = equations(Path(page.file.abs_src_path).read_text(encoding="utf-8"), page.file.src_uri)
    return found[0].tag if found else None


def on_page_markdown(markdown, page, config, files, **kwargs):
    src = page.file.src_uri
    if src not in _STATE["runs"]:
        return markdown
    root = _root(config)
    path = f"{_STATE['docs']}/{src}"
    run = _translated_figures(_run_of(src, markdown, root), page, path)
    lang = _lang(config)
    stem = Path(src).stem
    folder = posixpath.dirname(page.file.dest_uri)
    figure_src = lambda number: f"{stem}-figures/figure-{number}.svg"  # noqa: E731
    rendered, shown = rd.render(markdown, run, figure_src, find_fences, lang)
    if run.error:
        error = run.error
        message = (f"{path}:{error['line']}: a python block failed at build time.\n"
                   f"{error['traceback']}")
        rendered = _fail(path, message, rendered, rd.error_lines(error, path))
    else:
        printed = "\n".join(b.output + "\n" + "\n".join(f.caption for f in b.figures)
                            for b in run.blocks.values())
        missing = unbacked_numbers(markdown, printed, _STATE["tags"])
        if missing:
            message = (f"{path}: numbers in the prose that no code block on the page prints. "
                       f"Print (and assert) each one, or rephrase:\n"
                       + "\n".join(f"  {n!r} in: ...{c}..." for n, c in missing))
            rendered = _fail(path, message, rendered, [
                '!!! failure "Numbers in the prose that no code block prints"', "",
                *[f"    - `{n}` in: ...{c}..." for n, c in missing], ""])
    url_of = _site_url_of(config, files)
    writes = _STATE["writes"]
    for number, figure in shown:
        writes[posixpath.join(folder, figure_src(number))] = figure.svg
    notebook = nb.to_notebook(markdown, run, root, page.title or stem, src, url_of,
                              config.repo_url)
    writes[posixpath.join(folder, f"{stem}.ipynb")] = json.dumps(notebook, indent=1)
    versions = ", ".join(f"{name} {version}" for name, version in run.versions.items())
    header = [
        f'<p class="mlbook-notebook"><a href="{stem}.ipynb" download>Download this chapter '
        "as a Jupyter notebook</a>, with the outputs shown here.</p>",
        "",
        f'<p class="mlbook-verified">Its code last ran with {versions}.</p>',
    ] if lang == "en" else [
        f'<p class="mlbook-notebook"><a href="{stem}.ipynb" download>下载本章的 Jupyter '
        "笔记本</a>，含本页显示的输出。</p>",
        "",
        f'<p class="mlbook-verified">本章代码最近一次运行时所用的软件版本：{versions}。</p>',
    ]
    uses = api.uses_lines(markdown, page.file.url, _STATE["index"], _STATE["module_urls"])
    return rd.insert_after_title(rendered, header) + "\n\n" + "\n".join(
        uses + [""] + _citation(config, page, url_of(src)))


def on_page_content(html, page, config, files, **kwargs):
    # Static anchors for numbered equations; see bookengine/equations.py.
    # MkDocs collected the page's anchors before this event: add these, so that
    # its link validation (an error under `strict`) knows them.
    html = unwrap_plain_spans(wrap_equations(html, _lang(config)))
    if page.file.src_uri.endswith(".ipynb"):
        html = nb.lab_page_links(html)
    if page.file.abs_src_path and page.file.src_uri.endswith(".md"):
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        html = link_eqrefs(html, {eq.label: eq.tag for eq in equations(source, page.file.src_uri)
                                  if eq.label})
    if page.file.src_uri in _STATE["reference"]:
        html = api.link_reference(html, page.file.url, _STATE["index"], _STATE["module_urls"],
                                  _STATE["equation_urls"])
    _plain_toc(page.toc)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= set(re.findall(r'class="mlbook-equation" id="([^"]+)"', html))
    return html


def _plain_toc(toc):
    """Headings with math read as text in the table of contents (``$k$ directions``
    is "k directions" there), which MathJax does not typeset."""
    for item in toc or []:
        item.title = html_escape(rd.plain_text(html_unescape(item.title)), quote=False)
        _plain_toc(item.children)


# British spellings the book uses, and the American ones readers also type.
SPELLINGS = {"regularis": "regulariz", "normalis": "normaliz", "optimis": "optimiz",
             "minimis": "minimiz", "maximis": "maximiz", "generalis": "generaliz"}
# A lab (a notebook page) ranks after the chapters: it applies what a chapter
# defines, and its single long document otherwise matches every query.
LAB_BOOST = 0.05


def _spelling_variants(text):
    found = set()
    for british, american in SPELLINGS.items():
        for word in re.findall(rf"\b\w*{british}\w*", text, flags=re.I):
            found.add(re.sub(british, american, word, flags=re.I))
    return " ".join(sorted(found))


def search_terms(root, lang="en"):
    """{term: "page.html#section"} from overrides/search-terms.yml (the Chinese
    edition's: search-terms.zh.yml)."""
    file = Path(root) / "overrides" / ("search-terms.yml" if lang == "en" else f"search-terms.{lang}.yml")
    return yaml.safe_load(file.read_text(encoding="utf-8")) if file.is_file() else {}


def _plain_search_index(site_dir, labs=(), terms=None):
    """Search results show text, not TeX: strip it from the index (and its
    offline copy); index American spellings of the book's British ones; rank
    the labs (site URLs ``labs``) after the chapters."""
    for name in ("search_index.json", "search_index.js"):
        file = Path(site_dir) / "search" / name
        if not file.is_file():
            continue
        text = file.read_text(encoding="utf-8")
        prefix, _, payload = text.partition("{") if name.endswith(".js") else ("", "", text)
        data = json.loads(payload if not prefix else "{" + payload.rstrip().rstrip(";"))
        for doc in data.get("docs", []):
            doc["title"] = rd.plain_text(doc.get("title", ""))
            doc["text"] = rd.search_text(doc.get("text", ""))
            variants = _spelling_variants(doc["title"] + " " + doc["text"])
            if variants:  # searchable, at the end of the text
                doc["text"] += f" ({variants})"
            if doc.get("location", "").split("#")[0] in labs:
                doc["boost"] = LAB_BOOST
        by_location = {doc.get("location"): doc for doc in data.get("docs", [])}
        for term, location in (terms or {}).items():
            if location not in by_location:
                raise PluginError(f"overrides/search-terms.yml: {term!r} names {location}, "
                                  "which is no section of the site (was its heading renamed?)")
            by_location[location].setdefault("tags", []).append(term)
        dumped = json.dumps(data, ensure_ascii=False)
        file.write_text(prefix + dumped + (";" if prefix and payload.rstrip().endswith(";") else ""),
                        encoding="utf-8")


def on_post_build(config, **kwargs):
    for site_path, content in _STATE["writes"].items():
        target = Path(config.site_dir) / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    _plain_search_index(config.site_dir, {file.url for file in _STATE["labs"]},
                        search_terms(_root(config), _lang(config)))
    _print_book(config.site_dir, _lang(config), config.site_name if _lang(config) != "en" else None)
    _absolute_lab_links(config)
    _shared_lab_styles(config)


LAB_STYLES = "assets/jupyter"


def _shared_lab_styles(config):
    # mkdocs-jupyter inlines the same JupyterLab styles, about 600 KB, in every
    # lab page. Each large inline style becomes one file, named by its content,
    # that every lab links to (in the same place, so the cascade is unchanged):
    # the browser loads it once for all labs.
    site = Path(config.site_dir)
    for file in _STATE["labs"]:
        page = site / file.dest_uri
        if page.is_file():
            page.write_text(nb.link_large_styles(page.read_text(encoding="utf-8"), site,
                                                 file.dest_uri, LAB_STYLES), encoding="utf-8")


def _absolute_lab_links(config):
    # mkdocs-jupyter copies each lab next to its page for download, as written;
    # in the copy, links to the book's pages become addresses on the site.
    if not config.site_url:
        return
    base = config.site_url.rstrip("/") + "/"
    for file in _STATE["labs"]:
        target = Path(config.site_dir) / file.src_uri
        if not target.exists():
            continue
        notebook = json.loads(target.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "markdown":
                source = "".join(cell["source"])
                cell["source"] = nb.absolute_site_links(source, file.url, base).splitlines(True)
        target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
