r"""Small seeded data sets that the chapters generate instead of downloading.

Every generator takes ``random_state`` and draws all its numbers from
``np.random.default_rng(random_state)``: the same seed gives the same data on
every machine, and the global random state is never touched.
"""

import numpy as np

from ._special import sigmoid
from ._validation import check_scalar

__all__ = ["curved_boundary_radius", "make_curved_boundary"]


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
