"""One BLAS thread inside ``fit`` and the optimisers, restored afterwards.

numpy and scipy each bundle their own OpenBLAS, each with a pool of threads
sized to the machine. An optimiser that alternates numpy's matrix products
with scipy's L-BFGS makes the two pools fight over the cores: on two cores a
default fit ran 10 to 30 times slower than one pinned to a single thread (see
the performance page). The small products of this book's fits gain nothing
from a second thread, so every ``fit``, and the optimisers of
``mlbook.optimize`` that a chapter may call directly, run with one BLAS
thread per library and give the reader's settings back when they return.
Nothing global changes once they have returned.

The size of a BLAS pool is a setting of the whole process, not of a thread,
so only calls on the main thread (a script, a notebook, a worker process of
joblib's default backend) limit it. A call on any other thread
(``GridSearchCV(n_jobs=2)`` with joblib's threading backend, the reader's own
threads) runs with the pools as they are and changes nothing: two fits that
overlap on different threads would otherwise each save the other's limit of
one thread as "the original" and could leave the pools at one thread for the
rest of the process; and on OpenBLAS 0.3.30 a size set from one thread is
ignored while another thread that set one is still alive, so even a shared
count of the running fits could not restore the setting reliably. A lock and
a count of the calls running under the limit make nested calls (a ``fit``
that calls an optimiser) set and restore it once.
"""

import functools
import threading

import scipy.linalg  # noqa: F401  (loads scipy's BLAS, so the controller sees it)
from threadpoolctl import ThreadpoolController

_controller = None
_lock = threading.Lock()
_depth = 0  # the calls running under the limit, in every thread
_limiter = None  # the limit the first of them set; it holds the reader's settings


def _blas():
    # Built once, on first use: listing the loaded libraries takes milliseconds,
    # limiting them through a built controller takes microseconds.
    global _controller
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller


def _enter():
    """Limit the pools if this is the outermost call on the main thread; True if it counts."""
    global _depth, _limiter
    if threading.current_thread() is not threading.main_thread():
        return False
    with _lock:
        if _depth == 0:
            _limiter = _blas().limit(limits=1, user_api="blas")
        _depth += 1
    return True


def _exit():
    global _depth, _limiter
    with _lock:
        _depth -= 1
        if _depth == 0:
            _limiter.restore_original_limits()
            _limiter = None


def one_blas_thread(fit):
    """Decorate a ``fit`` method or an optimiser so that it runs with one BLAS thread."""

    @functools.wraps(fit)
    def wrapper(*args, **kwargs):
        if not _enter():
            return fit(*args, **kwargs)
        try:
            return fit(*args, **kwargs)
        finally:
            _exit()

    return wrapper
