r"""Numerical gradient checks that assert, not print.

A hand-derived gradient is trusted only after it agrees with central
differences,

$$\frac{\partial J}{\partial \theta_j} \approx
  \frac{J(\theta + \varepsilon e_j) - J(\theta - \varepsilon e_j)}{2\varepsilon},$$

to a small *relative* error $\lVert a - b\rVert / \max(\lVert a\rVert, \lVert b\rVert)$.
"""

import numpy as np

from ._validation import check_array, check_scalar

__all__ = ["numerical_gradient", "relative_error"]


def numerical_gradient(f, theta, eps=1e-4):
    r"""Central-difference estimate of the gradient of ``f`` at ``theta``.

    Parameters
    ----------
    f : callable
        ``f(theta) -> float``, the cost.
    theta : array_like of any shape
        The point; it is copied, never changed.
    eps : float, default=1e-4
        The step $\varepsilon$. The truncation error is $O(\varepsilon^2)$ and
        the rounding error $O(10^{-16}/\varepsilon)$; 1e-4 balances the two
        for costs of order one.

    Returns
    -------
    ndarray of the same shape as ``theta``
    """
    check_scalar(eps, "eps", low=0, include_low=False)
    theta = np.array(theta, dtype=np.float64)  # a copy we may perturb
    grad = np.empty_like(theta)
    flat, out = theta.reshape(-1), grad.reshape(-1)
    # One loop over parameters, not samples: each step costs two evaluations of f.
    for j in range(flat.size):
        saved = flat[j]
        flat[j] = saved + eps
        upper = f(theta)
        flat[j] = saved - eps
        lower = f(theta)
        flat[j] = saved
        out[j] = (upper - lower) / (2 * eps)
    return grad


def relative_error(a, b):
    r"""$\lVert a - b\rVert_2 / \max(\lVert a\rVert_2, \lVert b\rVert_2)$: how far apart two gradients are.

    The measure is bounded: it lies in $[0, 2]$, with 0 for equal vectors and
    2 only for $b = -a$ (a flipped sign). Where both gradients are correct to
    about $k$ significant digits it is about $10^{-k}$, whatever the size of
    the gradient. Unlike $\lVert a - b\rVert / \lVert a + b\rVert$, which the
    classic course printed, it never divides by a norm that rounding has made
    tiny: a flipped sign reads as 2, not as $10^{9}$.

    Returns 0.0 when both are zero.

    Parameters
    ----------
    a, b : array_like of the same shape
        Usually the analytic and the numerical gradient.

    Returns
    -------
    float in [0, 2]

    Raises
    ------
    ValueError
        If the shapes differ or either holds NaN or infinity.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a has shape {a.shape} but b has shape {b.shape}; compare like with like.")
    check_array(a.reshape(1, -1), "a")
    check_array(b.reshape(1, -1), "b")
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    if scale == 0.0:
        return 0.0
    return float(np.linalg.norm(a - b) / scale)
