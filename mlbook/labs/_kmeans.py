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


def lab_centroids(X, idx, K):
    """The update step (7.6) with the chapter's rule for an empty cluster.

    An empty cluster's centroid is the example farthest from its own cluster's
    mean (the farthest first, a tie to the lower index; with several empty
    clusters, the next farthest in turn); that example then counts in the
    empty cluster, as KMeans relabels it, so its old cluster's mean moves too.
    """
    idx = np.asarray(idx)
    counts = np.bincount(idx, minlength=K)  # (K,), N_k
    empty = np.flatnonzero(counts == 0)
    if empty.size:
        means = np.zeros((K, X.shape[1]))
        for k in np.flatnonzero(counts):
            means[k] = X[idx == k].mean(axis=0)
        d2 = np.sum((X - means[idx]) ** 2, axis=1)  # (m,), to the own cluster's mean
        far = np.lexsort((np.arange(len(X)), -d2))[:empty.size]  # farthest first
        idx = idx.copy()
        idx[far] = empty
    return compute_centroids(X, idx, K)


def update_cases():
    X1 = _blobs(200, 10, 3)
    X2 = _blobs(201, 7, 2, n=4)
    X3 = _blobs(202, 9, 3)
    return [
        Case({"X": X1, "idx": find_closest_centroids(X1, X1[[0, 1, 2]]), "K": 3},
             "on m = 10 examples in K = 3 clusters", {"m": 10}),
        Case({"X": X2, "idx": np.array([0, 1, 1, 1, 0, 1, 1]), "K": 2},
             "on m = 7 examples of 4 features in K = 2 clusters", {"m": 7}),
        Case({"X": X2[:3], "idx": np.array([2, 0, 1]), "K": 3},
             "on a case where every cluster holds a single example", {"m": 3}),
        Case({"X": X3, "idx": np.array([0, 0, 0, 2, 2, 0, 2, 0, 2]), "K": 3},
             "on m = 9 examples in K = 3 clusters where cluster 1 is empty", {"m": 9}),
        Case({"X": X3, "idx": np.array([3, 3, 3, 3, 1, 3, 1, 1, 3]), "K": 5},
             "on m = 9 examples in K = 5 clusters where clusters 0, 2 and 4 are empty",
             {"m": 9}),
    ]


EMPTY_RULE = ("an empty cluster has no mean (0/0 is nan, and np.argmin then treats nan as the "
              "nearest centroid, so every example joins it); the chapter's rule moves its "
              "centroid onto the example farthest from its own cluster's mean, which then "
              "counts in the empty cluster")


@task("compute_centroids", LAB, ("X", "idx", "K"))
def check_compute_centroids(reader):
    cases = update_cases()
    for case in cases:
        X, idx, K = case.args.values()
        n = X.shape[1]
        got = array(reader(case), "your centroids", (K, n), "(K, n)", case)
        want = lab_centroids(X, idx, K)
        empty = np.flatnonzero(np.bincount(idx, minlength=K) == 0)
        if empty.size and not np.all(np.isfinite(got)):
            raise Mistake(f"your centroids hold nan {case.where}: " + EMPTY_RULE)
        with np.errstate(invalid="ignore"):
            sums = np.array([X[idx == k].sum(axis=0) for k in range(K)])  # (K, n)
            flat = np.array([[X[idx == k].mean()] * n if np.any(idx == k) else [0.0] * n
                             for k in range(K)])  # the mean of all entries
        mistakes = [
            (sums, "are the sums of each cluster's examples: (7.6) divides by N_k, the "
                   "number of examples in the cluster"),
            (flat, "have every coordinate equal: the mean was taken over all the numbers of a "
                   "cluster at once; (7.6) averages over the examples (axis 0), one mean per "
                   "feature"),
        ]
        if empty.size:
            kept = np.array([X[idx == k].mean(axis=0) if np.any(idx == k) else want[k]
                             for k in range(K)])
            mistakes.append((kept, "moves the empty cluster's centroid onto the right example "
                                   "but leaves that example's old cluster as it was: the "
                                   "example now counts in the empty cluster, so its old "
                                   "cluster's mean leaves it out"))
            compare(got, want, "your centroids", case, mistakes, "(7.6) and the rule for an "
                    "empty cluster", fallback=lambda: _empty_fallback(got, want, empty, case))
        else:
            compare(got, want, "your centroids", case, mistakes, "(7.6)")
    return (f"each centroid is the mean of its cluster (7.6) on {len(cases)} cases, and an "
            f"empty cluster takes the farthest example, as the chapter's rule says")


