r"""A page's Markdown with what its code printed and drew put under each fence.

Printed text becomes an "Output" block; a printed Markdown table (as
``mlbook.report.table`` prints) becomes a real table; each figure becomes a
numbered ``<figure>`` whose image is a file next to the page, loaded lazily.
"""

import html
import re

_TABLE_RULE = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")
_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "varepsilon": "ε",
    "epsilon": "ε", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ",
    "nu": "ν", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "varphi": "φ", "phi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Delta": "Δ", "Theta": "Θ", "Sigma": "Σ",
    "Lambda": "Λ", "Omega": "Ω", "le": "≤", "ge": "≥", "times": "×", "cdot": "·",
    "infty": "∞", "to": "→",
}
# More symbols a formula in search text keeps; any other command is dropped.
_SYMBOLS = {**_GREEK, "partial": "∂", "ell": "ℓ", "sum": "Σ", "nabla": "∇", "in": "∈",
            "neq": "≠", "approx": "≈", "R": "ℝ", "T": "ᵀ", "lVert": "‖", "rVert": "‖",
            "norm": "‖", "leq": "≤", "geq": "≥", "pm": "±", "mid": "|"}
_DISPLAY_MATH = re.compile(r"\\\[.*?\\\]|\$\$.*?\$\$", re.S)
_INLINE_MATH = re.compile(r"\\\((.*?)\\\)", re.S)
# What a notebook page adds around its cells: prompts and the copy button's label.
_NOTEBOOK_CHROME = re.compile(r"\b(?:In|Out)\s*\[\s*\d*\s*\]:|Copied!")


def plain_text(text):
    r"""Text with its TeX made readable without MathJax: ``$\lambda$`` becomes ``λ``."""
    text = re.sub(r"\\\(|\\\)|\$", "", text)
    text = re.sub(r"\\([A-Za-z]+)", lambda m: _GREEK.get(m[1], m[1]), text)
    return re.sub(r"[{}]", "", text)


def _formula_words(tex):
    tex = re.sub(r"\\(?:tag|label|eqref|text|mathrm|operatorname)\{([^}]*)\}",
                 lambda m: "" if m[0].startswith(("\\tag", "\\label")) else m[1], tex)
    tex = re.sub(r"\\([A-Za-z]+)", lambda m: f" {_SYMBOLS.get(m[1], '')} ", tex)
    tex = re.sub(r"[{}^_&\\]", " ", tex)
    return re.sub(r"\s+", " ", tex).strip()


