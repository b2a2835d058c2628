r"""The sigmoid and the log-loss, stable at any input.

These are re-exported from :mod:`mlbook` itself. Derivations:
[notation](../notation.md) and the logistic regression chapter.
"""

import numpy as np
from scipy.special import expit


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
    """
    return expit(np.asarray(z, dtype=np.float64))


def sigmoid_gradient(z):
    r"""The derivative $g'(z) = g(z)\,(1 - g(z))$, elementwise.

    Computed as $g(z)\,g(-z)$, which is the same number but keeps full relative
    precision for large positive $z$, where $1 - g(z)$ would cancel.
    """
    z = np.asarray(z, dtype=np.float64)
    return expit(z) * expit(-z)


def softplus(z):
    r"""$\log(1 + e^{z})$, elementwise, without overflow or ``log(0)``.

    Uses $\log(1 + e^{z}) = \max(z, 0) + \log(1 + e^{-|z|})$: the exponent is
    never positive, so nothing overflows, and ``log1p`` keeps precision when
    $e^{-|z|}$ is tiny.
    """
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def sigmoid_cross_entropy(y, z):
    r"""Mean cross-entropy of labels ``y`` against the logits ``z``.

    $$\frac{1}{m}\sum_{i}\sum_{k}\Big[-y\log g(z) - (1-y)\log\big(1-g(z)\big)\Big]$$

    computed from ``z`` itself with $-\log g(z) = \log(1+e^{-z})$ and
    $-\log(1-g(z)) = \log(1+e^{z})$, so it never takes ``log(0)``: a confident
    wrong prediction with $z = 1000$ costs $1000$, not ``inf``.

    Parameters
    ----------
    y : array_like of shape (m,) or (m, K)
        Targets in $[0, 1]$ (usually 0 or 1).
    z : array_like, same shape as ``y``
        Logits $\theta^\mathsf{T} x$, before the sigmoid.

    Returns
    -------
    float
        The sum over all entries divided by $m$, the number of rows.
    """
    y = np.asarray(y, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64)
    if y.shape != z.shape:
        raise ValueError(
            f"y has shape {y.shape} but z has shape {z.shape}; pass one logit per label."
        )
    if y.size and (y.min() < 0 or y.max() > 1):
        raise ValueError(
            f"y must lie in [0, 1], got values from {y.min()} to {y.max()}. "
            f"Encode the classes as 0 and 1 first."
        )
    m = y.shape[0]
    return float(np.sum(y * softplus(-z) + (1.0 - y) * softplus(z)) / m)
