r"""The support vector classifier: the kernels and the SMO solver behind one estimator."""

import warnings

import numpy as np

from .._threads import one_blas_thread
from .._validation import (
    check_array,
    check_classes,
    check_consistent_length,
    check_is_fitted,
    check_n_features,
    check_option,
    check_scalar,
    check_scale,
)
from ..base import BaseEstimator, ClassifierMixin
from ..exceptions import ConvergenceWarning, _sklearn_compatible, _stacklevel
from ._kernels import _finite_polynomial_kernel, _gram_rows, _linear_kernel, _rbf_kernel
from ._smo import _smo

KERNELS = ("linear", "poly", "rbf")

#: decision_function computes the kernel between test examples and support
#: vectors in blocks of rows of about this many bytes, not all at once.
_PREDICT_BLOCK_BYTES = 16 * 2**20


class SVC(ClassifierMixin, BaseEstimator):
    r"""Support vector classification, solved by SMO; two classes.

    Solves the dual problem (6.17) of the soft-margin SVM (6.5) with
    sequential minimal optimisation and Fan, Chen and Lin's second-order
    choice of the pair (6.24), as libsvm (and so scikit-learn's ``SVC``)
    does, then predicts with the decision function (6.18). A row of the Gram
    matrix is computed when SMO needs it and kept in a cache of at most
    ``cache_size`` megabytes, which drops the row used least recently when it
    is full (libsvm's cache does the same); prediction computes the kernel in
    blocks of test examples. So memory stays bounded at any $m$, and time grows
    once the rows SMO keeps returning to no longer fit in the cache.

    Only two classes are supported; ``fit`` refuses more. For $K$ classes,
    train one ``SVC`` per pair of classes and let each vote for its winner
    (one-vs-one, what libsvm does inside; the chapter's exercises show it).

    Parameters
    ----------
    C : float, default=1.0
        The price $C > 0$ of a unit of slack (6.5): large $C$ tolerates few
        margin violations and gives a narrow margin; small $C$ a wide one.
    kernel : {"rbf", "linear", "poly"}, default="rbf"
        The kernel (6.15)-(6.16): ``"rbf"`` is the Gaussian
        $\exp(-\gamma\lVert x - z\rVert^2)$, ``"poly"`` is
        $(\gamma x^\mathsf{T} z + c_0)^q$, ``"linear"`` is $x^\mathsf{T} z$.
    gamma : {"scale", "auto"} or float, default="scale"
        $\gamma > 0$ for ``"rbf"`` and ``"poly"``. From the classic course's
        Gaussian width $\sigma$, pass ``gamma = 1 / (2 * sigma**2)``.
        ``"scale"`` is $1 / (n \operatorname{Var}(X))$ and ``"auto"`` is
        $1/n$, as in scikit-learn.
    degree : int, default=3
        The power $q$ of the polynomial kernel.
    coef0 : float, default=0.0
        The constant $c_0$ of the polynomial kernel.
    tol : float, default=1e-3
        Stop when the largest violation of the optimality conditions,
        $\overline{v}(\beta) - \underline{v}(\beta)$ (6.21), is at most
        ``tol``: libsvm's rule and default.
    max_iter : int, default=100000
        The most SMO iterations (pair updates). Reaching it warns with
        ``ConvergenceWarning``. libsvm has no limit by default.
    cache_size : float, default=200
        The most memory, in megabytes ($2^{20}$ bytes), that the cache of
        kernel rows may hold, as libsvm's ``cache_size``. Each row takes
        $8m$ bytes (float64; libsvm keeps float32); at least two rows are
        always kept. A larger cache is faster on large sets; the result is
        the same whatever the size.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The labels seen in ``fit``, sorted; ``classes_[1]`` is the class
        $y = +1$, predicted where the decision function is positive.
    support_ : ndarray of shape (n_SV,), dtype int
        Indices of the support vectors, the training examples with
        $\beta_i > 0$, in increasing order (scikit-learn orders them by class).
    support_vectors_ : ndarray of shape (n_SV, n)
    n_support_ : ndarray of shape (2,), dtype int
        Support vectors of ``classes_[0]`` and of ``classes_[1]``.
    dual_coef_ : ndarray of shape (1, n_SV)
        $\beta_i y_i$ of each support vector, so $|\,\cdot\,| \le C$.
    intercept_ : ndarray of shape (1,)
        The bias $b$ (6.26).
    coef_ : ndarray of shape (1, n)
        $w = \sum_i \beta_i y_i x^{(i)}$ (6.7); only with the linear kernel.
    n_iter_ : ndarray of shape (1,), dtype int
        SMO iterations made.
    violation_history_ : ndarray of shape (n_iter_ + 1,)
        $\overline{v}(\beta) - \underline{v}(\beta)$ (6.21) before each
        iteration and at the end.
    objective_history_ : ndarray of shape (n_iter_ + 1,)
        The dual objective $W(\beta) = -f(\beta)$ (6.12) at $\beta = 0$ and
        after each iteration; it never decreases.
    gamma_ : float
        The $\gamma$ used (``"scale"`` and ``"auto"`` resolved).
    n_features_in_ : int

    Raises
    ------
    ValueError
        From ``fit``, for ``C <= 0``, an unknown kernel, bad ``gamma``,
        ``degree``, ``tol``, ``max_iter`` or ``cache_size``, labels with more
        than two classes, a ``gamma`` that overflows (``"scale"`` on tiny
        feature values), or a solution that is not finite; from ``fit`` and
        ``decision_function``, if the kernel overflows.
    TypeError
        From ``fit``, for a hyper-parameter of the wrong type.

    Notes
    -----
    With the same ``C``, kernel, ``gamma`` and ``tol``, scikit-learn's
    ``SVC`` finds the same support vectors (up to examples that sit on the
    margin) and decision values that differ by about ``tol``; the chapter
    compares them.

    Examples
    --------
    >>> X = [[0.0, 0.0], [0.0, 1.0], [2.0, 0.0], [2.0, 1.0]]
    >>> model = SVC(C=10.0, kernel="linear").fit(X, ["a", "a", "b", "b"])
    >>> model.coef_, model.intercept_
    (array([[1., 0.]]), array([-1.]))
    >>> model.predict([[0.5, 3.0], [1.5, -2.0]])
    array(['a', 'b'], dtype='<U1')
    """

    def __init__(self, C=1.0, kernel="rbf", gamma="scale", degree=3, coef0=0.0, tol=1e-3,
                 max_iter=100_000, cache_size=200):
        self.C = C
        self.kernel = kernel
        self.gamma = gamma
        self.degree = degree
        self.coef0 = coef0
        self.tol = tol
        self.max_iter = max_iter
        self.cache_size = cache_size

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False  # fit refuses more than two classes
        return tags

    def _check_params(self, X):
        check_scalar(self.C, "C", low=0, include_low=False)
        check_option(self.kernel, "kernel", KERNELS)
        check_scalar(self.degree, "degree", low=0, integer=True)
        check_scalar(self.coef0, "coef0")
        check_scalar(self.tol, "tol", low=0, include_low=False)
        check_scalar(self.max_iter, "max_iter", low=1, integer=True)
        check_scalar(self.cache_size, "cache_size")
        if not self.cache_size > 0:
            raise ValueError(
                f"cache_size must be > 0 (megabytes of kernel rows to keep), got "
                f"{self.cache_size!r}; the default is 200, as in libsvm."
            )
        if isinstance(self.gamma, str):
            check_option(self.gamma, "gamma", ("scale", "auto"))
            if self.gamma == "auto":
                return 1.0 / X.shape[1]
            with np.errstate(over="ignore", divide="ignore"):
                variance = X.var()
                gamma = 1.0 / (X.shape[1] * variance) if variance > 0 else 1.0
            if not np.isfinite(gamma) and self.kernel != "linear":  # linear: gamma unused
                raise ValueError(
                    f"gamma='scale' is 1 / (n Var(X)) = {gamma} here: the features vary by "
                    f"so little (variance {variance:.3g}) that gamma overflows. Scale the "
                    f"features first (mlbook.preprocessing.StandardScaler), or pass a "
                    f"numeric gamma."
                )
            return float(gamma)
        check_scalar(self.gamma, "gamma", low=0, include_low=False)
        return float(self.gamma)

    def _gram(self, X1, X2):
        if self.kernel == "linear":
            return _linear_kernel(X1, X2)
        if self.kernel == "poly":
            return _finite_polynomial_kernel(X1, X2, self.degree, self.gamma_, self.coef0)
        return _rbf_kernel(X1, X2, self.gamma_)

    @one_blas_thread
    def fit(self, X, y):
        r"""Learn from ``X`` (m, n) and labels ``y`` (m,) of exactly two classes.

        The labels may be of any kind (strings, integers in any order);
        ``classes_`` records them sorted, and ``classes_[1]`` becomes $y = +1$.

        There is no ``sample_weight``: a weight would give each example its
        own box $0 \le \beta_i \le C s_i$ in the dual, which the chapter's
        derivation of SMO (one $C$ for all) does not cover. scikit-learn's
        ``SVC`` takes it (libsvm's per-example $C$).
        """
        X = check_scale(check_array(X))
        gamma = self._check_params(X)
        classes, y_index = check_classes(y)
        check_consistent_length(X, y_index)
        if len(classes) > 2:
            raise ValueError(
                f"Only binary classification is supported: y holds {len(classes)} classes, "
                f"but SVC solves two-class problems only. "
                f"Train one SVC per pair of classes and let each vote for its winner "
                f"(one-vs-one, what libsvm does inside; the SVM chapter's exercises show it), "
                f"or use sklearn.svm.SVC."
            )
        self.gamma_ = gamma
        signs = np.where(y_index == 1, 1.0, -1.0)  # (m,): classes_[1] is y = +1
        # SMO asks for rows of the Gram matrix G, (m, m), one at a time.
        row, diag = _gram_rows(self.kernel, X, gamma, self.degree, self.coef0)
        beta, b, n_iter, violations, objective = _smo(
            row, diag, signs, float(self.C), self.tol, self.max_iter,
            cache_bytes=int(self.cache_size * 2**20))
        if not (np.all(np.isfinite(beta)) and np.isfinite(b) and np.isfinite(violations[-1])):
            raise ValueError(
                f"SMO's solution is not finite (the kernel values overflowed or lost all "
                f"precision on these features). Scale the features first "
                f"(mlbook.preprocessing.StandardScaler), or lower C or gamma."
            )
        if not violations[-1] <= self.tol:  # so that a NaN cannot pass as converged
            warnings.warn(
                f"SMO stopped after max_iter={self.max_iter} iterations with the optimality "
                f"conditions violated by {violations[-1]:.3g} > tol={self.tol}; increase "
                f"max_iter, standardise the features, or lower C.",
                _sklearn_compatible(ConvergenceWarning),
                stacklevel=_stacklevel(),
            )
        support = np.flatnonzero(beta > 0)
        self.classes_ = classes
        self.support_ = support
        self.support_vectors_ = X[support]
        self.n_support_ = np.array([np.sum(signs[support] < 0), np.sum(signs[support] > 0)])
        self.dual_coef_ = (beta * signs)[support][None, :]  # (1, n_SV): beta_i y_i
        self.intercept_ = np.array([b])
        self.n_iter_ = np.array([n_iter])
        self.violation_history_ = np.array(violations)
        self.objective_history_ = np.array(objective)
        self.n_features_in_ = X.shape[1]
        return self

    @property
    def coef_(self):
        """$w = \\sum_i \\beta_i y_i x^{(i)}$, shape (1, n), equation (6.7); linear kernel only."""
        check_is_fitted(self, "dual_coef_")
        if self.kernel != "linear":
            raise AttributeError(
                f"coef_ exists only for kernel='linear' (this SVC has kernel={self.kernel!r}): "
                f"with another kernel, w lives in the kernel's feature space. Use "
                f"decision_function, or dual_coef_ and support_vectors_."
            )
        return self.dual_coef_ @ self.support_vectors_  # (1, n) = (1, n_SV) @ (n_SV, n)

    def decision_function(self, X):
        r"""$h(x) = \sum_i \beta_i y_i\, \mathcal{K}(x^{(i)}, x) + b$ (6.18), shape (m,).

        Positive values predict ``classes_[1]``; $|h(x)| = 1$ on the margin.
        """
        check_is_fitted(self, "dual_coef_")
        X = check_array(X)
        check_n_features(self, X)
        check_scale(X)  # as in fit: values whose squares overflow are refused
        # The kernel of all m test examples with the n_SV support vectors at
        # once would take 8 m n_SV bytes; a block of rows at a time keeps it bounded.
        n_sv = len(self.support_vectors_)
        block = max(1, _PREDICT_BLOCK_BYTES // (8 * max(n_sv, 1)))
        scores = np.empty(len(X))
        for start in range(0, len(X), block):  # a loop over blocks, not over examples
            K = self._gram(X[start:start + block], self.support_vectors_)  # (block, n_SV)
            scores[start:start + block] = _decision(K, self.dual_coef_[0], self.intercept_[0])
        return scores

    def predict(self, X):
        """The class of each row of ``X``: ``classes_[1]`` where the decision value is positive."""
        scores = self.decision_function(X)
        return self.classes_[(scores > 0).astype(int)]


# --8<-- [start:decision]
def _decision(K, dual_coef, b):
    # Only the support vectors enter: every other beta_i is 0.
    return K @ dual_coef + b  # (m,) = (m, n_SV) @ (n_SV,)
# --8<-- [end:decision]
