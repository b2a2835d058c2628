"""MkDocs hook: run each page's Python fences at build time.

Every fence whose info string is exactly ``python`` runs, in page order, in
one namespace per page (the same fences pytest-codeblocks runs as tests).
After each fence the page gets what the code printed, as an "Output" block,
and every matplotlib figure the code left open, as an inline SVG figure with
its label as caption. A fence that raises or warns stops the build with the
page and line, so a page can never show output its code does not produce.

Fences written ``python title="path"`` that hold only ``--8<--`` lines are
source listings filled in by pymdownx.snippets; they are shown, not run.

Rendered pages are cached in ``.cache/execute/`` under a key made of the
page, the ``mlbook`` sources and this file, so ``mkdocs serve`` re-runs only
what changed. With ``CI`` set in the environment the cache is not used at all.
"""

import base64
import contextlib
import hashlib
import html
import io
import os
import re
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})(?P<info>.*)$")
_SNIPPET = re.compile(r"^\s*-{1,}8<-{1,}\s")


@dataclass
class Fence:
    """A fenced block: ``start``/``end`` are 0-based line indices of its fence lines."""

    start: int
    end: int
    indent: str
    info: str
    code: str

    @property
    def runnable(self):
        return self.info.strip() == "python"

    @property
    def is_listing(self):
        """A ``python title=...`` fence holding only snippet directives."""
        lines = [line for line in self.code.splitlines() if line.strip()]
        return (
            self.info.strip().startswith("python ")
            and bool(lines)
            and all(_SNIPPET.match(line) for line in lines)
        )


def _closes(stripped, ticks):
    return len(stripped) >= len(ticks) and set(stripped) == {ticks[0]}


def find_fences(markdown):
    """All fenced blocks of a Markdown text, nested in admonitions or tabs or not."""
    lines = markdown.split("\n")
    fences, i = [], 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        indent, ticks = match["indent"], match["ticks"]
        j = i + 1
        while j < len(lines) and not _closes(lines[j].strip(), ticks):
            j += 1
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip()
                for line in lines[i + 1:j]]
        fences.append(Fence(i, j, indent, match["info"], "\n".join(body) + "\n"))
        i = j + 1
    return fences


def _figure_html(fig, number, indent):
    label = fig.get_label()
    if not label:
        raise ValueError(
            "a figure has no label, which the book uses as its caption and alt text; "
            "create it with mlbook.plotting.new_figure('What the figure shows')"
        )
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    text = html.escape(label)
    return [
        f'{indent}<figure class="mlbook-figure" id="figure-{number}">',
        f'{indent}<img src="data:image/svg+xml;base64,{data}" alt="{text}">',
        f"{indent}<figcaption>Figure {number}. {text}</figcaption>",
        f"{indent}</figure>",
    ]


def _run(fence, namespace, path):
    """Execute one fence; return what it printed and the figures it left open."""
    import matplotlib.pyplot as plt

    # Line numbers in a traceback are the Markdown file's own.
    source = "\n" * (fence.start + 1) + fence.code
    stdout = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(stdout):
        warnings.simplefilter("error")
        exec(compile(source, path, "exec"), namespace)
    figures = [plt.figure(num) for num in plt.get_fignums()]
    return stdout.getvalue(), figures


def render(markdown, path):
    """The page with each runnable fence followed by its output and figures."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "mlbook"  # reproducible SVG ids
    import matplotlib.pyplot as plt

    lines = markdown.split("\n")
    namespace = {"__name__": "__mlbook_page__"}
    inserts, figure_number = {}, 0
    plt.close("all")
    for fence in find_fences(markdown):
        if not fence.runnable:
            continue
        try:
            output, figures = _run(fence, namespace, path)
            added = []
            if output:
                ticks = "`" * max(3, max(map(len, re.findall("`+", output)), default=0) + 1)
                added += ["", f'{fence.indent}{ticks}{{ .text .mlbook-output title="Output" }}']
                added += [fence.indent + line for line in output.rstrip("\n").split("\n")]
                added += [fence.indent + ticks]
            for fig in figures:
                figure_number += 1
                added += [""] + _figure_html(fig, figure_number, fence.indent)
        except Exception as exc:
            plt.close("all")
            detail = "".join(traceback.format_exception(exc)[-6:])
            raise PluginError(
                f"{path}:{fence.start + 1}: this python block failed at build time.\n{detail}"
            ) from None
        plt.close("all")
        inserts[fence.end] = added
    out = []
    for index, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(index, []))
    return "\n".join(out)


def _cache_key(markdown, root):
    """Changes whenever the page, the mlbook package or this hook changes."""
    digest = hashlib.sha256(markdown.encode())
    for path in sorted((root / "mlbook").rglob("*.py")) + [Path(__file__)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def on_page_markdown(markdown, page, config, files, **kwargs):
    if not any(f.runnable for f in find_fences(markdown)):
        return markdown
    path = page.file.abs_src_path or page.file.src_uri
    if os.environ.get("CI"):
        return render(markdown, path)
    # While an author runs `mkdocs serve`, only the page they edit runs again.
    root = Path(config.config_file_path).parent
    cached = root / ".cache" / "execute" / f"{_cache_key(markdown, root)}.md"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    rendered = render(markdown, path)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(rendered, encoding="utf-8")
    return rendered
