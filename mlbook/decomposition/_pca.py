r"""Principal component analysis: directions, projection, recovery, and the estimator.

Derived in the chapter
[Principal component analysis](../unsupervised/pca.md). The plain functions
take **mean-centred** data $X$ of shape (m, n), without a column of ones: the
principal directions are the eigenvectors of $\Sigma = X^\mathsf{T} X / m$,
computed from the singular value decomposition of $X$ itself, never by forming
$\Sigma$, whose rounding errors swamp the small components (equation (8.13)).
:class:`PCA` centres the data itself and remembers the mean.

Sign convention: a principal direction is defined only up to its sign. Every
function here flips each direction so that its entry of largest absolute value
is positive (the first such entry if several tie), the rule scikit-learn's
``PCA`` also applies, so that results do not depend on the LAPACK build.
"""

import math
import numbers

import numpy as np

from .._threads import one_blas_thread
from .._validation import check_array, check_is_fitted, check_n_features
from ..base import BaseEstimator, TransformerMixin

# Beyond this, variances (squares of the data) would overflow float64.
_LARGEST_VALUE = 1e150


def _check_data(X, name="X"):
    X = check_array(X, name)
    largest = float(np.abs(X).max()) * math.sqrt(X.shape[1])
    if largest > _LARGEST_VALUE:
        raise ValueError(
            f"{name} holds values as large as {np.abs(X).max():.3g}, whose variances "
            f"overflow float64. Divide {name} by a constant first: the principal "
            f"directions stay the same and the variances scale by its square."
        )
    return X


def _check_centred(X):
    """Refuse uncentred data; return it with its constant columns set to 0."""
    mean = X.mean(axis=0)  # (n,)
    # After X - X.mean(axis=0) the column means are rounding errors, about
    # 1e-16 of the data's size; a forgotten centring leaves far larger ones.
    # A constant column is all residue, so it is not tested but set to the
    # exact 0 that centring meant it to be.
    constant = np.ptp(X, axis=0) == 0  # (n,)
    offset = ~constant & (np.abs(mean) > 1e-8 * np.abs(X).max())
    if np.any(offset):
        j = int(np.argmax(offset))
        raise ValueError(
            f"X is not mean-centred: column {j} has mean {mean[j]:.6g} (the largest "
            f"absolute value in X is {np.abs(X).max():.6g}), and principal components are "
            f"defined for centred data. Subtract the column means first, "
            f"X - X.mean(axis=0), and keep them to centre new data the same way; or use "
            f"PCA, which does both. (If X is centred but every column is constant up to "
            f"rounding, it has no variance to analyse.)"
        )
    return np.where(constant, 0.0, X) if np.any(constant) else X


def _check_k(k, largest, name="k"):
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {k!r} of type {type(k).__name__}.")
    if not 1 <= k <= largest:
        raise ValueError(f"{name} must be between 1 and {largest}, got {k}.")
    return int(k)


def _check_directions(U, n):
    U = check_array(U, "U")
    if U.shape[0] != n:
        raise ValueError(
            f"U has {U.shape[0]} rows but the data has {n} columns (features); U holds one "
            f"principal direction per column, with one entry per feature, as "
            f"principal_components returns it."
        )
    return U


def principal_components(X):
    r"""The principal directions and variances of mean-centred data, equation (8.10).

    With the singular value decomposition $X = V \Omega U^\mathsf{T}$, the
    columns of $U$ are the eigenvectors of the covariance matrix
    $\Sigma = X^\mathsf{T} X / m$ and its eigenvalues are
    $d_j = \omega_j^2 / m$, sorted from the largest.

    Parameters
    ----------
    X : array_like of shape (m, n)
        Mean-centred data: every column has mean 0. No column of ones.

    Returns
    -------
    U : ndarray of shape (n, min(m, n))
        The principal directions $u_1, u_2, \dots$ as orthonormal columns, each
        with its largest entry (in absolute value) positive.
    d : ndarray of shape (min(m, n),)
        $d_1 \ge d_2 \ge \dots \ge 0$: the variance of the data along each
        direction. (The classic course calls this ``S``; scikit-learn's
        ``explained_variance_`` is $m/(m-1)$ times it, equation (8.15).)

    Raises
    ------
    ValueError
        If a column of ``X`` does not have mean 0, up to rounding: a mean
        below $10^{-8}$ times the largest absolute value in ``X`` passes.
        (So data whose every column is constant up to rounding, which has no
        variance to analyse, can be refused although it was centred.)

    Notes
    -----
    A constant column of centred data is rounding residue (centring a column
    of equal values leaves values near $10^{-16}$ of them); it cannot be told
    apart from an uncentred constant column, so it is not tested, and it is
    taken to be the zero that centring meant it to be.

    Centred data has rank at most $m - 1$ (its rows sum to zero), so when
    $m \le n$ at most $m - 1$ directions have non-zero variance: the
    $\min(m, n)$-th direction returned then has variance 0 up to rounding and
    is an arbitrary null direction (any unit vector orthogonal to the rows
    would do), and the remaining $n - m$ eigenvalues of $\Sigma$ are 0 and
    are not returned. :class:`PCA` keeps at most $\min(m - 1, n)$.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[2.0, 1.0], [-2.0, -1.0], [1.0, -2.0], [-1.0, 2.0]])
    >>> U, d = principal_components(X)
    >>> d
    array([2.5, 2.5])
    """
    X = _check_centred(_check_data(X))
    U, omega = _principal_components(X)
    return U, omega**2 / X.shape[0]


