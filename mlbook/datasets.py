r"""Small seeded data sets that the chapters generate instead of downloading.

Every generator takes ``random_state`` and draws all its numbers from
``np.random.default_rng(random_state)``: the same seed gives the same data on
every machine, and the global random state is never touched.
"""

import numpy as np

from ._special import sigmoid
from ._validation import check_array, check_numbers, check_random_state, check_scalar

__all__ = [
    "curved_boundary_radius",
    "make_blobs",
    "make_correlated_points",
    "make_curved_boundary",
    "make_noisy_mixture",
    "make_separable_with_outlier",
    "make_server_metrics",
]


def curved_boundary_radius(phi):
    r"""The radius $b(\varphi) = 0.7 + 0.12 \sin(3\varphi) + 0.08 \cos(2\varphi)$ of the
    true boundary of :func:`make_curved_boundary` at the angle ``phi``.

    A chapter draws the true curve as the points $b(\varphi)(\cos\varphi,
    \sin\varphi)$.
    """
    phi = check_numbers(phi, "phi")
    return 0.7 + 0.12 * np.sin(3 * phi) + 0.08 * np.cos(2 * phi)


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
    rng = check_random_state(random_state)
    X = rng.uniform(-1.0, 1.0, size=(m, 2))  # (m, 2)
    r = np.hypot(X[:, 0], X[:, 1])
    phi = np.arctan2(X[:, 1], X[:, 0])
    margin = curved_boundary_radius(phi) - r  # > 0 inside
    if noise == 0:
        return X, (margin > 0).astype(int)
    y = rng.uniform(size=m) < sigmoid(margin / noise)
    return X, y.astype(int)


# Normal operation of the servers in make_server_metrics, in the coordinates
# (log latency, throughput): a hidden load L ~ N(0, 1) drives both features,
# log latency = log 15 + 0.25 L + 0.12 e1, throughput = 12 + 1.5 L + 0.5 e2.
_SERVER_MEAN = np.array([np.log(15.0), 12.0])
_SERVER_LOADING = np.array([0.25, 1.5])
_SERVER_NOISE = np.array([0.12, 0.5])


def make_server_metrics(m=1000, anomaly_fraction=0.02, random_state=None):
    r"""Latency and throughput of servers, a few of them misbehaving.

    Normal servers are driven by a hidden load $L \sim \mathcal N(0, 1)$ that
    raises both features, with independent noise $e_1, e_2 \sim \mathcal N(0, 1)$:

    $$\log(\text{latency}) = \log 15 + 0.25\,L + 0.12\,e_1, \qquad
      \text{throughput} = 12 + 1.5\,L + 0.5\,e_2 .$$

    So latency (in ms) is log-normal, skewed to the right, and the two
    features are strongly correlated. Anomalies are drawn uniformly over
    latencies from 5 to 100 ms (uniform in the logarithm) and throughputs from
    0 to 20 MB/s, and kept only if their Mahalanobis distance to the normal
    distribution, in the coordinates (log latency, throughput), exceeds 4:
    far from normal operation, but often inside the range of each feature
    alone (a slow server with a low throughput, say). Normal examples beyond
    that distance are possible but rare (probability $e^{-8}$, about
    $3 \cdot 10^{-4}$).

    Parameters
    ----------
    m : int, default=1000
        The number of servers.
    anomaly_fraction : float, default=0.02
        The fraction of anomalies, in $[0, 1]$; exactly
        ``round(anomaly_fraction * m)`` of the examples are anomalies.
    random_state : int, numpy Generator or None, default=None
        Seed for ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (m, 2)
        Latency in ms (column 0) and throughput in MB/s (column 1).
    y : ndarray of shape (m,), dtype int
        1 for an anomaly, 0 for a normal server.

    Examples
    --------
    >>> X, y = make_server_metrics(m=100, anomaly_fraction=0.05, random_state=0)
    >>> X.shape, int(y.sum())
    ((100, 2), 5)
    """
    check_scalar(m, "m", low=1, integer=True)
    check_scalar(anomaly_fraction, "anomaly_fraction", low=0, high=1)
    rng = check_random_state(random_state)
    n_anomalies = int(round(anomaly_fraction * m))
    n_normal = m - n_anomalies
    load = rng.normal(size=(n_normal, 1))  # (n_normal, 1), shared by both features
    normal = _SERVER_MEAN + load * _SERVER_LOADING + rng.normal(size=(n_normal, 2)) * _SERVER_NOISE
    anomalies = _far_from_normal_servers(rng, n_anomalies)
    X = np.vstack([normal, anomalies])  # (m, 2), in (log latency, throughput)
    X[:, 0] = np.exp(X[:, 0])  # latency in ms
    y = np.r_[np.zeros(n_normal, dtype=int), np.ones(n_anomalies, dtype=int)]
    order = rng.permutation(m)
    return X[order], y[order]


