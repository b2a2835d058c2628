r"""The whole book on one page, for printing (to paper or to PDF).

After the site is built, :func:`assemble` takes the article of every chapter
page, in the order of the navigation, and puts it into the print page, so the
print page shows exactly what the chapters show (outputs, figures, typeset
math) and nothing is built twice. To make many pages one:

- every id a chapter defines gets the chapter's prefix (``k-means--exercises``),
  except equation ids (``eq-7.3``), which are unique across the book already
  (the build checks it) and so keep working as citations;
- a link to a place in a chapter of the print page becomes a link within the
  print page; a link to any other page (the API reference) and every image
  source are rewritten relative to the print page;
- MathJax labels (``\label{eq:cost}``) are per page, and several chapters use
  the same ones: they get the chapter's prefix too, with the ``\eqref`` that
  cite them;
- every collapsed box opens (exercise solutions), except "how to cite", which
  is left out with the notebook download line; figures load at once, not
  lazily, so that the print has them all.

Plain string work on the HTML the build itself wrote; no parser needed.
"""

import html
import posixpath
import re
from urllib.parse import urlsplit

_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_LINK = re.compile(r'\b(href|src)="([^"]*)"')
_TEX_REF = re.compile(r"\\(label|eqref|ref)\{([^}]*)\}")
_DROP = [
    re.compile(r'<a [^>]*class="md-content__button md-icon"[^>]*>.*?</a>', re.S),  # edit
    re.compile(r'<p class="mlbook-notebook">.*?</p>', re.S),
    re.compile(r'<details class="quote">\s*<summary>(?:How to cite this chapter|如何引用本章)</summary>'
               r".*?</details>", re.S),
]
_MARKER = '<div class="mlbook-print-book">'


def slug(url):
    """The id prefix of the page at site URL ``url``: ``unsupervised/k-means/`` -> ``k-means``."""
    segments = [part for part in url.split("/") if part]
    return segments[-1].removesuffix(".html") if segments else "home"


def _resolve(page_url, reference):
    """The site URL that ``reference``, written in the page at ``page_url``, names."""
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    joined = posixpath.normpath(posixpath.join(folder, reference or "."))
    if joined == ".":
        return ""
    return joined + "/" if reference.endswith("/") or reference in ("", ".") else joined


def _relative(target, from_url):
    """The site URL ``target`` as a link written in the page at ``from_url``."""
    folder = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    relative = posixpath.relpath(target or ".", folder or ".")
    return relative + "/" if target.endswith("/") or not target else relative


def chapter(html, page_url, print_url, prefixes):
    """The article of the page at ``page_url`` rewritten for the print page.

    ``prefixes`` maps the site URL of every page the print page holds to its id
    prefix; this page's own URL must be one of them.
    """
    found = _ARTICLE.search(html)
    if found is None:
        raise ValueError(f"no <article> in the page at {page_url!r}")
    body = found[2]
    for pattern in _DROP:
        body = pattern.sub("", body)
    own = prefixes[page_url]

    def new_id(prefix, name):
        return name if name.startswith("eq-") else f"{prefix}--{name}"

    body = _ID.sub(lambda m: f'id="{new_id(own, m[1])}"', body)

    def link(match):
        attribute, value = match[1], match[2]
        parts = urlsplit(value)
        if parts.scheme or value.startswith(("/", "mailto:", "data:")):
            return match[0]
        if value.startswith("#"):
            return f'{attribute}="#{new_id(own, value[1:])}"' if value != "#" else match[0]
        target = _resolve(page_url, parts.path)
        if attribute == "href" and target in prefixes:
            fragment = parts.fragment
            inside = new_id(prefixes[target], fragment) if fragment else prefixes[target]
            return f'{attribute}="#{inside}"'
        rewritten = _relative(target, print_url)
        if parts.fragment:
            rewritten += "#" + parts.fragment
        return f'{attribute}="{rewritten}"'

    body = _LINK.sub(link, body)
    body = _TEX_REF.sub(lambda m: f"\\{m[1]}{{{own}:{m[2]}}}", body)
    body = body.replace('<details class="', '<details open class="')
    body = body.replace(' loading="lazy"', "")
    return f'<section class="mlbook-print-chapter" id="{own}">{body}</section>'


_FRONT_WORDS = {
    "en": {"edition": "Edition {version}, {date}", "contents": "Contents",
           "cite": "How to cite this book", "edition_in": "edition",
           "stays": "An equation is cited by its number, which stays the same in every edition."},
    "zh": {"edition": "{version} 版（{date}）", "contents": "目录", "cite": "如何引用本书",
           "edition_in": "版本",
           "stays": "引用公式时写出它的编号：同一个公式在各个版本中编号不变。"},
}


def front_matter(book, chapters, lang="en"):
    """A title page, the contents and how to cite the book, as HTML.

    ``book`` has the keys title, author, version, date and address (the
    site's address, or None); ``chapters`` is a list of ``(id, title)``.
    """
    e, words = html.escape, _FRONT_WORDS[lang]
    address = book.get("address")
    title = (f'<section class="mlbook-print-title">'
             f'<p class="mlbook-print-booktitle">{e(book["title"])}</p>'
             f'<p>{e(book["author"])}</p>'
             f'<p>{e(words["edition"].format(version=book["version"], date=book["date"]))}</p>'
             + (f'<p><a href="{e(address)}">{e(address)}</a></p>' if address else "")
             + "</section>")
    contents = (f'<nav class="mlbook-print-contents" aria-label="{words["contents"]}">'
                f'<h2 id="contents">{words["contents"]}</h2><ol>'
                + "".join(f'<li><a href="#{e(anchor)}">{e(name)}</a></li>' for anchor, name in chapters)
                + "</ol></nav>")
    year = book["date"][:4]
    bibtex = "\n".join([
        "@book{mlbook,",
        f"  title     = {{{book['title']}}},",
        f"  author    = {{{{{book['author']}}}}},",
        f"  publisher = {{{book['author']}}},",
        f"  edition   = {{{book['version']}}},",
        f"  year      = {{{year}}},",
        *([f"  url       = {{{address}}},"] if address else []),
        "}",
    ])
    cite = (f'<section class="mlbook-print-cite"><h2 id="how-to-cite">{words["cite"]}</h2>'
            f'<p>{e(book["author"])} ({year}). <em>{e(book["title"])}</em>, {words["edition_in"]} '
            f'{e(book["version"])}' + (f", {e(address)}" if address else "") + ".</p>"
            f'<p>{words["stays"]}</p>'
            f'<pre><code>{e(bibtex)}</code></pre></section>')
    return title + contents + cite


def assemble(print_html, chapters, print_url, front=""):
    """The print page's HTML with the ``chapters`` appended to its own article,
    and ``front`` (see :func:`front_matter`) before everything else in it.

    ``chapters`` is a list of ``(page_url, page_html)`` in reading order.
    """
    prefixes = {}
    for url, _ in chapters:
        prefix = slug(url)
        while prefix in prefixes.values():
            prefix += "-"
        prefixes[url] = prefix
    book = "".join(chapter(page, url, print_url, prefixes) for url, page in chapters)
    found = _ARTICLE.search(print_html)
    if found is None:
        raise ValueError("no <article> in the print page")
    return (print_html[: found.start(2)] + front + print_html[found.start(2): found.start(3)]
            + _MARKER + book + "</div>" + print_html[found.start(3):])
