r"""The sigmoid and the log-loss, stable at any input.

These are re-exported from :mod:`mlbook` itself. Derivations:
[notation](../notation.md) and the logistic regression chapter.
"""

import numpy as np
from scipy.special import expit

from ._validation import check_numbers


def sigmoid(z):
    r"""The logistic function $g(z) = 1 / (1 + e^{-z})$, elementwise.

    Exact and silent for any finite input: ``sigmoid(1000.0)`` is ``1.0`` and
    ``sigmoid(-1000.0)`` is ``0.0`` with no overflow warning (it delegates to
    ``scipy.special.expit``, which never evaluates ``exp`` of a large positive
    number).

    Parameters
    ----------
    z : array_like
        Any shape.

    Returns
    -------
    ndarray or float
        Values in $[0, 1]$, same shape as ``z``.
    Raises
    ------
    TypeError
        If ``z`` is ``None`` or not numeric.
    ValueError
        If ``z`` contains NaN or is complex. (``inf`` and ``-inf`` give 1 and 0.)
    """
    return _sigmoid(check_numbers(z, allow_inf=True))


def _sigmoid(z):
    # The kernels' inputs are already checked: they call this directly.
    return expit(z)


def sigmoid_gradient(z):
    r"""The derivative $g'(z) = g(z)\,(1 - g(z))$, elementwise.

    Computed as $g(z)\,g(-z)$, which is the same number but keeps full relative
    precision for large positive $z$, where $1 - g(z)$ would cancel.
    Input is checked as for :func:`sigmoid`.
    """
    return _sigmoid_gradient(check_numbers(z, allow_inf=True))


def _sigmoid_gradient(z):
    return expit(z) * expit(-z)


def softplus(z):
    r"""$\log(1 + e^{z})$, elementwise, without overflow or ``log(0)``.

    Uses $\log(1 + e^{z}) = \max(z, 0) + \log(1 + e^{-|z|})$: the exponent is
    never positive, so nothing overflows, and ``log1p`` keeps precision when
    $e^{-|z|}$ is tiny. Input is checked as for :func:`sigmoid`.
    """
    return _softplus(check_numbers(z, allow_inf=True))


def _softplus(z):
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def sigmoid_cross_entropy(y, z):
    r"""Mean cross-entropy of labels ``y`` against the logits ``z``.

    $$\frac{1}{m}\sum_{i}\sum_{k}\Big[-y\log g(z) - (1-y)\log\big(1-g(z)\big)\Big]$$

    computed from ``z`` itself with $-\log g(z) = \log(1+e^{-z})$ and
    $-\log(1-g(z)) = \log(1+e^{z})$, so it never takes ``log(0)``: a confident
    wrong prediction with $z = 1000$ costs $1000$, not ``inf``.

    Parameters
    ----------
    y : float or array_like of shape (m,) or (m, K)
        Targets in $[0, 1]$ (usually 0 or 1); a single number is one example.
    z : float or array_like, same shape as ``y``
        Finite logits $\theta^\mathsf{T} x$, before the sigmoid.

    Returns
    -------
    float
        The sum over all entries divided by $m$, the number of rows (1 for
        a single number).

    Raises
    ------
    ValueError
        If the shapes differ, ``y`` leaves $[0, 1]$, or either holds NaN or
        infinity (an infinite logit is a probability of exactly 0 or 1, whose
        loss is 0 or infinite).
    """
    y = check_numbers(y, "y")
    z = check_numbers(z, "z")  # finite: see Raises
    if y.shape != z.shape:
        raise ValueError(
            f"y has shape {y.shape} but z has shape {z.shape}; pass one logit per label."
        )
    if y.size and (y.min() < 0 or y.max() > 1):
        raise ValueError(
            f"y must lie in [0, 1], got values from {y.min()} to {y.max()}. "
            f"Encode the classes as 0 and 1 first."
        )
    m = y.shape[0] if y.ndim else 1
    return float(np.sum(y * _softplus(-z) + (1.0 - y) * _softplus(z)) / m)
