"""MkDocs hook: the two editions of the book, English (mkdocs.yml, docs/) and
Chinese (mkdocs.zh.yml, docs-zh/, built into the English site's zh/ folder).

In both builds:

- ``on_page_context``: every page gets a language switch (the template
  ``overrides/theme/partials/alternate.html``) that lands on the same page in
  the other edition. An English page with no Chinese page yet links to the
  Chinese home page, saying so (本页尚无中文版); a page of the Chinese edition
  alone (the glossary) links to the English home page, saying so.

In the Chinese build only:

- ``on_config``: the site's address is the English one plus ``zh/``; the edit
  link points into ``docs-zh/``.
- ``on_files``: the English book's scripts, styles and images (``docs/``
  outside pages) are the Chinese edition's too, unless ``docs-zh/`` has its own.
- ``on_page_markdown``: a page whose English original changed since it was
  translated (``translation_of`` in its front matter, see
  ``bookengine/translation.py``) gets a visible notice, 本页译文落后于英文版,
  with a link to the English page.
- ``on_page_content``: a line break between two Chinese characters is
  removed (browsers show it as a space, which Chinese text does not have);
  ``en:`` links become links to the English pages, checked and marked （英文）.
"""

import logging
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # overrides/, for bookengine
from bookengine import translation  # noqa: E402
from bookengine.render import insert_after_title  # noqa: E402

log = logging.getLogger("mkdocs.plugins.mlbook.language")
EN_DOCS, ZH_DOCS, ZH_FOLDER = "docs", "docs-zh", "zh/"
SHARED = ("javascripts/", "stylesheets/", "assets/")


def _root(config):
    return Path(config.config_file_path).resolve().parent


def _is_zh(config):
    return config.theme["language"] == "zh"


def on_config(config, **kwargs):
    if _is_zh(config):
        if config.site_url and not config.site_url.rstrip("/").endswith("/zh"):
            config.site_url = config.site_url.rstrip("/") + "/" + ZH_FOLDER
        if config.edit_uri:
            config.edit_uri = config.edit_uri.replace(f"/{EN_DOCS}/", f"/{ZH_DOCS}/")
        # The headings' permanent links, titled in Chinese (the extension's
        # settings are the English book's, inherited whole).
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = "本节的永久链接"
    return config


def on_files(files, config, **kwargs):
    if not _is_zh(config):
        return files
    en_docs = _root(config) / EN_DOCS
    for path in sorted(en_docs.rglob("*")):
        uri = path.relative_to(en_docs).as_posix()
        if path.is_file() and uri.startswith(SHARED) and files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def _english_source(config, page):
    if not page.file.src_uri.endswith((".md", ".ipynb")):
        return None
    source = _root(config) / EN_DOCS / page.file.src_uri
    return source if source.is_file() else None


def _to_english(page_dest, english_dest):
    """The link from the Chinese page at ``page_dest`` to the English page."""
    return posixpath.relpath("/" + english_dest, "/" + ZH_FOLDER + posixpath.dirname(page_dest))


def on_page_markdown(markdown, page, config, files, **kwargs):
    if not _is_zh(config):
        return markdown
    english = _english_source(config, page)
    if english is None or english.suffix != ".md":
        return markdown
    zh_text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    if not translation.is_stale(zh_text, english.read_text(encoding="utf-8")):
        return markdown
    url = _to_english(page.file.dest_uri, page.file.dest_uri)
    log.info("%s/%s: the English page changed since it was translated", ZH_DOCS,
             page.file.src_uri)
    return insert_after_title(markdown, translation.stale_notice(url))


def on_page_content(html, page, config, files, **kwargs):
    if not _is_zh(config):
        return html
    html = translation.join_cjk_lines(html)
    english = _english_source(config, page)
    if english is not None and english.suffix == ".ipynb":
        html = _english_lab_anchors(html, page, english)
        # A lab's page is made from its notebook, not from Markdown: its notice goes here.
        zh_text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        if translation.is_stale(zh_text, english.read_text(encoding="utf-8")):
            url = _to_english(page.file.dest_uri, page.file.dest_uri)
            html = "\n".join(translation.stale_notice(url)) + html
    html, problems = translation.english_links(html, page.file.dest_uri,
                                               _root(config) / EN_DOCS)
    for problem in problems:
        log.warning("%s/%s: %s", ZH_DOCS, page.file.src_uri, problem)
    return html


def on_page_context(context, page, config, nav, **kwargs):
    page.meta["mlbook_alternate"] = _alternate(config, page)
    return context


def _alternate(config, page):
    """The other edition's page: {"href", "lang", "name", "note"}."""
    root, dest = _root(config), page.file.dest_uri
    if _is_zh(config):
        if _english_source(config, page) is not None:
            return {"href": _to_english(dest, dest), "lang": "en", "name": "English", "note": ""}
        return {"href": _to_english(dest, "index.html"), "lang": "en", "name": "English",
                "note": "This page exists in the Chinese edition only: the English home page"}
    up = posixpath.relpath("/" + ZH_FOLDER, "/" + posixpath.dirname(dest)) + "/"
    up = up.removeprefix("./")
    if (root / ZH_DOCS / page.file.src_uri).is_file():
        return {"href": up + dest, "lang": "zh", "name": "中文", "note": ""}
    return {"href": up + "index.html", "lang": "zh", "name": "中文",
            "note": "本页尚无中文版：前往中文版首页"}


def _english_lab_anchors(html, page, english):
    """A Chinese lab's headings and its table of contents, given the English
    lab's anchors, heading for heading (as a translated chapter has them).
    nbconvert and the contents slug Chinese headings differently (both drop
    the Chinese, and number the duplicates each its own way), so the
    contents' links led nowhere."""
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens  # noqa: PLC0415

    tokens, _ = _get_nb_toc_tokens(str(english), 6)
    ids = []

    def walk(items):
        for item in items:
            ids.append(item["id"])
            walk(item.get("children", []))

    walk(tokens)
    headings = list(re.finditer(r'<(h[1-6])\b([^>]*?)\sid="([^"]*)"(.*?)</\1>', html, re.S))
    entries = []

    def flatten(items):
        for item in items:
            entries.append(item)
            flatten(item.children)

    flatten(getattr(page, "toc", None) or [])
    if len(headings) != len(ids) or len(entries) != len(ids):
        log.warning("%s/%s: %d headings and %d contents entries, the English lab has %d: "
                    "its anchors are left as they are", ZH_DOCS, page.file.src_uri,
                    len(headings), len(entries), len(ids))
        return html
    for entry, anchor in zip(entries, ids):
        entry.id = anchor
    out, last = [], 0
    for match, anchor in zip(headings, ids):
        inner = match[4].replace(f'href="#{match[3]}"', f'href="#{anchor}"')
        out.append(html[last:match.start()] + f'<{match[1]}{match[2]} id="{anchor}"{inner}</{match[1]}>')
        last = match.end()
    return "".join(out) + html[last:]
