r"""Checks of the K-means and image compression lab (chapter 7)."""

import copy

import numpy as np

from ..cluster import compute_centroids, find_closest_centroids
from ..datasets import make_blobs
from ._core import Case, Mistake, array, close, compare, number, pair, task

LAB = "k-means"


def _blobs(seed, m, K, n=2):
    X, _ = make_blobs(m=m, centers=K, n_features=n, cluster_std=1.5, random_state=seed)
    return X


def assign_cases():
    gen = np.random.default_rng(190)
    X = _blobs(191, 12, 3)
    tie_X = np.array([[0.0, 0.0], [2.0, 1.0], [-3.0, 0.5]])
    return [
        Case({"X": X, "centroids": X[[0, 5, 9]] + gen.normal(size=(3, 2))},
             "on m = 12 examples and K = 3 centroids", {"m": 12}),
        Case({"X": _blobs(192, 8, 4, n=3), "centroids": gen.normal(size=(4, 3)) * 5},
             "on m = 8 examples of 3 features and K = 4 centroids", {"m": 8}),
        Case({"X": tie_X, "centroids": np.array([[-1.0, 0.0], [1.0, 0.0]])},
             "on a case where the example (0, 0) is exactly as far from both centroids "
             "(the lower index should win)", {"m": 3}),
    ]


@task("find_closest_centroids", LAB, ("X", "centroids"))
def check_find_closest_centroids(reader):
    cases = assign_cases()
    for case in cases:
        X, centroids = case.args.values()
        m, K = len(X), len(centroids)
        out = reader(case)
        if np.shape(out) == (K,) and m != K:
            raise Mistake(f"your idx has one entry per centroid {case.where}: the smallest "
                          f"distance was taken over the examples; (7.1) takes it over the K "
                          f"centroids, for each example")
        got = array(out, "your idx", (m,), "(m,)", case, integer=True)
        want = find_closest_centroids(X, centroids)
        D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)  # (m, K)
        last_of_ties = K - 1 - np.argmin(D[:, ::-1], axis=1)
        compare(got, want, "your idx", case, [
            (want + 1, "is one too large: clusters are numbered 0, ..., K - 1 here, as numpy "
                       "indexes (the course's MATLAB numbered them from 1)"),
            (np.argmax(D, axis=1), "picks the farthest centroid; (7.1) picks the nearest"),
            (last_of_ties, "gives a tie to the higher index; when two centroids are exactly "
                           "as near, (7.1)'s rule here is the lower index (np.argmin's)"),
        ], "(7.1)")
    return f"it assigns by (7.1) on {len(cases)} cases, a tie included"


def update_cases():
    X1 = _blobs(200, 10, 3)
    X2 = _blobs(201, 7, 2, n=4)
    return [
        Case({"X": X1, "idx": find_closest_centroids(X1, X1[[0, 1, 2]]), "K": 3},
             "on m = 10 examples in K = 3 clusters", {"m": 10}),
        Case({"X": X2, "idx": np.array([0, 1, 1, 1, 0, 1, 1]), "K": 2},
             "on m = 7 examples of 4 features in K = 2 clusters", {"m": 7}),
        Case({"X": X2[:3], "idx": np.array([2, 0, 1]), "K": 3},
             "on a case where every cluster holds a single example", {"m": 3}),
    ]


@task("compute_centroids", LAB, ("X", "idx", "K"))
def check_compute_centroids(reader):
    cases = update_cases()
    for case in cases:
        X, idx, K = case.args.values()
        n = X.shape[1]
        got = array(reader(case), "your centroids", (K, n), "(K, n)", case)
        want = compute_centroids(X, idx, K)
        sums = np.array([X[idx == k].sum(axis=0) for k in range(K)])  # (K, n)
        flat = np.array([[X[idx == k].mean()] * n for k in range(K)])  # the mean of all entries
        compare(got, want, "your centroids", case, [
            (sums, "are the sums of each cluster's examples: (7.6) divides by N_k, the "
                   "number of examples in the cluster"),
            (flat, "have every coordinate equal: the mean was taken over all the numbers of a "
                   "cluster at once; (7.6) averages over the examples (axis 0), one mean per "
                   "feature"),
        ], "(7.6)")
    return f"each centroid is the mean of its cluster (7.6) on {len(cases)} cases"