def project_data(X, U, k):
    r"""Project centred data onto the first ``k`` principal directions: $Z = X U_k$, equation (8.11).

    Parameters
    ----------
    X : array_like of shape (m, n)
        Data centred with the *training* mean (so new data need not have mean 0).
    U : array_like of shape (n, number of directions)
        Principal directions as columns, from :func:`principal_components`.
    k : int
        How many to keep: at least 1, at most the number of columns of ``U``.

    Returns
    -------
    Z : ndarray of shape (m, k)
        Row $i$ is $z^{(i)} = U_k^\mathsf{T} x^{(i)}$, the coordinates of
        example $i$ along $u_1, \dots, u_k$.
    """
    X = check_array(X)
    U = _check_directions(U, X.shape[1])
    k = _check_k(k, U.shape[1])
    return _project_data(X, U, k)


def recover_data(Z, U):
    r"""Map projections back to the data space: $X_{\text{approx}} = Z U_k^\mathsf{T}$, equation (8.12).

    Parameters
    ----------
    Z : array_like of shape (m, k)
        Projections from :func:`project_data`; $k$ is read from its columns.
    U : array_like of shape (n, number of directions)
        The principal directions the projections were made with (at least
        $k$ of them).

    Returns
    -------
    X_approx : ndarray of shape (m, n)
        The points of the $k$-dimensional subspace closest to the original
        (centred) examples; add the mean back for the original units.
    """
    Z = check_array(Z, "Z")
    U = check_array(U, "U")
    if Z.shape[1] > U.shape[1]:
        raise ValueError(
            f"Z has {Z.shape[1]} columns but U holds only {U.shape[1]} directions; pass "
            f"the U that project_data used to make Z."
        )
    return _recover_data(Z, U)


# --8<-- [start:principal-components]
def _principal_components(X):
    m, n = X.shape
    if m > n:
        # X = Q R, Q (m, n) with orthonormal columns: X and the small R (n, n)
        # have the same singular values and right singular vectors.
        X = np.linalg.qr(X, mode="r")  # (n, n)
    _, omega, Ut = np.linalg.svd(X, full_matrices=False)  # (min(m, n),), (min(m, n), n)
    # A direction's sign is arbitrary: make its largest entry positive, so
    # that the result depends neither on the LAPACK build nor on the row order.
    largest = np.argmax(np.abs(Ut), axis=1)  # (min(m, n),)
    signs = np.sign(Ut[np.arange(len(Ut)), largest])  # each +1 or -1
    return Ut.T * signs, omega  # U: columns u_1, u_2, ...; omega descending
# --8<-- [end:principal-components]


# --8<-- [start:project-recover]
def _project_data(X, U, k):
    return X @ U[:, :k]  # (m, k) = (m, n) @ (n, k): row i is U_k^T x^(i)


def _recover_data(Z, U):
    k = Z.shape[1]
    return Z @ U[:, :k].T  # (m, n) = (m, k) @ (k, n): row i is U_k z^(i)
# --8<-- [end:project-recover]


# --8<-- [start:retained]
def _n_components_for_variance(ratio, retained):
    # The fewest k whose first k variance ratios add up to at least `retained`.
    # Dividing by the last partial sum makes it exactly 1, so some k always qualifies.
    cumulative = np.cumsum(ratio)  # (min(m, n),)
    cumulative /= cumulative[-1]
    return int(np.searchsorted(cumulative, retained, side="left")) + 1