def _far_from_normal_servers(rng, count):
    # The normal covariance in (log latency, throughput): loading loading^T + noise^2.
    Sigma = np.outer(_SERVER_LOADING, _SERVER_LOADING) + np.diag(_SERVER_NOISE**2)
    Sigma_inv = np.linalg.inv(Sigma)  # (2, 2)
    kept = np.empty((0, 2))
    while len(kept) < count:  # a loop over batches of candidates, rarely more than one
        batch = np.column_stack([rng.uniform(np.log(5.0), np.log(100.0), 4 * count),
                                 rng.uniform(0.0, 20.0, 4 * count)])  # (4 count, 2)
        D = batch - _SERVER_MEAN
        distance2 = np.sum((D @ Sigma_inv) * D, axis=1)  # (4 count,) = rows of D^T S^-1 D
        kept = np.vstack([kept, batch[distance2 > 16.0]])
    return kept[:count]


def make_correlated_points(m=50, angle=np.pi / 6, scales=(2.0, 0.5), center=(0.0, 0.0),
                           random_state=None):
    r"""Points in the plane from a Gaussian stretched along a tilted axis.

    Each point is $x = c + R\,\operatorname{diag}(a_1, a_2)\,e$ with $e$ two
    independent standard normal numbers, $R$ the rotation by ``angle`` and
    $(a_1, a_2)$ = ``scales``. The cloud is an ellipse whose long axis points
    along $(\cos\varphi, \sin\varphi)$, $\varphi$ = ``angle``: the
    population's first principal direction, with standard deviation $a_1$
    along it and $a_2$ across it (the principal component analysis chapter).

    Parameters
    ----------
    m : int, default=50
        The number of points.
    angle : float, default=pi/6
        The direction of the long axis, in radians from the first coordinate axis.
    scales : pair of float, default=(2.0, 0.5)
        The standard deviations along and across the long axis, both >= 0.
    center : pair of float, default=(0.0, 0.0)
        The population mean $c$.
    random_state : int, numpy Generator or None, default=None
        Passed to ``np.random.default_rng``: an int gives the same points on
        every call.

    Returns
    -------
    X : ndarray of shape (m, 2)
        One point per row.

    Examples
    --------
    >>> X = make_correlated_points(m=4, random_state=0)
    >>> X.shape
    (4, 2)
    """
    check_scalar(m, "m", low=1, integer=True)
    check_scalar(angle, "angle")
    scales = _check_pair(scales, "scales", low=0)
    center = _check_pair(center, "center")
    rng = check_random_state(random_state)
    rotation = np.array([[np.cos(angle), -np.sin(angle)],
                         [np.sin(angle), np.cos(angle)]])  # (2, 2)
    e = rng.standard_normal(size=(m, 2))  # (m, 2)
    return center + (e * scales) @ rotation.T  # (m, 2) = (m, 2) @ (2, 2)


def _check_pair(value, name, low=None):
    try:
        pair = [check_scalar(v, f"{name}[{i}]", low=low) for i, v in enumerate(value)]
    except TypeError:
        if not np.iterable(value):
            raise TypeError(f"{name} must be a pair of numbers, got {value!r}.") from None
        raise
    if len(pair) != 2:
        raise ValueError(f"{name} must hold exactly two numbers, got {len(pair)}: {value!r}.")
    return np.array(pair, dtype=float)


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
    rng = check_random_state(random_state)
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


