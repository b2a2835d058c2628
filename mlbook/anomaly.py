r"""Anomaly detection with Gaussian models.

Derived in the chapter [Gaussian anomaly detection](../anomaly/anomaly-detection.md).
A Gaussian is fitted to examples of normal behaviour by maximum likelihood,
either one Gaussian per feature (a diagonal covariance, the product model) or
one multivariate Gaussian (a full covariance); an example is flagged as an
anomaly when its density is below a threshold $\tau$, chosen on a labelled
validation set by the F1 score. Densities are computed in log space, so that
no product of many small numbers underflows. The classic course calls the
threshold $\varepsilon$; this book keeps $\varepsilon$ for the step of a
gradient check and writes $\tau$, but :func:`select_threshold` returns it
under the course's name, ``epsilon``.
"""

import numpy as np
from scipy.linalg.lapack import dpotrf, dtrtri

from ._threads import one_blas_thread
from ._validation import (
    check_array,
    check_consistent_length,
    check_is_fitted,
    check_labels,
    check_n_features,
    check_numbers,
    check_option,
    check_scalar,
    check_scale,
)
from .base import BaseEstimator
from .exceptions import NotFittedError, _sklearn_compatible

__all__ = [
    "GaussianAnomalyDetector",
    "estimate_gaussian",
    "log_multivariate_gaussian",
    "multivariate_gaussian",
    "select_threshold",
    "threshold_curve",
]

_LOG_2PI = np.log(2 * np.pi)


# --- estimating the Gaussian --------------------------------------------------


def estimate_gaussian(X, covariance="diag"):
    r"""Maximum-likelihood mean and variances (or covariance) of the rows of ``X``.

    $$\mu_j = \frac{1}{m}\sum_{i=1}^{m} x^{(i)}_j, \qquad
      \sigma_j^2 = \frac{1}{m}\sum_{i=1}^{m}\big(x^{(i)}_j - \mu_j\big)^2,
      \qquad
      \Sigma = \frac{1}{m}\sum_{i=1}^{m}\big(x^{(i)} - \mu\big)\big(x^{(i)} - \mu\big)^\mathsf{T},$$

    equations (9.6), (9.7) and (9.9). The divisor is $m$, not $m - 1$: these are
    the maximum-likelihood estimates (``np.var(X, axis=0)`` and
    ``np.cov(X, rowvar=False, bias=True)``).

    Parameters
    ----------
    X : array_like of shape (m, n)
        Examples of normal behaviour, one per row, without a column of ones.
    covariance : {"diag", "full"}, default="diag"
        ``"diag"`` returns the variance of each feature, ``"full"`` the
        covariance matrix.

    Returns
    -------
    mu : ndarray of shape (n,)
    sigma2 : ndarray of shape (n,) for ``"diag"``, (n, n) for ``"full"``

    Examples
    --------
    >>> mu, sigma2 = estimate_gaussian([[1.0, 0.0], [3.0, 0.0], [5.0, 3.0]])
    >>> mu.tolist(), sigma2.tolist()
    ([3.0, 1.0], [2.6666666666666665, 2.0])
    """
    X = check_scale(check_array(X, "X"))
    check_option(covariance, "covariance", ("diag", "full"))
    return _estimate_gaussian(X, full=covariance == "full")


# --8<-- [start:estimate]
def _estimate_gaussian(X, full):
    m = X.shape[0]
    mu = X.mean(axis=0)  # (n,), equation (9.6)
    D = X - mu  # (m, n): each example's deviation from the mean
    if full:
        return mu, D.T @ D / m  # (n, n) = (n, m) @ (m, n), equation (9.9)
    return mu, np.mean(D**2, axis=0)  # (n,), equation (9.7): divide by m
# --8<-- [end:estimate]


# --- densities ------------------------------------------------------------------


