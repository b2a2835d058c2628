"""Root conftest: applies to the unit tests and to the docs' code blocks.

It lives at the repository root, not in docs/, so that the site does not
publish it.
"""

import ast
import os
import sys

import pytest_codeblocks.plugin
from _pytest.assertion.rewrite import rewrite_asserts

# Figures are drawn off-screen, in tests and in the docs' code blocks alike.
os.environ["MPLBACKEND"] = "Agg"


def exec_with_rewritten_asserts(code, namespace):
    """``exec`` for the docs' code blocks, with asserts rewritten as pytest rewrites them.

    pytest-codeblocks runs each block with plain ``exec``, so a failing
    ``assert a < b`` reported a bare AssertionError; rewritten, it says which
    values disagreed, as the book's build does.
    """
    tree = ast.parse(code)
    rewrite_asserts(tree, code.encode("utf-8"))
    exec(compile(tree, "<code block>", "exec"), namespace)  # noqa: S102


# The plugin looks `exec` up in its module's globals before the builtins.
pytest_codeblocks.plugin.exec = exec_with_rewritten_asserts


def pytest_runtest_teardown(item, nextitem):
    # pytest-codeblocks runs every block in one process: close the figures one
    # block made so that the next block starts clean.
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