def _empty_fallback(got, want, empty, case):
    full = np.setdiff1d(np.arange(len(want)), empty)
    if close(got[full], want[full]) or not close(got[empty], want[empty]):
        raise Mistake(f"your centroids of the empty clusters {empty.tolist()} are not the "
                      f"chapter's {case.where}: " + EMPTY_RULE + " (the farthest first, a tie "
                      f"to the lower index, the next farthest for the next empty cluster)")


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
    # (7.2) is a function of the assignment too: (7.7) evaluates it at assignments that
    # are not the nearest, e.g. the previous iteration's.
    X, _ = assign_cases()[0].args.values()
    centroids = X[[0, 5, 9]]
    cases.append(Case({"X": X, "idx": np.array([0, 1, 2] * 4), "centroids": centroids},
                      "on m = 12 examples whose assignments idx are not the nearest centroids "
                      "(as after an update step, before the next assignment)", {"m": 12}))
    for case in cases:
        X, idx, centroids = case.args.values()
        d2 = np.sum((X - centroids[idx]) ** 2, axis=1)  # (m,)
        D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)  # (m, K)
        got = number(reader(case), "your distortion", case)
        compare(got, d2.mean(), "your distortion", case, [
            (np.sqrt(d2).mean(), "averages the distances; (7.2) averages their squares"),
            (D.min(axis=1).mean(),
             "ignores idx: it measures each example's distance to its nearest centroid, but "
             "(7.2) measures it to the centroid of its own cluster c^(i), which after an "
             "update step need not be the nearest; index the centroids with idx"),
        ], "(7.2)", rtol=1e-10)
    return f"it agrees with (7.2) on {len(cases)} cases, assignments that are not the nearest included"


def _lloyd(X, centroids, iterations):
    idx = None
    for _ in range(iterations):
        idx = find_closest_centroids(X, centroids)
        centroids = lab_centroids(X, idx, len(centroids))
    return centroids, idx


def _iterations_to_converge(X, start, limit=50):
    for t in range(1, limit):
        if np.array_equal(_lloyd(X, start, t)[1], _lloyd(X, start, t + 1)[1]):
            return t
    return limit


@task("run_kmeans", LAB, ("X", "initial_centroids", "max_iters"))
def check_run_kmeans(reader):
    X = _blobs(224, 30, 3)
    start = X[[0, 1, 3]]
    settle = _iterations_to_converge(X, start)  # 6 with this start
    cases = [Case({"X": X, "initial_centroids": start, "max_iters": it},
                  f"on m = 30 examples, K = 3, from a start whose assignments change for "
                  f"{settle} iterations, with max_iters = {it}", {"m": 30})
             for it in range(1, settle + 3)]
    first = _lloyd(X, start, 1)[0]
    for case in cases:
        X, start, iterations = case.args.values()
        K, n = start.shape
        want, want_idx = _lloyd(X, start, iterations)
        centroids, idx = pair(reader(case), "your run_kmeans", ("centroids", "idx"), case,
                              (want, want_idx))
        centroids = array(centroids, "your centroids", (K, n), "(K, n)", case)
        idx = array(idx, "your idx", (len(X),), "(m,)", case, integer=True)
        compare(centroids, want, "your centroids", case, [
            (first, "are those after the first iteration, whatever max_iters is: a return "
                    "inside the loop, or an assignment step made once before the loop, stops "
                    "Lloyd's algorithm after one step; every iteration assigns (7.1) with the "
                    "current centroids, then updates (7.6)"),
            (_lloyd(X, start, iterations - 1)[0] if iterations > 1 else start,
             "are one iteration behind: each of the max_iters iterations makes an assignment "
             "step (7.1) and then an update step (7.6)"),
            (_lloyd(X, start, iterations + 1)[0], "are one iteration ahead: run exactly "
                                                  "max_iters iterations"),
        ], "(7.1) and (7.6)")
        if not (close(idx, want_idx) or close(idx, find_closest_centroids(X, want))):
            raise Mistake(f"your idx is not the assignment of the last iteration {case.where} "
                          f"(nor of the final centroids)")
    return (f"it runs Lloyd's iterations (7.1), (7.6) exactly, every one of the first "
            f"{len(cases)} iterations of a start that needs {settle}")