@task("distortion", LAB, ("X", "idx", "centroids"))
def check_distortion(reader):
    cases = []
    for c in assign_cases()[:2]:
        X, centroids = c.args.values()
        cases.append(Case({"X": X, "idx": find_closest_centroids(X, centroids),
                           "centroids": centroids}, c.where, c.sizes))
    X = _blobs(210, 5, 2)
    cases.append(Case({"X": X, "idx": np.zeros(5, dtype=int), "centroids": X.mean(axis=0)[None]},
                      "on a single cluster (K = 1)", {"m": 5}))
    for case in cases:
        X, idx, centroids = case.args.values()
        d2 = np.sum((X - centroids[idx]) ** 2, axis=1)  # (m,)
        got = number(reader(case), "your distortion", case)
        compare(got, d2.mean(), "your distortion", case, [
            (np.sqrt(d2).mean(), "averages the distances; (7.2) averages their squares"),
        ], "(7.2)", rtol=1e-10)
    return f"it agrees with (7.2) on {len(cases)} cases"


def _lloyd(X, centroids, iterations, order="assign first"):
    idx = None
    for _ in range(iterations):
        if order == "assign first":
            idx = find_closest_centroids(X, centroids)
            centroids = compute_centroids(X, idx, len(centroids))
        else:
            centroids = compute_centroids(X, idx, len(centroids))
            idx = find_closest_centroids(X, centroids)
    return centroids, idx


@task("run_kmeans", LAB, ("X", "initial_centroids", "max_iters"))
def check_run_kmeans(reader):
    X = _blobs(220, 30, 3)
    start = X[[0, 1, 2]]
    cases = [Case({"X": X, "initial_centroids": start, "max_iters": it},
                  f"on m = 30 examples, K = 3, max_iters = {it}", {"m": 30})
             for it in (1, 2, 10)]
    for case in cases:
        X, start, iterations = case.args.values()
        K, n = start.shape
        centroids, idx = pair(reader(case), "your run_kmeans", ("centroids", "idx"), case)
        centroids = array(centroids, "your centroids", (K, n), "(K, n)", case)
        idx = array(idx, "your idx", (len(X),), "(m,)", case, integer=True)
        want, want_idx = _lloyd(X, start, iterations)
        compare(centroids, want, "your centroids", case, [
            (_lloyd(X, start, iterations - 1)[0] if iterations > 1 else start,
             "are one iteration behind: each of the max_iters iterations makes an assignment "
             "step (7.1) and then an update step (7.6)"),
            (_lloyd(X, start, iterations + 1)[0], "are one iteration ahead: run exactly "
                                                  "max_iters iterations"),
        ], "(7.1) and (7.6)")
        if not (close(idx, want_idx) or close(idx, find_closest_centroids(X, want))):
            raise Mistake(f"your idx is not the assignment of the last iteration {case.where} "
                          f"(nor of the final centroids)")
    return f"it runs Lloyd's iterations (7.1), (7.6) exactly on {len(cases)} cases"


@task("init_centroids", LAB, ("X", "K", "rng"))
def check_init_centroids(reader):
    X = _blobs(230, 6, 2)
    K = 5
    seen = set()
    for seed in range(12):
        rng = np.random.default_rng(seed)
        case = Case({"X": X, "K": K, "rng": rng},
                    f"on m = 6 distinct examples and K = 5, with np.random.default_rng({seed})",
                    {"m": 6})
        got = array(reader(case), "your centroids", (K, 2), "(K, n)", case)
        rows = [int(np.flatnonzero(np.all(X == row, axis=1))[0])
                if np.any(np.all(X == row, axis=1)) else None for row in got]
        if None in rows:
            raise Mistake(f"one of your centroids is not an example of X {case.where}: "
                          f"random initialisation picks K of the examples themselves")
        if len(set(rows)) < K:
            raise Mistake(f"your centroids repeat an example {case.where}: pick K different "
                          f"examples (draw without replacement, e.g. from a permutation)")
        again = reader(Case({"X": X, "K": K, "rng": copy.deepcopy(rng)}, case.where, case.sizes))
        if not np.array_equal(np.asarray(again, float), got):
            raise Mistake(f"your function gives different centroids for two generators in the "
                          f"same state {case.where}: draw with the rng it receives, not with "
                          f"np.random's global state")
        seen.add(tuple(rows))
    if len(seen) == 1:
        raise Mistake("your centroids are the same examples for every seed: draw them at "
                      "random with the rng passed in")
    return f"it picks {K} distinct examples, at random and reproducibly, for 12 seeds"
