"""The labs: notebooks in docs/labs/ and the checks of mlbook.labs.

- every lab is a valid, unexecuted notebook whose tasks and checks match
  mlbook.labs.TASKS, and whose links reach the book's pages and equations;
- with the solutions of tests/labs/solutions/ filled in, every check of every
  lab passes and every cell runs; left as written, every check says "not
  implemented yet" and no cell raises;
- each common mistake of tests/labs/mistakes.py gets its own diagnosis;
- a check prints one line, the same line every time, and survives misuse;
- the site renders the labs with mkdocs-jupyter as configured, and the page
  engine leaves notebook pages alone.

The notebooks run in this process, cell after cell in one namespace, as a
kernel would run them (they use no IPython magics): that keeps all seven labs,
solved and unsolved, within seconds.
"""

import ast
import contextlib
import importlib.util
import io
import os
import re
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest
import yaml

import mlbook.labs as labs
from mlbook.labs import TASKS, check, diagnose, your_code

from ._hooks import ROOT, load_hook

sys.path.insert(0, str(ROOT / "overrides"))
from bookengine.checks import equations  # noqa: E402
from bookengine.equations import wrap_equations  # noqa: E402

LAB_DIR = ROOT / "docs" / "labs"
SOLUTIONS = ROOT / "tests" / "labs" / "solutions"
# Each lab, its solutions module, and the chapters it must link to.
LABS = {
    "linear-regression": ("linear_regression", ["linear-models/linear-regression"]),
    "logistic-regression": ("logistic_regression",
                            ["linear-models/logistic-regression", "linear-models/one-vs-all"]),
    "neural-networks": ("neural_networks",
                        ["neural-networks/neural-networks", "neural-networks/output-delta"]),
    "svm": ("svm", ["svm/support-vector-machines"]),
    "k-means": ("k_means", ["unsupervised/k-means"]),
    "pca": ("pca", ["unsupervised/pca"]),
    "anomaly-detection": ("anomaly", ["anomaly/anomaly-detection"]),
}


def read_lab(name):
    return nbformat.read(LAB_DIR / f"{name}.ipynb", as_version=4)


def load_module(path):
    spec = importlib.util.spec_from_file_location(f"mlbook_lab_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def defined_functions(source):
    return [node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)]


def task_cells(notebook):
    """(index, task name) of every cell that defines a task's function."""
    return [(i, name) for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            for name in defined_functions(cell.source) if name in TASKS]


def solved(notebook, module_name):
    """The notebook with each task cell's source replaced by the solution's function."""
    path = SOLUTIONS / f"{module_name}.py"
    source = path.read_text(encoding="utf-8")
    functions = {node.name: ast.get_source_segment(source, node)
                 for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}
    notebook = nbformat.from_dict(notebook)
    for i, name in task_cells(notebook):
        notebook.cells[i].source = functions[name]
    return notebook


def run(notebook, name):
    """Run the code cells in order in one namespace; return each cell's printed text."""
    namespace = {"__name__": "__main__"}
    printed = []
    try:
        for i, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                exec(compile(cell.source, f"<lab {name}, cell {i}>", "exec"), namespace)  # noqa: S102
            printed.append((i, cell.source, buffer.getvalue()))
    finally:
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.close("all")
    return printed


def check_lines(printed):
    """The task name and printed line of every check cell."""
    found = []
    for _, source, text in printed:
        match = re.fullmatch(r'check\("(\w+)", (\w+)\)', source.strip())
        if match:
            found.append((match[1], text))
    return found


# --- the notebooks as files -----------------------------------------------------------------


def test_every_lab_is_in_the_nav_and_every_notebook_is_a_lab():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    section = next(item["Labs"] for item in config["nav"] if isinstance(item, dict) and "Labs" in item)
    pages = [next(iter(entry.values())) for entry in section]
    assert pages[0] == "labs/index.md"
    assert pages[1:] == [f"labs/{name}.ipynb" for name in LABS]
    assert sorted(p.stem for p in LAB_DIR.glob("*.ipynb")) == sorted(LABS)
    assert {task.lab for task in TASKS.values()} == set(LABS)


@pytest.mark.parametrize("name", LABS)
def test_lab_is_a_valid_unexecuted_notebook(name):
    notebook = read_lab(name)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert len({cell.id for cell in notebook.cells}) == len(notebook.cells)
    # mkdocs-jupyter's page loads mermaid from a CDN only for a mermaid diagram: keep none.
    assert not any("mermaid" in cell.source for cell in notebook.cells)


