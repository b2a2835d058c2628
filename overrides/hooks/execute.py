"""MkDocs hook: run each page's Python fences at build time.

Every fence whose info string is exactly ``python`` runs, in page order, in
one namespace per page (the same fences pytest-codeblocks runs as tests).
After each fence the page gets what the code printed, as an "Output" block,
and every matplotlib figure the code left open, as an inline SVG figure with
its label as caption. A fence that raises or warns stops the build with the
page and line, so a page can never show output its code does not produce.

Fences written ``python title="path"`` that hold only ``--8<--`` lines are
source listings filled in by pymdownx.snippets; they are shown, not run.

The same run also gives the page's executed notebook version: the prose as
Markdown cells, each runnable fence as a code cell with the output and figures
of this run, listings resolved, and the book's LaTeX macros defined in the
first cell. It is written next to the page and linked under its title.

Rendered pages and notebooks are cached in ``.cache/execute/`` under a key
made of the page, the ``mlbook`` sources, the macros and this file, so
``mkdocs serve`` re-runs only what changed. With ``CI`` set in the
environment the cache is not used at all.
"""

import base64
import contextlib
import hashlib
import html
import io
import json
import os
import posixpath
import re
import sys
import textwrap
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # overrides/, for bookengine
from bookengine.checks import citation_problems, equations, unbacked_numbers  # noqa: E402
from bookengine.equations import wrap_equations  # noqa: E402
from bookengine.fences import find_fences  # noqa: E402


@dataclass
class Figure:
    caption: str
    svg: str


@dataclass
class Result:
    """What one runnable fence printed and drew."""

    output: str
    figures: list


def _svg(fig):
    label = fig.get_label()
    if not label:
        raise ValueError(
            "a figure has no label, which the book uses as its caption and alt text; "
            "create it with mlbook.plotting.new_figure('What the figure shows')"
        )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    return Figure(label, buffer.getvalue().decode("utf-8"))


def _run(fence, namespace, path):
    """Execute one fence; return what it printed and the figures it left open."""
    import matplotlib.pyplot as plt

    # Line numbers in a traceback are the Markdown file's own.
    source = "\n" * (fence.start + 1) + fence.code
    stdout = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(stdout):
        warnings.simplefilter("error")
        exec(compile(source, path, "exec"), namespace)
    figures = [_svg(plt.figure(num)) for num in plt.get_fignums()]
    return Result(stdout.getvalue(), figures)


def run_page(markdown, path):
    """Run the page's runnable fences in order, in one namespace: {fence.start: Result}."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "mlbook"  # reproducible SVG ids
    import matplotlib.pyplot as plt

    namespace = {"__name__": "__mlbook_page__"}
    results = {}
    plt.close("all")
    for fence in find_fences(markdown):
        if not fence.runnable:
            continue
        try:
            results[fence.start] = _run(fence, namespace, path)
        except Exception as exc:
            detail = "".join(traceback.format_exception(exc)[-6:])
            raise PluginError(
                f"{path}:{fence.start + 1}: this python block failed at build time.\n{detail}"
            ) from None
        finally:
            plt.close("all")
    return results


_TABLE_RULE = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")


def split_output(text):
    """Printed text as ("text", lines) and ("table", lines) pieces, in order.

    A printed Markdown table (a ``|`` header line, a ``|:--|--:|`` rule, and
    ``|`` rows, as :func:`mlbook.report.table` prints) becomes a real table.
    """
    lines, pieces, i = text.rstrip("\n").split("\n"), [], 0
    while i < len(lines):
        if (lines[i].startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1])):
            j = i + 2
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            pieces.append(("table", lines[i:j]))
        else:
            j = i
            while j < len(lines) and not (lines[j].startswith("|") and j + 1 < len(lines)
                                          and _TABLE_RULE.match(lines[j + 1])):
                j += 1
            if any(line.strip() for line in lines[i:j]):
                pieces.append(("text", lines[i:j]))
        i = j
    return pieces


def _shown(result, indent, first_figure):
    """Markdown lines that show one fence's output and figures on the page."""
    lines = []
    for kind, chunk in split_output(result.output) if result.output else []:
        if kind == "table":
            lines += ["", f'{indent}<div class="mlbook-table" markdown>', ""]
            lines += [indent + line for line in chunk]
            lines += ["", f"{indent}</div>"]
            continue
        body = "\n".join(chunk)
        longest = max(map(len, re.findall("`+", body)), default=0)
        ticks = "`" * max(3, longest + 1)
        lines += ["", f'{indent}{ticks}{{ .text .mlbook-output .no-copy title="Output" }}']
        lines += [indent + line for line in chunk]
        lines += [indent + ticks]
    for number, figure in enumerate(result.figures, start=first_figure):
        data = base64.b64encode(figure.svg.encode("utf-8")).decode("ascii")
        text = html.escape(figure.caption)
        lines += [
            "",
            f'{indent}<figure class="mlbook-figure" id="figure-{number}">',
            f'{indent}<img src="data:image/svg+xml;base64,{data}" alt="{text}">',
            f"{indent}<figcaption>Figure {number}. {text}</figcaption>",
            f"{indent}</figure>",
        ]
    return lines


