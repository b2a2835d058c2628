r"""Small seeded data sets that the chapters generate instead of downloading.

Every generator takes ``random_state`` and draws all its numbers from
``np.random.default_rng(random_state)``: the same seed gives the same data on
every machine, and the global random state is never touched.
"""

import numpy as np

from ._special import sigmoid
from ._validation import check_scalar

__all__ = [
    "curved_boundary_radius",
    "make_correlated_points",
    "make_curved_boundary",
    "make_server_metrics",
]


def curved_boundary_radius(phi):
    r"""The radius $b(\varphi) = 0.7 + 0.12 \sin(3\varphi) + 0.08 \cos(2\varphi)$ of the
    true boundary of :func:`make_curved_boundary` at the angle ``phi``.

    A chapter draws the true curve as the points $b(\varphi)(\cos\varphi,
    \sin\varphi)$.
    """
    phi = np.asarray(phi, dtype=np.float64)
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
    rng = np.random.default_rng(random_state)
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
    rng = np.random.default_rng(random_state)
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
    rng = np.random.default_rng(random_state)
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
