r"""Linear regression: the squared-error cost, its gradient, the normal equation.

Derived in the chapter [Linear regression](../linear-models/linear-regression.md).
``X`` in the functions is the design matrix *with* its column of ones
(``mlbook.preprocessing.add_intercept``); the estimator adds that column itself.
"""

import warnings

import numpy as np
import scipy.linalg

from .._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_scalar,
    check_scale,
    check_theta,
    check_X_y,
)
from .._threads import one_blas_thread
from ..exceptions import _stacklevel
from ..base import BaseEstimator, RegressorMixin
from ..optimize import gradient_descent
from ..preprocessing import add_intercept


def _check_problem(theta, X, y, lam):
    X, y = check_X_y(X, y)
    theta = check_theta(theta, X.shape[1])
    check_scalar(lam, "lam", low=0)
    return theta, X, y


def linear_cost(theta, X, y, lam=0.0):
    r"""The regularised squared-error cost, equation (1.11) of the book.

    $$J(\theta) = \frac{1}{2m}\lVert X\theta - y\rVert^2
                  + \frac{\lambda}{2m}\sum_{j=1}^{n}\theta_j^2$$

    Parameters
    ----------
    theta : array_like of shape (n + 1,)
    X : array_like of shape (m, n + 1)
        The design matrix, column 0 all ones.
    y : array_like of shape (m,)
    lam : float, default=0.0
        $\lambda \ge 0$; $\theta_0$ is never penalised.

    Returns
    -------
    float
    """
    return float(_linear_cost(*_check_problem(theta, X, y, lam), lam))


def linear_gradient(theta, X, y, lam=0.0):
    r"""The gradient of :func:`linear_cost`, equation (1.12) of the book.

    $$\nabla J(\theta) = \frac{1}{m} X^\mathsf{T}(X\theta - y)
                         + \frac{\lambda}{m}\,[0, \theta_1, \dots, \theta_n]^\mathsf{T}$$

    Returns
    -------
    ndarray of shape (n + 1,)
    """
    return _linear_gradient(*_check_problem(theta, X, y, lam), lam)


# --8<-- [start:linear-cost]
def _linear_cost(theta, X, y, lam):
    m = X.shape[0]
    residual = X @ theta - y  # (m,) = (m, n+1) @ (n+1,) - (m,)
    # theta_0 is left out; lam = 0 means no penalty, even where theta @ theta
    # overflows (0 * inf would be nan)
    penalty = lam * (theta[1:] @ theta[1:]) if lam else 0.0
    return (residual @ residual + penalty) / (2 * m)
# --8<-- [end:linear-cost]


# --8<-- [start:linear-gradient]
def _linear_gradient(theta, X, y, lam):
    m = X.shape[0]
    residual = X @ theta - y  # (m,)
    grad = X.T @ residual  # (n+1,) = (n+1, m) @ (m,)
    grad[1:] += lam * theta[1:]  # no penalty term for theta_0
    return grad / m
# --8<-- [end:linear-gradient]


def normal_equation(X, y, lam=0.0):
    r"""The minimiser of :func:`linear_cost` in closed form, equation (1.13).

    $$\theta = (X^\mathsf{T}X + \lambda I_0)^{-1} X^\mathsf{T} y,\qquad
      I_0 = \operatorname{diag}(0, 1, \dots, 1)$$

    solved as a linear system (never by forming the inverse).

    Raises
    ------
    ValueError
        If $X^\mathsf{T}X + \lambda I_0$ is singular: with ``lam=0`` that means
        the columns of ``X`` are linearly dependent (the message names them),
        or there are fewer rows than columns. Also if the squares of ``X`` or
        ``y`` would overflow.
    """
    X, y = check_X_y(X, y)
    check_scalar(lam, "lam", low=0)
    check_scale(X)
    check_scale(y.reshape(-1, 1), "y")
    try:
        return _normal_equation(X, y, lam)
    except _SingularError:
        raise ValueError(_singular_message(X, lam, intercept=False)) from None


# --8<-- [start:normal-equation]
def _normal_equation(X, y, lam):
    I0 = np.eye(X.shape[1])
    I0[0, 0] = 0.0  # the intercept is not regularised
    A = X.T @ X + lam * I0  # (n+1, n+1), symmetric positive (semi-)definite
    b = X.T @ y  # (n+1,)
    return _solve_normal_system(A, b)
# --8<-- [end:normal-equation]


class _SingularError(Exception):
    """X^T X + lam I0 is singular; the caller, who knows X, explains why."""


