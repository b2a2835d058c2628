"""Gradient descent and L-BFGS (mlbook.optimize)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.optimize import rosen, rosen_der

from mlbook.exceptions import ConvergenceWarning
from mlbook.optimize import gradient_descent, minimize_lbfgs

# J(theta) = 1/2 theta^T A theta - b^T theta, minimised where A theta = b.
A = np.array([[3.0, 1.0], [1.0, 2.0]])  # eigenvalues 1.38 and 3.62
b = np.array([1.0, -1.0])
THETA_STAR = np.linalg.solve(A, b)  # (0.6, -0.8)


def quadratic(theta):
    return 0.5 * theta @ A @ theta - b @ theta, A @ theta - b


def rosenbrock(theta):
    return rosen(theta), rosen_der(theta)


# --- gradient_descent ------------------------------------------------------


def test_gradient_descent_one_exact_step_in_1d():
    # J = (theta - 3)^2, J' = 2 (theta - 3); from 0 with alpha = 1/2:
    # theta_1 = 0 - 1/2 * 2 * (0 - 3) = 3, where J = 0.
    theta, costs = gradient_descent(lambda t: ((t[0] - 3) ** 2, 2 * (t - 3)), [0.0], 0.5, 1)
    assert_array_equal(theta, [3.0])
    assert_array_equal(costs, [9.0, 0.0])


def test_gradient_descent_reaches_quadratic_minimiser():
    # |1 - alpha * lambda| <= 0.87 per step, so 500 steps shrink the error by 1e-30.
    theta, _ = gradient_descent(quadratic, np.zeros(2), 0.1, 500)
    assert_allclose(theta, THETA_STAR, rtol=1e-12)


def test_gradient_descent_costs_length_is_max_iter_plus_one():
    _, costs = gradient_descent(quadratic, np.zeros(2), 0.1, 37)
    assert costs.shape == (38,)
    assert costs[0] == 0.0  # J(0)


def test_gradient_descent_costs_never_rise_for_small_learning_rate():
    # 50 steps stay well above the rounding floor of J near its minimum, where
    # the cost can only wobble by one ulp.
    _, costs = gradient_descent(quadratic, np.array([5.0, -5.0]), 0.1, 50)
    assert np.all(np.diff(costs) <= 0)


def test_gradient_descent_max_iter_zero_returns_start():
    theta, costs = gradient_descent(quadratic, [1.0, 2.0], 0.1, 0)
    assert_array_equal(theta, [1.0, 2.0])
    assert costs.shape == (1,)


@pytest.mark.parametrize("learning_rate", [1.0, 1e6])
def test_gradient_descent_too_large_learning_rate_raises_without_warning(learning_rate):
    # alpha * lambda_max > 2: every step overshoots further.
    with np.errstate(all="raise"), pytest.raises(ValueError, match="diverged.*is too large"):
        gradient_descent(quadratic, np.array([1.0, 1.0]), learning_rate, 10_000)


def test_gradient_descent_tol_stops_once_the_gradient_has_shrunk_by_tol():
    tol = 1e-10
    theta, costs = gradient_descent(quadratic, np.zeros(2), 0.1, 10_000, tol=tol)
    start = np.linalg.norm(quadratic(np.zeros(2))[1])
    assert len(costs) < 10_001
    assert np.linalg.norm(quadratic(theta)[1]) <= tol * start
    # ... and not one step later than needed:
    previous, _ = gradient_descent(quadratic, np.zeros(2), 0.1, len(costs) - 2)
    assert np.linalg.norm(quadratic(previous)[1]) > tol * start


def test_gradient_descent_tol_unmet_warns_with_the_remaining_gradient():
    with pytest.warns(ConvergenceWarning, match=r"did not converge in max_iter=3 iterations: "
                                                r"the gradient norm is .* of its starting value"):
        _, costs = gradient_descent(quadratic, np.zeros(2), 0.1, 3, tol=1e-12)
    assert costs.shape == (4,)


def test_gradient_descent_started_at_the_minimum_stops_without_warning():
    # The starting gradient is rounding noise; the first step leaves J unchanged.
    theta, costs = gradient_descent(quadratic, THETA_STAR, 0.1, 100, tol=1e-8)
    assert len(costs) <= 2
    assert_allclose(theta, THETA_STAR, rtol=1e-15)


def test_gradient_descent_callback_receives_every_iterate():
    path = []
    theta, _ = gradient_descent(quadratic, np.zeros(2), 0.1, 5, callback=lambda t: path.append(t.copy()))
    assert len(path) == 5
    # The first update from 0 is -alpha * grad J(0) = alpha * b.
    assert_allclose(path[0], 0.1 * b, rtol=1e-15)
    assert_array_equal(path[-1], theta)


def test_gradient_descent_does_not_modify_theta0():
    theta0 = np.array([1.0, 2.0])
    gradient_descent(quadratic, theta0, 0.1, 10)
    assert_array_equal(theta0, [1.0, 2.0])


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"learning_rate": 0.0}, ValueError, "learning_rate must be > 0"),
    ({"learning_rate": -0.1}, ValueError, "learning_rate must be > 0"),
    ({"learning_rate": "0.1"}, TypeError, "learning_rate must be a real number"),
    ({"max_iter": -1}, ValueError, "max_iter must be >= 0"),
    ({"max_iter": 10.0}, TypeError, "max_iter must be an integer"),
    ({"tol": -1e-3}, ValueError, "tol must be >= 0"),
])
def test_gradient_descent_bad_arguments_raise(kwargs, error, match):
    arguments = {"learning_rate": 0.1, "max_iter": 10} | kwargs
    with pytest.raises(error, match=match):
        gradient_descent(quadratic, np.zeros(2), **arguments)


# --- minimize_lbfgs --------------------------------------------------------


def test_lbfgs_reaches_quadratic_minimiser():
    theta, _ = minimize_lbfgs(quadratic, np.zeros(2))
    assert_allclose(theta, THETA_STAR, rtol=1e-8)


def test_lbfgs_history_starts_at_initial_cost_and_never_rises():
    start = np.array([5.0, -5.0])
    _, costs = minimize_lbfgs(quadratic, start)
    assert costs[0] == quadratic(start)[0]
    assert len(costs) >= 2
    assert np.all(np.diff(costs) <= 0)


def test_lbfgs_reaches_rosenbrock_minimum():
    theta, _ = minimize_lbfgs(rosenbrock, np.zeros(10), max_iter=1000)
    assert_allclose(theta, np.ones(10), atol=1e-5)


def test_lbfgs_one_iteration_on_rosenbrock_warns():
    with pytest.warns(ConvergenceWarning, match="L-BFGS did not converge in max_iter=1 iterations"):
        _, costs = minimize_lbfgs(rosenbrock, np.zeros(10), max_iter=1)
    assert costs.shape == (2,)


def test_lbfgs_does_not_modify_theta0():
    theta0 = np.array([5.0, -5.0])
    minimize_lbfgs(quadratic, theta0)
    assert_array_equal(theta0, [5.0, -5.0])


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"max_iter": 0}, "max_iter must be >= 1"),
    ({"tol": 0.0}, "tol must be > 0"),
])
def test_lbfgs_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        minimize_lbfgs(quadratic, np.zeros(2), **kwargs)