def multivariate_gaussian(X, mu, sigma2):
    r"""The Gaussian density $p(x)$ at each row of ``X``.

    A 1-D ``sigma2`` holds the variances of a diagonal covariance (the product
    of one-dimensional densities, equations (9.2) and (9.4)); a 2-D one is a
    full covariance matrix $\Sigma$ (equation (9.3)). The density is
    ``exp(log_multivariate_gaussian(X, mu, sigma2))``: in many dimensions it
    is often below the smallest positive double and becomes exactly 0. Rank
    and threshold such examples with :func:`log_multivariate_gaussian`. (It can
    also exceed the largest double, and become ``inf``, when the variances are
    tiny.)

    Parameters
    ----------
    X, mu, sigma2 : array_like
        The examples (m, n), the mean (n,), and the variances (n,) or the
        covariance matrix (n, n), as for :func:`log_multivariate_gaussian`.

    Returns
    -------
    ndarray of shape (m,)
        $p(x)$ for each example, possibly 0.0 or ``inf`` (see above).

    Raises
    ------
    ValueError
        For any input that :func:`log_multivariate_gaussian` refuses.
    """
    log_p = log_multivariate_gaussian(X, mu, sigma2)
    # Rounded to float64, a density below about 1e-308 is 0.0 and one above
    # about 1e308 is inf: that is the answer, not an error to warn about.
    with np.errstate(under="ignore", over="ignore"):
        return np.exp(log_p)


def log_multivariate_gaussian(X, mu, sigma2):
    r"""The log-density $\log p(x)$ at each row of ``X``, without underflow.

    For a diagonal covariance (1-D ``sigma2``), equation (9.16):

    $$\log p(x) = -\frac{1}{2}\sum_{j=1}^{n}\Big[\log(2\pi\sigma_j^2)
                  + \frac{(x_j - \mu_j)^2}{\sigma_j^2}\Big].$$

    For a full covariance $\Sigma = BB^\mathsf{T}$ ($B$ its Cholesky factor),
    equation (9.17):

    $$\log p(x) = -\frac{1}{2}\Big[n\log 2\pi + 2\sum_{j=1}^{n}\log B_{jj}
                  + \lVert u\rVert^2\Big], \qquad Bu = x - \mu.$$

    Parameters
    ----------
    X : array_like of shape (m, n)
    mu : array_like of shape (n,)
    sigma2 : array_like of shape (n,) or (n, n)
        Positive variances, or a symmetric positive definite covariance matrix.

    Returns
    -------
    ndarray of shape (m,)
        $\log p(x)$ for each example: finite unless an example lies beyond
        about $10^{154}$ standard deviations, where it is ``-inf``.

    Raises
    ------
    ValueError
        If the shapes disagree, a variance is not positive, or the covariance
        matrix is not symmetric or is singular.

    Notes
    -----
    A singular covariance matrix has no density. It is detected on the
    correlation matrix $R$ (the covariance of the standardised features),
    so that the units of the features do not matter: a pivot $b_{jj}^2$ of
    its Cholesky factor is the fraction of feature $j$'s variance that the
    features before it do not explain linearly, and a pivot below
    $n \cdot 2^{-52}$ (the relative tolerance of ``numpy.linalg.matrix_rank``)
    counts as zero. ``GaussianAnomalyDetector.fit``, which knows that the
    covariance is a sum over $m$ examples, and so carries rounding errors of
    about $\sqrt{m} \cdot 2^{-52}$, uses $\max(n, \sqrt{m}) \cdot 2^{-52}$.

    Examples
    --------
    >>> float(log_multivariate_gaussian([[0.0]], [0.0], [1.0])[0])  # -log(2 pi) / 2
    -0.9189385332046727
    """
    X, mu, sigma2 = _check_density_args(X, mu, sigma2)
    if sigma2.ndim == 1:
        return _log_gaussian_diag(X, mu, sigma2)
    return _log_gaussian_full(X, mu, _inverse_cholesky(sigma2))


def _check_density_args(X, mu, sigma2):
    X = check_array(X, "X")
    n = X.shape[1]
    mu = check_array(mu, "mu", ndim=1)
    if mu.shape != (n,):
        raise ValueError(
            f"mu has {mu.shape[0]} entries but X has {n} columns (features); "
            f"mu holds one mean per feature, e.g. from estimate_gaussian(X_train)."
        )
    sigma2 = check_array(sigma2, "sigma2", ndim=2 if np.ndim(sigma2) == 2 else 1)
    if sigma2.shape not in ((n,), (n, n)):
        raise ValueError(
            f"sigma2 has shape {sigma2.shape}, but X has {n} features: pass the {n} "
            f"variances as shape ({n},) for a diagonal covariance, or a covariance "
            f"matrix of shape ({n}, {n})."
        )
    _check_variances(sigma2 if sigma2.ndim == 1 else np.diag(sigma2),
                     "add a small positive number to every variance")
    if sigma2.ndim == 2:
        asymmetry = np.max(np.abs(sigma2 - sigma2.T))
        if asymmetry > 1e-10 * np.max(np.abs(sigma2)):
            raise ValueError(
                f"sigma2 is not symmetric (largest |Sigma - Sigma^T| entry {asymmetry:.3g}); "
                f"a covariance matrix is symmetric. Pass (Sigma + Sigma.T) / 2 if the "
                f"difference is rounding."
            )
        sigma2 = (sigma2 + sigma2.T) / 2  # exactly symmetric from here on
    return X, mu, sigma2


