"""The page engine (overrides/bookengine) and the hooks that connect it to MkDocs."""

import json
import re
import sys
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from ._hooks import ROOT, load_hook

sys.path.insert(0, str(ROOT / "overrides"))
from bookengine import notebook, render, runner, worker  # noqa: E402
from bookengine.fences import find_fences  # noqa: E402

execute = load_hook("execute")
mathjax = load_hook("mathjax")

PAGE = """# A page

```python
x = 6 * 7
print(x)
```

!!! note

    <!--pytest-codeblocks:cont-->
    ```python
    print(x + 1)
    ```

~~~python title="listing"
--8<-- "mlbook/linear_model/_linear.py:linear-cost"
~~~

```text
not code
```
"""

FIGURE_PAGE = (
    "# T\n\n```python\nfrom mlbook.plotting import new_figure\n"
    "fig, ax = new_figure('Two points & a line',\n"
    "                     alt='A line rising from 0 to 1, & no points.')\n"
    "ax.plot([0, 1])\n```\n"
)


def run(page):
    return runner.PageRun.from_json(worker.run(page, "docs/page.md"))


# --- fences ------------------------------------------------------------------------


def test_find_fences_reads_nesting_indent_and_kind():
    fences = find_fences(PAGE)
    assert [f.info for f in fences] == ["python", "python", 'python title="listing"', "text"]
    assert [f.runnable for f in fences] == [True, True, False, False]
    assert [f.is_listing for f in fences] == [False, False, True, False]
    assert fences[1].indent == "    " and fences[1].code == "print(x + 1)\n"


# --- the worker: running a page -----------------------------------------------------------


def test_blocks_run_in_order_in_one_namespace_and_listings_do_not_run():
    result = run(PAGE)
    assert [b.output for b in result.blocks.values()] == ["42\n", "43\n"]
    assert result.error is None
    assert {"Python", "numpy", "mlbook"} <= set(result.versions)


def test_figures_are_kept_as_svg_with_their_caption_and_size():
    (block,) = run(FIGURE_PAGE).blocks.values()
    (figure,) = block.figures
    assert figure.caption == "Two points & a line"
    assert figure.svg.lstrip().startswith("<?xml") and (figure.width, figure.height) == (576, 384)


def test_a_figure_without_caption_is_an_error():
    result = run("```python\nimport matplotlib.pyplot as plt\nplt.subplots()\n```\n")
    assert "no label" in result.error["message"]


@pytest.mark.parametrize("alt", ["", ", alt='Sine'"])
def test_a_figure_without_alt_text_of_its_own_is_an_error(alt):
    result = run("```python\nfrom mlbook.plotting import new_figure\n"
                 f"new_figure('Sine'{alt})\n```\n")
    assert "no alt text of its own" in result.error["message"]


def test_a_failing_block_reports_the_page_line_and_stops_the_page():
    page = "# Title\n\n```python\nx = 1\nraise RuntimeError('boom')\n```\n\n```python\nprint(2)\n```\n"
    result = run(page)
    assert result.error["line"] == 5 and result.error["type"] == "RuntimeError"
    assert "boom" in result.error["traceback"] and "docs/page.md" in result.error["traceback"]
    assert len(result.blocks) == 1  # the second block never ran


def test_a_warning_is_an_error():
    result = run("```python\nimport numpy as np\nnp.log(np.array([0.0]))\n```\n")
    assert "divide by zero" in result.error["message"]


def test_a_failing_assert_says_which_values_disagreed():
    result = run("```python\nlimit = 2\nvalues = [1, 5]\nassert max(values) < limit\n```\n")
    assert "assert 5 < 2" in result.error["message"]
    assert "where 5 = max([1, 5])" in result.error["message"]


def test_pages_run_in_a_fresh_interpreter_with_the_code_on_disk_and_one_blas_thread():
    page = ("```python\nimport os, mlbook\nprint(os.path.dirname(mlbook.__file__))\n"
            "print(os.environ['OPENBLAS_NUM_THREADS'])\n```\n")
    result = runner.run_page(page, "docs/page.md", ROOT)
    lines = next(iter(result.blocks.values())).output.split()
    assert lines == [str(ROOT / "mlbook"), "1"]


# --- rendering ------------------------------------------------------------------


