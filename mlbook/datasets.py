r"""Small seeded data sets that the chapters generate instead of downloading.

Every generator takes ``random_state`` and draws all its numbers from
``np.random.default_rng(random_state)``: the same seed gives the same data on
every machine, and the global random state is never touched.
"""

import numpy as np

from ._special import sigmoid
from ._validation import check_scalar

__all__ = ["make_curved_boundary", "make_noisy_mixture", "make_separable_with_outlier"]


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
    rng = np.random.default_rng(random_state)
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
    rng = np.random.default_rng(random_state)
    centres = rng.normal(size=(2, 10, 2)) + np.array([[1.0, 0.0], [0.0, 1.0]])[:, None]  # (2, 10, 2)

    def draw(count):
        y = np.r_[np.zeros(count - count // 2, int), np.ones(count // 2, int)]  # (count,)
        picked = centres[y, rng.integers(0, 10, size=count)]  # (count, 2)
        return picked + rng.normal(scale=np.sqrt(0.2), size=(count, 2)), y

    X, y = draw(m)
    X_val, y_val = draw(m_val)
    return X, y, X_val, y_val
