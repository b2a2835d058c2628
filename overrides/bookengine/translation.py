"""The Chinese edition: which English page a translated page follows, and whether
it still does.

A Chinese page lives at the same path in ``docs-zh/`` as its English original
in ``docs/`` and names, in its front matter, the English source it translates
by the start of its SHA-256::

    ---
    translation_of: 3f2a9c01d4e5
    ---

When the English source changes, its hash no longer starts that way: the page
is stale, the build puts a notice at its top (:func:`stale_notice`) and
``.ci/stale_translations.py`` lists it. Updating the translation means
updating the text and then the hash (``.ci/stale_translations.py --hash
PAGE`` prints it).

A Chinese page links to an English page it does not translate with the
``en:`` prefix, ``[线性回归](en:linear-models/linear-regression.md)``: the
build checks that the page (and an ``#eq-`` anchor) exists, turns the link
into the English page's address and marks it "（英文）" so that no English
page passes for a Chinese one (:func:`english_links`).

The code and equations of a translated page are the English page's
(:func:`code_tokens`, :func:`equation_tags`), which the tests compare.

Plain functions of text and paths; nothing here knows MkDocs.
"""

import hashlib
import json
import io
import posixpath
import re
import tokenize
from pathlib import Path

import yaml

HASH_LENGTH = 12
NOTICE_TITLE = "本页译文落后于英文版"
ENGLISH_MARK = "（英文）"
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_EN_LINK = re.compile(r'href="en:([^"#]*)(#[^"]*)?"')


