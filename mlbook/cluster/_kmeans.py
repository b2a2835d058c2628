r"""K-means clustering: the assignment and update steps, seeding, and the estimator.

Derived in the chapter [K-means clustering](../unsupervised/k-means.md). The
text writes the centroids $\nu_1, \dots, \nu_K$ (the course writes $\mu_k$,
but in this book $\mu_j$ is the mean of feature $j$) and numbers the clusters
$1, \dots, K$; the code numbers them $0, \dots, K - 1$, as numpy indexes.
Nothing here loops over examples: the loops run over clusters, features,
iterations, restarts, and blocks of many examples at a time.

The kernels take the data transposed, ``XT`` of shape (n, m): one contiguous
row per feature. numpy sums, scatters and subtracts along a long contiguous
row many times faster than along the short rows of an (m, n) array with few
features (the three colour channels of a photograph).
"""

import contextlib
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .._threads import _blas, one_blas_thread
from .._validation import (
    check_random_state,
    check_array,
    check_is_fitted,
    check_labels,
    check_n_features,
    check_option,
    check_scalar,
    check_scale,
)
from ..base import BaseEstimator, ClusterMixin, TransformerMixin
from ..exceptions import ConvergenceWarning, _sklearn_compatible, _stacklevel

# The assignment step scores one block of examples at a time: (rows, K) scores,
# 2**17 doubles (1 MiB), small enough to stay in the processor's cache between
# the matrix product that writes them and the argmin that reads them.
_BLOCK = 2**17

# The unit roundoff of float64: every operation's result is the exact one times
# (1 + delta) with |delta| <= 2**-53.
_UNIT = 2.0**-53
# Rows whose rounding bound (7.9a) is below this share of their squared distance
# skip the near-tie check: a wrong choice there costs less than that share (7.9c).
_RHO = 2.0**-30


# --- validation ----------------------------------------------------------------


def _check_k(k, m, name):
    check_scalar(k, name, low=1, integer=True)
    if k > m:
        raise ValueError(
            f"{name}={k} is more than the {m} examples in X; each cluster needs at least one "
            f"example. Ask for at most {m} clusters."
        )
    return int(k)


def _check_centroids(centroids, n, name="centroids"):
    centroids = check_array(centroids, name)
    if centroids.shape[1] != n:
        raise ValueError(
            f"{name} has {centroids.shape[1]} columns but X has {n} features; give one row "
            f"per cluster and one column per feature of X, shape (K, {n})."
        )
    return centroids


def _check_labels(idx, m, k):
    idx = check_labels(idx, "idx")
    if idx.shape[0] != m:
        raise ValueError(
            f"idx must have shape ({m},), one cluster index per example of X; got shape "
            f"{idx.shape}."
        )
    if idx.dtype.kind == "f" and np.all(np.isfinite(idx)) and np.all(idx == np.round(idx)):
        idx = idx.astype(np.intp)
    if idx.dtype.kind not in "iu":
        raise TypeError(
            f"idx must hold integer cluster indices 0, ..., k - 1, got dtype {idx.dtype}; "
            f"use the output of find_closest_centroids."
        )
    if idx.min() < 0 or idx.max() >= k:
        raise ValueError(
            f"idx holds values from {idx.min()} to {idx.max()}, but with k={k} clusters the "
            f"indices run from 0 to {k - 1} (0-based: the course's cluster 1 is index 0)."
        )
    return idx.astype(np.intp, copy=False)


def _check_sample_weight(sample_weight, m, k):
    """None, or weights of shape (m,), finite, >= 0, at least k of them positive."""
    if sample_weight is None:
        return None
    w = check_array(sample_weight, "sample_weight", ndim=1)
    if w.shape[0] != m:
        raise ValueError(
            f"sample_weight has {w.shape[0]} entries but X has {m} examples; give one weight "
            f"per example, shape ({m},)."
        )
    if w.min() < 0:
        raise ValueError(
            f"sample_weight holds a negative weight ({w.min():.3g} at example "
            f"{int(np.argmin(w))}); weights count how much an example matters and must be >= 0."
        )
    positive = np.count_nonzero(w)
    if positive < k:
        raise ValueError(
            f"sample_weight gives a nonzero weight to only {positive} examples, fewer than the "
            f"{k} clusters asked for; ask for at most {positive} clusters, or give more "
            f"examples a positive weight."
        )
    return w