def test_render_shows_output_under_each_block_and_inside_admonitions():
    out, shown = render.render(PAGE, run(PAGE), lambda k: f"f/{k}.svg", find_fences)
    assert '```{ .text .mlbook-output .no-copy title="Output" }\n42\n```' in out
    assert '    ```{ .text .mlbook-output .no-copy title="Output" }\n    43\n    ```' in out
    assert out.count('title="Output"') == 2 and shown == []


def test_render_puts_each_figure_in_a_file_loaded_lazily_with_a_numbered_caption():
    out, shown = render.render(FIGURE_PAGE, run(FIGURE_PAGE), lambda k: f"t-figures/figure-{k}.svg",
                               find_fences)
    assert [number for number, _ in shown] == [1]
    assert '<img src="t-figures/figure-1.svg" alt="A line rising from 0 to 1, &amp; no points." width="576" ' in out
    assert 'loading="lazy"' in out and '<a href="t-figures/figure-1.svg"' in out
    assert "<figcaption markdown>Figure 1. Two points & a line</figcaption>" in out


def test_printed_markdown_tables_become_tables():
    text = "before\n| a | b |\n|:--|--:|\n| x | 1 |\nafter\n"
    assert render.split_output(text) == [
        ("text", ["before"]), ("table", ["| a | b |", "|:--|--:|", "| x | 1 |"]), ("text", ["after"])]


def test_plain_text_reads_tex_without_mathjax():
    assert render.plain_text(r"values of $\lambda$ and \(\sigma_j\)") == "values of λ and σ_j"


def test_error_lines_show_the_page_and_line():
    lines = render.error_lines({"line": 12, "traceback": "Traceback\nValueError: no"}, "docs/p.md")
    assert lines[0] == '!!! failure "The code of this page failed at docs/p.md, line 12"'
    assert "    ValueError: no" in lines


# --- the notebook ------------------------------------------------------------------


def url_of(docs_path):
    return f"https://book.example/{docs_path.replace('.md', '.html')}"


def test_notebook_has_the_prose_the_code_and_this_run_s_outputs():
    nb = notebook.to_notebook(PAGE, run(PAGE), ROOT, "A page", "part/page.md", url_of)
    cells = nb["cells"]
    assert (nb["nbformat"], nb["nbformat_minor"]) == (4, 5)
    assert [c["id"] for c in cells] == [f"cell-{i}" for i in range(len(cells))]
    assert [c["cell_type"] for c in cells] == ["markdown", "markdown", "code", "markdown",
                                               "code", "markdown"]
    assert "\\newcommand{\\xs}[1]{x^{(#1)}}" in cells[0]["source"]  # the book's macros
    assert "https://book.example/part/page.html" in cells[0]["source"]
    assert cells[2]["source"] == "x = 6 * 7\nprint(x)"
    assert cells[2]["outputs"] == [{"output_type": "stream", "name": "stdout", "text": "42\n"}]
    assert cells[3]["source"] == "**Note**"  # an admonition, no test marker
    assert "def _linear_cost(theta, X, y, lam):" in cells[5]["source"]  # listing resolved


def test_notebook_figures_carry_a_caption_jupyter_shows():
    nb = notebook.to_notebook(FIGURE_PAGE, run(FIGURE_PAGE), ROOT, "T", "page.md", url_of)
    image, caption = nb["cells"][-1]["outputs"]
    assert image["data"]["image/svg+xml"].lstrip().startswith("<?xml")
    assert caption["data"]["text/markdown"] == "*Figure 1.* Two points & a line"


def test_notebook_links_point_at_the_site():
    text = "See [(1.6)](../a/b.md#eq-1.6), [below](#x) and [scipy](https://scipy.org)."
    assert notebook.absolute_links(text, "c/page.md", url_of) == (
        "See [(1.6)](https://book.example/a/b.html#eq-1.6), "
        "[below](https://book.example/c/page.html#x) and [scipy](https://scipy.org).")


def test_admonition_bodies_are_dedented_for_jupyter():
    cell = notebook._markdown_cell(['??? success "Solution"', "", "    Some *text*.", "Back out."],
                                   "p.md", url_of)
    assert cell["source"] == "**Solution**\n\nSome *text*.\nBack out."


# --- the cache -----------------------------------------------------------------------


def test_the_cache_key_follows_the_page_and_the_package(tmp_path):
    (tmp_path / "mlbook").mkdir()
    source = tmp_path / "mlbook" / "core.py"
    source.write_text("x = 1\n")
    first = runner.cache_key("page", tmp_path)
    assert runner.cache_key("page", tmp_path) == first
    assert runner.cache_key("page!", tmp_path) != first
    source.write_text("x = 2\n")
    assert runner.cache_key("page", tmp_path) != first