def source_hash(text):
    """The first :data:`HASH_LENGTH` hex digits of the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def front_matter(markdown):
    """The YAML front matter of a page as a dict (empty when there is none)."""
    found = _FRONT.match(markdown)
    return (yaml.safe_load(found[1]) or {}) if found else {}


def _record(markdown, key):
    if markdown.lstrip().startswith("{"):  # a notebook: metadata.mlbook
        value = json.loads(markdown).get("metadata", {}).get("mlbook", {}).get(key)
    else:
        value = front_matter(markdown).get(key)
    return None if value is None else str(value)


def translated_hash(markdown):
    """The hash of the English source a Chinese page says it translates, or None.

    A notebook (JSON) records it in ``metadata.mlbook.translation_of``.
    """
    return _record(markdown, "translation_of")


def reviewed_hash(markdown):
    """The hash of the English source against which a second reader read the
    Chinese page (``reviewed``, beside ``translation_of``), or None."""
    return _record(markdown, "reviewed")


def is_stale(zh_markdown, en_markdown):
    """True when the English source is not the one the Chinese page translates.

    A page that records no ``translation_of`` is a page of the Chinese edition
    alone (the glossary), never stale; a hash shorter than 8 digits is refused,
    since it would match too easily.
    """
    recorded = translated_hash(zh_markdown)
    if recorded is None:
        return False
    if len(recorded) < 8 or not re.fullmatch(r"[0-9a-f]+", recorded):
        raise ValueError(f"translation_of: {recorded!r} is not the start of a SHA-256 "
                         f"(8 or more lowercase hex digits); run .ci/stale_translations.py "
                         f"--hash PAGE for the right value")
    return not hashlib.sha256(en_markdown.encode("utf-8")).hexdigest().startswith(recorded)


def pairs(en_docs, zh_docs):
    """(path, English file, Chinese file) for every Markdown page and notebook of
    ``zh_docs`` that has an English original at the same path in ``en_docs``."""
    en_docs, zh_docs = Path(en_docs), Path(zh_docs)
    for zh in sorted([*zh_docs.rglob("*.md"), *zh_docs.rglob("*.ipynb")]):
        path = zh.relative_to(zh_docs).as_posix()
        en = en_docs / path
        if en.is_file():
            yield path, en, zh


def stale_pages(en_docs, zh_docs):
    """The docs-relative paths of the Chinese pages whose English source changed."""
    return [path for path, en, zh in pairs(en_docs, zh_docs)
            if is_stale(zh.read_text(encoding="utf-8"), en.read_text(encoding="utf-8"))]


def untranslated_pages(en_docs, zh_docs):
    """English pages (Markdown and notebooks, the API reference aside) with no
    Chinese page at the same path."""
    en_docs, zh_docs = Path(en_docs), Path(zh_docs)
    missing = []
    for en in sorted([*en_docs.rglob("*.md"), *en_docs.rglob("*.ipynb")]):
        path = en.relative_to(en_docs).as_posix()
        if path.startswith("api/"):
            continue
        if not (zh_docs / path).is_file():
            missing.append(path)
    return missing


def stale_notice(english_url):
    """The notice put at the top of a stale Chinese page: Material's warning box,
    written as HTML so that it needs no Markdown extension (lines)."""
    return ['<div class="admonition warning mlbook-stale" role="note">',
            f'<p class="admonition-title">{NOTICE_TITLE}</p>',
            f'<p>英文原文在本页翻译之后有过修改，本页可能与之不符。请以<a href="{english_url}" '
            f'hreflang="en">英文版</a>为准。</p>',
            "</div>", ""]


def english_links(html, page_dest, en_docs, exists=None):
    """Turn ``en:`` links in a Chinese page's HTML into links to the English site.

    ``page_dest`` is the Chinese page's path in the Chinese site
    (``index.html``); the Chinese site sits in ``zh/`` of the English one, so
    ``en:linear-models/linear-regression.md`` becomes
    ``../linear-models/linear-regression.html`` from ``zh/index.html``.
    Returns (html, problems): a link to an English page that does not exist,
    or to an equation anchor that page does not have, is a problem.
    """
    from .checks import equations  # noqa: PLC0415 (the engine's own parser)

    en_docs = Path(en_docs)
    problems = []
    depth = posixpath.dirname(page_dest).count("/") + (1 if posixpath.dirname(page_dest) else 0)
    up = "../" * (depth + 1)

    def replace(match):
        path, anchor = match[1], match[2] or ""
        source = en_docs / path
        if not path.endswith((".md", ".ipynb")) or not source.is_file():
            problems.append(f"a link to the English page {path!r}, which does not exist in "
                            f"{en_docs.as_posix()}/")
            return match[0]
        if anchor.startswith("#eq-"):
            tags = {eq.tag for eq in equations(source.read_text(encoding="utf-8"), path)}
            if anchor[4:] not in tags:
                problems.append(f"a link to equation ({anchor[4:]}) of {path}, which has no "
                                f"such equation")
        target = re.sub(r"\.(md|ipynb)$", ".html", path)
        return f'href="{up}{target}{anchor}" hreflang="en" class="mlbook-english"'

    html = _EN_LINK.sub(replace, html)
    # Mark each English link as English, once, after its text.
    html = re.sub(r'(<a href="[^"]*" hreflang="en" class="mlbook-english">.*?</a>)',
                  lambda m: m[1] + f'<span class="mlbook-english-mark">{ENGLISH_MARK}</span>',
                  html, flags=re.S)
    return html, problems


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>[^\n]*)\n(?P<body>.*?)"
                    r"^(?P=indent)(?P=fence)[ \t]*$", re.S | re.M)


def code_blocks(markdown):
    """The ``python`` fences of a page (runnable or listings), in order, as text."""
    return [m["body"] for m in _FENCE.finditer(markdown)
            if m["info"].strip().split(" ")[0] in ("python", "py")]


def code_tokens(source):
    """The tokens of Python ``source``, with the text of every string literal
    replaced by one placeholder and comments dropped: two pages whose code
    differs only in captions, labels and comments give the same list. The
    code inside an f-string's braces, its conversion and its format spec
    (``{cost:.4f}``: what a printed number looks like) count as code."""
    tokens, depth = [], []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        kind = tokenize.tok_name[token.type]
        if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING):
            continue
        if kind in ("FSTRING_START", "TSTRING_START"):  # Python 3.12+
            depth.append(0)
            tokens.append((kind, ""))
        elif kind in ("FSTRING_END", "TSTRING_END"):
            depth.pop()
            tokens.append((kind, ""))
        elif kind in ("FSTRING_MIDDLE", "TSTRING_MIDDLE"):
            # Literal text outside braces; inside them, a format spec.
            tokens.append(("STRING", "…") if not depth[-1] else (kind, token.string))
        elif token.type == tokenize.STRING:
            tokens.append(("STRING", "…"))
            tokens.extend(_fstring_fields(token.string))
        else:
            if depth and token.string in ("{", "}"):
                depth[-1] += 1 if token.string == "{" else -1
            tokens.append((kind, token.string))
    return tokens


def _fstring_fields(literal):
    """The replacement fields of an f-string token (Python 3.11, where the whole
    f-string is one STRING token), as code: ``("FIELD", ast dump)``."""
    import ast  # noqa: PLC0415

    prefix = re.match(r"[A-Za-z]*", literal)[0].lower()
    if "f" not in prefix:
        return []
    fields = []
    for node in ast.walk(ast.parse(literal, mode="eval")):
        if isinstance(node, ast.FormattedValue):
            spec = node.format_spec
            fields.append(("FIELD", ast.dump(node.value) + f"!{node.conversion}:"
                           + (ast.dump(spec) if spec is not None else "")))
    return fields


def equation_tags(markdown, path):
    """The (tag, label) of every numbered equation of a page, in order."""
    from .checks import equations  # noqa: PLC0415

    return [(eq.tag, eq.label) for eq in equations(markdown, path)]


def anchors(markdown):
    """Explicit anchors of a page: ``{#id}`` attributes and ``id="..."``."""
    return sorted({a or b for a, b in re.findall(r'\{#([^} ]+)[^}]*\}|\bid="([^"]+)"', markdown)})


def prose_lines(markdown):
    """The page's lines outside code fences (what a reader reads as text)."""
    from .checks import _outside_code  # noqa: PLC0415

    return list(_outside_code(markdown))


# --- the blocks a translation copies verbatim: code fences and display math -------

_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)<<<BLOCK (?P<n>\d+)>>>[ \t]*$")