def _too_few_distinct(distinct, k):
    return ValueError(
        f"X has only {distinct} distinct examples (rows), fewer than the {k} clusters asked "
        f"for: at least one cluster would have to be empty or duplicate another. Ask for at "
        f"most {distinct} clusters (duplicate rows count once)."
    )


# --- the two steps -------------------------------------------------------------


def find_closest_centroids(X, centroids):
    r"""The index of the nearest centroid of every example: the assignment step (7.1).

    $$c^{(i)} = \operatorname*{arg\,min}_k \lVert x^{(i)} - \nu_k \rVert^2$$

    computed for all examples at once through the expansion (7.8), in the
    form (7.9) that leaves out $\lVert x^{(i)} \rVert^2$ (the same for every
    $k$). Where rounding could reorder two scores, by the bound (7.9a), the
    example is decided by the differences $x^{(i)} - \nu_k$ themselves; a gap
    that the differences cannot resolve either (7.9b) is a tie. An example
    exactly as far from two centroids goes to the one with the lower index.

    Parameters
    ----------
    X : array_like of shape (m, n)
        The examples, one per row.
    centroids : array_like of shape (K, n)
        One centroid per row.

    Returns
    -------
    idx : ndarray of shape (m,), dtype int
        ``idx[i]`` in $0, \dots, K - 1$ (0-based: the course's cluster 1 is 0).

    Raises
    ------
    ValueError
        If the shapes do not fit or the data hold NaN or infinity.

    Examples
    --------
    >>> find_closest_centroids([[0.0, 0.0], [9.0, 1.0]], [[1.0, 0.0], [8.0, 0.0]])
    array([0, 1])
    """
    X = check_scale(check_array(X))
    centroids = check_scale(_check_centroids(centroids, X.shape[1]), "centroids")
    return _nearest(X, centroids, _blas_threads())


@one_blas_thread
def _nearest(X, centroids, threads):
    # Measure from the centroids' mean: distances do not change, but the norms
    # in (7.9) shrink to the size of the spread, and so does their rounding.
    shift = centroids.mean(axis=0)
    with _block_pool(X.shape[0], centroids.shape[0], threads) as pool:
        return _assign(_augment(X, shift), centroids - shift, pool)[0]


def _augment(X, shift):
    """The examples as columns, minus ``shift``, over a row of ones: shape (n + 1, m)."""
    m, n = X.shape
    XaT = np.empty((n + 1, m))
    np.subtract(X.T, shift[:, None], out=XaT[:n])
    XaT[n] = 1.0
    return XaT


