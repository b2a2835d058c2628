r"""Optimisers that return the parameters and the cost history.

Both take ``fun(theta) -> (cost, gradient)`` and return ``(theta, costs)``,
where ``costs[k]`` is the cost after ``k`` iterations (``costs[0]`` at the
start), so ``len(costs) - 1`` iterations were made. Both run with one BLAS
thread and restore the caller's setting when they return (see
``mlbook._threads``): called directly from a chapter, they are as fast as
inside an estimator's ``fit``.
"""

import warnings

import numpy as np
from scipy.optimize import minimize

from ._threads import one_blas_thread
from ._validation import check_array, check_scalar
from .exceptions import ConvergenceWarning, _sklearn_compatible, _stacklevel

__all__ = ["gradient_descent", "minimize_lbfgs"]


@one_blas_thread
def gradient_descent(fun, theta0, learning_rate, max_iter, tol=None, callback=None):
    r"""Batch gradient descent, $\theta := \theta - \alpha \nabla J(\theta)$.

    Every component of $\theta$ is updated at once from the same gradient.

    Parameters
    ----------
    fun : callable
        ``fun(theta) -> (J, grad)`` with ``grad`` the shape of ``theta``.
    theta0 : array_like of shape (p,)
        The start; not modified.
    learning_rate : float
        The step $\alpha > 0$.
    max_iter : int
        The most updates to make.
    tol : float or None, default=None
        ``None`` makes exactly ``max_iter`` updates (as the classic course
        does). A number stops as soon as the gradient has shrunk to ``tol``
        times its size at the start, $\lVert\nabla J(\theta)\rVert \le
        \text{tol}\,\lVert\nabla J(\theta_0)\rVert$; if that never happens,
        a ``ConvergenceWarning`` names the gradient that remains.
    callback : callable, optional
        ``callback(theta)`` after every update, as in ``scipy.optimize.minimize``
        (a chapter collects the path of the iterates this way).

    Returns
    -------
    theta : ndarray of shape (p,)
    costs : ndarray of shape (n_iter + 1,)
        The cost before the first update and after each one.

    Raises
    ------
    ValueError
        If the cost rises above its starting value: the learning rate is too
        large (or the features need scaling), and the iterates are diverging.
    """
    check_scalar(learning_rate, "learning_rate", low=0, include_low=False)
    check_scalar(max_iter, "max_iter", low=0, integer=True)
    if tol is not None:
        check_scalar(tol, "tol", low=0)
    theta = check_array(theta0, "theta0", ndim=1).copy()
    cost, grad = fun(theta)
    costs, start_norm = [cost], np.linalg.norm(grad)
    converged = start_norm == 0
    for _ in range(max_iter):
        if tol is not None and converged:
            break
        previous, theta = theta, theta - learning_rate * grad
        cost, grad = fun(theta)
        costs.append(cost)
        if callback is not None:
            callback(theta)
        # Divergence is caught while the numbers are still finite, long before
        # an overflow warning: a growing cost can only grow geometrically.
        if not cost <= costs[0]:
            raise ValueError(
                f"gradient descent diverged: the cost rose from {costs[0]:.6g} to {cost:.6g} "
                f"after {len(costs) - 1} iterations. learning_rate={learning_rate:.6g} is too large "
                f"for this problem; try a smaller one (say {learning_rate / 3:.3g}) or scale the "
                f"features (mlbook.preprocessing.StandardScaler)."
            )
        # Converged: the gradient has shrunk by tol, or the step was too small
        # to change theta at all (from a start at the minimum the starting
        # gradient is rounding noise, which no step can shrink further).
        converged = (np.linalg.norm(grad) <= (tol or 0.0) * start_norm
                     or np.array_equal(theta, previous))
    if tol is not None and not converged:
        remaining = np.linalg.norm(grad)
        warnings.warn(
            f"gradient descent did not converge in max_iter={max_iter} iterations: the "
            f"gradient norm is {remaining:.3g}, {remaining / start_norm:.3g} of its starting "
            f"value, above tol={tol:g}. Raise max_iter, raise learning_rate (it must stay "
            f"below 2 / the largest curvature), or scale the features.",
            _sklearn_compatible(ConvergenceWarning),
            stacklevel=_stacklevel(),
        )
    return theta, np.asarray(costs)


@one_blas_thread
def minimize_lbfgs(fun, theta0, max_iter=400, tol=1e-10):
    r"""Minimise with scipy's L-BFGS-B and record the cost at every iteration.

    L-BFGS builds a curvature estimate from recent gradients and picks its own
    step by line search, so there is no learning rate to tune.

    Parameters
    ----------
    fun : callable
        ``fun(theta) -> (J, grad)``.
    theta0 : array_like of shape (p,)
    max_iter : int, default=400
    tol : float, default=1e-10
        Passed to ``scipy.optimize.minimize`` as ``tol`` (it sets ``ftol``
        and ``gtol`` of L-BFGS-B).

    Returns
    -------
    theta : ndarray of shape (p,)
    costs : ndarray of shape (n_iter + 1,)

    Warns
    -----
    ConvergenceWarning
        If scipy reports that it stopped without converging: at ``max_iter``,
        or earlier because its line search found no step that lowers the cost
        (the message says which).

    Raises
    ------
    ValueError
        If not a single step could be taken from ``theta0`` (where the
        gradient is not zero): the result would be the start itself. This
        happens when the problem is scaled so badly that no step along the
        gradient lowers the cost, e.g. features of size $10^{100}$.
    """
    check_scalar(max_iter, "max_iter", low=1, integer=True)
    check_scalar(tol, "tol", low=0, include_low=False)
    theta0 = check_array(theta0, "theta0", ndim=1)
    costs = [fun(theta0)[0]]

    def record(intermediate_result):
        costs.append(float(intermediate_result.fun))

    result = minimize(
        fun, theta0, jac=True, method="L-BFGS-B", tol=tol,
        options={"maxiter": max_iter}, callback=record,
    )
    if not result.success:
        largest = float(np.max(np.abs(result.jac)))
        if result.nit == 0:
            raise ValueError(
                f"L-BFGS could not take a single step from the start (scipy: "
                f"{result.message.strip()}): its line search found no step that lowers the "
                f"cost, where the largest gradient entry is {largest:.3g}. This happens when "
                f"the features are on huge or very different scales; standardise them "
                f"(mlbook.preprocessing.StandardScaler)."
            )
        if result.nit < max_iter:
            why = (f"stopped after {result.nit} iterations, before max_iter={max_iter}: its "
                   f"line search found no step that lowers the cost (scipy: "
                   f"{result.message.strip()}), with the largest gradient entry at "
                   f"{largest:.3g}. The result may be inaccurate: scale the features, loosen "
                   f"tol, or, for a cost of your own, check its gradient (mlbook.gradcheck).")
        else:
            why = (f"did not converge in max_iter={max_iter} iterations (the largest gradient "
                   f"entry is {largest:.3g}). Raise max_iter or scale the features.")
        warnings.warn(f"L-BFGS {why}", _sklearn_compatible(ConvergenceWarning),
                      stacklevel=_stacklevel())
    return result.x, np.asarray(costs)
