r"""Checks a build makes on the book's text: citations and numbers.

Two promises of the book are checked here, without a browser:

- **Every equation citation resolves.** Equations carry permanent numbers,
  ``\tag{1.4}\label{eq:name}``. A link to ``page.md#eq-1.4``, a ``\eqref``,
  a bare "(1.4)" in the prose or a listing title, and "equation (1.4)" in a
  docstring must name an equation that exists; a number may be used once.
- **Every number in the prose comes from code.** A number with three or more
  significant digits in a page's prose must appear in what the page's code
  printed (or in a figure caption it made), so that no figure is typed by
  hand. Years and equation numbers are not such numbers.
"""

import re
from dataclasses import dataclass

from .fences import find_fences

TAG = re.compile(r"\\tag\{([^}]*)\}(?:\s*\\label\{([^}]*)\})?")
EQREF = re.compile(r"\\eqref\{([^}]*)\}")
EQ_LINK = re.compile(r"\]\(([^)\s#]*)#eq-([^)\s]+)\)")
# "(1.4)", "(12.3)" or "(1.6a)" as a citation: a chapter number, a dot, an
# equation number, and a letter for an equation inserted after publication.
BARE_CITATION = re.compile(r"(?<![\w\\])\((\d{1,2}\.\d{1,2}[a-z]?)\)")
DOCSTRING_CITATION = re.compile(r"equations? \((\d{1,2}\.\d{1,2}[a-z]?)\)")
NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)(?![\w])")
YEAR = re.compile(r"(1[89]|20)\d\d")


@dataclass(frozen=True)
class Equation:
    tag: str
    label: str
    page: str
    line: int


def equations(markdown, page):
    """The numbered equations of a page, in order."""
    found = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        for match in TAG.finditer(line):
            found.append(Equation(match[1], match[2] or "", page, number))
    return found


def _resolve(page, target):
    """The docs-relative path a link ``target`` on ``page`` points to."""
    if not target:
        return page
    if target.startswith("en:"):  # the Chinese edition's link to an English page
        return target
    parts = page.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _outside_code(markdown):
    """The page with fenced blocks and inline code blanked, line numbers kept."""
    lines = markdown.split("\n")
    for fence in find_fences(markdown):
        for i in range(fence.start, fence.end + 1):
            lines[i] = ""
    return [re.sub(r"`[^`\n]*`", "", line) for line in lines]


def _listing_titles(markdown):
    for fence in find_fences(markdown):
        if fence.is_listing:
            yield fence.start + 1, fence.info


def citation_problems(pages, docstrings=None):
    """Every broken equation citation in the book, as readable strings.

    Parameters
    ----------
    pages : dict of str -> str
        Docs-relative path (``"linear-models/linear-regression.md"``) to Markdown.
    docstrings : dict of str -> str, optional
        Source file name to text, searched for "equation (1.4)".
    """
    problems, by_tag = [], {}
    all_equations = [eq for page, text in pages.items() for eq in equations(text, page)]
    for eq in all_equations:
        if eq.tag in by_tag:
            first = by_tag[eq.tag]
            problems.append(
                f"{eq.page}:{eq.line}: equation ({eq.tag}) is already numbered at "
                f"{first.page}:{first.line}; numbers are permanent, so give this one the "
                f"next free number of its chapter."
            )
        else:
            by_tag[eq.tag] = eq
    for page, text in pages.items():
        labels = {eq.label for eq in all_equations if eq.page == page and eq.label}
        for number, line in enumerate(_outside_code(text), start=1):
            where = f"{page}:{number}"
            for target, tag in EQ_LINK.findall(line):
                eq = by_tag.get(tag)
                dest = _resolve(page, target)
                if eq is None:
                    problems.append(f"{where}: a link to equation ({tag}), which does not exist.")
                elif eq.page != dest:
                    problems.append(
                        f"{where}: a link to equation ({tag}) on {dest}, but it is on {eq.page}."
                    )
            for label in EQREF.findall(line):
                if label not in labels:
                    problems.append(
                        f"{where}: \\eqref{{{label}}} names no \\label on this page; link to "
                        f"another page's equation with [(x.y)](page.md#eq-x.y)."
                    )
            unlinked = re.sub(r"\[[^\]]*\]\([^)]*#eq-[^)]*\)", "", line)  # links: checked above
            for tag in BARE_CITATION.findall(re.sub(r"\]\([^)]*\)", "]", unlinked)):
                if tag not in by_tag:
                    problems.append(f"{where}: ({tag}) looks like an equation number, but no "
                                    f"equation has it.")
        for number, title in _listing_titles(text):
            for tag in BARE_CITATION.findall(title):
                if tag not in by_tag:
                    problems.append(f"{page}:{number}: the listing title cites ({tag}), "
                                    f"which no equation has.")
    for name, source in (docstrings or {}).items():
        for number, line in enumerate(source.split("\n"), start=1):
            for tag in DOCSTRING_CITATION.findall(line):
                if tag not in by_tag:
                    problems.append(f"{name}:{number}: cites equation ({tag}), which does not exist.")
    return problems


def significant_digits(number):
    """How many significant digits a number as written has ("0.0230" has 3, "1500" has 2)."""
    mantissa = re.split("[eE]", number.replace(",", ""))[0]
    if "." in mantissa:
        return len(mantissa.replace(".", "").lstrip("0"))
    return len(mantissa.strip("0"))


def prose(markdown):
    """The text a reader reads as prose: no code, no links' targets, no references."""
    text = "\n".join(_outside_code(markdown))
    # The references section: "## References", or a translated heading that
    # keeps its anchor ("## 参考文献 {#references}").
    text = re.split(r"^## (?:References|.*\{#references\})\s*$", text, flags=re.M)[0]
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = TAG.sub("", text)
    return text


def unbacked_numbers(markdown, printed, tags=()):
    """Numbers of 3+ significant digits in the prose that ``printed`` does not show.

    Parameters
    ----------
    markdown : str
        The page's source.
    printed : str
        Everything the page's code printed, and its figures' captions.
    tags : iterable of str
        The book's equation numbers, which are citations, not results.

    Returns
    -------
    list of (str, str)
        Each number as written and the words around it.
    """
    shown = printed.replace(",", "")
    tags, text, missing = set(tags), prose(markdown), []
    for match in NUMBER.finditer(text):
        written = match[1]
        plain = written.replace(",", "")
        if significant_digits(written) < 3 or YEAR.fullmatch(plain) or plain in tags:
            continue
        if not re.search(r"(?<![\d.])" + re.escape(plain) + r"(?!\d)", shown):
            context = " ".join(text[max(0, match.start() - 50):match.end() + 20].split())
            missing.append((written, context))
    return missing