def verbatim_spans(markdown):
    """(first, last) line indices (0-based, inclusive) of every fenced block
    (any language) and every ``$$`` display of a page, in order: what a
    translation copies from the English page unchanged."""
    lines, spans, index = markdown.split("\n"), [], 0
    while index < len(lines):
        stripped = lines[index].strip()
        fence = re.match(r"(```+|~~~+)", stripped)
        if fence:
            closing = fence[1]
            end = index + 1
            while end < len(lines) and lines[end].strip() != closing:
                end += 1
            spans.append((index, min(end, len(lines) - 1)))
            index = end + 1
        elif stripped.startswith("$$"):
            end = index
            if stripped == "$$" or not stripped[2:].rstrip().endswith("$$"):
                end = index + 1
                while end < len(lines) and not lines[end].rstrip().endswith("$$"):
                    end += 1
            spans.append((index, min(end, len(lines) - 1)))
            index = end + 1
        else:
            index += 1
    return spans


def skeleton(markdown):
    """The page with each verbatim block replaced by one ``<<<BLOCK n>>>`` line
    (at the block's indentation): the text a translator translates."""
    lines, out, last = markdown.split("\n"), [], 0
    for n, (first, end) in enumerate(verbatim_spans(markdown), 1):
        out.extend(lines[last:first])
        indent = re.match(r"[ \t]*", lines[first])[0]
        out.append(f"{indent}<<<BLOCK {n}>>>")
        last = end + 1
    out.extend(lines[last:])
    return "\n".join(out)


def fill(translated_skeleton, english):
    """A translated skeleton with every ``<<<BLOCK n>>>`` line replaced by the
    English page's block ``n``, byte for byte. Every block must be used once,
    in order."""
    en_lines = english.split("\n")
    blocks = ["\n".join(en_lines[a:b + 1]) for a, b in verbatim_spans(english)]
    out, used = [], []
    for line in translated_skeleton.split("\n"):
        found = _PLACEHOLDER.match(line)
        if found:
            used.append(int(found["n"]))
            out.append(blocks[int(found["n"]) - 1])
        else:
            out.append(line)
    if used != list(range(1, len(blocks) + 1)):
        raise ValueError(f"the translation uses blocks {used}; the English page has "
                         f"{len(blocks)}, each to be used once in order")
    return "\n".join(out)


def sync(chinese, english):
    """The Chinese page with its verbatim blocks replaced by the English page's,
    block for block (after the English code or equations changed); the two
    pages must have the same number of blocks."""
    zh_spans, en_spans = verbatim_spans(chinese), verbatim_spans(english)
    if len(zh_spans) != len(en_spans):
        raise ValueError(f"the Chinese page has {len(zh_spans)} code and display blocks, "
                         f"the English page {len(en_spans)}: copy the new ones by hand")
    zh_lines, en_lines = chinese.split("\n"), english.split("\n")
    out, last = [], 0
    for (a, b), (c, d) in zip(zh_spans, en_spans):
        out.extend(zh_lines[last:a])
        out.extend(en_lines[c:d + 1])
        last = b + 1
    out.extend(zh_lines[last:])
    return "\n".join(out)


def with_hash(chinese, english):
    """The Chinese page with ``translation_of`` set to the English page's hash."""
    value = source_hash(english)
    found = _FRONT.match(chinese)
    if not found:
        return f"---\ntranslation_of: {value}\n---\n\n{chinese.lstrip()}"
    head = found[1]
    if re.search(r"^translation_of:.*$", head, re.M):
        head = re.sub(r"^translation_of:.*$", f"translation_of: {value}", head, flags=re.M)
    else:
        head = f"translation_of: {value}\n{head}"
    return f"---\n{head}\n---\n" + chinese[found.end():]


# A number, a plural or an ordinal ("two 1s", "4th"), not a name with digits ("x2", "float64").
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:[.,]\d+)*(?:e[-+]?\d+)?(?=(?:s|st|nd|rd|th)?(?![A-Za-z0-9_]))")


def prose_numbers(markdown):
    """The numbers a reader reads in a page's prose (front matter and code
    aside), sorted: a translation shows the same ones."""
    body = markdown[_FRONT.match(markdown).end():] if _FRONT.match(markdown) else markdown
    return sorted(n for line in prose_lines(body)
                  for n in _NUMBER.findall(re.sub(r"\{[#.][^}]*\}", "", line)))


# Chinese characters and full-width punctuation: a source line break between
# two of them is no space in Chinese, but browsers (Chromium) draw one.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018-\u201d"
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_PRE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.S)


def join_cjk_lines(html):
    """``html`` with every line break between two Chinese characters removed,
    outside ``<pre>`` and ``<code>``."""
    parts = _PRE.split(html)
    return "".join(part if index % 2 else _CJK_BREAK.sub("", part)
                   for index, part in enumerate(parts))


def page_text(path):
    """A page's text as Markdown: a notebook's Markdown cells as they are and
    its code cells as ``python`` fences, in order (what the page shows)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    import json  # noqa: PLC0415

    parts = []
    for cell in json.loads(text)["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        parts.append(f"```python\n{source}\n```" if cell["cell_type"] == "code" else source)
    return "\n\n".join(parts) + "\n"