def _check_variances(variances, fix):
    if np.any(variances <= 0):
        j = int(np.argmax(variances <= 0))
        raise ValueError(
            f"The variance of feature {j} is {float(variances[j])!r}, but every variance must be "
            f"positive: a feature with zero variance is constant in the training data, "
            f"and its Gaussian has no density. Drop the feature, or {fix}."
        )


def _inverse_cholesky(Sigma, m=None):
    r"""$B^{-1}$, for the lower-triangular $B$ with $BB^\mathsf{T} = \Sigma$; raises if singular.

    ``m``, when given, is the number of examples the covariance was estimated
    from, for a more specific message.
    """
    n = Sigma.shape[0]
    s = np.sqrt(np.diag(Sigma))  # (n,) standard deviations, all > 0 (checked)
    R = Sigma / np.outer(s, s)  # (n, n): the correlation matrix, ones on its diagonal
    B_R, info = dpotrf(R, lower=1, clean=1)  # R = B_R B_R^T, the Cholesky factor
    # B_R[j, j]^2 is the share of feature j's variance that features 0..j-1 leave
    # unexplained; info = j + 1 > 0 means the factorisation stopped at feature j.
    pivots = np.diag(B_R) ** 2 if info == 0 else None
    j = info - 1 if info > 0 else int(np.argmin(pivots))
    # A sum of m products carries rounding of about sqrt(m) eps: with many examples a
    # dependent feature can be left that much "unexplained" (x0 + x1 in the
    # diabetes data, m = 442: 3.8e-15, above n eps = 2.4e-15).
    tolerance = max(n, np.sqrt(m) if m is not None else 0.0) * np.finfo(np.float64).eps
    if info > 0 or pivots[j] <= tolerance:
        before = "feature 0" if j == 1 else f"features 0 to {j - 1}"
        left = f" (they leave {pivots[j]:.1e} of its variance unexplained)" if info == 0 else ""
        if m is None:  # a matrix from the caller, perhaps not a covariance at all
            cause = ", or the matrix is not positive semi-definite (not a covariance)"
        elif m <= n:
            cause = (f". With m = {m} examples and n = {n} features the estimate is always "
                     f"singular (its rank is at most m - 1); it needs more examples than "
                     f"features")
        else:
            cause = ""
        raise ValueError(
            f"The covariance matrix is singular: feature {j} is, up to rounding, a linear "
            f"combination of {before}{left}{cause}. A Gaussian with a singular covariance "
            f"has no density. Drop redundant features, use a diagonal covariance, or add a "
            f"small multiple of the identity (reg_covar in GaussianAnomalyDetector, or "
            f"Sigma + c * np.eye(n))."
        )
    B_R_inv, _ = dtrtri(B_R, lower=1)  # the inverse of a triangular matrix: O(n^3), once
    return B_R_inv / s  # B^-1 = B_R^-1 diag(1/s), since B = diag(s) B_R


# --8<-- [start:log-density-diag]
def _log_gaussian_diag(X, mu, sigma2):
    # Sum the logs of the n one-dimensional densities instead of multiplying
    # the densities: a sum of n moderate numbers cannot underflow.
    with np.errstate(over="ignore"):  # beyond ~1e154 standard deviations: -inf
        U2 = (X - mu) ** 2 / sigma2  # (m, n): squared standardised deviations
    log_norm = np.sum(_LOG_2PI + np.log(sigma2))  # scalar: log of 2 pi sigma_j^2, summed
    return -0.5 * (log_norm + U2.sum(axis=1))  # (m,), equation (9.16)
# --8<-- [end:log-density-diag]


# --8<-- [start:log-density-full]
def _log_gaussian_full(X, mu, B_inv):
    n = X.shape[1]
    # u = B^-1 (x - mu) solves B u = x - mu; then the quadratic form
    # (x - mu)^T Sigma^-1 (x - mu) is u^T u, and Sigma is never inverted.
    with np.errstate(over="ignore"):  # beyond ~1e154 standard deviations: -inf
        U = (X - mu) @ B_inv.T  # (m, n) = (m, n) @ (n, n): row i is u for example i
        quad = np.sum(U**2, axis=1)  # (m,): squared Mahalanobis distances
    log_det = -2 * np.sum(np.log(np.diag(B_inv)))  # = 2 sum_j log B_jj = log det Sigma
    return -0.5 * (n * _LOG_2PI + log_det + quad)  # (m,), equation (9.17)