def test_the_cache_key_follows_the_macros_not_how_pages_typeset(tmp_path):
    (tmp_path / "mlbook").mkdir()
    (tmp_path / "docs" / "javascripts").mkdir(parents=True)
    config = tmp_path / "docs" / "javascripts" / "mathjax.js"
    text = (ROOT / "docs" / "javascripts" / "mathjax.js").read_text()
    config.write_text(text)
    first = runner.cache_key("page", tmp_path)
    config.write_text(text.replace("BATCH_MS = 40", "BATCH_MS = 41"))
    assert config.read_text() != text
    assert runner.cache_key("page", tmp_path) == first
    config.write_text(text.replace('R: "\\\\mathbb{R}"', 'R: "\\\\mathbf{R}"'))
    assert config.read_text() != text
    assert runner.cache_key("page", tmp_path) != first


def test_one_cache_entry_per_page_and_pruned_with_the_page(tmp_path):
    done = runner.PageRun({3: runner.Block("hi\n")}, None, {"Python": "3"})
    runner.store(tmp_path, "a/page.md", "k1", done)
    runner.store(tmp_path, "a/page.md", "k2", done)
    assert len(list((tmp_path / ".cache" / "execute").iterdir())) == 1
    assert runner.cached(tmp_path, "a/page.md", "k1") is None
    assert runner.cached(tmp_path, "a/page.md", "k2").blocks[3].output == "hi\n"
    runner.prune(tmp_path, [])
    assert not list((tmp_path / ".cache" / "execute").iterdir())


# --- the MkDocs adapter -------------------------------------------------------------


def _site(tmp_path, text, serve=False):
    """A one-page project in tmp_path: its page, config and files, the hook started."""
    (tmp_path / "docs" / "javascripts").mkdir(parents=True)
    (tmp_path / "docs" / "javascripts" / "mathjax.js").write_text(
        (ROOT / "docs" / "javascripts" / "mathjax.js").read_text())
    (tmp_path / "CITATION.cff").write_text((ROOT / "CITATION.cff").read_text())
    (tmp_path / "mlbook").mkdir()
    file, files, config = _one_page(tmp_path, text)
    page = SimpleNamespace(file=file, title="Title")
    execute.on_startup(command="serve" if serve else "build")
    return page, config, [file], files


def _one_page(tmp_path, text):
    """docs/page.md holding ``text``, with the file, files and config MkDocs would pass."""
    source = tmp_path / "docs" / "page.md"
    source.write_text(text)
    file = SimpleNamespace(abs_src_path=str(source), src_uri="page.md", dest_uri="page.html",
                           url="page.html")
    files = SimpleNamespace(get_file_from_path=lambda p: file if p == "page.md" else None)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"),
                             site_dir=str(tmp_path / "site"), site_url="https://book.example/",
                             repo_url=None)
    return file, files, config


def _build(tmp_path, text, serve=False):
    page, config, file_list, files = _site(tmp_path, text, serve)
    execute.on_files(file_list, config)
    return execute.on_page_markdown(text, page=page, config=config, files=files), config


def test_pages_without_runnable_code_are_untouched(tmp_path):
    text = "# Title\n\n```text\nhello\n```\n"
    out, _ = _build(tmp_path, text)
    assert out == text


def test_a_page_links_its_notebook_names_its_versions_and_says_how_to_cite_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    out, config = _build(tmp_path, "# Title\n\n```python\nprint('hi')\n```\n")
    assert out.startswith('# Title\n\n<p class="mlbook-notebook"><a href="page.ipynb" download>')
    assert '<p class="mlbook-verified">Its code last ran with Python ' in out
    assert "url       = {https://book.example/page.html}," in out
    execute.on_post_build(config)
    written = json.loads((tmp_path / "site" / "page.ipynb").read_text())
    assert written["cells"][-1]["outputs"][0]["text"] == "hi\n"


def test_a_failing_block_stops_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(PluginError, match=r"docs/page.md:4: a python block failed(.|\n)*boom"):
        _build(tmp_path, "# T\n\n```python\nraise ValueError('boom')\n```\n")


