r"""Small seeded data sets that the chapters generate instead of downloading.

Every generator takes ``random_state`` and draws all its numbers from
``np.random.default_rng(random_state)``: the same seed gives the same data on
every machine, and the global random state is never touched.
"""

import numpy as np

from ._special import sigmoid
from ._validation import check_array, check_scalar

__all__ = ["make_blobs", "make_curved_boundary"]


def make_curved_boundary(m=200, noise=0.05, random_state=None):
    r"""Two classes in the plane separated by a closed, wavy curve.

    The points are uniform in the square $[-1, 1]^2$. In polar coordinates
    $(r, \varphi)$ the boundary is the curve

    $$r = b(\varphi) = 0.7 + 0.12 \sin(3\varphi) + 0.08 \cos(2\varphi),$$

    and a point is of class 1 ("inside") with probability
    $g\big((b(\varphi) - r) / \text{noise}\big)$, $g$ the sigmoid: far from the
    curve the label is almost certain, near it the classes mix, as real labels
    do. No straight line separates the classes, but a polynomial of degree 6
    in $x_1, x_2$ (:func:`mlbook.preprocessing.map_feature`) follows the curve
    closely, which makes the set a test bed for polynomial features and
    regularisation (the logistic regression chapter).

    Parameters
    ----------
    m : int, default=200
        The number of points.
    noise : float, default=0.05
        The width of the band around the curve where labels mix; ``0`` gives
        labels decided by the curve alone.
    random_state : int, numpy Generator or None, default=None
        Seed for ``np.random.default_rng``; pass an int for the same data on
        every call.

    Returns
    -------
    X : ndarray of shape (m, 2)
        The points $(x_1, x_2)$.
    y : ndarray of shape (m,), dtype int
        1 inside the curve, 0 outside.

    Examples
    --------
    >>> X, y = make_curved_boundary(m=5, random_state=0)
    >>> X.shape, y.shape
    ((5, 2), (5,))
    """
    check_scalar(m, "m", low=1, integer=True)
    check_scalar(noise, "noise", low=0)
    rng = np.random.default_rng(random_state)
    X = rng.uniform(-1.0, 1.0, size=(m, 2))  # (m, 2)
    r = np.hypot(X[:, 0], X[:, 1])
    phi = np.arctan2(X[:, 1], X[:, 0])
    margin = 0.7 + 0.12 * np.sin(3 * phi) + 0.08 * np.cos(2 * phi) - r  # > 0 inside
    if noise == 0:
        return X, (margin > 0).astype(int)
    y = rng.uniform(size=m) < sigmoid(margin / noise)
    return X, y.astype(int)


def make_blobs(m=300, centers=3, cluster_std=1.0, n_features=2, center_box=(-10.0, 10.0),
               random_state=None):
    r"""Round Gaussian clusters ("blobs"): a test bed for clustering.

    Blob $k$ has centre $b_k \in \R^n$ and spread $s_k$: each of its points
    is $b_k + s_k z$ with $z$ a vector of $n$ independent standard normal
    numbers. The $m$ points are shared as evenly as possible among the
    blobs (the first $m \bmod K$ blobs get one point more) and returned in
    a random order.

    Parameters
    ----------
    m : int, default=300
        The number of points.
    centers : int or array_like of shape (K, n), default=3
        The centres themselves, or how many to draw, uniformly in the box
        ``center_box`` along each of ``n_features`` axes.
    cluster_std : float or array_like of shape (K,), default=1.0
        The standard deviation $s_k$ of each blob along every axis.
    n_features : int, default=2
        $n$, used when ``centers`` is a number.
    center_box : (float, float), default=(-10.0, 10.0)
        The range of each coordinate of a drawn centre.
    random_state : int, numpy Generator or None, default=None
        Seed for ``np.random.default_rng``; pass an int for the same data on
        every call.

    Returns
    -------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,), dtype int
        The blob of each point, $0, \dots, K - 1$.

    Examples
    --------
    >>> X, y = make_blobs(m=5, centers=[[0.0, 0.0], [5.0, 5.0]], random_state=0)
    >>> X.shape, sorted(y.tolist())
    ((5, 2), [0, 0, 0, 1, 1])
    """
    check_scalar(m, "m", low=1, integer=True)
    rng = np.random.default_rng(random_state)
    if isinstance(centers, (int, np.integer)) and not isinstance(centers, bool):
        check_scalar(centers, "centers", low=1, integer=True)
        check_scalar(n_features, "n_features", low=1, integer=True)
        low, high = (check_scalar(v, "center_box") for v in center_box)
        if not low < high:
            raise ValueError(f"center_box must be (low, high) with low < high, got {center_box}.")
        centers = rng.uniform(low, high, size=(centers, n_features))
    else:
        centers = check_array(centers, "centers")
    K, n = centers.shape
    std = np.asarray(cluster_std, dtype=np.float64)
    if std.ndim == 0:
        std = np.full(K, float(std))  # the same spread for every blob
    if std.shape != (K,) or not np.all(np.isfinite(std)) or np.any(std < 0):
        raise ValueError(
            f"cluster_std must be a number >= 0 or one such number per centre ({K}); "
            f"got {cluster_std!r}."
        )
    y = np.repeat(np.arange(K), [m // K + (k < m % K) for k in range(K)])  # (m,) sizes differ by <= 1
    y = y[rng.permutation(m)]
    X = centers[y] + std[y, None] * rng.standard_normal((m, n))  # (m, n)
    return X, y
