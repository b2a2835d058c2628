r"""Kernels: the inner products a support vector machine works with.

Derived in the chapter [Support vector machines](../svm/support-vector-machines.md).
A kernel $\mathcal{K}(x, z)$ is an inner product $\phi(x)^\mathsf{T}\phi(z)$ of
feature vectors $\phi$ that are never formed. The matrix forms take two sets
of examples, ``X1`` of shape (m1, n) and ``X2`` of shape (m2, n), and return
the (m1, m2) matrix of $\mathcal{K}(x^{(i)}, z^{(j)})$, the **Gram matrix** $G$ when
both sets are the training set.
"""

import numpy as np

from .._validation import check_array, check_scalar

__all__ = ["gaussian_kernel", "linear_kernel", "polynomial_kernel", "rbf_kernel"]


def _check_pair(X1, X2):
    X1 = check_array(X1, "X1")
    X2 = check_array(X2, "X2")
    if X1.shape[1] != X2.shape[1]:
        raise ValueError(
            f"X1 has {X1.shape[1]} features (columns) but X2 has {X2.shape[1]}; a kernel "
            f"compares examples described by the same features."
        )
    return X1, X2


def linear_kernel(X1, X2):
    r"""The linear kernel $\mathcal{K}(x, z) = x^\mathsf{T} z$, equation (6.15), for all pairs.

    Parameters
    ----------
    X1 : array_like of shape (m1, n)
    X2 : array_like of shape (m2, n)

    Returns
    -------
    ndarray of shape (m1, m2)
        Entry $(i, j)$ is $x^{(i)\mathsf{T}} z^{(j)}$.

    Examples
    --------
    >>> linear_kernel([[1.0, 2.0]], [[3.0, 4.0], [0.0, 1.0]])
    array([[11.,  2.]])
    """
    return _linear_kernel(*_check_pair(X1, X2))


def polynomial_kernel(X1, X2, degree=3, gamma=None, coef0=1.0):
    r"""The polynomial kernel $\mathcal{K}(x, z) = (\gamma\, x^\mathsf{T} z + c_0)^q$, equation (6.15).

    The defaults are those of ``sklearn.metrics.pairwise.polynomial_kernel``;
    :class:`SVC` uses ``coef0=0.0`` by default, as scikit-learn's ``SVC`` does.

    Parameters
    ----------
    X1 : array_like of shape (m1, n)
    X2 : array_like of shape (m2, n)
    degree : int, default=3
        The power $q \ge 0$.
    gamma : float or None, default=None
        The scale $\gamma > 0$ of the inner product; ``None`` means $1/n$.
    coef0 : float, default=1.0
        The constant $c_0$. With $c_0 > 0$ the kernel holds every monomial of
        degree up to $q$; with $c_0 = 0$ only those of degree exactly $q$.

    Returns
    -------
    ndarray of shape (m1, m2)

    Raises
    ------
    ValueError
        If a kernel value overflows (scale the features, or lower ``degree``).

    Examples
    --------
    >>> polynomial_kernel([[1.0, 2.0]], [[3.0, 4.0]], degree=2, gamma=1.0, coef0=1.0)
    array([[144.]])
    """
    X1, X2 = _check_pair(X1, X2)
    check_scalar(degree, "degree", low=0, integer=True)
    gamma = 1.0 / X1.shape[1] if gamma is None else gamma
    check_scalar(gamma, "gamma", low=0, include_low=False)
    check_scalar(coef0, "coef0")
    return _finite_polynomial_kernel(X1, X2, degree, gamma, coef0)


def gaussian_kernel(x1, x2, sigma):
    r"""The Gaussian kernel of two examples, in the classic course's form, equation (6.16).

    $$\mathcal{K}(x_1, x_2) = \exp\left(-\frac{\lVert x_1 - x_2 \rVert^2}{2\sigma^2}\right)$$

    This is :func:`rbf_kernel` with $\gamma = 1 / (2\sigma^2)$, not $1/\sigma^2$.

    Parameters
    ----------
    x1, x2 : array_like of shape (n,)
        Two examples.
    sigma : float
        The width $\sigma > 0$: examples much closer than $\sigma$ give
        values near 1, examples a few $\sigma$ apart values near 0.

    Returns
    -------
    float in [0, 1]

    Examples
    --------
    The classic course's check value, $e^{-9/8}$:

    >>> round(gaussian_kernel([1.0, 2.0, 1.0], [0.0, 4.0, -1.0], sigma=2.0), 6)
    0.324652
    """
    x1 = check_array(x1, "x1", ndim=1)
    x2 = check_array(x2, "x2", ndim=1)
    if x1.shape != x2.shape:
        raise ValueError(
            f"x1 has {x1.size} entries but x2 has {x2.size}; pass two examples with the same "
            f"features (for sets of examples use rbf_kernel)."
        )
    check_scalar(sigma, "sigma", low=0, include_low=False)
    return float(_gaussian_kernel(x1, x2, sigma))


