r"""Logistic regression, one-vs-all, and softmax regression.

Derived in the chapters [Logistic regression](../linear-models/logistic-regression.md)
and [One-vs-all on digits](../linear-models/one-vs-all.md). ``X`` in the
functions is the design matrix *with* its column of ones
(``mlbook.preprocessing.add_intercept``); the estimator adds that column itself.
Everything is computed from the logits $z = \theta^\mathsf{T} x$, never from
$\log g(z)$, so the costs stay finite and exact for any finite logit.
"""

import numpy as np

# The kernels below get checked input: they use the unchecked sigmoid and softplus.
from .._special import _sigmoid as sigmoid
from .._special import _softplus as softplus
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
from .._threads import one_blas_thread
from ..base import BaseEstimator, ClassifierMixin
from ..optimize import gradient_descent, minimize_lbfgs
from ..preprocessing import add_intercept
from ._linear import _check_problem, _normalised_weights, _solver_options


def _check_binary_problem(theta, X, y, lam):
    theta, X, y = _check_problem(theta, X, y, lam)
    if y.min() < 0 or y.max() > 1:
        raise ValueError(
            f"y must hold 0 and 1 (or probabilities in [0, 1]), got values from {y.min()} "
            f"to {y.max()}. Encode the positive class as 1 and the other as 0, e.g. "
            f"(labels == positive).astype(float)."
        )
    return theta, X, y


def logistic_cost(theta, X, y, lam=0.0):
    r"""The regularised cross-entropy cost of logistic regression, equation (2.13).

    $$J(\theta) = \frac{1}{m}\sum_{i=1}^{m}\Big[-y^{(i)}\log g(z^{(i)})
                  - (1 - y^{(i)})\log\big(1 - g(z^{(i)})\big)\Big]
                  + \frac{\lambda}{2m}\sum_{j=1}^{n}\theta_j^2,
      \qquad z^{(i)} = \theta^\mathsf{T} x^{(i)}$$

    computed with $-\log g(z) = \log(1 + e^{-z})$ and
    $-\log(1 - g(z)) = \log(1 + e^{z})$ (:func:`mlbook.softplus`), so it never
    takes ``log(0)``: a wrong prediction with $z = \pm 1000$ costs $1000/m$,
    not ``inf``.

    Parameters
    ----------
    theta : array_like of shape (n + 1,)
    X : array_like of shape (m, n + 1)
        The design matrix, column 0 all ones.
    y : array_like of shape (m,)
        0 or 1 (probabilities in $[0, 1]$ are accepted too).
    lam : float, default=0.0
        $\lambda \ge 0$; $\theta_0$ is never penalised.

    Returns
    -------
    float
    """
    return float(_logistic_cost(*_check_binary_problem(theta, X, y, lam), lam))


def logistic_gradient(theta, X, y, lam=0.0):
    r"""The gradient of :func:`logistic_cost`, equation (2.14).

    $$\nabla J(\theta) = \frac{1}{m} X^\mathsf{T}\big(g(X\theta) - y\big)
                         + \frac{\lambda}{m}\,[0, \theta_1, \dots, \theta_n]^\mathsf{T}$$

    Returns
    -------
    ndarray of shape (n + 1,)
    """
    return _logistic_gradient(*_check_binary_problem(theta, X, y, lam), lam)


# --8<-- [start:logistic-cost]
def _logistic_cost(theta, X, y, lam):
    m = X.shape[0]
    z = X @ theta  # (m,) = (m, n+1) @ (n+1,), the logits
    # -log g(z) = softplus(-z) and -log(1 - g(z)) = softplus(z): never log(0)
    cross_entropy = y @ softplus(-z) + (1 - y) @ softplus(z)
    # theta_0 is left out; lam = 0 means no penalty, even where theta @ theta
    # overflows (0 * inf would be nan)
    penalty = lam / 2 * (theta[1:] @ theta[1:]) if lam else 0.0
    return (cross_entropy + penalty) / m
# --8<-- [end:logistic-cost]


# --8<-- [start:logistic-gradient]
def _logistic_gradient(theta, X, y, lam):
    m = X.shape[0]
    error = sigmoid(X @ theta) - y  # (m,): h_theta(x) - y for every example
    grad = X.T @ error  # (n+1,) = (n+1, m) @ (m,)
    grad[1:] += lam * theta[1:]  # no penalty term for theta_0
    return grad / m
# --8<-- [end:logistic-gradient]


