"""fit() runs with one BLAS thread and restores the reader's settings, also when fits overlap on threads."""

import threading

import numpy as np
import pytest
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


def default_blas_threads():
    # The pools' sizes as the process started them (one per core). A limit set
    # here with threadpool_limits would not do: on OpenBLAS's pthreads build, a
    # size set explicitly from the main thread reads back unchanged in the
    # others, which hides the bug these tests are for.
    threads = blas_threads()
    if max(threads) == 1:
        pytest.skip("one core: every BLAS pool already has one thread, nothing to restore")
    return threads


def test_overlapping_calls_in_threads_restore_the_readers_setting():
    # Thread A starts, then B; A finishes first, then B. Saving and restoring
    # per call, B would save A's limit of 1 as "the original" and restore it.
    # Calls off the main thread leave the pools alone (see mlbook._threads).
    a_inside, b_inside, a_done = threading.Event(), threading.Event(), threading.Event()

    @one_blas_thread
    def first():
        a_inside.set()
        assert b_inside.wait(10)

    @one_blas_thread
    def second():
        b_inside.set()
        assert a_done.wait(10)

    def run_first():
        first()
        a_done.set()

    before = default_blas_threads()
    a = threading.Thread(target=run_first)
    a.start()
    assert a_inside.wait(10)
    b = threading.Thread(target=second)
    b.start()
    a.join(10)
    b.join(10)
    assert not a.is_alive() and not b.is_alive()
    assert blas_threads() == before


def test_grid_search_on_threads_restores_the_readers_setting():
    from joblib import parallel_config
    from sklearn.model_selection import GridSearchCV

    from mlbook.linear_model import LinearRegression

    from ._estimators import data

    X, y = data(LinearRegression(), m=120)
    before = default_blas_threads()
    for _ in range(3):
        with parallel_config(backend="threading", n_jobs=2):
            GridSearchCV(LinearRegression(), {"lam": [0.0, 0.1, 1.0, 10.0]}, cv=4).fit(X, y)
        assert blas_threads() == before