def _solve_normal_system(A, b):
    """Solve A theta = b by Cholesky, after scaling A to a unit diagonal.

    Scaling rows and columns by d_j = sqrt(A_jj) changes no solution (theta_j
    is the scaled solution divided by d_j), but it makes the matrix's
    condition number independent of the units of the features and of the
    size of lam: lam = 1e308 is a well-posed problem, not a singular one.
    """
    d = np.sqrt(np.diag(A))  # (n+1,)
    if not np.all(d > 0):  # a column of zeros in X, and no penalty on it
        raise _SingularError
    try:
        with warnings.catch_warnings():
            # Singular to working precision (rcond < eps) is singular: the
            # "solution" scipy would return with its warning is rounding noise.
            warnings.simplefilter("error", scipy.linalg.LinAlgWarning)
            return scipy.linalg.solve(A / np.outer(d, d), b / d, assume_a="pos") / d
    except (scipy.linalg.LinAlgError, scipy.linalg.LinAlgWarning):
        raise _SingularError from None


def _singular_message(X, lam, intercept, fallback=False):
    """Why X^T X + lam I0 is singular, naming the columns, and what to do.

    ``X`` is the design matrix; ``intercept`` says that the estimator added
    its column 0 (so column k is the user's feature k - 1). ``fallback``:
    the estimator returns the minimum-norm solution instead of refusing, and
    the message says so.
    """
    message = _why_singular(X, lam, intercept)
    if fallback:
        message += (" LinearRegression returns the minimum-norm least-squares solution (the "
                    "pseudo-inverse's, as scikit-learn does): it predicts as well as any other "
                    "minimiser, but its coefficients of those columns are one choice among "
                    "infinitely many and mean nothing on their own.")
    return message


def _why_singular(X, lam, intercept):
    m, p = X.shape
    name = (lambda k: "the intercept's column of ones" if k == 0 else f"feature {k - 1}") \
        if intercept else (lambda k: f"column {k}")
    head = f"X^T X + lam * I0 is singular (lam={lam!r}): "
    if m < p:
        unknowns = (f"{p} unknowns ({p - 1} coefficients and the intercept)" if intercept
                    else f"{p} unknowns (one per column of X)")
        return (head + f"X has m = {m} sample(s) but there are {unknowns}, so the columns of X "
                f"are linearly dependent. Use more samples than unknowns, fewer features, "
                f"or lam > 0.")
    zero = np.flatnonzero(~np.any(X, axis=0))
    if zero.size:
        return (head + f"{name(zero[0])} is all zeros and carries no information. Remove "
                f"it, or use lam > 0.")
    if intercept:
        constant = np.flatnonzero(np.ptp(X[:, 1:], axis=0) == 0)
        if constant.size:
            j = constant[0]
            return (head + f"feature {j} is constant (every value is {X[0, j + 1].item()!r}), so it "
                    f"is a multiple of the column of ones that carries the intercept, and the "
                    f"columns are linearly dependent. Remove the constant feature, or use "
                    f"lam > 0.")
    # The direction in which the scaled columns combine to (nearly) zero. Each
    # column is divided by its largest entry first, so that its norm neither
    # overflows nor underflows (values near 1e-300 would make it 0).
    X = X / np.max(np.abs(X), axis=0)
    _, _, Vt = np.linalg.svd(X / np.linalg.norm(X, axis=0), full_matrices=False)
    weights = np.abs(Vt[-1])
    names = [name(k) for k in np.flatnonzero(weights > 1e-3 * weights.max())]
    involved = ", ".join(names[:-1]) + " and " + names[-1]
    return (head + f"the columns of X are linearly dependent: a combination of {involved} is "
            f"zero up to rounding (a repeated or derived feature). Remove one of them, or "
            f"use lam > 0.")


def _normalised_weights(sample_weight, m):
    r"""The reader's ``sample_weight`` $s$ as weights $v$ of mean 1, and the factor for lam.

    The weighted costs divide by $\sum_i s_i$, the number of examples when
    every weight is 1, so that an integer weight counts an example that many
    times. The kernels divide by $m$; with $v = s\,m / \sum_i s_i$ and
    $\lambda' = \lambda\,m / \sum_i s_i$ they compute exactly the weighted
    cost: $rac{1}{m}[\sum_i v_i \ell_i + rac{\lambda'}{2}\lVert w
Vert^2]
    = rac{1}{\sum_i s_i}[\sum_i s_i \ell_i + rac{\lambda}{2}\lVert w
Vert^2]$.
    Returns ``(None, 1.0)`` for ``sample_weight=None``.
    """
    if sample_weight is None:
        return None, 1.0
    s = check_array(sample_weight, "sample_weight", ndim=1, hint=(
        "Pass one weight per row of X, as a 1-D array."))
    if s.shape[0] != m:
        raise ValueError(f"sample_weight has {s.shape[0]} entries but X has {m} rows; pass one "
                         f"weight per row of X.")
    if np.any(s < 0):
        i = int(np.argmax(s < 0))
        raise ValueError(f"sample_weight must be non-negative, got {s[i].item()!r} at index {i}. A "
                         f"weight counts how often an example is seen.")
    total = float(np.sum(s))
    if not total > 0:
        raise ValueError("sample_weight is zero for every example (the weights sum to 0): give at "
                         "least one example a positive weight.")
    return s * (m / total), m / total


