r"""A page as a Jupyter notebook, with the outputs of the run that built the site.

The prose becomes Markdown cells (admonitions and tabs as bold titles, test
markers dropped, listings resolved from the package's source), each runnable
fence a code cell with its printed output and figures. Links to other pages
and to equations become absolute addresses on the published site, so they
work in a downloaded notebook, and every figure's caption is a Markdown
output that Jupyter shows.
"""

import hashlib
import json
import posixpath
import re
import textwrap

from .fences import find_fences

_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?|===)\s*(\w*)\s*(?:"(.*)")?\s*$')
_INCLUDE = re.compile(r'--8<--\s+"([^":]+):([a-z][-_0-9a-z]*)"')
_LINK = re.compile(r"\]\(([^)\s]*)\)")
# A Markdown link's or an HTML link's target, as a lab notebook writes them.
_SITE_LINK = re.compile(r'(\]\(|href=")([^)\s"]+)')


def macros(root):
    """The LaTeX macros of docs/javascripts/mathjax.js as \\newcommand lines."""
    text = (root / "docs" / "javascripts" / "mathjax.js").read_text(encoding="utf-8")
    block = text.split("[start:macros]")[1].split("[end:macros]")[0]
    commands = []
    for name, body, args in re.findall(r'^\s*(\w+):\s*\[?("(?:[^"\\]|\\.)*")(?:,\s*(\d+)\])?', block, re.M):
        arity = f"[{args}]" if args else ""
        commands.append(f"\\newcommand{{\\{name}}}{arity}{{{json.loads(body)}}}")
    return commands


def absolute_links(text, page, url_of):
    """Rewrite ``](other.md#eq-1.4)`` links to addresses on the site.

    ``page`` is the page's docs path; ``url_of(docs_path)`` gives a page's
    absolute address, or None for a link that is not to a page of the book
    (a translated page's ``en:path.md`` is passed on whole: the English page).
    """
    def rewrite(match):
        target = match[1]
        path, _, anchor = target.partition("#")
        if path.startswith("en:"):  # a translated page's link to an English page
            docs_path = path
        elif re.match(r"^[a-z]+:", target):  # already absolute (https:, mailto:)
            return match[0]
        else:
            docs_path = page if not path else posixpath.normpath(
                posixpath.join(posixpath.dirname(page), path))
        url = url_of(docs_path)
        if url is None:
            return match[0]
        return f"]({url}{'#' + anchor if anchor else ''})"

    return _LINK.sub(rewrite, text)


def absolute_site_links(text, page_url, base):
    """Rewrite links relative to the site page at ``page_url`` to addresses under ``base``.

    A lab is a notebook written with the site's own relative addresses
    (``../linear-models/linear-regression.html#eq-1.11``), which work on its
    page but lead nowhere once the notebook is downloaded; ``base`` is the
    site's address ending in ``/``. Absolute links and in-page anchors stay.
    """
    folder = posixpath.dirname(page_url)

    def rewrite(match):
        opener, target = match[1], match[2]
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            return match[0]
        path, sep, anchor = target.partition("#")
        path = posixpath.normpath(posixpath.join(folder, path))
        if path.endswith(".md"):  # a lab links to a chapter's source; the site has its page
            path = path[:-3] + ".html"
        return opener + base + path + sep + anchor

    return _SITE_LINK.sub(rewrite, text)


_HTML_MD_LINK = re.compile(r'(href=")((?![a-z]+:)[^"#]*?)\.md(#[^"]*)?"')


def lab_page_links(html):
    """On a lab's page, its links to chapters' sources (``page.md#eq-1.4``) become pages.

    A lab links to the Markdown source of a chapter, which exists next to the
    notebook in a clone (where JupyterLab opens it); mkdocs-jupyter leaves the
    links as written, so the built page gets the ``.html`` addresses here.
    """
    return _HTML_MD_LINK.sub(lambda m: f'{m[1]}{m[2]}.html{m[3] or ""}"', html)