# --8<-- [start:assign]
def _assign(XaT, centroids, pool=None, x2=None, w=None):
    """Nearest centroid of every example (7.9), and each cluster's sum and count."""
    K, m = centroids.shape[0], XaT.shape[1]
    # Scores ||nu_k||^2 - 2 x.nu_k in one product: the row of ones at the
    # bottom of XaT picks up the row of ||nu_k||^2 at the bottom of A.
    A = np.vstack([-2.0 * centroids.T, np.einsum("kj,kj->k", centroids, centroids)])  # (n+1, K)
    x2 = np.einsum("ji,ji->i", XaT[:-1], XaT[:-1]) if x2 is None else x2  # (m,), ||x^(i)||^2
    slack = _rounding_slack(XaT.shape[0] - 1, np.sqrt(A[-1].max()))  # for (7.9a)
    labels = np.empty(m, dtype=np.intp)
    rows = max(1, _BLOCK // K)

    def block(start):  # examples start:start+rows, scored and summed while in cache
        part = slice(start, start + rows)
        scores = XaT[:, part].T @ A  # (rows, K) = (rows, n+1) @ (n+1, K)
        np.argmin(scores, axis=1, out=labels[part])  # a tie: the lowest k
        _settle_near_ties(XaT[:-1, part], centroids, scores, labels[part], x2[part], slack)
        return _cluster_sums(XaT[:-1, part], labels[part], K, None if w is None else w[part])

    parts = list((pool.map if pool else map)(block, range(0, m, rows)))  # blocks, in order
    return labels, sum(p[0] for p in parts), sum(p[1] for p in parts)
# --8<-- [end:assign]


def _norms(XT):
    """``||x^(i)||`` for every column of ``XT`` (n, m): shape (m,)."""
    return np.sqrt(np.einsum("ji,ji->i", XT, XT))


# --8<-- [start:near-ties]
def _gamma(p):
    """Higham's gamma_p = p u / (1 - p u): the relative error bound of p roundings."""
    return p * _UNIT / (1 - p * _UNIT)


def _rounding_slack(n, nu_max):
    """The bound 2 e (7.9a) on how far rounding can reorder two scores, per example."""
    gamma = _gamma(2 * n + 3)  # gamma_{2n+1} of (7.9a), plus 2 for the norms and the bound
    return lambda x_norm: 2 * gamma * (x_norm + nu_max) ** 2  # (rows,)


def _settle_near_ties(XT, centroids, scores, labels, x2, slack):
    """Decide by the differences where a second score lies within the rounding slack."""
    K = scores.shape[1]
    best = np.take(scores.ravel(), np.arange(0, scores.size, K) + labels)  # (rows,)
    # Where the bound is below 2**-30 of the squared distance x2 + best, a
    # wrong choice costs less than that share of it (7.9c): skip those rows
    # (most), first against the block's largest bound, then row by row.
    suspect = np.flatnonzero(best < slack(np.sqrt(x2.max())) / _RHO - x2)
    if not suspect.size:
        return
    d_best = x2[suspect] + best[suspect]  # (s,), the smallest squared distance, expanded
    bound = slack(np.sqrt(x2[suspect]))  # (s,), 2 e of (7.9a), row by row
    keep = _RHO * d_best < bound
    suspect, bound = suspect[keep], bound[keep]
    within = np.count_nonzero(scores[suspect] <= (best[suspect] + bound)[:, None], axis=1)
    near = suspect[within > 1]  # the best and at least one other score within the bound
    if near.size:
        labels[near] = _by_differences(XT[:, near], centroids, labels[near])


def _by_differences(XT, centroids, first):
    """The nearest centroid by the differences (7.1); an unresolvable gap keeps ``first``."""
    diff = XT.T[:, None, :] - centroids[None, :, :]  # (r, K, n), for a few rows r only
    d2 = np.einsum("rkj,rkj->rk", diff, diff)  # (r, K), each to within gamma_{n+2} of itself
    exact = np.argmin(d2, axis=1)  # (r,)
    rows = np.arange(len(first))
    d_exact, d_first = d2[rows, exact], d2[rows, first]
    tie = d_first - d_exact <= _gamma(XT.shape[0] + 3) * (d_first + d_exact)  # (7.9b)
    return np.where(tie, first, exact)
# --8<-- [end:near-ties]


# --8<-- [start:squared-distances]
def _squared_distances(X, centroids):
    shift = centroids.mean(axis=0)  # (n,): centre both, see find_closest_centroids
    Xc, Cc = X - shift, centroids - shift
    D = -2.0 * (Xc @ Cc.T)  # (m, K) = (m, n) @ (n, K)
    D += np.einsum("ij,ij->i", Xc, Xc)[:, None]  # + ||x||^2, a column (m, 1)
    D += np.einsum("kj,kj->k", Cc, Cc)  # + ||nu_k||^2, a row (K,)
    # Where rounding (7.9a) could reach 1e-8 of a distance, recompute it from
    # the differences; elsewhere cancellation can still turn a true 0 into
    # -1e-17: clip, so that no distance is negative and its square root exists.
    slack = _rounding_slack(X.shape[1], 0.0)
    i, k = np.nonzero(D * 1e-8 <= slack(_norms(Xc.T)[:, None] + _norms(Cc.T)[None, :]))
    D[i, k] = np.sum((Xc[i] - Cc[k]) ** 2, axis=1)  # (pairs,), from differences
    return np.maximum(D, 0.0, out=D)
# --8<-- [end:squared-distances]


def compute_centroids(X, idx, k):
    r"""The mean of the examples of each cluster: the update step (7.6).

    $$\nu_k = \frac{1}{N_k} \sum_{i:\, c^{(i)} = k} x^{(i)},
      \qquad N_k = \#\{i : c^{(i)} = k\}$$

    Parameters
    ----------
    X : array_like of shape (m, n)
    idx : array_like of shape (m,), integers in $0, \dots, k - 1$
        The cluster of each example, as :func:`find_closest_centroids` returns it.
    k : int
        The number of clusters $K$.

    Returns
    -------
    centroids : ndarray of shape (k, n)

    Raises
    ------
    ValueError
        If a cluster has no example: its mean is undefined. :class:`KMeans`
        handles that case by moving the empty cluster's centroid onto the
        example farthest from its own centroid (see the chapter).

    Examples
    --------
    >>> compute_centroids([[0.0, 0.0], [2.0, 0.0], [9.0, 3.0]], [0, 0, 1], 2)
    array([[1., 0.],
           [9., 3.]])
    """
    X = check_array(X)
    check_scalar(k, "k", low=1, integer=True)
    idx = _check_labels(idx, X.shape[0], k)
    sums, counts = _cluster_sums(np.ascontiguousarray(X.T), idx, k)  # X.T: (n, m)
    empty = np.flatnonzero(counts == 0)
    if empty.size:
        raise ValueError(
            f"cluster(s) {empty.tolist()} have no examples in idx, so their mean is undefined. "
            f"Use fewer clusters, or give an empty cluster a new centroid (KMeans moves it onto "
            f"the example farthest from its centroid)."
        )
    return sums / counts[:, None]


# --8<-- [start:cluster-sums]
def _cluster_sums(XT, labels, K, w=None):
    # bincount adds every example's value into the bin of its cluster: all K
    # sums over {i : c(i) = k} in one pass over the examples, one per feature.
    # With weights w (m,), the sums are weighted and N_k is the weight M_k (7.10b).
    counts = np.bincount(labels, weights=w, minlength=K)  # (K,), N_k or W_k
    sums = np.stack([np.bincount(labels, weights=feature if w is None else feature * w,
                                 minlength=K)
                     for feature in XT], axis=1)  # (K, n), XT is (n, m)
    return sums, counts
# --8<-- [end:cluster-sums]


# --- seeding -------------------------------------------------------------------


def kmeans_init(X, k, method="k-means++", random_state=None, sample_weight=None):
    r"""Initial centroids: $k$ examples of ``X``, chosen by k-means++ or at random.

    ``"random"`` picks $k$ examples uniformly without replacement, skipping
    any whose values equal an example already picked, so that no two
    centroids coincide. ``"k-means++"`` picks the first uniformly and each
    next one with probability proportional to its squared distance to the
    nearest centroid picked so far, equation (7.11) (Arthur and
    Vassilvitskii's original rule; scikit-learn's default is a greedy variant
    that tries several candidates per step, so the two draw different seeds).

    Parameters
    ----------
    X : array_like of shape (m, n)
    k : int
        The number of centroids, $1 \le k \le m$.
    method : {"k-means++", "random"}, default="k-means++"
    random_state : int, numpy Generator or None, default=None
        Seed for ``np.random.default_rng``.
    sample_weight : array_like of shape (m,) or None, default=None
        Weights $w_i \ge 0$: k-means++ then picks the first centroid with
        probability proportional to $w_i$ and each next one in proportion to
        $w_i \operatorname{dist}(x^{(i)})^2$, equation (7.11a); ``"random"``
        draws in proportion to $w_i$. An example of weight 0 is never picked.

    Returns
    -------
    centroids : ndarray of shape (k, n)
        Copies of $k$ distinct rows of ``X``.

    Raises
    ------
    ValueError
        If ``X`` has fewer than ``k`` distinct rows.

    Examples
    --------
    >>> kmeans_init([[0.0], [0.0], [5.0]], 2, random_state=0).tolist()
    [[5.0], [0.0]]
    """
    X = check_scale(check_array(X))
    k = _check_k(k, X.shape[0], "k")
    check_option(method, "method", ("k-means++", "random"))
    w = _check_sample_weight(sample_weight, X.shape[0], k)
    rng = check_random_state(random_state)
    return X[_init_indices(np.ascontiguousarray(X.T), k, method, rng, w)]


def _init_indices(XT, K, method, rng, w=None):
    if method == "random":
        return _random_init(XT, K, rng, w)
    return _kmeans_plusplus(XT, K, rng, w)


def _squared_distances_to(XT, x):
    """``||x^(i) - x||^2`` for every example, summed feature by feature: shape (m,)."""
    d2 = np.square(XT[0] - x[0])
    for j in range(1, XT.shape[0]):  # a loop over features
        d2 += np.square(XT[j] - x[j])
    return d2


# --8<-- [start:kmeans-plusplus]
def _kmeans_plusplus(XT, K, rng, w=None):
    m = XT.shape[1]
    # The first centroid: any example, uniformly, or in proportion to its weight.
    chosen = [int(rng.integers(m)) if w is None else _draw(np.cumsum(w), rng)]
    d2 = _squared_distances_to(XT, XT[:, chosen[0]])  # (m,): to the nearest chosen
    for _ in range(1, K):  # a loop over clusters
        cumulative = np.cumsum(d2 if w is None else w * d2)  # (m,), (7.11) or (7.11a)
        if cumulative[-1] == 0:  # every example sits on a chosen centroid
            raise _too_few_distinct(len(chosen), K)
        i = _draw(cumulative, rng)
        chosen.append(i)
        np.minimum(d2, _squared_distances_to(XT, XT[:, i]), out=d2)
    return np.array(chosen)
# --8<-- [end:kmeans-plusplus]


def _draw(cumulative, rng):
    # Example i with probability (its share of the total): where a uniform
    # point of [0, total) falls among the cumulative sums. An example with
    # share 0 has an interval of length 0 and is never drawn.
    u = min(rng.random() * cumulative[-1], np.nextafter(cumulative[-1], 0.0))
    return int(np.searchsorted(cumulative, u, side="right"))


def _random_init(XT, K, rng, w=None):
    """Positions of K examples with distinct values: the first K of a random order.

    With weights, the order is a draw without replacement in proportion to
    the weights (as scikit-learn draws), over the examples of positive weight.
    """
    if w is None:
        order = rng.permutation(XT.shape[1])
    else:
        order = rng.choice(XT.shape[1], size=np.count_nonzero(w), replace=False, p=w / w.sum())
    if len(_first_occurrences(XT[:, order[:K]])) == K:  # the usual case: no duplicate
        return order[:K]
    first = _first_occurrences(XT[:, order])  # skip examples equal to an earlier one
    if len(first) < K:
        raise _too_few_distinct(len(first), K)
    return order[first[:K]]


def _first_occurrences(XT):
    """Sorted positions of the first example of each distinct value; XT is (n, m)."""
    order = np.lexsort(XT[::-1])  # examples sorted by value; equal ones keep their order
    columns = XT[:, order]
    new = np.ones(XT.shape[1], dtype=bool)
    new[1:] = np.any(columns[:, 1:] != columns[:, :-1], axis=0)
    return np.sort(order[new])


# --- Lloyd's algorithm ---------------------------------------------------------


def _own_squared_distances(XT, labels, centroids):
    """``||x^(i) - nu_c(i)||^2`` for every example, from the differences: shape (m,)."""
    d2 = np.zeros(XT.shape[1])
    for feature, centre in zip(XT, centroids.T):  # a loop over features
        diff = feature - np.take(centre, labels)  # (m,)
        d2 += np.square(diff, out=diff)
    return d2


# --8<-- [start:relocate]
def _relocate_empty(XT, labels, centroids, counts):
    empty = np.flatnonzero(counts == 0)
    d2 = _own_squared_distances(XT, labels, centroids)  # (m,), no cancellation
    far = np.argpartition(d2, -len(empty))[-len(empty):]
    far = far[np.lexsort((far, -d2[far]))]  # the farthest first, ties by position
    labels = labels.copy()
    labels[far] = empty  # each moved example now costs 0 instead of its d2
    return labels
# --8<-- [end:relocate]


# --8<-- [start:lloyd-step]
def _lloyd_step(XT, labels, sums, counts, centroids, sum_x2, w=None):
    """One update (7.6), and the distortion J before it, from the sums (7.10)."""
    c2 = np.einsum("kj,kj->k", centroids, centroids)  # (K,)
    total = XT.shape[1] if w is None else w.sum()  # m, or the total weight
    J = (sum_x2 + counts @ c2 - 2 * np.sum(sums * centroids)) / total  # (7.10)
    if counts.min() == 0:  # an empty cluster takes the farthest example
        moved = _relocate_empty(XT, labels, centroids, counts)
        sums, counts = _cluster_sums(XT, moved, len(centroids), w)
    new = centroids.copy()  # a cluster left empty (a donor) keeps its centroid
    np.divide(sums, counts[:, None], out=new, where=counts[:, None] > 0)  # (7.6)
    return new, J
# --8<-- [end:lloyd-step]


def _check_distinct(XT, counts):
    """Raise if X has fewer distinct examples than clusters, given a first assignment.

    With fewer distinct examples than clusters, equal examples share a
    cluster, so the first assignment leaves a cluster empty: only then are
    the distinct examples counted.
    """
    if counts.min() == 0:
        distinct = len(_first_occurrences(XT))
        if distinct < len(counts):
            raise _too_few_distinct(distinct, len(counts))


# --8<-- [start:lloyd]
def _lloyd(XaT, centroids, max_iter, tol, check_distinct, pool=None, w=None):
    XT = XaT[:-1]  # (n, m), the centred examples as columns; XaT adds a row of ones
    x2 = np.einsum("ji,ji->i", XT, XT)  # (m,), ||x^(i)||^2, also for the bound (7.9a)
    sum_x2 = x2.sum() if w is None else x2 @ w
    labels, sums, counts = _assign(XaT, centroids, pool, x2, w)  # (7.1)
    if check_distinct:
        _check_distinct(XT, counts)
    history, converged = [], False
    for n_iter in range(1, max_iter + 1):
        new, J = _lloyd_step(XT, labels, sums, counts, centroids, sum_x2, w)
        history.append(J)
        shift = np.sum((new - centroids) ** 2)  # sum over k of ||change of nu_k||^2
        centroids, previous = new, labels
        labels, sums, counts = _assign(XaT, centroids, pool, x2, w)  # (7.1)
        if shift <= tol or np.array_equal(labels, previous):
            converged = True
            break
    d2 = _own_squared_distances(XT, labels, centroids)  # (m,), from the differences
    inertia = d2.sum() if w is None else d2 @ w  # m J (7.2), or the weighted (7.10a)
    history.append(inertia / (XT.shape[1] if w is None else w.sum()))
    return dict(centroids=centroids, labels=labels, inertia=inertia, n_iter=n_iter,
                history=np.array(history), converged=converged, shift=shift)
# --8<-- [end:lloyd]


# --- threads ---------------------------------------------------------------------


def _blas_threads():
    """The threads numpy's BLAS may use right now: 1 under ``threadpool_limits(1)``."""
    return max(1, min((lib.num_threads for lib in _blas().select(user_api="blas").lib_controllers),
                      default=1))


@contextlib.contextmanager
def _block_pool(m, K, threads):
    """Threads for the blocks of the assignment step, or None for one block or one thread.

    numpy releases Python's global lock inside matmul, argmin and bincount, so
    blocks on different threads run at the same time; each thread writes its
    own slice of the labels, and the sums are added in block order, so the
    result does not depend on the number of threads.
    """
    if threads < 2 or m <= _BLOCK // K:
        yield None
    else:
        with ThreadPoolExecutor(threads) as pool:
            yield pool


# --- the estimator -------------------------------------------------------------


class KMeans(ClusterMixin, TransformerMixin, BaseEstimator):
    r"""K-means clustering by Lloyd's algorithm, with k-means++ or random seeding.

    Alternates the assignment step (7.1), every example to its nearest
    centroid, and the update step (7.6), every centroid to the mean of its
    examples; neither step raises the distortion (7.2), equation (7.7). Runs
    ``n_init`` times from different seeds and keeps the run with the lowest
    distortion.

    Parameters
    ----------
    n_clusters : int, default=8
        $K$, the number of clusters.
    init : {"k-means++", "random"} or array_like of shape (K, n), default="k-means++"
        How to choose the initial centroids (:func:`kmeans_init`), or the
        initial centroids themselves.
    n_init : "auto" or int, default="auto"
        The number of runs from different seeds. ``"auto"`` means 10 for
        ``init="random"`` and 1 otherwise, as in scikit-learn. With an array
        ``init`` every run would be the same, so only 1 is accepted.
    max_iter : int, default=300
        The most iterations (update steps) per run.
    tol : float, default=1e-4
        Relative tolerance, defined as scikit-learn defines it: a run stops
        once an update moves the centroids by a total squared distance
        $\sum_k \lVert \nu_k^{\text{new}} - \nu_k \rVert^2$ of at most
        ``tol`` times the mean variance of the features, equation (7.12).
        It also stops, whatever ``tol``, once an assignment step leaves every
        example in its cluster (then no later step can change anything).
    random_state : int, numpy Generator or None, default=None
        Seed for ``np.random.default_rng``, which draws every seed.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (K, n)
        The centroids $\nu_k$ of the kept run.
    labels_ : ndarray of shape (m,), dtype int
        The cluster of each training example, 0-based, for those centroids.
    inertia_ : float
        $\sum_i \lVert x^{(i)} - \nu_{c^{(i)}} \rVert^2 = m J$, scikit-learn's
        name for the distortion without the $1/m$; with ``sample_weight``,
        $\sum_i w_i \lVert x^{(i)} - \nu_{c^{(i)}} \rVert^2$.
    n_iter_ : int
        Update steps made by the kept run. When a run stops because the
        assignments stopped changing, scikit-learn counts one iteration more
        (it runs the update that changes nothing).
    cost_history_ : ndarray of shape (n_iter_ + 1,)
        The distortion $J$ (7.2) of the kept run: entry $t$ after $t$
        updates and the assignment that follows them, entry 0 for the initial
        centroids; the last entry is ``inertia_ / m`` (with weights, the
        weighted $J_w$ (7.10a), ``inertia_ / sum(sample_weight)``).
    n_features_in_ : int

    Raises
    ------
    ValueError
        From ``fit``: ``n_clusters`` larger than the number of examples or of
        distinct examples; an ``init`` array of the wrong shape; bad
        hyper-parameters.

    Warns
    -----
    ConvergenceWarning
        When the kept run stops at ``max_iter`` before converging.

    Notes
    -----
    Empty clusters: when an assignment step leaves cluster $k$ without
    examples, its centroid moves onto the example farthest from its own
    centroid (several empty clusters take the farthest examples in turn),
    which lowers $J$ by that example's squared distance and keeps $K$
    clusters; scikit-learn does the same. Before it runs, ``fit`` centres
    the data on the feature means $\mu_j$, which changes no distance but
    keeps the rounding of the expansion (7.8) small. Centring does not help
    when the data spread far beyond the gaps between centroids: there the
    assignment step recomputes, from the differences, every example whose
    two best scores lie within the rounding bound (7.9a) of each other
    (scikit-learn does not, and can end at a worse clustering).

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]]
    >>> model = KMeans(n_clusters=2, random_state=0).fit(X)
    >>> sorted(model.cluster_centers_.tolist())
    [[0.0, 0.5], [10.0, 0.5]]
    >>> float(model.inertia_)
    1.0
    """

    def __init__(self, n_clusters=8, init="k-means++", n_init="auto", max_iter=300, tol=1e-4,
                 random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _check_params(self, X):
        m, n = X.shape
        K = _check_k(self.n_clusters, m, "n_clusters")
        if isinstance(self.init, str):
            check_option(self.init, "init", ("k-means++", "random"))
            init = self.init
        else:
            init = _check_centroids(self.init, n, "init")
            if init.shape[0] != K:
                raise ValueError(
                    f"init has {init.shape[0]} rows but n_clusters={K}; pass one initial "
                    f"centroid per cluster, shape ({K}, {n})."
                )
        if isinstance(self.n_init, str):
            check_option(self.n_init, "n_init", ("auto",))
            n_init = 10 if isinstance(init, str) and init == "random" else 1
        else:
            n_init = check_scalar(self.n_init, "n_init", low=1, integer=True)
            if not isinstance(init, str) and n_init > 1:
                raise ValueError(
                    f"n_init={n_init} with an array init would repeat the same run; "
                    f"use n_init=1 (or 'auto') with given initial centroids."
                )
        check_scalar(self.max_iter, "max_iter", low=1, integer=True)
        check_scalar(self.tol, "tol", low=0)
        return K, init, int(n_init)

    def fit(self, X, y=None, sample_weight=None):
        r"""Cluster ``X`` (m, n); ``y`` is ignored. Returns ``self``.

        ``sample_weight`` (m,), optional, weights $w_i \ge 0$: the run then
        minimises the weighted distortion (7.10a), each centroid is the
        weighted mean of its examples (7.10b), and the seeding draws in
        proportion to the weights (7.11a). A weight of 2 acts as the example
        written twice.

        The blocks of the assignment step run on as many threads as numpy's
        BLAS may use when ``fit`` is called (one per core, unless limited, for
        example by ``threadpoolctl.threadpool_limits(1)``), as scikit-learn's
        KMeans runs on its OpenMP threads; each thread's products then use one
        BLAS thread.
        """
        return self._fit(X, _blas_threads(), sample_weight)  # threads: read before the limit

    @one_blas_thread
    def _fit(self, X, threads, sample_weight):
        X = check_scale(check_array(X))
        K, init, n_init = self._check_params(X)
        w = _check_sample_weight(sample_weight, X.shape[0], K)
        rng = check_random_state(self.random_state)
        m, n = X.shape
        # Centre on the feature means mu_j (see Notes), computed as scikit-learn
        # computes them, so that the two round alike (exact ties, see the chapter).
        mean = X.mean(axis=0)  # (n,)
        XaT = _augment(X, mean)  # (n+1, m): the centred examples as columns, over ones
        XT = XaT[:n]  # (n, m), a view; X itself is never modified
        tol = self.tol * np.mean(np.einsum("ji,ji->j", XT, XT) / m)  # (7.12)
        best = None
        with _block_pool(m, K, threads) as pool:
            for _ in range(n_init):  # restarts: keep the lowest distortion
                if isinstance(init, str):
                    centroids = XT[:, _init_indices(XT, K, init, rng, w)].T.copy()  # (K, n)
                else:
                    centroids = init - mean
                run = _lloyd(XaT, centroids, self.max_iter, tol, not isinstance(init, str), pool,
                             w)
                if best is None or run["inertia"] < best["inertia"]:
                    best = run
        if not best["converged"]:
            warnings.warn(
                f"KMeans stopped after max_iter={self.max_iter} iterations with the centroids "
                f"still moving (total squared shift {best['shift']:.3g} at the last update, "
                f"above the tolerance {tol:.3g}). Raise max_iter, or raise tol.",
                _sklearn_compatible(ConvergenceWarning),
                stacklevel=_stacklevel(),
            )
        self.cluster_centers_ = best["centroids"] + mean
        self.labels_ = best["labels"]
        self.inertia_ = float(best["inertia"])
        self.n_iter_ = best["n_iter"]
        self.cost_history_ = best["history"]
        self.n_features_in_ = n
        return self

    def _validated(self, X):
        check_is_fitted(self, "cluster_centers_")
        X = check_scale(check_array(X))
        check_n_features(self, X)
        return X

    def predict(self, X):
        """The nearest centroid of each row of ``X``: shape (m,), 0-based indices."""
        X = self._validated(X)
        return _nearest(X, self.cluster_centers_, _blas_threads())

    def fit_predict(self, X, y=None, sample_weight=None):
        """``fit(X, sample_weight=...)`` and return ``labels_``; ``y`` is ignored."""
        return self.fit(X, sample_weight=sample_weight).labels_

    def fit_transform(self, X, y=None, sample_weight=None):
        """``fit(X, sample_weight=...)`` then ``transform(X)``; ``y`` is ignored."""
        return self.fit(X, sample_weight=sample_weight).transform(X)

    def score(self, X, y=None, sample_weight=None):
        r"""Minus the (weighted) inertia of ``X``: higher is better.

        $$-\sum_i w_i \min_k \lVert x^{(i)} - \nu_k \rVert^2,$$

        with $w_i = 1$ without ``sample_weight``. As scikit-learn's
        ``KMeans.score``, so that
        ``GridSearchCV(KMeans(), ...)`` can choose among settings without a
        ``scoring`` argument (it picks the largest score on held-out folds;
        the chapter explains why that favours the largest $K$). ``y`` is
        ignored.
        """
        X = self._validated(X)
        w = _check_sample_weight(sample_weight, X.shape[0], 1)
        labels = _nearest(X, self.cluster_centers_, _blas_threads())
        d2 = _own_squared_distances(np.ascontiguousarray(X.T), labels, self.cluster_centers_)
        return -float(d2.sum() if w is None else d2 @ w)

    @one_blas_thread
    def transform(self, X):
        r"""Euclidean distances $\lVert x^{(i)} - \nu_k \rVert$ to every centroid, shape (m, K).

        Computed by the expansion (7.8) after centring, and clipped at 0
        before the square root (see the chapter).
        """
        X = self._validated(X)
        return np.sqrt(_squared_distances(X, self.cluster_centers_))
