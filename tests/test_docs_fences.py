"""Every Python fence in docs/ must run as a test.

pytest-codeblocks silently skips fences whose info string is not exactly
``python``/``sh``/``bash`` (``py``, ``python title=...``, ``~~~python``).
These tests parse the docs independently (with the build hook's fence
parser) and compare with what pytest-codeblocks collects.
"""

import re

import pytest
from pytest_codeblocks.main import extract_from_file

from ._hooks import ROOT, load_hook

find_fences = load_hook("execute").find_fences
PAGES = sorted((ROOT / "docs").rglob("*.md"))
# Languages that are Python or a shell, however spelled.
SUSPECT = re.compile(r"^[{.\s]*(py|python\d?|pycon|ipython\d?|sh|bash|zsh|shell)\b", re.I)


def page_id(path):
    return path.relative_to(ROOT).as_posix()


def test_docs_have_runnable_fences():
    assert sum(f.runnable for page in PAGES for f in find_fences(page.read_text())) >= 10


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_python_fences_are_plain_or_listings(page):
    odd = [
        f"{page_id(page)}:{fence.start + 1}: ```{fence.info}"
        for fence in find_fences(page.read_text())
        if SUSPECT.match(fence.info) and not (fence.runnable or fence.is_listing)
    ]
    assert not odd, (
        "Write runnable Python as a plain ```python fence (pytest-codeblocks skips any "
        "other spelling), source listings as ```python title=\"...\" holding only "
        "--8<-- lines, and commands to type as ```console (sh/bash fences would run):\n"
        + "\n".join(odd)
    )


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_runnable_fence_is_collected(page):
    ours = "".join(f.code for f in find_fences(page.read_text()) if f.runnable)
    collected = "".join(b.code for b in extract_from_file(page) if b.syntax == "python")
    # pytest-codeblocks appends a <!--pytest-codeblocks:cont--> fence to the block
    # before it, even one it then skips: the same lines, in the same order, mean
    # nothing was lost. (It drops blank lines inside indented fences; so do we here.)
    assert code_lines(collected) == code_lines(ours)


def code_lines(text):
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_no_skipped_or_expected_failure_snippets(page):
    markers = re.findall(r"<!--\s*(pytest\.mark\.\w+|pytest-codeblocks:(?!cont)[\w-]+)", page.read_text())
    assert not markers, f"{page_id(page)} skips or expects failure of a snippet: {markers}"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_no_control_characters(page):
    # A "\frac" written through a non-raw Python string becomes a form feed
    # and "rac", which MathJax typesets without complaint as r·a·c.
    bad = [
        f"{page_id(page)}:{number}: {line!r}"
        for number, line in enumerate(page.read_text().split("\n"), start=1)
        if re.search(r"[\x00-\x08\x0b-\x1f]", line)
    ]
    assert not bad, "control characters (an unescaped backslash?):\n" + "\n".join(bad)


def test_a_failing_assert_in_a_code_block_says_which_values_disagreed():
    from conftest import exec_with_rewritten_asserts

    with pytest.raises(AssertionError, match=r"assert 5 < 2\n \+  where 5 = max\(\[1, 5\]\)"):
        exec_with_rewritten_asserts("values = [1, 5]\nassert max(values) < 2\n", {})
