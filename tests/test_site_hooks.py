"""The build hooks: page execution (execute.py) and offline MathJax (mathjax.py)."""

import json
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from ._hooks import ROOT, load_hook

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


def test_find_fences_reads_nesting_indent_and_kind():
    fences = execute.find_fences(PAGE)
    assert [f.info for f in fences] == ["python", "python", 'python title="listing"', "text"]
    assert [f.runnable for f in fences] == [True, True, False, False]
    assert [f.is_listing for f in fences] == [False, False, True, False]
    assert fences[1].indent == "    " and fences[1].code == "print(x + 1)\n"


def build(page):
    return execute.render(page, execute.run_page(page, "page.md"))


def test_render_shows_output_under_each_block_in_one_namespace():
    out = build(PAGE)
    assert '```{ .text .mlbook-output .no-copy title="Output" }\n42\n```' in out
    assert '    ```{ .text .mlbook-output .no-copy title="Output" }\n    43\n    ```' in out  # inside the admonition
    assert out.count('title="Output"') == 2  # the listing was not run


def test_render_embeds_each_figure_with_its_caption():
    page = (
        "```python\nimport matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots(num='Two points & a line')\nax.plot([0, 1])\n```\n"
    )
    out = build(page)
    assert 'src="data:image/svg+xml;base64,' in out
    assert "<figcaption>Figure 1. Two points &amp; a line</figcaption>" in out
    assert 'alt="Two points &amp; a line"' in out


def test_render_refuses_a_figure_without_caption():
    page = "```python\nimport matplotlib.pyplot as plt\nplt.subplots()\n```\n"
    with pytest.raises(PluginError, match="no label"):
        execute.run_page(page, "page.md")


def test_a_failing_block_stops_the_build_with_its_line():
    page = "# Title\n\n```python\nx = 1\nraise RuntimeError('boom')\n```\n"
    with pytest.raises(PluginError, match=r"page.md:3:.*\n(.|\n)*line 5(.|\n)*boom"):
        execute.run_page(page, "page.md")


def test_a_warning_in_a_block_stops_the_build():
    page = "```python\nimport numpy as np\nnp.log(np.array([0.0]))\n```\n"
    with pytest.raises(PluginError, match="divide by zero"):
        execute.run_page(page, "page.md")


def test_pages_without_runnable_code_are_untouched():
    page = "# Title\n\n```text\nhello\n```\n"
    assert execute.on_page_markdown(page, page=None, config=None, files=None) == page


def test_notebook_has_the_prose_the_code_and_this_run_s_outputs():
    notebook = execute.to_notebook(PAGE, execute.run_page(PAGE, "page.md"), ROOT, "A page")
    cells = notebook["cells"]
    assert (notebook["nbformat"], notebook["nbformat_minor"]) == (4, 5)
    assert [c["id"] for c in cells] == [f"cell-{i}" for i in range(len(cells))]
    assert [c["cell_type"] for c in cells] == ["markdown", "markdown", "code", "markdown",
                                               "code", "markdown"]
    assert "\\newcommand{\\xs}[1]{x^{(#1)}}" in cells[0]["source"]  # the book's macros
    assert cells[2]["source"] == "x = 6 * 7\nprint(x)"
    assert cells[2]["outputs"] == [{"output_type": "stream", "name": "stdout", "text": "42\n"}]
    assert cells[3]["source"] == "**Note**"  # an admonition, no test marker
    assert cells[4]["outputs"][0]["text"] == "43\n" and cells[4]["execution_count"] == 2
    assert "def _linear_cost(theta, X, y, lam):" in cells[5]["source"]  # listing resolved
    assert "--8<--" not in cells[5]["source"]


def test_notebook_keeps_each_figure_as_svg():
    page = (
        "# T\n\n```python\nfrom mlbook.plotting import new_figure\n"
        "fig, ax = new_figure('A line')\nax.plot([0, 1])\n```\n"
    )
    notebook = execute.to_notebook(page, execute.run_page(page, "page.md"), ROOT, "T")
    (output,) = notebook["cells"][-1]["outputs"]
    assert output["data"]["text/plain"] == "A line"
    assert output["data"]["image/svg+xml"].lstrip().startswith("<?xml")


def test_admonition_bodies_are_dedented_for_jupyter():
    cell = execute._markdown_cell(['??? success "Solution"', "", "    Some *text*.", "Back out."])
    assert cell["source"] == "**Solution**\n\nSome *text*.\nBack out."


def _page(tmp_path, text):
    """A one-page project in tmp_path, with the book's macros, and its page and config."""
    source = tmp_path / "docs" / "page.md"
    (tmp_path / "docs" / "javascripts").mkdir(parents=True)
    (tmp_path / "docs" / "javascripts" / "mathjax.js").write_text(
        (ROOT / "docs" / "javascripts" / "mathjax.js").read_text())
    source.write_text(text)
    file = SimpleNamespace(abs_src_path=str(source), src_uri="page.md", dest_uri="page/index.html")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"),
                             site_dir=str(tmp_path / "site"))
    return SimpleNamespace(file=file), config


def test_pages_link_their_notebook_which_the_build_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    text = "# Title\n\n```python\nprint('hi')\n```\n"
    page, config = _page(tmp_path, text)
    out = execute.on_page_markdown(text, page=page, config=config, files=None)
    assert out.startswith('# Title\n\n<p class="mlbook-notebook"><a href="page.ipynb" download>')
    execute.on_post_build(config)
    notebook = json.loads((tmp_path / "site" / "page" / "page.ipynb").read_text())
    assert notebook["cells"][-1]["outputs"][0]["text"] == "hi\n"


def _counting_page(tmp_path):
    """A page whose code appends an 'x' to runs.txt each time it runs."""
    counter = tmp_path / "runs.txt"
    text = f"```python\nwith open({str(counter)!r}, 'a') as f:\n    f.write('x')\n```\n"
    return text, counter, *_page(tmp_path, text)


def test_rendered_pages_are_cached_until_the_page_changes(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    text, counter, page, config = _counting_page(tmp_path)
    first = execute.on_page_markdown(text, page=page, config=config, files=None)
    again = execute.on_page_markdown(text, page=page, config=config, files=None)
    assert first == again and counter.read_text() == "x"  # the second build ran nothing
    execute.on_page_markdown(text + "\n", page=page, config=config, files=None)
    assert counter.read_text() == "xx"  # an edited page runs again


def test_ci_never_uses_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    text, counter, page, config = _counting_page(tmp_path)
    execute.on_page_markdown(text, page=page, config=config, files=None)
    execute.on_page_markdown(text, page=page, config=config, files=None)
    assert counter.read_text() == "xx"
    assert not (tmp_path / ".cache").exists()


def test_mathjax_files_come_from_the_installed_package():
    root = mathjax.mathjax_root()
    assert (root / "tex-chtml.js").is_file()
    assert (root / "input" / "tex" / "extensions" / "tagformat.js").is_file()
    assert any((root / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))


def test_site_config_loads_nothing_from_another_host():
    config = (ROOT / "mkdocs.yml").read_text()
    assert "font: false" in config
    assert "http://" not in config and "https://" not in config
    assert "assets/mathjax/tex-chtml.js" in config