# --8<-- [start:logistic-cost-and-gradient]
def _logistic_cost_and_gradient(theta, X, y, lam):
    # What the estimator's optimiser calls: (2.13) and (2.14) share the logits,
    # so X is read twice per evaluation (X theta, then X^T error), not three times.
    m = X.shape[0]
    z = X @ theta  # (m,) = (m, n+1) @ (n+1,), the logits
    # y softplus(-z) + (1 - y) softplus(z) = softplus(z) - y z, one softplus.
    # max(z, 0) - y z comes first: for a label of 0 or 1 it is exactly
    # max(z, 0) or max(-z, 0), so a tiny loss is not lost to cancelling z - z.
    losses = np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))
    cost = np.sum(losses) + (lam / 2 * (theta[1:] @ theta[1:]) if lam else 0.0)  # as above
    grad = X.T @ (sigmoid(z) - y)  # (n+1,) = (n+1, m) @ (m,)
    grad[1:] += lam * theta[1:]  # no penalty term for theta_0
    return cost / m, grad / m
# --8<-- [end:logistic-cost-and-gradient]


def _weighted_logistic_cost_and_gradient(theta, X, y, lam, v):
    # (2.13) and (2.14) with example i's loss counted v_i times (v has mean 1, and
    # lam was divided by the mean of the reader's weights: see _normalised_weights).
    m = X.shape[0]
    z = X @ theta  # (m,)
    losses = np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))
    cost = v @ losses + (lam / 2 * (theta[1:] @ theta[1:]) if lam else 0.0)
    grad = X.T @ (v * (sigmoid(z) - y))  # (n+1,) = (n+1, m) @ (m,)
    grad[1:] += lam * theta[1:]
    return cost / m, grad / m


# --- softmax (multinomial) regression --------------------------------------


def _check_softmax_problem(Theta, X, Y, lam):
    X = check_array(X, "X")
    Y = check_array(Y, "Y", hint=(
        "Y must be one-hot, shape (m, K): row i has a 1 in the column of example i's "
        "class. Build it from integer labels y in 0..K-1 with np.eye(K)[y]."))
    Theta = check_array(Theta, "Theta", hint=(
        "Theta holds one row of parameters per class, shape (K, n + 1). If it was "
        "flattened (e.g. by an optimiser), restore it with Theta.reshape(K, -1)."))
    check_consistent_length(X, Y, "X", "Y")
    check_scalar(lam, "lam", low=0)
    K = Y.shape[1]
    if Theta.shape != (K, X.shape[1]):
        raise ValueError(
            f"Theta has shape {Theta.shape}, but Y has {K} columns (classes) and X has "
            f"{X.shape[1]} columns, so Theta needs shape ({K}, {X.shape[1]}): one row per "
            f"class, one entry per column of X (X includes its column of ones)."
        )
    if Y.min() < 0 or Y.max() > 1 or not np.allclose(Y.sum(axis=1), 1.0, rtol=0, atol=1e-8):
        raise ValueError(
            "Y must be one-hot: shape (m, K), entries in [0, 1], each row summing to 1. "
            "Build it from integer labels y in 0..K-1 with np.eye(K)[y]."
        )
    return Theta, X, Y


def softmax_cost(Theta, X, Y, lam=0.0):
    r"""The regularised cross-entropy cost of softmax regression, equation (3.6).

    $$J(\Theta) = -\frac{1}{m}\sum_{i=1}^{m}\sum_{k=1}^{K} Y_{ik}
                  \log\frac{e^{z^{(i)}_k}}{\sum_{l} e^{z^{(i)}_l}}
                  + \frac{\lambda}{2m}\sum_{k=1}^{K}\sum_{j=1}^{n}\Theta_{kj}^2,
      \qquad z^{(i)} = \Theta x^{(i)}$$

    The log of the softmax is computed as $z_k - \operatorname{logsumexp}(z)$
    with the maximum subtracted first, so it never overflows or takes
    ``log(0)``.

    Parameters
    ----------
    Theta : array_like of shape (K, n + 1)
        One row of parameters per class; column 0 holds the intercepts.
    X : array_like of shape (m, n + 1)
        The design matrix, column 0 all ones.
    Y : array_like of shape (m, K)
        One-hot targets: row $i$ has a 1 in the column of the class of example $i$.
    lam : float, default=0.0
        $\lambda \ge 0$; the intercepts $\Theta_{k0}$ are never penalised.

    Returns
    -------
    float
    """
    return float(_softmax_cost(*_check_softmax_problem(Theta, X, Y, lam), lam))


def softmax_gradient(Theta, X, Y, lam=0.0):
    r"""The gradient of :func:`softmax_cost`, equation (3.9).

    $$\nabla_\Theta J = \frac{1}{m}(P - Y)^\mathsf{T} X + \frac{\lambda}{m}\,\Theta I_0,
      \qquad P_{ik} = \frac{e^{z^{(i)}_k}}{\sum_l e^{z^{(i)}_l}}$$

    with $I_0 = \operatorname{diag}(0, 1, \dots, 1)$.

    Returns
    -------
    ndarray of shape (K, n + 1)
    """
    return _softmax_gradient(*_check_softmax_problem(Theta, X, Y, lam), lam)


