"""Root conftest: applies to the unit tests and to the docs' code blocks.

It lives at the repository root, not in docs/, so that the site does not
publish it.
"""

import os
import sys

# Figures are drawn off-screen, in tests and in the docs' code blocks alike.
os.environ["MPLBACKEND"] = "Agg"


def pytest_runtest_teardown(item, nextitem):
    # pytest-codeblocks runs every block in one process: close the figures one
    # block made so that the next block starts clean.
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