def _markdown_cell(lines, page, url_of):
    out, open_blocks = [], []  # indents of the admonitions we are inside
    for line in lines:
        indent = len(line) - len(line.lstrip())
        while open_blocks and line.strip() and indent <= open_blocks[-1]:
            open_blocks.pop()
        if line.strip().startswith("<!--pytest-codeblocks:"):
            continue
        shift = 4 * len(open_blocks)
        line = line[shift:] if line[:shift].strip() == "" else line.lstrip()
        match = _ADMONITION.match(line)
        if match:
            out.append(f"{match[1]}**{match[3] or match[2].capitalize()}**")
            open_blocks.append(indent)
        else:
            out.append(line)
    text = absolute_links("\n".join(out).strip("\n"), page, url_of)
    return {"cell_type": "markdown", "metadata": {}, "source": text} if text else None


def _listing(fence, root):
    parts = []
    for path, section in _INCLUDE.findall(fence.code):
        lines = (root / path).read_text(encoding="utf-8").split("\n")
        begin = lines.index(next(x for x in lines if f"[start:{section}]" in x))
        end = lines.index(next(x for x in lines if f"[end:{section}]" in x))
        parts.append(textwrap.dedent("\n".join(lines[begin + 1:end])))
    return ["```python", *"\n\n".join(parts).split("\n"), "```"]


def _code_cell(fence, block, count, first_figure):
    outputs = []
    if block.output:
        outputs.append({"output_type": "stream", "name": "stdout", "text": block.output})
    for number, figure in enumerate(block.figures, start=first_figure):
        outputs.append({"output_type": "display_data", "metadata": {},
                        "data": {"image/svg+xml": figure.svg, "text/plain": figure.caption}})
        outputs.append({"output_type": "display_data", "metadata": {},
                        "data": {"text/markdown": f"*Figure {number}.* {figure.caption}",
                                 "text/plain": f"Figure {number}. {figure.caption}"}})
    return {"cell_type": "code", "execution_count": count, "metadata": {},
            "source": fence.code.rstrip("\n"), "outputs": outputs}


def to_notebook(markdown, run, root, title, page, url_of, repo_url=None):
    """The page as a notebook (nbformat 4.5); see the module docstring."""
    where = (f"the book's repository, {repo_url}" if repo_url
             else "the book's repository")
    own_url = url_of(page)
    preamble = (
        f"*{title}* from the mlbook site"
        + (f" ({own_url})" if own_url else "")
        + ", as a notebook. The outputs are those of the run that built the site; "
        f"to run the cells, get the code from {where}, and in a clone of it run "
        '`pip install -e ".[docs]" -c constraints.txt`, which installs `mlbook` and '
        "what the cells import.\n\n"
        "$" + " ".join(macros(root)) + "$"
    )
    cells = [{"cell_type": "markdown", "metadata": {}, "source": preamble}]
    lines, pending, count, figures = markdown.split("\n"), [], 0, 1
    previous_end = -1
    for fence in find_fences(markdown):
        pending += lines[previous_end + 1:fence.start]
        previous_end = fence.end
        block = run.blocks.get(fence.start)
        if block is not None:
            cells.append(_markdown_cell(pending, page, url_of))
            pending, count = [], count + 1
            cells.append(_code_cell(fence, block, count, figures))
            figures += len(block.figures)
        elif fence.is_listing:
            pending += [fence.indent + line for line in _listing(fence, root)]
        else:
            pending += lines[fence.start:fence.end + 1]
    cells.append(_markdown_cell(pending + lines[previous_end + 1:], page, url_of))
    cells = [cell for cell in cells if cell]
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"  # nbformat 4.5 wants stable cell ids
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)


def link_large_styles(page_html, site, dest_uri, folder, threshold=20_000):
    """The page with each inline ``<style>`` over ``threshold`` characters
    written to ``site/folder/<hash>.css`` and linked instead."""
    depth = dest_uri.count("/")

    def link(match):
        css = match[1]
        if len(css) < threshold:
            return match[0]
        name = hashlib.sha256(css.encode("utf-8")).hexdigest()[:16] + ".css"
        target = site / folder / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(css, encoding="utf-8")
        return f'<link rel="stylesheet" href="{"../" * depth}{folder}/{name}">'

    return _STYLE.sub(link, page_html)