def make_separable_with_outlier(m=51, random_state=None):
    r"""Two classes a straight line separates, and one outlier that makes it hard.

    Class 0 gathers around $(1.5, 2.5)$ and class 1 around $(3.5, 2.7)$,
    each a Gaussian cloud (standard deviation 0.3 along each axis) cut off
    so that the line $x_1 + 1.5x_2 = 6.4$ separates them with room to spare:
    every point of class 0 has $x_1 + 1.5x_2 < 6$ and every point of class 1
    has $x_1 + 1.5x_2 > 6.8$. The last example is the outlier, of class 1, at
    $(0.5, 4.3)$: beyond class 0, far from its own class, but still on its
    side of that line, so the whole set stays linearly separable. A large-margin classifier that
    must get it right tilts its boundary and narrows its margin; one that may
    give it up keeps the wide margin between the two clouds (the support
    vector machines chapter, after the classic course's first SVM data set).

    Parameters
    ----------
    m : int, default=51
        The number of examples, the outlier included: $m - 1 \ge 2$ examples
        in the clouds, split as evenly as possible (class 0 gets the extra one).
    random_state : int, numpy Generator or None, default=None
        Seed for ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,), dtype int
        0 or 1; ``y[-1]`` is 1, the outlier.

    Examples
    --------
    >>> X, y = make_separable_with_outlier(random_state=0)
    >>> X.shape, y[-1], X[-1]
    ((51, 2), np.int64(1), array([0.5, 4.3]))
    """
    check_scalar(m, "m", low=3, integer=True)
    rng = check_random_state(random_state)
    m1 = (m - 1) // 2
    m0 = m - 1 - m1
    cloud0 = _cut_cloud(rng, (1.5, 2.5), m0, lambda s: s < 6.0)
    cloud1 = _cut_cloud(rng, (3.5, 2.7), m1, lambda s: s > 6.8)
    X = np.vstack([cloud0, cloud1, [[0.5, 4.3]]])  # (m, 2)
    y = np.r_[np.zeros(m0, int), np.ones(m1 + 1, int)]
    return X, y


def _cut_cloud(rng, centre, count, keep):
    """``count`` points of a Gaussian cloud whose x1 + 1.5 x2 passes ``keep``."""
    points = np.empty((0, 2))
    while len(points) < count:  # a loop over batches: few are ever rejected
        batch = rng.normal(centre, 0.3, size=(2 * count, 2))  # (2 count, 2)
        points = np.vstack([points, batch[keep(batch @ [1.0, 1.5])]])
    return points[:count]


def make_noisy_mixture(m=200, m_val=200, random_state=None):
    r"""Two overlapping classes, each a mixture of Gaussians; a training and a validation set.

    As in Hastie, Tibshirani and Friedman's *Elements of Statistical
    Learning* (§2.3): ten centres per class are drawn once, from
    $\mathcal{N}((1, 0), I)$ for class 0 and $\mathcal{N}((0, 1), I)$ for
    class 1; each example picks one of its class's centres at random and is
    drawn from $\mathcal{N}(\text{centre}, I/5)$. The clouds of the two
    classes overlap, so no boundary classifies every example right, and the
    best boundary is curved: a test bed for choosing a model's flexibility on
    a validation set. Both sets come from the same centres, so they follow
    the same distribution.

    Parameters
    ----------
    m : int, default=200
        Training examples, half of each class (class 0 gets the odd one).
    m_val : int, default=200
        Validation examples, split the same way.
    random_state : int, numpy Generator or None, default=None
        Seed for ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,), dtype int
    X_val : ndarray of shape (m_val, 2)
    y_val : ndarray of shape (m_val,), dtype int

    Examples
    --------
    >>> X, y, X_val, y_val = make_noisy_mixture(m=10, m_val=4, random_state=0)
    >>> X.shape, y.tolist(), X_val.shape
    ((10, 2), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1], (4, 2))
    """
    check_scalar(m, "m", low=2, integer=True)
    check_scalar(m_val, "m_val", low=2, integer=True)
    rng = check_random_state(random_state)
    centres = rng.normal(size=(2, 10, 2)) + np.array([[1.0, 0.0], [0.0, 1.0]])[:, None]  # (2, 10, 2)

    def draw(count):
        y = np.r_[np.zeros(count - count // 2, int), np.ones(count // 2, int)]  # (count,)
        picked = centres[y, rng.integers(0, 10, size=count)]  # (count, 2)
        return picked + rng.normal(scale=np.sqrt(0.2), size=(count, 2)), y

    X, y = draw(m)
    X_val, y_val = draw(m_val)
    return X, y, X_val, y_val
