"""Softmax (multinomial) regression: cost and gradient (mlbook.linear_model)."""

import numpy as np
import pytest
import sklearn.datasets
import sklearn.linear_model
from numpy.testing import assert_allclose

from mlbook.gradcheck import numerical_gradient, relative_error
from mlbook.linear_model import logistic_cost, logistic_gradient, softmax_cost, softmax_gradient
from mlbook.optimize import minimize_lbfgs
from mlbook.preprocessing import StandardScaler, add_intercept

# Toy problem: m = 2, K = 3, one feature. With Theta below the logits are
# Z = X Theta^T = [[log 2, 0, 0], [0, log 2, log 2]]:
#   row 1: e^z = (2, 1, 1), softmax (1/2, 1/4, 1/4), true class 0: -log(1/2)
#   row 2: e^z = (1, 2, 2), softmax (1/5, 2/5, 2/5), true class 2: -log(2/5)
# J(lam=0) = (log 2 + log(5/2)) / 2 = log(5) / 2.
# J(lam=4) adds 4/(2*2) * (sum of squares of column 1) = 3 * (log(2) / 2)^2.
# P - Y = [[-1/2, 1/4, 1/4], [1/5, 2/5, -3/5]];
# (P - Y)^T X / 2 with X = [[1, 1], [1, -1]]:
#   class 0: (-1/2 + 1/5, -1/2 - 1/5) / 2 = (-3/20, -7/20)
#   class 1: (1/4 + 2/5, 1/4 - 2/5) / 2 = (13/40, -3/40)
#   class 2: (1/4 - 3/5, 1/4 + 3/5) / 2 = (-7/40, 17/40)
LOG2 = np.log(2.0)
X_TOY = np.array([[1.0, 1.0], [1.0, -1.0]])
Y_TOY = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
THETA_TOY = np.array([[LOG2 / 2, LOG2 / 2], [LOG2 / 2, -LOG2 / 2], [LOG2 / 2, -LOG2 / 2]])
GRAD_TOY = np.array([[-3 / 20, -7 / 20], [13 / 40, -3 / 40], [-7 / 40, 17 / 40]])


@pytest.fixture(scope="module")
def iris():
    data = sklearn.datasets.load_iris()
    X = StandardScaler().fit_transform(data.data)  # (150, 4)
    return X, data.target


def test_toy_logits_are_as_stated():
    assert_allclose(X_TOY @ THETA_TOY.T, [[LOG2, 0, 0], [0, LOG2, LOG2]], atol=1e-15)


@pytest.mark.parametrize(
    ("lam", "expected"), [(0.0, np.log(5) / 2), (4.0, np.log(5) / 2 + 3 * LOG2**2 / 4)]
)
def test_softmax_cost_hand_value(lam, expected):
    assert softmax_cost(THETA_TOY, X_TOY, Y_TOY, lam) == pytest.approx(expected, rel=1e-14)


def test_softmax_gradient_hand_value():
    assert_allclose(softmax_gradient(THETA_TOY, X_TOY, Y_TOY), GRAD_TOY, rtol=1e-14)


def test_softmax_gradient_penalty_leaves_out_the_intercepts():
    grad = softmax_gradient(THETA_TOY, X_TOY, Y_TOY, lam=4.0)
    assert_allclose(grad[:, 0], GRAD_TOY[:, 0], rtol=1e-14)
    assert_allclose(grad[:, 1], GRAD_TOY[:, 1] + 4.0 * THETA_TOY[:, 1] / 2, rtol=1e-14)


@pytest.mark.parametrize("K", [2, 3, 10])
def test_softmax_cost_at_zero_is_log_K(rng, K):
    X = add_intercept(rng.normal(size=(15, 3)))
    Y = np.eye(K)[rng.integers(0, K, size=15)]
    assert softmax_cost(np.zeros((K, 4)), X, Y) == pytest.approx(np.log(K), rel=1e-15)


@pytest.mark.parametrize("lam", [0.0, 0.3, 5.0])
def test_softmax_gradient_matches_central_difference(iris, rng, lam):
    X, y = iris
    Xb, Y = add_intercept(X[::3]), np.eye(3)[y[::3]]
    Theta = rng.normal(size=(3, 5))
    numeric = numerical_gradient(lambda T: softmax_cost(T, Xb, Y, lam), Theta)
    assert relative_error(softmax_gradient(Theta, Xb, Y, lam), numeric) < 1e-8


