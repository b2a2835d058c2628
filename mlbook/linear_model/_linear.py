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
    penalty = lam * (theta[1:] @ theta[1:])  # theta_0, the intercept, is left out
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
        the columns of ``X`` are linearly dependent.
    """
    X, y = check_X_y(X, y)
    check_scalar(lam, "lam", low=0)
    return _normal_equation(X, y, lam)


# --8<-- [start:normal-equation]
def _normal_equation(X, y, lam):
    I0 = np.eye(X.shape[1])
    I0[0, 0] = 0.0  # the intercept is not regularised
    A = X.T @ X + lam * I0  # (n+1, n+1), symmetric positive (semi-)definite
    b = X.T @ y  # (n+1,)
    return _solve_normal_system(A, b)
# --8<-- [end:normal-equation]


def _solve_normal_system(A, b):
    """Solve A theta = b by Cholesky; a singular A is the user's error, said plainly."""
    try:
        with warnings.catch_warnings():
            # Singular to working precision (rcond < eps) is singular: the
            # "solution" scipy would return with its warning is rounding noise.
            warnings.simplefilter("error", scipy.linalg.LinAlgWarning)
            return scipy.linalg.solve(A, b, assume_a="pos")
    except (scipy.linalg.LinAlgError, scipy.linalg.LinAlgWarning):
        raise ValueError(
            "X^T X + lam * I0 is singular: the columns of X are linearly dependent "
            "(a repeated feature, or more features than samples). Remove the dependent "
            "columns or use lam > 0."
        ) from None


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
        Updates made (0 for the normal equation).
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
        X, y = check_X_y(X, y)
        Xb = add_intercept(X)  # (m, n+1)
        if self.solver == "normal_equation":
            theta = _normal_equation(Xb, y, self.lam)
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
        self.n_iter_ = len(costs) - 1
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X):
        r"""$\hat y = X\,\mathrm{coef\_} + \mathrm{intercept\_}$ for ``X`` of shape (m, n)."""
        check_is_fitted(self, "coef_")
        X = check_array(X)
        check_n_features(self, X)
        return X @ self.coef_ + self.intercept_
