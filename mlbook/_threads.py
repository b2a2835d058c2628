"""One BLAS thread inside ``fit`` and the optimisers, restored afterwards.

numpy and scipy each bundle their own OpenBLAS, each with a pool of threads
sized to the machine. An optimiser that alternates numpy's matrix products
with scipy's L-BFGS makes the two pools fight over the cores: on two cores a
default fit ran 10 to 30 times slower than one pinned to a single thread (see
the performance page). The small products of this book's fits gain nothing
from a second thread, so every ``fit``, and the optimisers of
``mlbook.optimize`` that a chapter may call directly, run with one BLAS
thread per library and give the reader's settings back when they return.
Nothing global changes.
"""

import functools

import scipy.linalg  # noqa: F401  (loads scipy's BLAS, so the controller sees it)
from threadpoolctl import ThreadpoolController

_controller = None


def _blas():
    # Built once, on first use: listing the loaded libraries takes milliseconds,
    # limiting them through a built controller takes microseconds.
    global _controller
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller


def one_blas_thread(fit):
    """Decorate a ``fit`` method or an optimiser so that it runs with one BLAS thread."""

    @functools.wraps(fit)
    def wrapper(*args, **kwargs):
        with _blas().limit(limits=1, user_api="blas"):
            return fit(*args, **kwargs)

    return wrapper