# --8<-- [end:log-density-full]


# --- choosing the threshold ------------------------------------------------------


def _check_threshold_args(y_val, p_val, n_steps):
    y = check_labels(y_val, "y_val")
    if y.dtype.kind not in "biuf":
        raise TypeError(
            f"y_val must hold 1 for an anomaly and 0 for a normal example, got dtype "
            f"{y.dtype}. Encode the labels first, e.g. (labels == 'anomaly').astype(int)."
        )
    values = np.unique(y)
    if not np.all(np.isin(values, [0, 1])):
        raise ValueError(
            f"y_val must hold 1 for an anomaly and 0 for a normal example, got the values "
            f"{values.tolist()}."
        )
    if not np.any(y == 1):
        raise ValueError(
            "y_val holds no anomaly (no 1), so F1 is 0 at every threshold and none can be "
            "chosen; the validation set needs some labelled anomalies."
        )
    p = check_numbers(p_val, "p_val", allow_inf=True, allow_nan=True)  # both said below
    if p.ndim != 1:
        raise ValueError(f"p_val must be 1-D, got shape {p.shape}; flatten it with p_val.ravel().")
    check_consistent_length(p.reshape(-1, 1), y, "p_val", "y_val")
    if np.any(np.isnan(p)) or np.any(p == np.inf):
        raise ValueError(
            "p_val contains NaN or +inf; it must hold densities or log-densities "
            "(-inf, a log-density of 0, is allowed)."
        )
    if n_steps is not None:
        check_scalar(n_steps, "n_steps", low=1, integer=True)
        if np.any(np.isinf(p)):
            raise ValueError(
                "p_val contains -inf, and a grid from min(p_val) to max(p_val) needs "
                "finite ends; use the exact search (n_steps=None)."
            )
    return y.astype(np.float64), p


def threshold_curve(y_val, p_val, n_steps=None):
    r"""Precision, recall and F1 of the rule $p < \tau$ at every candidate threshold $\tau$.

    An example is flagged as an anomaly when its value in ``p_val`` (a density
    or a log-density) is strictly below $\tau$, equation (9.10).

    Parameters
    ----------
    y_val : array_like of shape (m,)
        1 for an anomaly, 0 for a normal example; at least one anomaly.
    p_val : array_like of shape (m,)
        The density (or log-density, or any score that is lower for more
        anomalous examples) of each validation example.
    n_steps : int or None, default=None
        ``None`` gives the exact search: the candidates are the distinct values
        of ``p_val``, in increasing order, then $+\infty$ (flag everything).
        Between two neighbouring candidates the flagged set, and so every
        score, is constant, so this list misses no threshold
        (equation (9.14)). An integer gives the classic course's grid instead,
        ``n_steps + 1`` evenly spaced values from ``min(p_val)`` to
        ``max(p_val)`` (equation (9.15)).

    Returns
    -------
    thresholds : ndarray of shape (T,)
        The candidates, increasing.
    precision, recall, f1 : ndarray of shape (T,)
        From the counts of equation (9.13); precision is 0 where nothing is
        flagged, as in :func:`mlbook.metrics.precision_score`.
    """
    y, p = _check_threshold_args(y_val, p_val, n_steps)
    thresholds = _candidates(p, n_steps)
    return (thresholds, *_threshold_scores(y, p, thresholds))


def select_threshold(y_val, p_val, n_steps=None):
    r"""The threshold $\tau$ with the best F1 on a labelled validation set.

    Parameters
    ----------
    y_val : array_like of shape (m,)
        1 for an anomaly, 0 for a normal example; at least one anomaly.
    p_val : array_like of shape (m,)
        Densities or log-densities of the validation examples; the threshold
        comes back on the same scale.
    n_steps : int or None, default=None
        ``None`` (the default) searches every distinct flagged set exactly; an
        integer searches the classic course's grid of ``n_steps`` steps (see
        :func:`threshold_curve`). The exact search is never worse.

    Returns
    -------
    epsilon : float
        The threshold $\tau$ (the course's name): flag $p < \tau$. Of several
        thresholds with the best F1, the smallest. Any value between the
        largest flagged and the smallest unflagged validation value gives the
        same F1 *on the validation set*; this is the smallest unflagged one
        ($+\infty$ if flagging every example is best). New examples can fall
        between the two, and there the choice matters: the midpoint (of the
        log-densities, the geometric mean of densities) is a neutral choice.
    f1 : float
        The F1 score on the validation set at ``epsilon``.

    Examples
    --------
    >>> select_threshold([1, 0, 1, 0, 0], [0.01, 0.2, 0.02, 0.3, 0.25])
    (0.2, 1.0)
    """
    thresholds, _, _, f1 = threshold_curve(y_val, p_val, n_steps)
    best = int(np.argmax(f1))  # the first maximum: the smallest best threshold
    return float(thresholds[best]), float(f1[best])