def _with_global_state(seed, call):
    """``call()`` with numpy's global generator seeded; the caller's global state is restored."""
    saved = np.random.get_state()
    try:
        np.random.seed(seed)
        return call()
    finally:
        np.random.set_state(saved)


@task("init_centroids", LAB, ("X", "K", "rng"))
def check_init_centroids(reader):
    # Six distinct colours, each repeated as a photograph repeats its pixels: K examples
    # picked at random are often two copies of one colour, a cluster that would empty.
    distinct = _blobs(230, 6, 2)
    X = distinct[[0, 1, 0, 2, 3, 0, 4, 1, 5, 0, 3, 0]]
    K = 5
    seen = set()
    for seed in range(12):
        rng = np.random.default_rng(seed)
        case = Case({"X": X, "K": K, "rng": rng},
                    f"on m = 12 examples with only 6 distinct rows and K = 5, with "
                    f"np.random.default_rng({seed})", {"m": 12})
        got = _with_global_state(0, lambda: reader(case))  # noqa: B023 (called at once)
        got = array(got, "your centroids", (K, 2), "(K, n)", case)
        rows = [int(np.flatnonzero(np.all(distinct == row, axis=1))[0])
                if np.any(np.all(distinct == row, axis=1)) else None for row in got]
        if None in rows:
            raise Mistake(f"one of your centroids is not an example of X {case.where}: "
                          f"random initialisation picks K of the examples themselves")
        if len(set(rows)) < K:
            raise Mistake(f"two of your centroids are the same point {case.where}: pick K "
                          f"examples with different values (X may repeat a row, as a "
                          f"photograph repeats a colour; draw from the distinct rows, "
                          f"np.unique(X, axis=0), without replacement), or two clusters "
                          f"start on top of each other and one of them empties")
        again = Case({"X": X, "K": K, "rng": copy.deepcopy(rng)}, case.where, case.sizes)
        same_global = _with_global_state(0, lambda: reader(again))  # noqa: B023
        if not np.array_equal(np.asarray(same_global, float), got):
            raise Mistake(f"your function gives different centroids for two generators in the "
                          f"same state {case.where}: it draws from a generator made without a "
                          f"seed (np.random.default_rng() inside the function takes fresh "
                          f"entropy every call); draw with the rng it receives")
        other_global = _with_global_state(1, lambda: reader(again))  # noqa: B023
        if not np.array_equal(np.asarray(other_global, float), got):
            raise Mistake(f"your centroids change with numpy's global random state "
                          f"{case.where}: they are drawn with np.random's global state "
                          f"(np.random.permutation, np.random.choice, ...); draw with the rng "
                          f"your function receives")
        seen.add(tuple(rows))
    if len(seen) == 1:
        raise Mistake("your centroids are the same examples for every seed: draw them at "
                      "random with the rng passed in")
    return (f"it picks {K} examples with different values, at random and reproducibly, for 12 "
            f"seeds")