def _solver_options(estimator, solver, defaults):
    """The options ``solver`` uses, defaults filled in; refuse options it would ignore.

    ``defaults`` maps each solver to its options and their defaults. An option
    set on the estimator that the chosen solver does not use is an error, not
    silently dropped.
    """
    used = defaults[solver]
    for name in sorted(set().union(*defaults.values()) - set(used)):
        if getattr(estimator, name) is not None:
            users = [s for s, options in defaults.items() if name in options]
            raise ValueError(
                f"{name}={getattr(estimator, name)!r} applies only to solver="
                f"{' or '.join(repr(u) for u in users)}, and solver={solver!r} would ignore "
                f"it. Remove {name}, or choose solver={users[0]!r}."
            )
    return {name: default if getattr(estimator, name) is None else getattr(estimator, name)
            for name, default in used.items()}


class LinearRegression(RegressorMixin, BaseEstimator):
    r"""Least-squares linear regression with optional L2 regularisation.

    Solves the :func:`normal_equation` (the default, exact in one step) or
    minimises :func:`linear_cost` by batch gradient descent from
    $\theta = 0$.

    Parameters
    ----------
    solver : {"normal_equation", "gradient_descent"}, default="normal_equation"
    lam : float, default=0.0
        The L2 penalty $\lambda$; the intercept is not penalised.
    learning_rate : float, optional
        $\alpha$ for gradient descent (default 0.01, the course's); it must be
        below $2/d_{\max}$, equation (1.8). Scale the features first.
        Refused with the normal equation, which has no learning rate.
    max_iter : int, optional
        The most gradient-descent updates (default 1500). Refused with the
        normal equation.
    tol : float, optional
        Gradient descent stops once the gradient has shrunk to ``tol`` times
        its size at $\theta = 0$ (default 1e-6), and warns with a
        ``ConvergenceWarning`` if ``max_iter`` comes first. Refused with the
        normal equation.

    Attributes
    ----------
    coef_ : ndarray of shape (n,)
        $\theta_1, \dots, \theta_n$.
    intercept_ : float
        $\theta_0$.
    cost_history_ : ndarray of shape (n_iter_ + 1,)
        The training cost before the first update and after each one
        (one entry, the final cost, for the normal equation).
    n_iter_ : int
        Updates made by gradient descent. Not set by the normal equation,
        which does not iterate (as scikit-learn's closed-form estimators).
    n_features_in_ : int

    Examples
    --------
    See the [linear regression chapter](../linear-models/linear-regression.md).
    """

    _SOLVERS = {
        "normal_equation": {},
        "gradient_descent": {"learning_rate": 0.01, "max_iter": 1500, "tol": 1e-6},
    }

    def __init__(self, solver="normal_equation", lam=0.0, learning_rate=None, max_iter=None,
                 tol=None):
        self.solver = solver
        self.lam = lam
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol

    @one_blas_thread
    def fit(self, X, y, sample_weight=None):
        r"""Learn ``coef_`` and ``intercept_`` from ``X`` (m, n), without the column of ones, and ``y`` (m,).

        ``sample_weight`` (m,), non-negative, weighs each example's squared
        error: the cost becomes
        $rac{1}{2\sum_i s_i}ig[\sum_i s_i (	heta^\mathsf{T} x^{(i)} - y^{(i)})^2
        + \lambda \sum_{j \ge 1} 	heta_j^2ig]$, (1.11) when every weight is 1,
        so an integer weight counts an example that many times and a weight of
        0 leaves it out.
        """
        check_option(self.solver, "solver", tuple(self._SOLVERS))
        check_scalar(self.lam, "lam", low=0)
        options = _solver_options(self, self.solver, self._SOLVERS)
        X, y = check_X_y(X, y, estimator=True)
        check_scale(X)
        check_scale(y.reshape(-1, 1), "y")
        v, lam_factor = _normalised_weights(sample_weight, X.shape[0])
        lam = self.lam * lam_factor
        Xb = add_intercept(X)  # (m, n+1)
        # Weighted rows: sqrt(v_i) times row i of [1, X] and of y turns the
        # weighted squares into plain ones, so (1.11)-(1.13) apply unchanged.
        root = None if v is None else np.sqrt(v)
        Xv, yv = (Xb, y) if root is None else (root[:, None] * Xb, root * y)
        if self.solver == "normal_equation":
            theta = self._centred_normal_equation(X, y, Xb, v, lam)
            costs = np.array([_linear_cost(theta, Xv, yv, lam)])
        else:
            check_scalar(options["learning_rate"], "learning_rate", low=0, include_low=False)
            check_scalar(options["max_iter"], "max_iter", low=1, integer=True)
            check_scalar(options["tol"], "tol", low=0, include_low=False)

            def cost_and_gradient(theta):
                return _linear_cost(theta, Xv, yv, lam), _linear_gradient(theta, Xv, yv, lam)

            theta, costs = gradient_descent(cost_and_gradient, np.zeros(Xb.shape[1]), **options)
        self.intercept_ = float(theta[0])
        self.coef_ = theta[1:]
        self.cost_history_ = costs
        if self.solver == "gradient_descent":
            self.n_iter_ = len(costs) - 1
        else:  # closed form: no iterations to count, as scikit-learn's closed-form fits
            self.__dict__.pop("n_iter_", None)
        self.n_features_in_ = X.shape[1]
        return self

    def _centred_normal_equation(self, X, y, Xb, v, lam):
        """(1.13) solved on centred data, then the intercept recovered.

        The intercept is not penalised, so at the minimum it is
        mean(y) - mean(X) @ w, and w solves the normal equation of the centred
        data without the column of ones. Centring first keeps a feature far
        from zero (a year, a position in metres) from squaring its offset into
        X^T X, where it would swamp the information in its spread. With
        weights ``v`` the means are weighted and row i is multiplied by
        sqrt(v_i).

        Without a penalty, dependent columns (a constant feature, one-hot
        columns for every category, fewer examples than features) leave
        infinitely many minimisers. Then the one of smallest norm is returned,
        the pseudo-inverse's $w = X_c^+ y_c$ (what scikit-learn returns), with
        a ``RankWarning`` that names the columns and the fix.
        """
        x_mean, y_mean = np.average(X, axis=0, weights=v), np.average(y, weights=v)  # (n,), scalar
        Xc, yc = X - x_mean, y - y_mean  # (m, n), (m,)
        if v is not None:
            root = np.sqrt(v)
            Xc, yc = root[:, None] * Xc, root * yc
        if lam == 0:
            # A constant feature (tested exactly: its rounded mean may differ from its
            # value in the last bit) is, centred, a column of exact zeros.
            constant = np.ptp(X if v is None else X[v > 0], axis=0) == 0  # (n,)
            Xc[:, constant] = 0.0
            # One factor for every column: squares of values near 1e-300 would
            # underflow to 0 (and call full-rank data singular), and a common
            # factor keeps the minimum-norm solution the minimum-norm one.
            unit = float(np.max(np.abs(Xc)))
            unit = unit if unit > 0 else 1.0
            Xs = Xc / unit  # (m, n), largest entry 1
            # The rank as numpy's matrix_rank counts it: singular values below
            # max(m, n) * eps of the largest are rounding, not information.
            singular = scipy.linalg.svdvals(Xs)
            cutoff = max(Xs.shape) * np.finfo(np.float64).eps
            full_rank = Xs.shape[0] >= Xs.shape[1] and singular[-1] > cutoff * singular[0]
            try:
                if not full_rank:
                    raise _SingularError
                w = _solve_normal_system(Xs.T @ Xs, Xs.T @ yc) / unit
            except _SingularError:
                warnings.warn(
                    _singular_message(Xb, lam, intercept=True, fallback=True),
                    np.exceptions.RankWarning, stacklevel=_stacklevel())
                w = scipy.linalg.lstsq(Xs, yc, cond=cutoff)[0] / unit
        else:
            try:
                w = _solve_normal_system(Xc.T @ Xc + lam * np.eye(X.shape[1]), Xc.T @ yc)
            except _SingularError:
                raise ValueError(_singular_message(Xb, lam, intercept=True)) from None
        return np.r_[y_mean - x_mean @ w, w]

    def predict(self, X):
        r"""$\hat y = X\,\mathrm{coef\_} + \mathrm{intercept\_}$ for ``X`` of shape (m, n)."""
        check_is_fitted(self, "coef_")
        X = check_array(X)
        check_n_features(self, X)
        return X @ self.coef_ + self.intercept_