@pytest.mark.parametrize("name", LABS)
def test_each_task_is_a_stub_followed_by_its_check(name):
    notebook = read_lab(name)
    found = task_cells(notebook)
    names = [task for _, task in found]
    assert sorted(names) == sorted(t for t, spec in TASKS.items() if spec.lab == name)
    assert 3 <= len(names) <= 6 and len(set(names)) == len(names)
    for i, task in found:
        (function,) = ast.parse(notebook.cells[i].source).body
        assert ast.get_docstring(function), f"{task} has no docstring"
        body = function.body[-1]
        assert ast.unparse(body) == "raise NotImplementedError('your code here')", task
        assert [a.arg for a in function.args.args] == list(TASKS[task].params), task
        assert notebook.cells[i + 1].source.strip() == f'check("{task}", {task})'
    assert notebook.cells[-1].source == f'progress("{name}", globals())'


def _links(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            yield from re.findall(r"\]\(([^)\s]+)\)", cell.source)
            yield from re.findall(r'href="([^"]+)"', cell.source)


def _headings(source):
    from markdown.extensions.toc import slugify

    return {slugify(h, "-") for h in re.findall(r"^#+ (.+?)\s*$", source, flags=re.M)}


@pytest.mark.parametrize("name", LABS)
def test_links_reach_the_chapters_and_their_equations(name):
    # A lab links to the chapters' Markdown sources, relative to docs/labs/: in a clone
    # (`jupyter lab docs/labs/`) the file is there and opens; the site's page and the
    # downloaded copy get the site's addresses (test below).
    notebook = read_lab(name)
    pages = {}
    problems = []
    for target in _links(notebook):
        path, _, anchor = target.partition("#")
        if path == f"{name}.ipynb":
            continue
        assert not re.match(r"^[a-z]+:", path) and path.endswith(".md"), (
            f"{target}: link to the chapter's source (page.md), relative to docs/labs/")
        source = (LAB_DIR / path).resolve()
        if not source.is_file():
            problems.append(f"{target}: no page {source}")
            continue
        page = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        text = source.read_text(encoding="utf-8")
        tags = pages.setdefault(page, {f"eq-{eq.tag}" for eq in equations(text, page)}
                                | _headings(text))
        if anchor and anchor not in tags:
            problems.append(f"{target}: {page} has no equation or heading {anchor}")
    assert not problems
    assert set(LABS[name][1]) <= set(pages), "the lab must link to its chapter(s)"
    first = notebook.cells[0].source
    assert f'<a href="{name}.ipynb" download' in first, "the download button"


@pytest.mark.parametrize("name", LABS)
def test_links_work_on_the_site_page_and_in_the_downloaded_copy(name):
    from bookengine.notebook import absolute_site_links, lab_page_links
    from mkdocs_jupyter import convert

    html = lab_page_links(convert.nb2html(str(LAB_DIR / f"{name}.ipynb"), execute=False,
                                          allow_errors=False, custom_mathjax_url=""))
    relative = [h for h in re.findall(r'href="([^"#]*)(?:#[^"]*)?"', html)
                if h and not re.match(r"^[a-z]+:", h)]
    assert relative and not [h for h in relative if h.endswith(".md")]
    for href in relative:  # each is a page the site builds from a source next to it
        source = (LAB_DIR / href)
        assert source.with_suffix(".md").is_file() or source.is_file(), href
    # The copy a reader downloads: every link an address on the site the build names.
    base = "https://example.org/mlbook/"
    for cell in read_lab(name).cells:
        if cell.cell_type == "markdown":
            for target in re.findall(r'(?:\]\(|href=")([^)\s"]+)',
                                     absolute_site_links(cell.source, f"labs/{name}.html", base)):
                assert target.startswith(base) and ".md" not in target, target


# --- running the labs ------------------------------------------------------------------------


@pytest.mark.parametrize("name", LABS)
def test_solved_lab_passes_every_check(name):
    notebook = solved(read_lab(name), LABS[name][0])
    printed = run(notebook, name)
    lines = check_lines(printed)
    assert len(lines) == len(task_cells(notebook))
    for task, text in lines:
        assert text.startswith(f"{task}: passed") and text.count("\n") == 1, text
    # The cells that put the functions to work ran and printed their results.
    assert "This cell runs your functions" not in "".join(text for *_, text in printed)
    assert_progress(printed, name, solved=True)
    assert_expected_values(printed)


def assert_progress(printed, name, solved):
    """The lab's last cell prints one line per task and the count of those that passed."""
    *_, (_, source, text) = printed
    assert source.strip() == f'progress("{name}", globals())'
    tasks = [t for t, spec in TASKS.items() if spec.lab == name]
    lines = text.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == tasks
    word = "passed" if solved else "not implemented yet"
    assert all(line == f"{task}: {word}" for task, line in zip(tasks, lines))
    assert lines[-1] == f"{len(tasks) if solved else 0} of {len(tasks)} tasks passed"


def assert_expected_values(printed):
    """A printed "value (expected: value)" shows the same digits on both sides."""
    for _, _, text in printed:
        for got, want in re.findall(r"([-\d.]+) \(expected: ([-\d.]+)\)", text):
            assert got == want, text


@pytest.mark.parametrize("name", LABS)
def test_unsolved_lab_says_not_implemented_without_a_traceback(name):
    printed = run(read_lab(name), name)
    lines = check_lines(printed)
    assert len(lines) == len(task_cells(read_lab(name)))
    for task, text in lines:
        assert text.startswith(f"{task}: not implemented yet") and text.count("\n") == 1, text
    everything = "".join(text for *_, text in printed)
    assert "Traceback" not in everything
    assert "This cell runs your functions: finish" in everything
    assert_progress(printed, name, solved=False)


def test_the_k_means_lab_prints_an_expected_value_that_its_solution_reaches():
    printed = run(solved(read_lab("k-means"), "k_means"), "k-means")
    (text,) = [t for _, _, t in printed if "expected:" in t]
    assert "K = 16, distortion after 10 iterations: 0.00604 (expected: 0.00604)" in text


@pytest.fixture(scope="module")
def kernel_runs():
    """Every solved lab run in one real Jupyter kernel (nbclient, ipykernel), one after another.

    The kernel's namespace is emptied between two labs (IPython's %reset), so
    each lab starts as in a fresh kernel; one kernel start for all seven keeps
    the test within seconds. Returns, per lab, its code cells as run.
    """
    from nbclient import NotebookClient

    combined = nbformat.v4.new_notebook(metadata=read_lab("pca").metadata)
    spans = {}
    for name, (module_name, _) in LABS.items():
        combined.cells.append(nbformat.v4.new_code_cell("%reset -f"))
        start = len(combined.cells)
        combined.cells += solved(read_lab(name), module_name).cells
        spans[name] = (start, len(combined.cells))
    # The kernel's matplotlib as a reader's: inline, not the tests' Agg (conftest.py).
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    NotebookClient(combined, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(LAB_DIR)}}).execute(env=env)
    return {name: [cell for cell in combined.cells[a:b] if cell.cell_type == "code"]
            for name, (a, b) in spans.items()}