# --8<-- [end:retained]


# --8<-- [start:ppca-score]
def _ppca_log_density(X, U, d, s2):
    # X (m, n) centred with the training mean; U (n, k); d (k,) kept variances;
    # s2 the noise variance. The covariance (8.9a) has eigenvalues d_j along u_j
    # and s2 across them, so its log-determinant and inverse split in two.
    m, n = X.shape
    Z = X @ U  # (m, k) = (m, n) @ (n, k): coordinates along u_1..u_k
    residual = X - Z @ U.T  # (m, n): the part outside the subspace
    t2 = np.sum(Z**2 / d, axis=1)  # (m,): Hotelling's T^2 in the subspace
    spe = np.sum(residual**2, axis=1)  # (m,): squared reconstruction error
    k = len(d)
    outside = (n - k) * math.log(s2) + spe / s2 if k < n else 0.0
    return -0.5 * (n * math.log(2 * math.pi) + np.sum(np.log(d)) + t2 + outside)
# --8<-- [end:ppca-score]


def _variance_ratio(omega):
    # d_j / sum(d) computed from omega_j / omega_1, which neither overflows nor
    # underflows where d_j = omega_j^2 / m itself might.
    if omega[0] == 0:
        return np.zeros_like(omega)  # no variance at all
    relative = (omega / omega[0]) ** 2  # (min(m, n),)
    return relative / relative.sum()