def test_softmax_with_two_classes_is_logistic_regression(rng):
    # e^{z1} / (e^{z0} + e^{z1}) = g(z1 - z0): softmax with K = 2 is logistic
    # regression with theta = Theta[1] - Theta[0].
    X = add_intercept(rng.normal(size=(25, 3)))
    y = rng.integers(0, 2, size=25)
    Theta = rng.normal(size=(2, 4))
    theta = Theta[1] - Theta[0]
    expected = logistic_cost(theta, X, y)
    assert softmax_cost(Theta, X, np.eye(2)[y]) == pytest.approx(expected, rel=1e-13)
    # The gradient with respect to Theta[1] is the logistic gradient; Theta[0]'s is its negative.
    grad = softmax_gradient(Theta, X, np.eye(2)[y])
    assert_allclose(grad[1], logistic_gradient(theta, X, y), rtol=1e-12)
    assert_allclose(grad[0], -grad[1], rtol=1e-12)


def test_softmax_is_unchanged_by_a_common_shift_of_the_intercepts(rng):
    X = add_intercept(rng.normal(size=(10, 2)))
    Y = np.eye(4)[rng.integers(0, 4, size=10)]
    Theta = rng.normal(size=(4, 3))
    shifted = Theta.copy()
    shifted[:, 0] += 7.0
    expected = softmax_cost(Theta, X, Y, 1.0)
    assert softmax_cost(shifted, X, Y, 1.0) == pytest.approx(expected, rel=1e-13)
    # ... so the intercept gradients always sum to zero across the classes.
    assert softmax_gradient(Theta, X, Y, 1.0)[:, 0].sum() == pytest.approx(0.0, abs=1e-15)


def test_softmax_is_stable_at_extreme_logits():
    # Logits (1000, -1000) and (-1000, 1000), both wrong: each costs 2000.
    X = np.array([[1.0, 1.0], [1.0, -1.0]])
    Y = np.array([[0.0, 1.0], [1.0, 0.0]])
    Theta = np.array([[0.0, 1000.0], [0.0, -1000.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        assert softmax_cost(Theta, X, Y) == 2000.0
        grad = softmax_gradient(Theta, X, Y)
    # P - Y = [[1, -1], [-1, 1]]; (P - Y)^T X / 2 = [[0, 1], [0, -1]].
    assert_allclose(grad, [[0.0, 1.0], [0.0, -1.0]], atol=0)


def test_softmax_wrong_theta_shape_raises():
    with pytest.raises(ValueError, match=r"Theta has shape \(3, 3\).*needs shape \(3, 2\)"):
        softmax_cost(np.zeros((3, 3)), X_TOY, Y_TOY)


@pytest.mark.parametrize(
    "Y",
    [
        np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]),  # a row sums to 2
        np.array([[2.0, -1.0, 0.0], [0.0, 0.0, 1.0]]),  # sums to 1, entries outside [0, 1]
    ],
)
def test_softmax_targets_not_one_hot_raise(Y):
    with pytest.raises(ValueError, match=r"Y must be one-hot.*np\.eye\(K\)\[y\]"):
        softmax_gradient(THETA_TOY, X_TOY, Y)


def test_softmax_negative_lam_raises():
    with pytest.raises(ValueError, match="lam must be >= 0"):
        softmax_cost(THETA_TOY, X_TOY, Y_TOY, lam=-0.1)


def test_softmax_agrees_with_sklearn_multinomial(iris):
    # Same mapping as the binary case: C = 1/lam, intercepts not penalised.
    # The intercepts are fixed only up to a common shift; both fits start at 0
    # and every gradient's intercept column sums to 0, so both keep sum 0.
    X, y = iris
    Xb, Y, lam = add_intercept(X), np.eye(3)[y], 1.0

    def fun(t):
        Theta = t.reshape(3, -1)
        return softmax_cost(Theta, Xb, Y, lam), softmax_gradient(Theta, Xb, Y, lam).ravel()

    theta, _ = minimize_lbfgs(fun, np.zeros(15), max_iter=1000, tol=1e-14)
    Theta = theta.reshape(3, -1)
    theirs = sklearn.linear_model.LogisticRegression(C=1 / lam, tol=1e-10, max_iter=10_000)
    theirs.fit(X, y)
    reference = np.c_[theirs.intercept_, theirs.coef_]
    assert np.max(np.abs(Theta - reference)) / np.max(np.abs(reference)) < 1e-9
    assert Theta[:, 0].sum() == pytest.approx(0.0, abs=1e-10)