# --8<-- [start:candidates]
def _candidates(p, n_steps):
    if n_steps is None:
        # Exact: each distinct value, and +inf to flag everything (9.14).
        return np.append(np.unique(p), np.inf)
    return np.linspace(p.min(), p.max(), n_steps + 1)  # the course's grid (9.15)
# --8<-- [end:candidates]


# --8<-- [start:threshold-scores]
def _threshold_scores(y, p, thresholds):
    order = np.argsort(p, kind="stable")  # sort once: O(m log m)
    # flagged[t] = #{i : p_i < thresholds[t]}: the flagged examples are the
    # first flagged[t] of the sorted list, whatever the threshold.
    flagged = np.searchsorted(p[order], thresholds, side="left")  # (T,)
    true_pos = np.concatenate([[0.0], np.cumsum(y[order])])[flagged]  # (T,): tp
    anomalies = y.sum()  # tp + fn, the same for every threshold
    precision = np.divide(true_pos, flagged, out=np.zeros_like(true_pos),
                          where=flagged > 0)  # tp / (tp + fp), 0 if nothing flagged
    recall = true_pos / anomalies  # tp / (tp + fn)
    f1 = 2 * true_pos / (flagged + anomalies)  # 2 tp / (2 tp + fp + fn), (9.12)
    return precision, recall, f1
# --8<-- [end:threshold-scores]


# --- the estimator --------------------------------------------------------------------