def search_text(text):
    r"""A page's text as the search index should hold it: no TeX source.

    A display formula is left out (its words are in the prose around it); an
    inline one keeps its letters and symbols (``\(\lambda\)`` becomes ``λ``,
    ``\(\frac{\partial J}{\partial \theta}\)`` becomes ``∂ J ∂ θ``), never a
    command name. A notebook's prompts (``In [ ]:``) and its copy button's
    "Copied!", and the HTML copy of a code cell, go too.
    """
    text = _DISPLAY_MATH.sub(" ", text)
    text = _INLINE_MATH.sub(lambda m: _formula_words(m[1]), text)
    text = re.sub(r"\$([^$]+)\$", lambda m: _formula_words(m[1]), text)
    text = re.sub(r"<pre>.*?</pre>", " ", text, flags=re.S)
    text = _NOTEBOOK_CHROME.sub(" ", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def split_output(text):
    """Printed text as ("text", lines) and ("table", lines) pieces, in order."""
    lines, pieces, i = text.rstrip("\n").split("\n"), [], 0

    def table_starts(k):
        return lines[k].startswith("|") and k + 1 < len(lines) and _TABLE_RULE.match(lines[k + 1])

    while i < len(lines):
        j = i
        if table_starts(i):
            j = i + 2
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            pieces.append(("table", lines[i:j]))
        else:
            while j < len(lines) and not table_starts(j):
                j += 1
            if any(line.strip() for line in lines[i:j]):
                pieces.append(("text", lines[i:j]))
        i = j
    return pieces


# The words the page engine writes around code, in each edition's language.
LABELS = {
    "en": {"output": "Output", "figure": "Figure {number}.",
           "full_size": "Open the figure at full size"},
    "zh": {"output": "输出", "figure": "图 {number}", "full_size": "查看原尺寸的图"},
}


def output_lines(text, indent, lang="en"):
    """Markdown lines showing what a fence printed.

    Printed output is left out of the search index (``data-search-exclude``):
    it is numbers, not prose, and it would double the index every page loads.
    """
    lines = []
    for kind, chunk in split_output(text) if text else []:
        lines += ["", f'{indent}<div class="mlbook-printed" data-search-exclude markdown>', ""]
        if kind == "table":
            lines += [f'{indent}<div class="mlbook-table" markdown>', ""]
            lines += [indent + line for line in chunk]
            lines += ["", f"{indent}</div>"]
        else:
            longest = max(map(len, re.findall("`+", "\n".join(chunk))), default=0)
            ticks = "`" * max(3, longest + 1)
            title = LABELS[lang]["output"]
            lines += [f'{indent}{ticks}{{ .text .mlbook-output .no-copy title="{title}" }}']
            lines += [indent + line for line in chunk]
            lines += [indent + ticks]
        lines += ["", f"{indent}</div>"]
    return lines


def figure_lines(figure, number, src, indent, lang="en"):
    """Markdown (raw HTML) lines showing figure ``number`` stored at ``src``."""
    alt = html.escape(plain_text(figure.alt), quote=True)
    words = LABELS[lang]
    label = words["figure"].format(number=number)
    return [
        "",
        f'{indent}<figure class="mlbook-figure{" mlbook-photo" if figure.photo else ""}" '
        f'id="figure-{number}" markdown>',
        f'{indent}<a href="{src}" title="{words["full_size"]}">'
        f'<img src="{src}" alt="{alt}" width="{figure.width}" height="{figure.height}" '
        f'loading="lazy" decoding="async"></a>',
        f"{indent}<figcaption markdown>{label} {figure.caption}</figcaption>",
        f"{indent}</figure>",
    ]


def render(markdown, run, figure_src, find_fences, lang="en"):
    """The page with each fence's output and figures under it.

    ``figure_src(number)`` gives the relative address of figure ``number``'s
    file. Returns the Markdown and the list of ``(number, figure)`` shown.
    """
    inserts, shown, number = {}, [], 0
    for fence in find_fences(markdown):
        block = run.blocks.get(fence.start)
        if block is None:
            continue
        lines = output_lines(block.output, fence.indent, lang)
        for figure in block.figures:
            number += 1
            shown.append((number, figure))
            lines += figure_lines(figure, number, figure_src(number), fence.indent, lang)
        inserts[fence.end] = lines
    out = []
    for index, line in enumerate(markdown.split("\n")):
        out.append(line)
        out.extend(inserts.get(index, []))
    return "\n".join(out), shown


def error_lines(error, path):
    """An admonition showing a failed block, for ``mkdocs serve`` (the build fails instead)."""
    body = [f"    {line}" for line in error["traceback"].rstrip("\n").split("\n")]
    return [
        f'!!! failure "The code of this page failed at {path}, line {error["line"]}"',
        "",
        "    The blocks after it did not run, so the outputs below stop there. "
        "`mkdocs build --strict` fails on this error; this page shows it while you "
        "serve the book.",
        "",
        "    ```text",
        *body,
        "    ```",
        "",
    ]


def insert_after_title(markdown, lines):
    """``markdown`` with ``lines`` inserted after its first ``# `` heading."""
    page = markdown.split("\n")
    title = next((i for i, line in enumerate(page) if line.startswith("# ")), -1)
    return "\n".join(page[:title + 1] + [""] + lines + [""] + page[title + 1:])