# --8<-- [start:log-softmax]
def _log_softmax(Z):
    # log(e^z_k / sum_l e^z_l) = z_k - logsumexp(z). Subtracting the row maximum
    # first makes every exponent <= 0 (no overflow) and one of them 0, so the
    # sum is >= 1 and its log is never log(0).
    shifted = Z - Z.max(axis=1, keepdims=True)  # (m, K)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
# --8<-- [end:log-softmax]


# --8<-- [start:softmax-cost]
def _softmax_cost(Theta, X, Y, lam):
    m = X.shape[0]
    Z = X @ Theta.T  # (m, K) = (m, n+1) @ (n+1, K), the logits
    cross_entropy = -np.sum(Y * _log_softmax(Z))
    # intercepts left out; lam = 0 means no penalty, even for huge Theta (0 * inf is nan)
    penalty = lam / 2 * np.sum(Theta[:, 1:] ** 2) if lam else 0.0
    return (cross_entropy + penalty) / m
# --8<-- [end:softmax-cost]


# --8<-- [start:softmax-gradient]
def _softmax_gradient(Theta, X, Y, lam):
    m = X.shape[0]
    P = np.exp(_log_softmax(X @ Theta.T))  # (m, K), each row sums to 1
    grad = (P - Y).T @ X  # (K, n+1) = (K, m) @ (m, n+1)
    grad[:, 1:] += lam * Theta[:, 1:]  # no penalty on the intercepts
    return grad / m
# --8<-- [end:softmax-gradient]


# --- the estimator ---------------------------------------------------------


