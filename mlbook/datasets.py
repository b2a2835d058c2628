r"""Small seeded data sets that the chapters generate instead of downloading.

Every generator takes ``random_state`` and draws all its numbers from
``np.random.default_rng(random_state)``: the same seed gives the same data on
every machine, and the global random state is never touched.
"""

import numpy as np

from ._special import sigmoid
from ._validation import check_scalar

__all__ = ["make_correlated_points", "make_curved_boundary"]


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