def render(markdown, results):
    """The page with each runnable fence followed by its output and figures."""
    inserts, figure_number = {}, 1
    for fence in find_fences(markdown):
        if fence.start in results:
            result = results[fence.start]
            inserts[fence.end] = _shown(result, fence.indent, figure_number)
            figure_number += len(result.figures)
    out = []
    for index, line in enumerate(markdown.split("\n")):
        out.append(line)
        out.extend(inserts.get(index, []))
    return "\n".join(out)


# --- the executed notebook version of a page ---------------------------------

_ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?|===)\s*(\w*)\s*(?:"(.*)")?\s*$')
_INCLUDE = re.compile(r'--8<--\s+"([^":]+):([a-z][-_0-9a-z]*)"')


def _markdown_cell(lines):
    """Markdown for Jupyter: no test markers, admonitions and tabs as bold titles."""
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
    text = "\n".join(out).strip("\n")
    return {"cell_type": "markdown", "metadata": {}, "source": text} if text else None


def _listing(fence, root):
    """A source listing, resolved here as pymdownx.snippets resolves it on the page."""
    parts = []
    for path, section in _INCLUDE.findall(fence.code):
        lines = (root / path).read_text(encoding="utf-8").split("\n")
        begin = lines.index(next(x for x in lines if f"[start:{section}]" in x))
        end = lines.index(next(x for x in lines if f"[end:{section}]" in x))
        parts.append(textwrap.dedent("\n".join(lines[begin + 1:end])))
    return ["```python", *"\n\n".join(parts).split("\n"), "```"]


def _code_cell(fence, result, count):
    outputs = []
    if result.output:
        outputs.append({"output_type": "stream", "name": "stdout", "text": result.output})
    for figure in result.figures:
        outputs.append({"output_type": "display_data", "metadata": {},
                        "data": {"image/svg+xml": figure.svg, "text/plain": figure.caption}})
    return {"cell_type": "code", "execution_count": count, "metadata": {},
            "source": fence.code.rstrip("\n"), "outputs": outputs}


def macros(root):
    """The LaTeX macros of docs/javascripts/mathjax.js as \\newcommand lines."""
    text = (root / "docs" / "javascripts" / "mathjax.js").read_text(encoding="utf-8")
    block = text.split("[start:macros]")[1].split("[end:macros]")[0]
    commands = []
    for name, body, args in re.findall(r'^\s*(\w+):\s*\[?("(?:[^"\\]|\\.)*")(?:,\s*(\d+)\])?', block, re.M):
        arity = f"[{args}]" if args else ""
        commands.append(f"\\newcommand{{\\{name}}}{arity}{{{json.loads(body)}}}")
    return commands


def to_notebook(markdown, results, root, title):
    """The page as a Jupyter notebook, with the outputs of the build's own run."""
    preamble = (
        f"*{title}* from the mlbook site, as a notebook. The outputs are those of the "
        "run that built the site; run the cells in order to reproduce them "
        '(`pip install -e ".[docs]"` in the repository brings what they import).\n\n'
        "$" + " ".join(macros(root)) + "$"
    )
    cells = [{"cell_type": "markdown", "metadata": {}, "source": preamble}]
    lines, pending, count = markdown.split("\n"), [], 0
    previous_end = -1
    for fence in find_fences(markdown):
        pending += lines[previous_end + 1:fence.start]
        previous_end = fence.end
        if fence.start in results:
            cells.append(_markdown_cell(pending))
            pending, count = [], count + 1
            cells.append(_code_cell(fence, results[fence.start], count))
        elif fence.is_listing:
            pending += [fence.indent + line for line in _listing(fence, root)]
        else:
            pending += lines[fence.start:fence.end + 1]
    cells.append(_markdown_cell(pending + lines[previous_end + 1:]))
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


