"""Benchmark: mlbook's linear regression against scikit-learn's.

Not a test (pytest does not collect it): timings on a shared machine are
noise-prone, so they belong here, not in assertions. Run it with

    python -m tests.benchmarks.bench_linear_regression

Both sides run with BLAS limited to one thread (threadpoolctl), interleaved,
and each time is the minimum of three repeats.
"""

import timeit

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.linear_model import Ridge
from threadpoolctl import threadpool_limits

from mlbook.linear_model import LinearRegression
from mlbook.preprocessing import StandardScaler


def problems():
    X, y = load_diabetes(return_X_y=True)
    yield "diabetes (442 x 10)", StandardScaler().fit_transform(X), y
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100_000, 50))
    yield "synthetic (100000 x 50)", X, X @ rng.normal(size=50) + rng.normal(size=100_000)


def best_of(fn, repeat=3):
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def main():
    cases = [
        ("normal equation", lambda: LinearRegression(solver="normal_equation"),
         "LinearRegression", SkLinearRegression),
        ("normal equation, lam=10", lambda: LinearRegression(solver="normal_equation", lam=10.0),
         "Ridge(alpha=10)", lambda: Ridge(alpha=10.0)),
        ("gradient descent, 1000 steps", lambda: LinearRegression(learning_rate=0.3, max_iter=1000),
         "LinearRegression", SkLinearRegression),
    ]
    print(f"{'data':<24} {'mlbook':<30} {'time':>9}   {'scikit-learn':<18} {'time':>9}")
    with threadpool_limits(limits=1):
        for data, X, y in problems():
            for ours_name, ours, theirs_name, theirs in cases:
                t_ours = best_of(lambda: ours().fit(X, y))
                t_theirs = best_of(lambda: theirs().fit(X, y))
                print(f"{data:<24} {ours_name:<30} {t_ours * 1e3:7.2f}ms   "
                      f"{theirs_name:<18} {t_theirs * 1e3:7.2f}ms")


if __name__ == "__main__":
    main()