def test_under_serve_a_failing_block_shows_in_the_page(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CI", "true")
    out, _ = _build(tmp_path, "# T\n\n```python\nraise ValueError('boom')\n```\n", serve=True)
    terminal = capsys.readouterr().err  # and in the terminal that runs `mkdocs serve`
    assert "docs/page.md:4: a python block failed" in terminal and "ValueError: boom" in terminal
    assert '!!! failure "The code of this page failed at docs/page.md, line 4"' in out
    assert "ValueError: boom" in out


def test_a_number_no_block_prints_stops_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(PluginError, match=r"'0.973' in: "):
        _build(tmp_path, "# T\n\nThe accuracy is 0.973.\n\n```python\nprint(1)\n```\n")


def _counting_page(tmp_path):
    counter = tmp_path / "runs.txt"
    return counter, f"# T\n\n```python\nwith open({str(counter)!r}, 'a') as f:\n    f.write('x')\n```\n"


def test_rendered_pages_are_cached_until_the_page_changes(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    counter, text = _counting_page(tmp_path)
    _build(tmp_path, text)
    assert counter.read_text() == "x"
    _build_again(tmp_path, text)  # the same page: nothing runs
    assert counter.read_text() == "x"
    _build_again(tmp_path, text + "\n")  # an edited page runs again
    assert counter.read_text() == "xx"


def _build_again(tmp_path, text):
    file, files, config = _one_page(tmp_path, text)
    execute.on_files([file], config)
    return execute.on_page_markdown(text, page=SimpleNamespace(file=file, title="T"),
                                    config=config, files=files), config


def test_ci_never_uses_the_cache(tmp_path, monkeypatch):
    """With CI set every page runs; its run is still stored, for the Chinese
    build of the same checkout to reuse (tests/test_translation.py)."""
    monkeypatch.setenv("CI", "true")
    counter, text = _counting_page(tmp_path)
    _build(tmp_path, text)
    _build_again(tmp_path, text)
    assert counter.read_text() == "xx"
    assert [p.name for p in (tmp_path / ".cache" / "execute").iterdir()] == ["page.md.json"]


def test_the_search_index_holds_no_tex(tmp_path):
    (tmp_path / "search").mkdir()
    data = {"docs": [{"title": r"The \(\lambda\) path", "text": r"with \(\alpha < 2\)"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(data))
    (tmp_path / "search" / "search_index.js").write_text("var __index = " + json.dumps(data) + ";")
    execute._plain_search_index(tmp_path)
    for name in ("search_index.json", "search_index.js"):
        text = (tmp_path / "search" / name).read_text()
        assert "\\(" not in text and "λ" in text and "α < 2" in text


# --- MathJax served by the site -------------------------------------------------------


def test_mathjax_files_come_from_the_installed_package():
    root = mathjax.mathjax_root()
    assert (root / "startup.js").is_file() and (root / "output" / "chtml.js").is_file()
    assert (root / "input" / "tex" / "extensions" / "tagformat.js").is_file()
    assert any((root / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))


def test_site_config_loads_nothing_from_another_host():
    config = (ROOT / "mkdocs.yml").read_text()
    assert "font: false" in config
    assert "http://" not in config.replace("http://127.0.0.1:8000/", "")
    assert "https://" not in config
    # MathJax comes from the site: the head loads the configuration, which loads
    # the two parts the build joins from the installed package.
    head = (ROOT / "overrides" / "theme" / "main.html").read_text()
    assert "'javascripts/mathjax.js' | url" in head and "//" not in head.replace("://", "")
    script = (ROOT / "docs" / "javascripts" / "mathjax.js").read_text()
    assert '"../assets/mathjax/"' in script
    assert all(f'"{name}"' in script for name in mathjax.PARTS)


def test_the_parts_run_every_component_the_pages_need_and_say_so_to_the_loader():
    root = mathjax.mathjax_root()
    names = [name for names in mathjax.PARTS.values() for name in names]
    assert names[0] == "startup" and "core" in names and "output/chtml/fonts/tex" in names
    config = (ROOT / "docs" / "javascripts" / "mathjax.js").read_text()
    packages = re.search(r'packages: \{ "\[\+\]": \[([^\]]*)\]', config)[1]
    packages = [package.strip().strip('"') for package in packages.split(",")]
    assert "ams" in packages and "tagformat" in packages
    for package in packages:
        assert f"[tex]/{package}" in names  # every TeX package the pages use
    for part_names in mathjax.PARTS.values():
        code = mathjax.part(root, part_names)
        for name in part_names:
            assert mathjax.component_path(root, name).read_text(encoding="utf-8") in code
        told = code.rsplit("MathJax.loader.preLoad(", 1)[1]
        assert "startup" not in told and all(f'"{n}"' in told for n in part_names if n != "startup")


def test_the_print_page_leaves_out_itself_the_api_reference_and_the_labs(monkeypatch):
    def page(src_uri):
        return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))

    nav = SimpleNamespace(pages=[page(uri) for uri in (
        "index.md", "linear-models/linear-regression.md", "labs/index.md",
        "labs/linear-regression.ipynb", "print.md", "api/index.md")])
    files = SimpleNamespace(get_file_from_path=lambda path: f"file:{path}")
    monkeypatch.setitem(execute._STATE, "reference", {"api/index.md"})
    execute.on_nav(nav, {}, files)
    assert [f.src_uri for f in execute._STATE["book"]] == [
        "index.md", "linear-models/linear-regression.md", "labs/index.md"]
    assert execute._STATE["print"] == "file:print.md"


def test_the_repository_link_is_named_owner_slash_name_and_asks_no_api():
    import jinja2

    template = (ROOT / "overrides" / "theme" / "partials" / "source.html").read_text()
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "source.html": template, ".icons/fontawesome/brands/git-alt.svg": "<svg></svg>"}))
    config = {"repo_url": "https://github.com/example/mlbook/", "repo_name": "GitHub"}
    html = env.get_template("source.html").render(config=config)
    assert '<div class="md-source__repository">example/mlbook</div>' in html
    assert 'href="https://github.com/example/mlbook/"' in html
    assert "api.github.com" not in html and "<script" not in html