# --- the MkDocs events -------------------------------------------------------

_NOTEBOOKS = {}  # site path -> notebook JSON, written after the build
_TAGS = set()  # every equation number of the book, found before the pages build


def on_files(files, config, **kwargs):
    """Refuse to build a book with a broken equation citation anywhere."""
    root = Path(config.config_file_path).parent
    pages = {f.src_uri: Path(f.abs_src_path).read_text(encoding="utf-8")
             for f in files if f.src_uri.endswith(".md") and f.abs_src_path}
    sources = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
               for p in sorted((root / "mlbook").rglob("*.py"))}
    problems = citation_problems(pages, sources)
    if problems:
        raise PluginError("Broken equation citations:\n" + "\n".join(problems))
    _TAGS.clear()
    _TAGS.update(eq.tag for page, text in pages.items() for eq in equations(text, page))
    return files


def _cache_key(markdown, root):
    """Changes whenever the page, the mlbook package, the macros or this hook changes."""
    digest = hashlib.sha256(markdown.encode())
    inputs = sorted((root / "mlbook").rglob("*.py"))
    inputs += [p for p in [root / "docs" / "javascripts" / "mathjax.js"] if p.is_file()]
    for path in inputs + [Path(__file__)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _with_download_link(markdown, name):
    link = (f'<p class="mlbook-notebook"><a href="{name}" download>Download this chapter '
            "as a Jupyter notebook</a>, with the outputs shown here.</p>")
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join(lines[:title + 1] + ["", link, ""] + lines[title + 1:])


def _build(markdown, page, root):
    path = page.file.abs_src_path or page.file.src_uri
    results = run_page(markdown, path)
    printed = "\n".join(r.output + "\n" + "\n".join(f.caption for f in r.figures)
                        for r in results.values())
    missing = unbacked_numbers(markdown, printed, _TAGS)
    if missing:
        raise PluginError(
            f"{path}: numbers in the prose that no code block on the page prints. Print "
            f"(and assert) each one, or rephrase:\n"
            + "\n".join(f"  {number!r} in: ...{context}..." for number, context in missing)
        )
    heading = next((x[2:] for x in markdown.split("\n") if x.startswith("# ")), path)
    notebook = to_notebook(markdown, results, root, heading.strip())
    return render(markdown, results), json.dumps(notebook, indent=1)


def on_page_markdown(markdown, page, config, files, **kwargs):
    if not any(f.runnable for f in find_fences(markdown)):
        return markdown
    root = Path(config.config_file_path).parent
    if os.environ.get("CI"):
        rendered, notebook = _build(markdown, page, root)
    else:
        # While an author runs `mkdocs serve`, only the page they edit runs again.
        cached = root / ".cache" / "execute" / _cache_key(markdown, root)
        if not cached.with_suffix(".ipynb").is_file():
            rendered, notebook = _build(markdown, page, root)
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.with_suffix(".md").write_text(rendered, encoding="utf-8")
            cached.with_suffix(".ipynb").write_text(notebook, encoding="utf-8")
        rendered = cached.with_suffix(".md").read_text(encoding="utf-8")
        notebook = cached.with_suffix(".ipynb").read_text(encoding="utf-8")
    name = Path(page.file.src_uri).stem + ".ipynb"
    _NOTEBOOKS[posixpath.join(posixpath.dirname(page.file.dest_uri), name)] = notebook
    return _with_download_link(rendered, name)


def on_page_content(html, page, config, files, **kwargs):
    # Static anchors for numbered equations; see bookengine/equations.py.
    # MkDocs collected the page's anchors before this event: add these, so that
    # its link validation (an error under `strict`) knows them.
    html = wrap_equations(html)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= set(re.findall(r'class="mlbook-equation" id="([^"]+)"', html))
    return html


def on_post_build(config, **kwargs):
    for site_path, notebook in _NOTEBOOKS.items():
        target = Path(config.site_dir) / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(notebook, encoding="utf-8")
    _NOTEBOOKS.clear()
