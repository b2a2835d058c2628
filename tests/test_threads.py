"""fit() runs with one BLAS thread and restores the reader's settings."""

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from mlbook._threads import one_blas_thread


def blas_threads():
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_inside_fit_every_blas_pool_has_one_thread_and_afterwards_the_old_number():
    seen = []

    @one_blas_thread
    def fit():
        seen.extend(blas_threads())
        return "done"

    with threadpool_limits(2, user_api="blas"):
        before = blas_threads()
        assert fit() == "done"
        assert blas_threads() == before
    assert seen and set(seen) == {1}


def test_restored_even_when_fit_raises():
    @one_blas_thread
    def fit():
        raise ValueError("bad input")

    with threadpool_limits(2, user_api="blas"):
        before = blas_threads()
        try:
            fit()
        except ValueError:
            pass
        assert blas_threads() == before
    assert np.ones(3) @ np.ones(3) == 3.0