class LogisticRegression(ClassifierMixin, BaseEstimator):
    r"""L2-regularised logistic regression; one-vs-all for more than two classes.

    Minimises :func:`logistic_cost` from $\theta = 0$ with scipy's L-BFGS
    (:func:`mlbook.optimize.minimize_lbfgs`) or with batch gradient descent.
    With two classes it trains one classifier, for ``classes_[1]`` against
    ``classes_[0]``; with $K > 2$ it trains $K$, class $k$ against all the
    others, and predicts the class whose classifier is most confident.

    Parameters
    ----------
    lam : float, default=1.0
        The L2 penalty $\lambda \ge 0$; the intercept is not penalised.
        scikit-learn's ``LogisticRegression(C=1 / lam)`` minimises the same
        cost (see the chapter).
    solver : {"lbfgs", "gradient_descent"}, default="lbfgs"
    learning_rate : float, optional
        $\alpha$ for gradient descent (default 0.1). Scale the features
        first. Refused with L-BFGS, which chooses its own steps.
    max_iter : int, optional
        The most iterations per binary classifier (default 1000).
    tol : float, optional
        L-BFGS (default 1e-14) stops once an iteration lowers the cost by
        less than ``tol`` relative to ``max(J, 1)``, or the largest gradient
        entry is below ``tol``; so tight a value typically brings the
        coefficients to within $10^{-5}$ of the minimiser, relative. Gradient
        descent (default 1e-6) stops once the gradient has shrunk to ``tol``
        times its size at $\theta = 0$. Either warns with a
        ``ConvergenceWarning`` if ``max_iter`` comes first.

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
        The labels seen in ``fit``, sorted; predictions are drawn from them.
    coef_ : ndarray of shape (1, n) for two classes, (K, n) for K > 2
        $\theta_1, \dots, \theta_n$ of each binary classifier.
    intercept_ : ndarray of shape (1,) or (K,)
        $\theta_0$ of each binary classifier.
    n_iter_ : ndarray of shape (1,) or (K,), dtype int
        Iterations made by each binary classifier.
    cost_history_ : list of ndarray
        One array per binary classifier: its cost before the first iteration
        and after each one.
    n_features_in_ : int

    Examples
    --------
    See the [logistic regression chapter](../linear-models/logistic-regression.md).
    """

    _SOLVERS = {
        "lbfgs": {"max_iter": 1000, "tol": 1e-14},
        "gradient_descent": {"learning_rate": 0.1, "max_iter": 1000, "tol": 1e-6},
    }

    def __init__(self, lam=1.0, solver="lbfgs", learning_rate=None, max_iter=None, tol=None):
        self.lam = lam
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol

    @one_blas_thread
    def fit(self, X, y, sample_weight=None):
        r"""Learn from ``X`` (m, n), without the column of ones, and labels ``y`` (m,).

        The labels may be of any kind: strings, or integers in any order and
        with gaps; ``classes_`` records them sorted. ``sample_weight`` (m,),
        non-negative, weighs each example's loss: the cost is
        $\frac{1}{\sum_i s_i}\big[\sum_i s_i\,\ell_i + \frac{\lambda}{2}\lVert w\rVert^2\big]$,
        so an integer weight counts an example that many times (and a weight
        of 0 leaves it out), and equal weights give (2.13).
        """
        check_option(self.solver, "solver", tuple(self._SOLVERS))
        check_scalar(self.lam, "lam", low=0)
        options = _solver_options(self, self.solver, self._SOLVERS)
        check_scalar(options["max_iter"], "max_iter", low=1, integer=True)
        check_scalar(options["tol"], "tol", low=0, include_low=False)
        if "learning_rate" in options:
            check_scalar(options["learning_rate"], "learning_rate", low=0, include_low=False)
        X = check_scale(check_array(X))
        classes, y_index = check_classes(y)
        check_consistent_length(X, y_index)
        v, lam_factor = _normalised_weights(sample_weight, X.shape[0])  # (m,) of mean 1, or None
        if v is not None and np.unique(y_index[v > 0]).size < 2:
            raise ValueError(
                f"Only one class, {classes[y_index[v > 0][0]].item()!r}, has examples with a "
                f"positive sample_weight; a classifier needs examples of at least two classes. "
                f"Give some examples of another class a positive weight."
            )
        # Centred features: the logits theta_0 + x @ w = (theta_0 + mean @ w) + (x - mean) @ w
        # are the same model, and the penalty does not touch theta_0, so the minimiser is
        # the same; but a feature far from zero (a year) no longer makes the cost a
        # narrow valley that the optimiser stops in early. theta_0 is recovered below.
        x_mean = np.average(X, axis=0, weights=v)  # (n,)
        Xb = add_intercept(X - x_mean)  # (m, n+1)
        # Two classes need one classifier (classes_[1] against classes_[0]);
        # K > 2 need K, class k against the rest: a loop over classes.
        positives = [1] if len(classes) == 2 else range(len(classes))
        thetas, histories = [], []
        for k in positives:
            theta, costs = self._fit_binary(Xb, (y_index == k).astype(np.float64), options, v,
                                            self.lam * lam_factor)
            thetas.append(theta)
            histories.append(costs)
        Theta = np.array(thetas)  # (1 or K, n+1)
        self.classes_ = classes
        self.intercept_ = Theta[:, 0] - Theta[:, 1:] @ x_mean
        self.coef_ = Theta[:, 1:]
        self.n_iter_ = np.array([len(costs) - 1 for costs in histories])
        self.cost_history_ = histories
        self.n_features_in_ = X.shape[1]
        return self

    def _fit_binary(self, Xb, y, options, v, lam):
        def cost_and_gradient(theta):
            if v is None:
                return _logistic_cost_and_gradient(theta, Xb, y, lam)
            return _weighted_logistic_cost_and_gradient(theta, Xb, y, lam, v)

        theta0 = np.zeros(Xb.shape[1])
        if self.solver == "lbfgs":
            return minimize_lbfgs(cost_and_gradient, theta0, **options)
        return gradient_descent(cost_and_gradient, theta0, **options)

    def decision_function(self, X):
        r"""The logits $z = \theta^\mathsf{T} x$: shape (m,) for two classes, (m, K) for more.

        With two classes, $z > 0$ predicts ``classes_[1]``.
        """
        check_is_fitted(self, "coef_")
        X = check_array(X)
        check_n_features(self, X)
        Z = X @ self.coef_.T + self.intercept_  # (m, 1 or K) = (m, n) @ (n, 1 or K)
        return Z[:, 0] if len(self.classes_) == 2 else Z

    def predict_proba(self, X):
        r"""Class probabilities of shape (m, K), columns in the order of ``classes_``.

        Two classes: $[1 - g(z), g(z)]$, computed as $[g(-z), g(z)]$ so that
        neither loses precision. $K > 2$: the $K$ one-vs-all outputs $g(z_k)$
        divided by their sum, so that each row sums to 1 (as scikit-learn's
        ``OneVsRestClassifier`` does); the largest stays the largest.
        """
        z = self.decision_function(X)
        if len(self.classes_) == 2:
            return np.column_stack([sigmoid(-z), sigmoid(z)])  # (m, 2)
        H = sigmoid(z)  # (m, K)
        return H / H.sum(axis=1, keepdims=True)

    def predict(self, X):
        """The most probable class of each row of ``X``, as a label from ``classes_``."""
        z = self.decision_function(X)
        if len(self.classes_) == 2:
            return self.classes_[(z > 0).astype(int)]
        # g is increasing, so the largest logit is the largest probability.
        return self.classes_[np.argmax(z, axis=1)]