@pytest.mark.parametrize("name", LABS)
def test_solved_lab_runs_in_a_real_kernel(name, kernel_runs):
    # As a reader's front end runs it: inline figures, the kernel's display and warnings.
    printed = []
    for i, cell in enumerate(kernel_runs[name]):
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
        stderr = "".join(o.text for o in cell.outputs
                         if o.output_type == "stream" and o.name == "stderr")
        assert stderr == "", (cell.source, stderr)  # no warning either
        printed.append((i, cell.source, "".join(
            o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")))
    lines = check_lines(printed)
    assert len(lines) == len(task_cells(read_lab(name)))
    for task, text in lines:
        assert text.startswith(f"{task}: passed") and text.count("\n") == 1, text
    assert_progress(printed, name, solved=True)
    assert_expected_values(printed)
    for cell in kernel_runs[name]:
        if "plt.subplots(" in cell.source:  # a figure, shown inline as in JupyterLab
            assert [o for o in cell.outputs
                    if o.output_type == "display_data" and "image/png" in o.data], cell.source


# --- the diagnoses ---------------------------------------------------------------------------

MISTAKES_MODULE = load_module(ROOT / "tests" / "labs" / "mistakes.py")
MISTAKES = MISTAKES_MODULE.MISTAKES


@pytest.mark.parametrize(("task", "phrase", "function"), MISTAKES,
                         ids=[f"{t}-{f.__name__}" for t, _, f in MISTAKES])
def test_common_mistake_gets_its_diagnosis(task, phrase, function):
    result = diagnose(task, function)
    assert result.status == "failed"
    assert phrase in result.message, result.line
    assert "\n" not in result.line and "Traceback" not in result.line


def test_every_task_has_a_solution_and_every_lab_a_diagnosed_mistake():
    solved_tasks = set()
    for module_name, _ in LABS.values():
        module = load_module(SOLUTIONS / f"{module_name}.py")
        solved_tasks |= {t for t in TASKS if callable(getattr(module, t, None))}
    assert solved_tasks == set(TASKS)
    diagnosed = {TASKS[task].lab for task, _, _ in MISTAKES}
    assert diagnosed == set(LABS)


def test_the_labs_page_quotes_a_diagnosis_as_the_check_prints_it():
    page = (LAB_DIR / "index.md").read_text(encoding="utf-8")
    quoted = re.search(r"^output_delta: .*$", page, flags=re.M)[0]
    (stray,) = [f for t, _, f in MISTAKES if f.__name__ == "output_delta_with_a_stray_sigmoid_gradient"]
    assert quoted == diagnose("output_delta", stray).line


def test_every_task_has_hints_and_a_vague_verdict_points_to_them(capsys):
    from mlbook.labs._core import HINTS

    assert set(HINTS) == set(TASKS)
    assert all(len(steps) >= 2 for steps in HINTS.values())
    labs.hint("nn_cost")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "nn_cost: what to check, step by step" and out[1].startswith("  1. ")
    for task, _, function in MISTAKES:
        message = diagnose(task, function).message
        if "does not match" in message:
            assert message.endswith(f'run hint("{task}")'), message


def test_a_structural_mistake_is_not_blamed_on_a_constant():
    # A ratio to the right value is named as a factor only when the task's constants give it.
    structural = [(t, f) for t, phrase, f in MISTAKES if phrase == MISTAKES_MODULE.STRUCTURE
                  or "broadcasts" in phrase or "* against @" in phrase or "which rows" in phrase]
    assert len(structural) >= 5
    for task, function in structural:
        message = diagnose(task, function).message
        assert "times too" not in message and "twice" not in message and "half" not in message


def test_progress_reports_each_task_as_it_stands(capsys):
    def find_closest_centroids(X, centroids):
        return np.argmin(((X[:, None] - centroids[None]) ** 2).sum(axis=2), axis=1)

    def compute_centroids(X, idx, K):
        raise NotImplementedError("your code here")

    def distortion(X, idx, centroids):
        return 0.0

    labs.progress("k-means", {"find_closest_centroids": find_closest_centroids,
                              "compute_centroids": compute_centroids, "distortion": distortion})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "find_closest_centroids: passed"
    assert out[1] == "compute_centroids: not implemented yet"
    assert out[2].startswith("distortion: not right yet: your distortion")
    assert out[3].startswith("run_kmeans: not run yet") and out[-1] == "1 of 5 tasks passed"
    labs.progress("k-mean", {})
    assert "there is no lab called 'k-mean'" in capsys.readouterr().out


def test_a_diagnosis_is_the_same_every_time():
    for task, _, function in MISTAKES[::5]:
        assert diagnose(task, function) == diagnose(task, function)


def test_check_prints_exactly_one_line(capsys):
    def linear_cost(theta, X, y, lam=0.0):
        raise NotImplementedError("your code here")

    check("linear_cost", linear_cost)
    first = capsys.readouterr().out
    check("linear_cost", lambda theta, X, y, lam=0.0: 1.0)
    second = capsys.readouterr().out
    assert first.startswith("linear_cost: not implemented yet") and first.count("\n") == 1
    assert second.startswith("linear_cost: not right yet") and second.count("\n") == 1


def test_a_function_that_calls_an_unfinished_one_says_which():
    def forward(Theta1, Theta2, X):
        raise NotImplementedError("your code here")

    def nn_cost(Theta1, Theta2, X, Y, lam=0.0):
        return forward(Theta1, Theta2, X)

    result = diagnose("nn_cost", nn_cost)
    assert result.status == "not implemented" and "it calls forward" in result.message


def test_an_error_in_the_readers_code_is_one_line_naming_it():
    def sigmoid(z):
        return 1 / (1 + math_exp(-z))  # noqa: F821 (a name the reader forgot to import)

    result = diagnose("sigmoid", sigmoid)
    assert result.status == "failed"
    assert "raised NameError: name 'math_exp' is not defined" in result.message


def test_misuse_of_check_is_explained():
    assert "there is no task called 'linear_costs'" in diagnose("linear_costs", print).message
    assert "pass the function itself" in diagnose("linear_cost", 3.5).message


def test_a_passing_function_that_warns_is_told_so():
    def log_density(X, mu, sigma2):
        with np.errstate(divide="warn"):
            np.log(np.zeros(1))  # a stray warning, harmless to the result
        return -0.5 * np.sum(np.log(2 * np.pi * sigma2) + (X - mu) ** 2 / sigma2, axis=1)

    result = diagnose("log_density", log_density)
    assert result.status == "passed" and 'numpy warned "divide by zero' in result.message


def test_your_code_turns_an_unfinished_function_into_one_line(capsys):
    def gradient_descent(*args):
        raise NotImplementedError("your code here")

    with your_code():
        gradient_descent()
        raise AssertionError("not reached")
    assert capsys.readouterr().out == (
        "This cell runs your functions: finish gradient_descent above first "
        "(it is not implemented yet).\n")
    with pytest.raises(ZeroDivisionError), your_code():
        1 / 0  # noqa: B018 (other errors are the reader's to see)


def test_checks_draw_only_from_seeded_generators():
    # Every case of every check, run through by the solutions, leaves numpy's
    # global random state as it found it.
    state = np.random.get_state()[1].copy()
    for module_name, _ in LABS.values():
        module = load_module(SOLUTIONS / f"{module_name}.py")
        for task in TASKS:
            if callable(getattr(module, task, None)):
                assert diagnose(task, getattr(module, task)).status == "passed"
    assert np.array_equal(np.random.get_state()[1], state)


# --- the site --------------------------------------------------------------------------------


def test_mkdocs_jupyter_renders_only_the_labs_unexecuted_with_their_download():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (options,) = [p["mkdocs-jupyter"] for p in config["plugins"]
                  if isinstance(p, dict) and "mkdocs-jupyter" in p]
    assert options["include"] == ["labs/*.ipynb"]
    assert options["execute"] == "false" and options["allow_errors"] == "false"
    assert options["include_source"] == "true"


def test_the_sites_mathjax_reads_notebook_markdown_cells_and_dollars():
    script = (ROOT / "docs" / "javascripts" / "mathjax.js").read_text(encoding="utf-8")
    assert 'processHtmlClass: "arithmatex|jp-RenderedMarkdown"' in script
    assert '["$", "$"]' in script and '["$$", "$$"]' in script


@pytest.fixture(scope="module")
def lab_page():
    from mkdocs_jupyter import convert

    return convert.nb2html(str(LAB_DIR / "linear-regression.ipynb"), execute=False,
                           allow_errors=False, custom_mathjax_url="")


def test_the_page_engine_leaves_notebook_pages_alone(lab_page):
    # The execute hook runs .md pages only; its HTML pass finds no equation to wrap here.
    execute = load_hook("execute")
    assert 'f.src_uri.endswith(".md")' in Path(execute.__file__).read_text(encoding="utf-8")
    assert wrap_equations(lab_page) == lab_page
    assert '<div class="jupyter-wrapper">' in lab_page
    assert "$\\lambda$" in lab_page  # the math stays for the site's MathJax to typeset
    assert len(lab_page.encode()) < 1_000_000


def test_labs_module_is_documented():
    assert labs.__doc__ and labs.check.__doc__ and labs.diagnose.__doc__


def test_the_labs_page_installs_the_labs_extra_whose_packages_are_pinned():
    import tomllib

    page = (LAB_DIR / "index.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```console\n(.*?)```", page, flags=re.S)
    assert 'pip install -e ".[labs]" -c constraints.txt' in block.splitlines()
    assert "jupyter lab docs/labs/" in block.splitlines()
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["optional-dependencies"]
    pins = {re.sub(r"[-_.]+", "-", line.split("==")[0]).lower()
            for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
            if "==" in line and not line.startswith("#")}
    names = {re.sub(r"[-_.]+", "-", re.split(r"[<>=\[ ]", req)[0]).lower()
             for req in extras["labs"]}
    assert {"jupyterlab", "matplotlib", "scikit-learn"} <= names <= pins
    # What the labs import is in the extra: the first code cell of each lab.
    for name in LABS:
        first = next(c.source for c in read_lab(name).cells if c.cell_type == "code")
        imported = set(re.findall(r"^(?:from|import) (\w+)", first, flags=re.M))
        assert imported <= {"numpy", "mlbook", "matplotlib", "sklearn", "scipy"}, imported


SHORTCUTS = MISTAKES_MODULE.SHORTCUTS


def test_every_check_has_a_shortcut_that_skips_its_defining_step():
    assert sorted(task for task, _ in SHORTCUTS) == sorted(TASKS)


@pytest.mark.parametrize(("task", "function"), SHORTCUTS,
                         ids=[f"{t}-{f.__name__}" for t, f in SHORTCUTS])
def test_a_shortcut_fails_its_check(task, function):
    result = diagnose(task, function)
    assert result.status == "failed", result.line


def test_the_k_means_lab_states_the_photographs_true_counts():
    import matplotlib.cbook
    import matplotlib.image

    path = matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    pixels = matplotlib.image.imread(path)[::4, ::4].reshape(-1, 3)
    m, distinct = len(pixels), len(np.unique(pixels, axis=0))
    text = "\n".join(c.source for c in read_lab("k-means").cells if c.cell_type == "markdown")
    assert f"{m:,} pixels but only {distinct:,} different colours" in " ".join(text.split())
    # Question 3's start: 32 different rows, fewer different colours, so a cluster empties.
    start = pixels[np.random.default_rng(1).permutation(m)[:32]]
    assert len(np.unique(start, axis=0)) < 32
    assert "np.random.default_rng(1).permutation(len(pixels))[:32]" in text


def test_the_build_hook_gives_a_lab_page_the_sites_addresses(monkeypatch):
    from types import SimpleNamespace

    execute = load_hook("execute")
    monkeypatch.setitem(execute._STATE, "reference", set())
    lab = SimpleNamespace(file=SimpleNamespace(src_uri="labs/k-means.ipynb", url="labs/k-means.html",
                                               abs_src_path=str(LAB_DIR / "k-means.ipynb")),
                          present_anchor_ids=None, toc=[])
    html = execute.on_page_content(
        '<a href="../unsupervised/k-means.md#eq-7.1">(7.1)</a> <a href="index.md">labs</a>',
        page=lab, config=None, files=None)
    assert 'href="../unsupervised/k-means.html#eq-7.1"' in html and 'href="index.html"' in html


# --- the Chinese labs (docs-zh/labs/) and the one message catalogue -------------------------

from mlbook.labs import _messages  # noqa: E402

ZH_LAB_DIR = ROOT / "docs-zh" / "labs"
ZH_LABS = [name for name in LABS if (ZH_LAB_DIR / f"{name}.ipynb").is_file()]
CJK = re.compile("[\u4e00-\u9fff]")


def read_zh_lab(name):
    return nbformat.read(ZH_LAB_DIR / f"{name}.ipynb", as_version=4)


def solved_keeping_docstrings(notebook, module_name):
    """As :func:`solved`, but each task keeps the notebook's own header and docstring:
    only the stub's last line is replaced by the solution's body, as a reader does."""
    source = (SOLUTIONS / f"{module_name}.py").read_text(encoding="utf-8")
    lines = source.splitlines()
    bodies = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            bodies[node.name] = "\n".join(lines[body[0].lineno - 1:node.end_lineno])
    notebook = nbformat.from_dict(notebook)
    for i, name in task_cells(notebook):
        cell = notebook.cells[i]
        (function,) = ast.parse(cell.source).body
        head = cell.source.splitlines()[:function.body[-1].lineno - 1]
        cell.source = "\n".join([*head, bodies[name]]) + "\n"
    return notebook


def test_every_message_of_the_catalogue_has_both_languages():
    for key, forms in _messages.MESSAGES.items():
        assert len(forms) == len(_messages.LANGUAGES) == 2, key
        en, zh = forms
        assert en.strip() and zh.strip() and en != zh, key
        assert not CJK.search(en) and CJK.search(zh), key
        fields = set(re.findall(r"\{(\w+)\}", en))
        assert set(re.findall(r"\{(\w+)\}", zh)) <= fields, key
        assert all(f.rstrip("0123456789") in _messages.FIELDS for f in fields), key


def test_every_hint_has_its_chinese_step_by_step(capsys):
    from mlbook.labs._core import HINTS

    assert set(_messages.HINTS_ZH) == set(HINTS)
    for task, steps in HINTS.items():
        chinese = _messages.HINTS_ZH[task]
        assert len(chinese) == len(steps), task
        for english, zh in zip(steps, chinese):
            assert CJK.search(zh), (task, zh)
            # The same equations, the same code: every (n.m) and every shape of the step.
            assert re.findall(r"\(\d+\.\d+\)", zh) == re.findall(r"\(\d+\.\d+\)", english), (task, zh)
    labs.hint("backprop", lang="zh")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "backprop：逐步检查以下各点" and out[2].startswith("  2. Delta3 = 你的 output_delta")
    labs.hint("backprop")
    assert capsys.readouterr().out.splitlines()[0] == "backprop: what to check, step by step"


def _english_corpus():
    """English lines the checks print: every known mistake, shortcut and hint, and the
    machinery's own lines."""
    lines = [diagnose(task, function).line for task, _, function in MISTAKES]
    lines += [diagnose(task, function).line for task, function in MISTAKES_MODULE.SHORTCUTS]
    def stub(*args):
        raise NotImplementedError("your code here")

    def calls_a_stub(*args):
        return stub(*args)

    lines += [diagnose(name, stub).line for name in TASKS]
    lines.append(diagnose("sigmoid", calls_a_stub).line)
    for name, (module_name, _) in LABS.items():
        module = load_module(SOLUTIONS / f"{module_name}.py")
        lines += [diagnose(task, getattr(module, task)).line
                  for task, spec in TASKS.items() if spec.lab == name]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        labs.progress("pca", {})
        labs.hint("forward")
        with your_code():
            def unfinished():
                raise NotImplementedError("your code here")
            unfinished()
    return lines + buffer.getvalue().splitlines()


def test_every_message_of_the_catalogue_is_one_the_checks_write():
    """An English form that no line of the checks contains any longer (the English was
    reworded) would leave its Chinese unused: the catalogue follows the checks."""
    corpus = "\n".join(_english_corpus())
    unused = [key for key, pattern, _ in _messages._COMPILED if not pattern.search(corpus)]
    assert not unused, unused


# One common mistake per lab, and its diagnosis in Chinese, all of it.
CHINESE_DIAGNOSES = {
    "linear-regression": ("cost_penalising_the_intercept", "对 theta_0 做了正则化"),
    "logistic-regression": ("sigmoid_of_minus_z", "指数的符号反了"),
    "neural-networks": ("output_delta_with_a_stray_sigmoid_gradient", "g'(z) 与对数的导数相消"),
    "svm": ("objective_penalising_b", "对偏置 b 也施加了惩罚"),
    "k-means": ("centroids_as_sums", "要除以 N_k"),
    "pca": ("covariance_unbiased", "除以的是 m - 1"),
    "anomaly-detection": ("estimate_the_standard_deviation", "存放的是标准差"),
}


def _mistake(function_name):
    (found,) = [(t, f) for t, _, f in MISTAKES if f.__name__ == function_name]
    return found


def _prose_left_in_english(line):
    """Runs of two English words in a Chinese line, code and formulas aside."""
    line = re.sub(r"`[^`]*`", "", line.split(": ", 1)[1])
    return re.findall(r"\b[a-z]{3,} [a-z]{3,}\b", line)


@pytest.mark.parametrize("lab", LABS)
def test_a_common_mistake_gets_its_diagnosis_in_chinese(lab):
    function_name, phrase = CHINESE_DIAGNOSES[lab]
    task, function = _mistake(function_name)
    assert TASKS[task].lab == lab
    english, chinese = diagnose(task, function), diagnose(task, function, lang="zh")
    assert english == diagnose(task, function, lang="en") and not CJK.search(english.message)
    assert chinese.status == english.status == "failed"
    assert phrase in chinese.message and chinese.line.startswith(f"{task}: 还不对："), chinese.line
    assert not _prose_left_in_english(chinese.line), chinese.line
    # The numbers of the English line, all of them, in the Chinese one.
    assert sorted(re.findall(r"\d+(?:\.\d+)?", english.message)) == \
        sorted(re.findall(r"\d+(?:\.\d+)?", chinese.message)), chinese.line


def test_a_lab_with_chinese_docstrings_answers_in_chinese(capsys):
    namespace = {}
    exec('def sigmoid(z):\n    """逻辑函数 g(z)。"""\n    raise NotImplementedError("在这里写你的代码")\n',  # noqa: S102
         namespace)
    check("sigmoid", namespace["sigmoid"])
    assert capsys.readouterr().out.startswith("sigmoid: 尚未实现：把 raise NotImplementedError")
    labs.progress("logistic-regression", namespace)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "sigmoid: 尚未实现" and out[-1] == "5 个任务中通过了 0 个"
    assert diagnose("sigmoid", namespace["sigmoid"], lang="en").message.startswith(
        "not implemented yet")
    with pytest.raises(ValueError, match="lang"):
        diagnose("sigmoid", namespace["sigmoid"], lang="fr")


@pytest.mark.parametrize("name", ZH_LABS)
def test_chinese_lab_is_the_english_lab_with_its_text_translated(name):
    sys.path.insert(0, str(ROOT / "overrides"))
    from bookengine import translation

    english, chinese = read_lab(name), read_zh_lab(name)
    nbformat.validate(chinese)
    assert chinese.metadata.mlbook.translation_of == translation.source_hash(
        (LAB_DIR / f"{name}.ipynb").read_text(encoding="utf-8")), \
        "the Chinese lab translates another version of the English one: translate the change"
    assert chinese.metadata.kernelspec == english.metadata.kernelspec
    assert [(c.cell_type, c.id) for c in chinese.cells] == [(c.cell_type, c.id) for c in english.cells]
    for en, zh in zip(english.cells, chinese.cells):
        if en.cell_type == "code":
            assert translation.code_tokens(zh.source) == translation.code_tokens(en.source), \
                f"docs-zh/labs/{name}.ipynb, cell {zh.id}: the code differs from the English"
            assert zh.outputs == en.outputs == [] and zh.execution_count is None
        else:
            assert CJK.search(zh.source), f"cell {zh.id} is not translated"
            assert re.findall(r"\$\$.*?\$\$", zh.source, re.S) == \
                re.findall(r"\$\$.*?\$\$", en.source, re.S), zh.id
            assert sorted(_links(nbformat.v4.new_notebook(cells=[zh]))) == \
                sorted(_links(nbformat.v4.new_notebook(cells=[en]))), zh.id
    # Every task's docstring is Chinese: that is how its checks know to answer in Chinese.
    for i, task in task_cells(chinese):
        (function,) = ast.parse(chinese.cells[i].source).body
        assert CJK.search(ast.get_docstring(function)), task


@pytest.mark.parametrize("name", ZH_LABS)
def test_solved_chinese_lab_passes_every_check_in_chinese(name):
    notebook = solved_keeping_docstrings(read_zh_lab(name), LABS[name][0])
    printed = run(notebook, name)
    lines = check_lines(printed)
    assert len(lines) == len(task_cells(notebook))
    for task, text in lines:
        assert text.startswith(f"{task}: 通过：") and text.count("\n") == 1, text
    *_, (_, _, text) = printed
    tasks = [t for t, spec in TASKS.items() if spec.lab == name]
    assert text.splitlines() == [f"{t}: 通过" for t in tasks] + [
        f"{len(tasks)} 个任务中通过了 {len(tasks)} 个"]
    assert_expected_values(printed)


@pytest.mark.parametrize("name", ZH_LABS)
def test_unsolved_chinese_lab_says_not_implemented_in_chinese(name):
    printed = run(read_zh_lab(name), name)
    for task, text in check_lines(printed):
        assert text.startswith(f"{task}: 尚未实现：") and text.count("\n") == 1, text
    everything = "".join(text for *_, text in printed)
    assert "Traceback" not in everything and "这个单元格运行你写的函数：请先完成上面的" in everything
    *_, (_, _, text) = printed
    tasks = [t for t, spec in TASKS.items() if spec.lab == name]
    assert text.splitlines() == [f"{t}: 尚未实现" for t in tasks] + [
        f"{len(tasks)} 个任务中通过了 0 个"]


def test_a_changed_english_lab_makes_its_chinese_lab_stale(tmp_path):
    sys.path.insert(0, str(ROOT / "overrides"))
    from bookengine import translation

    en, zh = tmp_path / "docs", tmp_path / "docs-zh"
    (en / "labs").mkdir(parents=True)
    (zh / "labs").mkdir(parents=True)
    english = read_lab("pca")
    nbformat.write(english, en / "labs" / "pca.ipynb")
    chinese = read_zh_lab("pca") if "pca" in ZH_LABS else nbformat.from_dict(english)
    chinese.metadata["mlbook"] = {"translation_of": translation.source_hash(
        (en / "labs" / "pca.ipynb").read_text(encoding="utf-8"))}
    nbformat.write(chinese, zh / "labs" / "pca.ipynb")
    assert [p for p, _, _ in translation.pairs(en, zh)] == ["labs/pca.ipynb"]
    assert translation.stale_pages(en, zh) == []
    assert "labs/pca.ipynb" not in translation.untranslated_pages(en, zh)
    english.cells[2].source += "\nOne more sentence."
    nbformat.write(english, en / "labs" / "pca.ipynb")
    assert translation.stale_pages(en, zh) == ["labs/pca.ipynb"]


def test_what_passed_is_said_in_chinese_in_a_chinese_lab():
    """A solved Chinese lab reads its verdicts in Chinese: every task's pass line
    has no run of English words left (names of code and numbers stay)."""
    english_run = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")
    for name, (module_name, _) in LABS.items():
        module = load_module(SOLUTIONS / f"{module_name}.py")
        for task, spec in TASKS.items():
            if spec.lab != name:
                continue
            line = diagnose(task, getattr(module, task), lang="zh").message
            assert line.startswith("通过："), (task, line)
            assert not english_run.search(line), (task, line)
