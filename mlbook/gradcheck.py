r"""Numerical gradient checks that assert, not print.

A hand-derived gradient is trusted only after it agrees with central
differences,

$$\frac{\partial J}{\partial \theta_j} \approx
  \frac{J(\theta + \varepsilon e_j) - J(\theta - \varepsilon e_j)}{2\varepsilon},$$

to a small *relative* error. :func:`relative_error` measures it over the
whole gradient at once, $\lVert a - b\rVert / \max(\lVert a\rVert, \lVert b\rVert)$,
and so is dominated by the largest components: an error confined to a small
component (the intercept's, next to features in large units; one small weight
matrix of a network) can hide below its threshold. :func:`componentwise_error`
measures every component against itself and cannot be fooled that way; it is
the one to assert.
"""

import numpy as np

from ._validation import check_numbers, check_scalar

__all__ = ["componentwise_error", "numerical_gradient", "relative_error"]


def _as_arrays(theta, name):
    """``theta`` as a list of float arrays, and whether it was a list to begin with."""
    # A list of ndarrays (weight matrices) stays a list; nested lists of numbers are one array.
    if isinstance(theta, (list, tuple)) and theta and all(
            isinstance(t, np.ndarray) and t.ndim >= 1 for t in theta):
        return [np.array(check_numbers(t, f"{name}[{k}]"), order="C")
                for k, t in enumerate(theta)], True
    # C order: perturbing an entry through reshape(-1) must write into the array itself.
    return [np.array(check_numbers(theta, name), order="C")], False


def numerical_gradient(f, theta, eps=1e-4):
    r"""Central-difference estimate of the gradient of ``f`` at ``theta``.

    Parameters
    ----------
    f : callable
        ``f(theta) -> float``, the cost.
    theta : array_like of any shape, or a list of arrays
        The point; it is copied, never changed. A list of arrays (a
        network's weight matrices) is perturbed one entry at a time and
        passed to ``f`` as a list.
    eps : float, default=1e-4
        The step $\varepsilon$. The truncation error is $O(\varepsilon^2)$ and
        the rounding error $O(10^{-16}/\varepsilon)$; 1e-4 balances the two
        for costs of order one.

    Returns
    -------
    ndarray of the same shape as ``theta``, or a list of arrays like it
    """
    check_scalar(eps, "eps", low=0, include_low=False)
    arrays, is_list = _as_arrays(theta, "theta")  # copies we may perturb
    point = arrays if is_list else arrays[0]
    grads = [np.empty_like(t) for t in arrays]
    # One loop over parameters, not samples: each step costs two evaluations of f.
    for t, g in zip(arrays, grads):
        flat, out = t.reshape(-1), g.reshape(-1)
        for j in range(flat.size):
            saved = flat[j]
            flat[j] = saved + eps
            upper = f(point)
            flat[j] = saved - eps
            lower = f(point)
            flat[j] = saved
            out[j] = (upper - lower) / (2 * eps)
    return grads if is_list else grads[0]


def relative_error(a, b):
    r"""$\lVert a - b\rVert_2 / \max(\lVert a\rVert_2, \lVert b\rVert_2)$: how far apart two gradients are.

    The measure is bounded: it lies in $[0, 2]$, with 0 for equal vectors and
    2 only for $b = -a$ (a flipped sign). Where both gradients are correct to
    about $k$ significant digits it is about $10^{-k}$, whatever the size of
    the gradient. Unlike $\lVert a - b\rVert / \lVert a + b\rVert$, which the
    classic course printed, it never divides by a norm that rounding has made
    tiny: a flipped sign reads as 2, not as $10^{9}$.

    One norm over all components is dominated by the largest ones, so a
    wrong small component can pass; assert :func:`componentwise_error`,
    which cannot be fooled that way, and use this one to say how far apart
    the two gradients are as a whole.

    Returns 0.0 when both are zero.

    Parameters
    ----------
    a, b : array_like of the same shape, or lists of arrays shaped alike
        Usually the analytic and the numerical gradient. Lists (one array per
        weight matrix of a network) are compared as one long vector.

    Returns
    -------
    float in [0, 2]

    Raises
    ------
    ValueError
        If the shapes differ or either holds NaN or infinity.
    """
    a, b = _flat_pair(a, b)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    if scale == 0.0:
        return 0.0
    return float(np.linalg.norm(a - b) / scale)


def componentwise_error(a, b, floor=1e-4):
    r"""The largest per-component relative error: no component can hide behind a larger one.

    $$\operatorname{err}_\infty(a, b) = \max_j
      \frac{\lvert a_j - b_j\rvert}{\max\bigl(\lvert a_j\rvert, \lvert b_j\rvert, \tau\bigr)},
      \qquad \tau = \texttt{floor}\cdot\max_k \max\bigl(\lvert a_k\rvert, \lvert b_k\rvert\bigr).$$

    Each component is compared with its own size, so a wrong intercept
    gradient of size 100 next to feature gradients of size $10^4$ reads as
    the error it is, not as $10^{-2}$ of it. The floor $\tau$ is there
    because central differences carry an absolute rounding error of about
    $10^{-16}\lvert J\rvert/\varepsilon$ in every component: a component
    that happens to be nearly zero at the point checked would otherwise read
    as wrong in its first digit. Components smaller than ``floor`` times the
    largest one are therefore judged against that floor, absolutely; all
    others relative to themselves. Like :func:`relative_error` it lies in
    $[0, 2]$, and reads about $10^{-k}$ when every component agrees to $k$
    significant digits.

    Parameters
    ----------
    a, b : array_like of the same shape, or lists of arrays shaped alike
        Usually the analytic and the numerical gradient; lists (one array
        per weight matrix) are compared entry by entry across all of them.
    floor : float, default=1e-4
        $\tau$ as a fraction of the largest component, in $[0, 1)$; 0
        compares every component relative to itself alone.

    Returns
    -------
    float in [0, 2]
        0.0 when both are zero.

    Raises
    ------
    ValueError
        If the shapes differ, either holds NaN or infinity, or ``floor`` is
        outside $[0, 1)$.
    """
    check_scalar(floor, "floor", low=0)
    if floor >= 1:
        raise ValueError(f"floor={floor!r} must be below 1: it is a fraction of the largest component.")
    a, b = _flat_pair(a, b)
    size = np.maximum(np.abs(a), np.abs(b))  # (p,)
    largest = size.max(initial=0.0)
    if largest == 0.0:
        return 0.0
    size = np.maximum(size, floor * largest)
    nonzero = size > 0  # with floor = 0, a component zero in both agrees exactly
    return float(np.max(np.abs(a - b)[nonzero] / size[nonzero]))


def _flat_pair(a, b):
    """``a`` and ``b`` as two flat float vectors, after checking that their shapes match."""
    a_parts, a_list = _as_arrays(a, "a")
    b_parts, b_list = _as_arrays(b, "b")
    shapes_a, shapes_b = [t.shape for t in a_parts], [t.shape for t in b_parts]
    if a_list != b_list or shapes_a != shapes_b:
        what_a = shapes_a if a_list else shapes_a[0]
        what_b = shapes_b if b_list else shapes_b[0]
        raise ValueError(f"a has shape {what_a} but b has shape {what_b}; compare like with like.")
    return (np.concatenate([t.ravel() for t in a_parts]),
            np.concatenate([t.ravel() for t in b_parts]))
