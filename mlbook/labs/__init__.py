r"""Checks for the book's labs: the reader's function against mlbook's own.

Each lab of the book is a Jupyter notebook (``docs/labs/``) in which the
reader writes the key functions of a chapter. After each function a cell runs

    from mlbook.labs import check
    check("linear_cost", linear_cost)

which calls the function on several seeded cases, edge cases included,
compares it with mlbook's implementation (gradients also with central
differences, :mod:`mlbook.gradcheck`), and prints one line: that it passed,
that it is not implemented yet, or what is wrong, in the reader's terms and
with the number of the equation to compare with. A check never prints a
traceback for a mistake in the reader's code, never uses unseeded randomness,
and never prints the expected values.

:func:`diagnose` returns the same verdict as a :class:`Result` instead of
printing it; :func:`hint` prints what to check, step by step, for a task whose
check says only that the result does not match; :func:`progress` prints the
verdict of every task of a lab; :data:`TASKS` lists the tasks of every lab.

The Chinese labs (``docs-zh/labs/``) get the same checks with Chinese lines:
a lab whose task functions have Chinese docstrings is answered in Chinese, from
the one message catalogue of ``mlbook/labs/_messages.py``; ``lang="en"`` or
``lang="zh"`` chooses the language explicitly.
"""

from . import _anomaly, _hints, _kmeans, _linear, _logistic, _network, _pca, _svm  # noqa: F401 (register)
from ._core import TASKS, Result, check, diagnose, hint, progress, your_code

__all__ = ["TASKS", "Result", "check", "diagnose", "hint", "progress", "your_code"]