class PCA(TransformerMixin, BaseEstimator):
    r"""Principal component analysis by the singular value decomposition of the centred data.

    ``fit`` centres $X$ with its column means $\mu$ (equation (8.1)) and finds
    the directions $u_1, \dots, u_k$ along which the centred data varies most,
    the top eigenvectors of $\Sigma = X^\mathsf{T} X / m$ (equations (8.4) and
    (8.10)); ``transform`` gives the coordinates $Z = (X - \mu) U_k$ along
    them, and ``inverse_transform`` the closest points $Z U_k^\mathsf{T} + \mu$
    of the $k$-dimensional subspace.

    Parameters
    ----------
    n_components : int, float or None, default=None
        How many components to keep. An int $k$ with
        $1 \le k \le \min(m - 1, n)$ keeps $k$: $m$ centred examples span at
        most $m - 1$ directions, so with $m \le n$ an $m$-th component would
        be an arbitrary direction of zero variance (scikit-learn returns it;
        ``mlbook`` refuses it). A float $\psi$ with $0 < \psi < 1$
        keeps the fewest components whose variance ratios add up to at least
        $\psi$ (equation (8.14)): ``0.99`` retains 99% of the variance.
        ``None`` keeps all $\min(m - 1, n)$.
    whiten : bool, default=False
        Divide each coordinate by its standard deviation $\sqrt{d_j}$
        (equation (8.16)), so that every column of ``transform(X_train)`` has
        mean 0 and mean square exactly 1.

    Attributes
    ----------
    components_ : ndarray of shape (k, n)
        $U_k^\mathsf{T}$: the principal directions as rows, orthonormal, each
        with its entry of largest absolute value positive (scikit-learn's rule).
    explained_variance_ : ndarray of shape (k,)
        $d_1 \ge \dots \ge d_k$, the variance along each direction, with the
        course's $1/m$: the eigenvalues of $\Sigma = X^\mathsf{T} X / m$.
        scikit-learn divides by $m - 1$ instead; its value is
        ``explained_variance_ * m / (m - 1)`` (equation (8.15)).
    explained_variance_ratio_ : ndarray of shape (k,)
        $d_j / \sum_{l} d_l$, the sum running over all components
        (all zeros if the data has no variance at all). The same as scikit-learn's.
    singular_values_ : ndarray of shape (k,)
        $\omega_1 \ge \dots \ge \omega_k$, the singular values of the centred
        data, $d_j = \omega_j^2 / m$. The same as scikit-learn's.
    mean_ : ndarray of shape (n,)
        $\mu$, the column means of the training data.
    n_components_ : int
        $k$, the number of components kept.
    noise_variance_ : float
        $\nu = \frac{1}{n - k}(d_{k+1} + \dots + d_n)$, the mean of the
        discarded variances (0 when $k = n$): the maximum-likelihood noise
        variance of probabilistic PCA (equation (8.9a)), with the course's
        $1/m$. scikit-learn's is $m/(m-1)$ times it when $m > n$ (it averages
        over the $\min(m, n) - k$ discarded components it computed, which
        differs when $m \le n$).
    n_samples_ : int
        $m$, the number of training examples.
    n_features_in_ : int
        $n$.

    Raises
    ------
    ValueError
        In ``fit``: fewer than 2 examples (one centred example is the zero
        vector and spans no direction), ``n_components`` out of range (an int
        above $\min(m - 1, n)$, a float outside $(0, 1)$), or ``whiten=True``
        with a kept component of zero variance, which whitening would divide
        by. In ``score_samples`` and ``score``: a model whose probabilistic-PCA
        covariance (8.9a) is singular (a kept variance or the noise variance
        is 0).

    Notes
    -----
    The fit computes the singular value decomposition of the centred data
    (after a QR decomposition when $m > n$), never the matrix $\Sigma$: forming
    $X^\mathsf{T} X$ squares the ratio of the largest to the smallest singular
    value, and rounding then erases every component whose singular value is
    below about $10^{-8}$ of the largest (equation (8.13)).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.5]])
    >>> pca = PCA(n_components=1).fit(X)
    >>> pca.components_.shape, pca.transform(X).shape
    ((1, 2), (4, 1))
    """

    def __init__(self, n_components=None, whiten=False):
        self.n_components = n_components
        self.whiten = whiten

    @one_blas_thread
    def fit(self, X, y=None):
        """Learn the mean and the principal directions of ``X`` (m, n); ``y`` is ignored."""
        if not isinstance(self.whiten, (bool, np.bool_)):
            raise TypeError(f"whiten must be True or False, got {self.whiten!r}.")
        X = _check_data(X)
        m, n = X.shape
        if m < 2:
            raise ValueError(
                f"PCA needs at least 2 examples, got {m} sample: centred, a single "
                f"example is the zero vector, which spans no direction. Pass at least 2 "
                f"rows of X (one example per row)."
            )
        k = self._check_n_components(m, n)
        mean = X.mean(axis=0)  # (n,)
        # A constant column centres to exactly 0 (its rounded mean would leave
        # residue of about 1e-16 of its value, and a variance of 1e-33 instead of 0).
        centred = np.where(np.ptp(X, axis=0) == 0, 0.0, X - mean)  # (m, n)
        U, omega = _principal_components(centred)  # (n, min(m, n)), (min(m, n),)
        ratio = _variance_ratio(omega)  # (min(m, n),)
        if k is None:  # a float: the fewest components that retain that much
            if omega[0] == 0:
                raise ValueError(
                    f"X has no variance (all its rows are equal), so no number of "
                    f"components retains a fraction n_components={self.n_components!r} "
                    f"of it; pass an int instead."
                )
            k = min(_n_components_for_variance(ratio, self.n_components), min(m - 1, n))
        if self.whiten and omega[k - 1] <= omega[0] * max(m, n) * np.finfo(float).eps:
            rank = int(np.sum(omega > omega[0] * max(m, n) * np.finfo(float).eps))
            fix = (f"Keep at most {rank} components (n_components={rank}), or set "
                   f"whiten=False." if rank > 0 else
                   "X has no variance at all (all its rows are equal), so no component "
                   "can be whitened: set whiten=False.")
            raise ValueError(
                f"whiten=True divides each component by its standard deviation, but "
                f"component {k} has zero variance (the centred X has rank {rank}). {fix}"
            )
        self.components_ = np.ascontiguousarray(U[:, :k].T)  # (k, n)
        self.singular_values_ = omega[:k].copy()
        self.explained_variance_ = (omega[:k] / math.sqrt(m)) ** 2  # d_j = omega_j^2 / m
        self.explained_variance_ratio_ = ratio[:k].copy()
        self.mean_ = mean
        self.n_components_ = k
        # Probabilistic PCA's noise: the mean of the n - k discarded variances,
        # the zero eigenvalues beyond min(m, n) included (equation (8.9a)).
        self.noise_variance_ = float(np.sum((omega[k:] / math.sqrt(m)) ** 2) / (n - k)) \
            if k < n else 0.0
        self.n_samples_ = m
        self.n_features_in_ = n
        return self

    def _check_n_components(self, m, n):
        """The int k to keep, or None when a float fraction decides it after the fit."""
        # m centred rows sum to zero, so they span at most m - 1 directions.
        value, largest = self.n_components, min(m - 1, n)
        if value is None:
            return largest
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise TypeError(
                f"n_components must be an int, a float in (0, 1) or None, got {value!r} "
                f"of type {type(value).__name__}."
            )
        if isinstance(value, numbers.Integral):
            if not 1 <= value <= largest:
                raise ValueError(
                    f"n_components={value} must be between 1 and min(m - 1, n) = {largest} "
                    f"(X has m = {m} examples and n = {n} features): centred, the m rows "
                    f"sum to zero and span at most m - 1 directions, so the data has at "
                    f"most {largest} components of non-zero variance. Pass a smaller "
                    f"n_components, or None for all {largest}."
                )
            return int(value)
        if not 0 < value < 1:
            hint = (f" For {int(value)} components pass the int {int(value)}."
                    if value >= 1 and float(value).is_integer() else "")
            raise ValueError(
                f"A float n_components is the fraction of variance to retain and must lie "
                f"strictly between 0 and 1, got {value!r}.{hint} Pass None to keep all "
                f"components."
            )
        return None

    def _scale(self):
        # sqrt(d_j) = omega_j / sqrt(m), the standard deviation of component j.
        return self.singular_values_ / math.sqrt(self.n_samples_)  # (k,)

    def transform(self, X):
        r"""The coordinates $Z = (X - \mu) U_k$ of ``X`` (m, n) along the components: shape (m, k).

        With ``whiten=True`` each column is divided by $\sqrt{d_j}$
        (equation (8.16)).
        """
        check_is_fitted(self, "components_")
        X = check_array(X)
        check_n_features(self, X)
        Z = _project_data(X - self.mean_, self.components_.T, self.n_components_)  # (m, k)
        return Z / self._scale() if self.whiten else Z

    def score_samples(self, X):
        r"""The log-likelihood of each example of ``X`` (m, n) under probabilistic PCA: shape (m,).

        The density is the Gaussian with mean $\mu$ and covariance
        $\Sigma_k = U_k (D_k - \nu I) U_k^\mathsf{T} + \nu I$, equation (8.9a), with
        the kept variances $d_j$ along the components and the noise variance
        $\nu$ (``noise_variance_``) across them; its log-density is
        equation (8.9b). The same as scikit-learn's ``PCA.score_samples``
        once its variances are multiplied by $(m - 1)/m$ (equation (8.15)).
        ``whiten`` does not change it.

        Raises
        ------
        ValueError
            If $\Sigma_k$ is singular: a kept component or the noise has zero
            variance (for example ``n_components`` equal to the rank of the
            centred data, below $n$).
        """
        check_is_fitted(self, "components_")
        X = check_array(X)
        check_n_features(self, X)
        d, s2 = self.explained_variance_, self.noise_variance_
        n, k = self.n_features_in_, self.n_components_
        # What the fit treats as zero variance (rounding residue of the SVD).
        tiny = d[0] * max(self.n_samples_, n) * np.finfo(float).eps
        if d[-1] <= tiny or (k < n and s2 <= tiny):
            which = (f"component {k} has variance {d[-1]:.3g}" if d[-1] <= tiny else
                     f"the {n - k} discarded directions have no variance (noise_variance_ "
                     f"= {s2:.3g})")
            raise ValueError(
                f"The probabilistic-PCA covariance of this model is singular: {which}, so "
                f"the data has no density. Fit with fewer components than the rank of the "
                f"centred data, so that the discarded variance becomes the noise."
            )
        return _ppca_log_density(X - self.mean_, self.components_.T, d, s2)

    def score(self, X, y=None):
        """The average log-likelihood of ``X`` (m, n) under probabilistic PCA; ``y`` is ignored.

        The mean of :meth:`score_samples`, like scikit-learn's ``PCA.score``:
        larger is better, so ``GridSearchCV(PCA(), {"n_components": ...})``
        needs no scorer and chooses $k$ by the held-out likelihood.
        """
        return float(np.mean(self.score_samples(X)))

    def inverse_transform(self, Z):
        r"""The points $Z U_k^\mathsf{T} + \mu$ of the subspace, in the original units: shape (m, n).

        ``Z`` (m, k) is what ``transform`` returns (whitened or not). For data
        that lies in the subspace this undoes ``transform``; otherwise it gives
        the closest point of the subspace, equation (8.12).
        """
        check_is_fitted(self, "components_")
        Z = check_array(Z, "Z")
        if Z.shape[1] != self.n_components_:
            raise ValueError(
                f"Z has {Z.shape[1]} columns, but this PCA keeps {self.n_components_} "
                f"components; pass the output of transform."
            )
        if self.whiten:
            Z = Z * self._scale()  # (m, k), a new array: the input is not modified
        return _recover_data(Z, self.components_.T) + self.mean_