def rbf_kernel(X1, X2, gamma):
    r"""The Gaussian (RBF) kernel for all pairs, in scikit-learn's form, equation (6.16).

    $$\mathcal{K}(x, z) = \exp\left(-\gamma \lVert x - z \rVert^2\right),
      \qquad \gamma = \frac{1}{2\sigma^2}$$

    Parameters
    ----------
    X1 : array_like of shape (m1, n)
    X2 : array_like of shape (m2, n)
    gamma : float
        $\gamma > 0$. From the course's width $\sigma$, pass
        ``gamma = 1 / (2 * sigma**2)``.

    Returns
    -------
    ndarray of shape (m1, m2)
        Values in $[0, 1]$, 1 where two examples coincide.

    Raises
    ------
    ValueError
        If $\gamma$ times a squared distance overflows (the values would be
        NaN): scale the features, or lower ``gamma``.

    Examples
    --------
    >>> rbf_kernel([[0.0, 0.0]], [[0.0, 0.0], [1.0, 1.0]], gamma=0.5)
    array([[1.        , 0.36787944]])
    """
    X1, X2 = _check_pair(X1, X2)
    check_scalar(gamma, "gamma", low=0, include_low=False)
    return _rbf_kernel(X1, X2, gamma)


def _finite_polynomial_kernel(X1, X2, degree, gamma, coef0):
    """The polynomial kernel, or a ValueError that says what to do if it overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(_polynomial_kernel(X1, X2, degree, gamma, coef0), degree)


def _finite(G, degree):
    if not np.all(np.isfinite(G)):
        raise ValueError(
            f"the polynomial kernel of degree {degree} overflows on these examples: "
            f"(gamma x.z + coef0)^{degree} exceeds the largest float. Standardise the features "
            f"(mlbook.preprocessing.StandardScaler), or lower degree or gamma."
        )
    return G


def _gram_rows(kernel, X, gamma, degree, coef0):
    """Row k of the Gram matrix of ``X`` as a function of k, and its diagonal.

    SMO reads the Gram matrix one row at a time, and only the rows of the
    examples it picks; computing just those is cheaper than the whole matrix.
    Each function gives row k of what the matching kernel above gives for
    ``(X, X)``.
    """
    squares = np.einsum("ij,ij->i", X, X)  # (m,): x.x for every example
    if kernel == "linear":
        return (lambda k: X @ X[k]), squares  # (m,) = (m, n) @ (n,)
    if kernel == "poly":
        with np.errstate(over="ignore", invalid="ignore"):
            diag = _finite((gamma * squares + coef0) ** degree, degree)
        return (lambda k: _finite_polynomial_kernel(X[k:k + 1], X, degree, gamma, coef0)[0],
                diag)
    return _rbf_rows(X, gamma), np.ones(len(X))


def _check_rbf_finite(gamma, squares):
    """Raise unless every term of the Gaussian kernel's exponent is a finite number.

    ``squares`` holds |x|^2 of the (centred) examples. The exponent's terms
    are 2 gamma x.z, gamma |x|^2 and gamma |z|^2, each at most
    2 gamma max |x|^2 in size (Cauchy-Schwarz); inf - inf would be NaN.
    """
    largest = float(np.max(squares, initial=0.0))
    with np.errstate(over="ignore"):
        bound = 4.0 * gamma * max(largest, 1.0)
    if not np.isfinite(bound):
        raise ValueError(
            f"the Gaussian kernel overflows: gamma = {gamma:.3g} times squared distances up "
            f"to {largest:.3g} exceeds the largest float, so kernel values would be NaN. "
            f"Scale the features first (mlbook.preprocessing.StandardScaler), or lower gamma."
        )


# --8<-- [start:rows]
def _rbf_rows(X, gamma):
    Xc = X - X.mean(axis=0)  # (m, n): centred, as in _rbf_kernel
    squares = np.einsum("ij,ij->i", Xc, Xc)  # (m,): |x|^2
    _check_rbf_finite(gamma, squares)
    gamma_sq = gamma * squares  # (m,): gamma |x|^2

    def row(k):  # exp(-gamma |x - x_k|^2) for every x, as in _rbf_kernel
        E = Xc @ (2.0 * gamma * Xc[k])  # (m,) = (m, n) @ (n,)
        E -= gamma_sq
        E -= gamma_sq[k]
        np.minimum(E, 0.0, out=E)
        return np.exp(E, out=E)

    return row
# --8<-- [end:rows]


# --8<-- [start:kernels]
def _linear_kernel(X1, X2):
    return X1 @ X2.T  # (m1, m2) = (m1, n) @ (n, m2)


def _polynomial_kernel(X1, X2, degree, gamma, coef0):
    G = X1 @ X2.T  # (m1, m2) = (m1, n) @ (n, m2): the inner products
    G *= gamma
    G += coef0
    return G**degree


def _gaussian_kernel(x1, x2, sigma):
    diff = x1 - x2  # (n,)
    return np.exp(-(diff @ diff) / (2 * sigma**2))


def _rbf_kernel(X1, X2, gamma):
    # Distances do not change when both sets shift. Centring them keeps the
    # expansion below from cancelling away digits far from the origin.
    centre = X2.mean(axis=0)  # (n,)
    X1, X2 = X1 - centre, X2 - centre
    squares1, squares2 = np.einsum("ij,ij->i", X1, X1), np.einsum("ij,ij->i", X2, X2)
    _check_rbf_finite(gamma, np.r_[squares1, squares2])
    # -gamma |x - z|^2 = 2 gamma x.z - gamma |x|^2 - gamma |z|^2: every pair
    # from one matrix product, with no loop over examples (libsvm does the same).
    E = X1 @ (2.0 * gamma * X2.T)  # (m1, m2) = (m1, n) @ (n, m2)
    E -= gamma * squares1[:, None]  # (m1, 1): down the rows
    E -= gamma * squares2  # (m2,): along the columns
    np.minimum(E, 0.0, out=E)  # rounding can leave a tiny positive exponent
    return np.exp(E, out=E)
# --8<-- [end:kernels]