def test_a_downloaded_lab_links_to_the_site_not_to_relative_pages(tmp_path, monkeypatch):
    text = ('See [(1.11)](../linear-models/linear-regression.html#eq-1.11), '
            '[task 2](#task-2), [numpy](https://numpy.org) and '
            '<a href="pca.ipynb" download>the notebook</a>.')
    assert notebook.absolute_site_links(text, "labs/pca.html", "https://ex.org/book/") == (
        'See [(1.11)](https://ex.org/book/linear-models/linear-regression.html#eq-1.11), '
        '[task 2](#task-2), [numpy](https://numpy.org) and '
        '<a href="https://ex.org/book/labs/pca.ipynb" download>the notebook</a>.')
    # The hook rewrites the copy that mkdocs-jupyter puts next to the lab's page.
    (tmp_path / "labs").mkdir()
    copy = tmp_path / "labs" / "pca.ipynb"
    cells = [{"cell_type": "markdown", "metadata": {},
              "source": ["Read [the notation](../notation.html).\n", text]},
             {"cell_type": "code", "metadata": {}, "source": ["x = '](../a.html)'"],
              "outputs": [], "execution_count": None}]
    copy.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}))
    lab = SimpleNamespace(src_uri="labs/pca.ipynb", url="labs/pca.html")
    monkeypatch.setitem(execute._STATE, "labs", [lab])
    execute._absolute_lab_links(SimpleNamespace(site_url="https://ex.org/book",
                                                site_dir=str(tmp_path)))
    written = json.loads(copy.read_text())["cells"]
    markdown = "".join(written[0]["source"])
    assert markdown.startswith("Read [the notation](https://ex.org/book/notation.html).\n")
    assert "https://ex.org/book/linear-models/linear-regression.html#eq-1.11" in markdown
    assert written[1]["source"] == ["x = '](../a.html)'"]  # code is left as written


def test_an_inline_eqref_becomes_a_plain_link_to_the_equation():
    from bookengine.equations import link_eqrefs

    html = ('see <span class="arithmatex">\\(\\eqref{eq:cost}\\)</span> and '
            '<span class="arithmatex">\\(\\eqref{eq:elsewhere}\\)</span>')
    out = link_eqrefs(html, {"eq:cost": "4.2"})
    assert 'see <a class="mlbook-eqref" href="#eq-4.2">(4.2)</a> and ' in out
    assert "\\eqref{eq:elsewhere}" in out  # not on this page: left to MathJax and the check


def test_the_norm_macro_draws_bars_of_one_size():
    text = (ROOT / "docs" / "javascripts" / "mathjax.js").read_text()
    assert 'norm: ["\\\\lVert #1\\\\rVert", 1]' in text
    assert "enableMenu:" not in text.split("window.MathJax = {", 1)[1].split("// Resolved once")[0]


