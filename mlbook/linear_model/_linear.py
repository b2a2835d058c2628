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


def _singular_message(X, lam, intercept):
    """Why X^T X + lam I0 is singular, naming the columns, and what to do.

    ``X`` is the design matrix; ``intercept`` says that the estimator added
    its column 0 (so column k is the user's feature k - 1).
    """
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
    # The direction in which the scaled columns combine to (nearly) zero.
    _, _, Vt = np.linalg.svd(X / np.linalg.norm(X, axis=0), full_matrices=False)
    weights = np.abs(Vt[-1])
    names = [name(k) for k in np.flatnonzero(weights > 1e-3 * weights.max())]
    involved = ", ".join(names[:-1]) + " and " + names[-1]
    return (head + f"the columns of X are linearly dependent: a combination of {involved} is "
            f"zero up to rounding (a repeated or derived feature). Remove one of them, or "
            f"use lam > 0.")


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
    def fit(self, X, y):
        """Learn ``coef_`` and ``intercept_`` from ``X`` (m, n), without the column of ones, and ``y`` (m,)."""
        check_option(self.solver, "solver", tuple(self._SOLVERS))
        check_scalar(self.lam, "lam", low=0)
        options = _solver_options(self, self.solver, self._SOLVERS)
        X, y = check_X_y(X, y, estimator=True)
        check_scale(X)
        check_scale(y.reshape(-1, 1), "y")
        Xb = add_intercept(X)  # (m, n+1)
        if self.solver == "normal_equation":
            theta = self._centred_normal_equation(X, y, Xb)
            costs = np.array([_linear_cost(theta, Xb, y, self.lam)])
        else:
            check_scalar(options["learning_rate"], "learning_rate", low=0, include_low=False)
            check_scalar(options["max_iter"], "max_iter", low=1, integer=True)
            check_scalar(options["tol"], "tol", low=0, include_low=False)

            def cost_and_gradient(theta):
                return _linear_cost(theta, Xb, y, self.lam), _linear_gradient(theta, Xb, y, self.lam)

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

    def _centred_normal_equation(self, X, y, Xb):
        """(1.13) solved on centred data, then the intercept recovered.

        The intercept is not penalised, so at the minimum it is
        mean(y) - mean(X) @ w, and w solves the normal equation of the centred
        data without the column of ones. Centring first keeps a feature far
        from zero (a year, a position in metres) from squaring its offset into
        X^T X, where it would swamp the information in its spread.
        """
        if self.lam == 0:
            constant = np.flatnonzero(np.ptp(X, axis=0) == 0)
            if constant.size:  # centred, it is a column of zeros: say why
                raise ValueError(_singular_message(Xb, self.lam, intercept=True))
        x_mean, y_mean = X.mean(axis=0), y.mean()  # (n,), scalar
        Xc, yc = X - x_mean, y - y_mean  # (m, n), (m,)
        try:
            w = _solve_normal_system(Xc.T @ Xc + self.lam * np.eye(X.shape[1]), Xc.T @ yc)
        except _SingularError:
            raise ValueError(_singular_message(Xb, self.lam, intercept=True)) from None
        return np.r_[y_mean - x_mean @ w, w]

    def predict(self, X):
        r"""$\hat y = X\,\mathrm{coef\_} + \mathrm{intercept\_}$ for ``X`` of shape (m, n)."""
        check_is_fitted(self, "coef_")
        X = check_array(X)
        check_n_features(self, X)
        return X @ self.coef_ + self.intercept_