class GaussianAnomalyDetector(BaseEstimator):
    r"""Flag examples whose Gaussian density is below a threshold chosen by F1.

    ``fit`` estimates the Gaussian from examples of normal behaviour (they may
    hold a few unlabelled anomalies); ``fit_threshold`` chooses the threshold
    on a labelled validation set; ``predict`` flags every example whose
    log-density is below it.

    Parameters
    ----------
    covariance : {"diag", "full"}, default="diag"
        ``"diag"`` fits one Gaussian per feature and multiplies the densities
        (the features are modelled as independent, equation (9.2));
        ``"full"`` fits one multivariate Gaussian with a full covariance matrix
        (equation (9.3)), which also models linear correlations between
        features but needs more examples than features.
    reg_covar : float, default=0.0
        Added to every variance (to the diagonal of $\Sigma$) after
        estimation. With the default 0, a constant feature or (with
        ``"full"``) a feature that is a linear combination of others makes
        ``fit`` raise a ``ValueError``, because the Gaussian then has no
        density; a small positive value (in the squared units of the
        features) makes every covariance positive definite instead.

    Attributes
    ----------
    mean_ : ndarray of shape (n,)
        $\mu$, the mean of each feature.
    covariance_ : ndarray of shape (n,) or (n, n)
        The variances $\sigma_j^2$ (``"diag"``) or the covariance matrix
        $\Sigma$ (``"full"``), ``reg_covar`` included.
    n_features_in_ : int
    threshold_ : float
        $\log\tau$: ``predict`` flags examples whose log-density is below it.
        Set by ``fit_threshold``.
    validation_f1_ : float
        The F1 score on the validation set at ``threshold_``.

    Notes
    -----
    For scikit-learn's tools this is a *density estimator* (the type of
    ``KernelDensity`` and ``GaussianMixture``): ``score_samples`` is the
    log-density and ``score`` its mean, so ``GridSearchCV`` and
    ``cross_val_score`` choose ``covariance`` or ``reg_covar`` by held-out
    likelihood. It is not one of scikit-learn's outlier detectors, whose
    ``predict`` returns -1 for an outlier and +1 for an inlier and whose
    threshold is set in ``fit`` from an assumed fraction of outliers: here
    ``predict`` returns 1 for an anomaly, as the course's labels do, and the
    threshold comes from labelled examples. So ``predict`` exists only once
    ``fit_threshold`` has chosen the threshold; before that, asking for it
    raises ``NotFittedError`` (an ``AttributeError``, so
    ``hasattr(detector, "predict")`` is ``False``, as with scikit-learn's
    ``available_if``).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(500, 2))
    >>> X_val = np.vstack([rng.normal(size=(50, 2)), [[6.0, 6.0], [-5.0, 7.0]]])
    >>> y_val = np.r_[np.zeros(50), 1, 1]
    >>> detector = GaussianAnomalyDetector().fit(X).fit_threshold(X_val, y_val)
    >>> detector.predict([[0.0, 0.0], [8.0, -8.0]]).tolist()
    [0, 1]
    """

    def __init__(self, covariance="diag", reg_covar=0.0):
        self.covariance = covariance
        self.reg_covar = reg_covar

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "density_estimator"  # see Notes
        return tags

    @one_blas_thread
    def fit(self, X, y=None):
        """Estimate the Gaussian from ``X`` (m, n); ``y`` is ignored.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            If the covariance is singular (see ``reg_covar``).
        """
        check_option(self.covariance, "covariance", ("diag", "full"))
        check_scalar(self.reg_covar, "reg_covar", low=0)
        X = check_scale(check_array(X, "X"))
        m, n = X.shape
        if m == 1 and self.reg_covar == 0:
            raise ValueError(
                "X has 1 sample, so every variance is 0 and the Gaussian has no density. "
                "Fit on more samples (more than the number of features for "
                "covariance='full'), or set reg_covar > 0."
            )
        full = self.covariance == "full"
        mu, sigma2 = _estimate_gaussian(X, full)
        sigma2 = sigma2 + self.reg_covar * (np.eye(n) if full else 1.0)
        _check_variances(np.diag(sigma2) if full else sigma2, "set reg_covar > 0")
        if full:
            self._inverse_cholesky = _inverse_cholesky(sigma2, m=m)
        self.mean_, self.covariance_, self.n_features_in_ = mu, sigma2, n
        for stale in ("threshold_", "validation_f1_"):  # chosen for the old Gaussian
            self.__dict__.pop(stale, None)
        return self

    @one_blas_thread
    def fit_threshold(self, X_val, y_val):
        """Choose ``threshold_`` by the best F1 on a labelled validation set.

        Parameters
        ----------
        X_val : array_like of shape (m_val, n)
        y_val : array_like of shape (m_val,)
            1 for an anomaly, 0 for a normal example; at least one anomaly.

        Returns
        -------
        self
        """
        check_is_fitted(self, "mean_")
        X_val = check_array(X_val, "X_val")
        check_consistent_length(X_val, np.atleast_1d(y_val), "X_val", "y_val")
        scores = self.score_samples(X_val)
        self.threshold_, self.validation_f1_ = select_threshold(y_val, scores)
        return self

    def score_samples(self, X):
        r"""The log-density $\log p(x)$ of each row of ``X``: lower is more anomalous.

        Returns
        -------
        ndarray of shape (m,)
        """
        check_is_fitted(self, "mean_")
        X = check_array(X, "X")
        check_n_features(self, X)
        if self.covariance_.ndim == 1:
            return _log_gaussian_diag(X, self.mean_, self.covariance_)
        return _log_gaussian_full(X, self.mean_, self._inverse_cholesky)

    def score(self, X, y=None):
        r"""The mean log-density $\frac{1}{m}\sum_i \log p(x^{(i)})$ of the rows of ``X``.

        Higher is a better fit to held-out normal data; scikit-learn's model
        selection tools use it when given no other score. ``y`` is ignored.

        Returns
        -------
        float
        """
        return float(np.mean(self.score_samples(X)))

    @property
    def predict(self):
        """1 for an anomaly (log-density below ``threshold_``), 0 for a normal example.

        ``predict(X)`` takes ``X`` of shape (m, n) and returns an ndarray of
        shape (m,), dtype int. It exists once ``fit_threshold`` has chosen the
        threshold (see Notes of the class).

        Raises
        ------
        NotFittedError
            Before ``fit``, or before ``fit_threshold``.
        """
        check_is_fitted(self, "mean_")
        if not hasattr(self, "threshold_"):
            raise _sklearn_compatible(NotFittedError)(
                "This GaussianAnomalyDetector has no threshold yet. Call "
                "fit_threshold(X_val, y_val) with a labelled validation set after fit."
            )
        return self._predict

    def _predict(self, X):
        return (self.score_samples(X) < self.threshold_).astype(int)