def test_search_text_holds_no_tex_source_and_no_notebook_chrome():
    text = (r"We need \(\frac{\partial J}{\partial \layer{\Theta}{l}}\) here. "
            r"\[ \ell = \sum_k a_k \tag{4.7}\label{eq:nn-delta-def} \] "
            "In [ ]: Copied! <pre>import numpy\n</pre> import numpy, with \\(\\lambda\\)")
    out = render.search_text(text)
    assert "frac" not in out and "tag" not in out and "label" not in out and "\\" not in out
    assert "∂ J ∂ Θ l" in out and "with λ" in out
    assert "In [" not in out and "Copied!" not in out and out.count("import numpy") == 1


def test_headings_with_math_read_as_text_in_the_table_of_contents():
    item = SimpleNamespace(title=r"\(k\) directions &amp; \(X^\T X\)", children=[
        SimpleNamespace(title=r"The SVD of \(X\)", children=[])])
    execute._plain_toc([item])
    assert item.title == "k directions &amp; X^T X"
    assert item.children[0].title == "The SVD of X"


def test_the_cache_key_ignores_docstrings_and_comments_of_the_package(tmp_path):
    (tmp_path / "mlbook").mkdir()
    source = tmp_path / "mlbook" / "core.py"
    source.write_text('"""Module."""\n\ndef f(x):\n    """Old words."""\n    return x + 1\n')
    first = runner.cache_key("page", tmp_path)
    reads = runner.cache_key("print(f.__doc__)", tmp_path)
    source.write_text('"""Module, reworded."""\n\n\ndef f(x):  # a comment\n'
                      '    """New words."""\n    # and another\n    return x + 1\n')
    assert runner.cache_key("page", tmp_path) == first
    assert runner.cache_key("print(f.__doc__)", tmp_path) != reads  # a page that reads them
    source.write_text('"""Module."""\n\ndef f(x):\n    """Old words."""\n    return x + 2\n')
    assert runner.cache_key("page", tmp_path) != first


def test_the_how_to_cite_bibtex_parses_with_every_field_its_entry_type_needs(tmp_path, monkeypatch):
    from pybtex.database import parse_string

    monkeypatch.setenv("CI", "true")
    out, _ = _build(tmp_path, "# Title\n\n```python\nprint('hi')\n```\n")
    bibtex = out.split("```bibtex\n", 1)[1].split("```", 1)[0]
    entries = parse_string("\n".join(line[4:] for line in bibtex.split("\n")), "bibtex").entries
    (entry,) = entries.values()
    assert entry.type == "incollection"
    # BibTeX's standard styles require these for @incollection; version is no field.
    for field in ("title", "booktitle", "publisher", "year"):
        assert entry.fields.get(field), field
    assert entry.persons["author"] and "version" not in entry.fields
    assert entry.fields["edition"] == execute.edition(ROOT)["version"]


def test_large_lab_styles_are_written_once_and_linked(tmp_path):
    big = "body { color: red; }" * 2000
    page = f"<head><style>{big}</style><style>small {{}}</style></head>"
    out = notebook.link_large_styles(page, tmp_path, "labs/a.html", "assets/jupyter")
    again = notebook.link_large_styles(page, tmp_path, "labs/b.html", "assets/jupyter")
    assert out == again and "<style>small {}</style>" in out and big not in out
    (css,) = (tmp_path / "assets" / "jupyter").iterdir()
    assert css.read_text() == big and f'href="../assets/jupyter/{css.name}"' in out


def test_the_search_index_tags_defining_sections_ranks_labs_last_and_knows_us_spellings(tmp_path):
    (tmp_path / "search").mkdir()
    data = {"docs": [{"location": "ch.html#l2", "title": "L2 regularisation", "text": "a penalty"},
                     {"location": "labs/x.html", "title": "Lab", "text": "regularisation again"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(data))
    execute._plain_search_index(tmp_path, {"labs/x.html"}, {"penalty": "ch.html#l2"})
    docs = json.loads((tmp_path / "search" / "search_index.json").read_text())["docs"]
    assert docs[0]["tags"] == ["penalty"] and "regularization" in docs[0]["text"]
    assert docs[1]["boost"] == execute.LAB_BOOST and "boost" not in docs[0]
    with pytest.raises(PluginError, match="renamed"):
        execute._plain_search_index(tmp_path, set(), {"x": "ch.html#gone"})


def test_every_search_term_names_a_section_of_a_page_in_the_book():
    terms = execute.search_terms(ROOT)
    assert len(terms) >= 10
    for term, location in terms.items():
        page, _, anchor = location.partition("#")
        source = ROOT / "docs" / page.replace(".html", ".md")
        assert source.is_file() and anchor, (term, location)
