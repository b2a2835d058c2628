"""Central-difference gradients and the relative error (mlbook.gradcheck)."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlbook.gradcheck import componentwise_error, numerical_gradient, relative_error


@pytest.fixture
def quadratic(rng):
    """f(x) = x^T A x with a non-symmetric A, whose gradient is (A + A^T) x."""
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)
    return A, x, (lambda t: t @ A @ t)


# --- numerical_gradient ----------------------------------------------------


def test_numerical_gradient_of_quadratic(quadratic):
    A, x, f = quadratic
    # Central differences are exact for a quadratic up to rounding.
    assert relative_error(numerical_gradient(f, x), (A + A.T) @ x) < 1e-10


def test_numerical_gradient_hand_value():
    # f(x) = 3 x0^2 + x0 x1 at (1, 2): df/dx0 = 6 x0 + x1 = 8, df/dx1 = x0 = 1.
    grad = numerical_gradient(lambda t: 3 * t[0] ** 2 + t[0] * t[1], [1.0, 2.0])
    np.testing.assert_allclose(grad, [8.0, 1.0], rtol=1e-10)


def test_numerical_gradient_keeps_2d_shape(rng):
    W = rng.normal(size=(2, 3))
    Theta = rng.normal(size=(2, 3))
    grad = numerical_gradient(lambda T: np.sum(W * np.sin(T)), Theta)
    assert grad.shape == (2, 3)
    assert relative_error(grad, W * np.cos(Theta)) < 1e-8


def test_numerical_gradient_does_not_modify_theta(quadratic):
    _, x, f = quadratic
    before = x.copy()
    numerical_gradient(f, x)
    assert_array_equal(x, before)


def test_numerical_gradient_evaluates_f_at_unperturbed_neighbours():
    # Each call must see theta changed in exactly one entry, by +-eps.
    start = np.array([1.0, 2.0, 3.0])
    seen = []

    def record(t):
        seen.append(t.copy())
        return 0.0

    numerical_gradient(record, start, eps=0.5)
    assert len(seen) == 6
    for t in seen:
        assert np.count_nonzero(t != start) == 1
        assert np.abs(t - start).max() == 0.5


@pytest.mark.parametrize("eps", [0.0, -1e-4])
def test_numerical_gradient_rejects_non_positive_eps(eps):
    with pytest.raises(ValueError, match="eps must be > 0"):
        numerical_gradient(lambda t: 0.0, [1.0], eps=eps)


# --- relative_error --------------------------------------------------------


def test_relative_error_zero_for_equal():
    assert relative_error([1.0, -2.0, 3.0], [1.0, -2.0, 3.0]) == 0.0


def test_relative_error_zero_for_both_zero():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0


def test_relative_error_hand_values():
    # |3 - 1| / max(3, 1) = 2 / 3.
    assert relative_error([3.0], [1.0]) == pytest.approx(2 / 3, rel=1e-15)
    # a = (1, 0), b = (0, 1): |(1, -1)| / max(1, 1) = sqrt(2).
    assert relative_error([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2), rel=1e-15)


def test_relative_error_is_symmetric_and_bounded(rng):
    for _ in range(20):
        a, b = rng.normal(size=5), rng.normal(size=5) * rng.uniform(0, 10)
        assert relative_error(a, b) == relative_error(b, a)
        assert 0.0 <= relative_error(a, b) <= 2.0


def test_relative_error_accepts_2d():
    a = np.arange(6.0).reshape(2, 3)
    assert relative_error(a, a) == 0.0


def test_relative_error_of_a_flipped_sign_is_exactly_two():
    # The old measure |a - b| / |a + b| divided by zero (or by rounding noise) here.
    assert relative_error([1.0, -2.0], [-1.0, 2.0]) == 2.0


def test_relative_error_against_zero_is_one():
    # A gradient that forgot everything is 100% wrong, not infinitely wrong.
    assert relative_error([0.0, 0.0], [3.0, 4.0]) == 1.0


def test_relative_error_shape_mismatch_raises():
    with pytest.raises(ValueError, match=r"a has shape \(2,\) but b has shape \(3,\)"):
        relative_error([1.0, 2.0], [1.0, 2.0, 3.0])


def test_relative_error_rejects_nan():
    with pytest.raises(ValueError, match="b contains NaN"):
        relative_error([1.0, 2.0], [1.0, np.nan])


# --- the check can fail ----------------------------------------------------


def test_gradient_missing_a_term_is_detected(quadratic):
    A, x, f = quadratic
    wrong = 2 * A @ x  # forgot that A is not symmetric: the A^T x term is missing
    assert relative_error(numerical_gradient(f, x), wrong) > 0.1


def test_gradient_off_by_factor_two_is_detected(quadratic):
    A, x, f = quadratic
    # |g - g/2| / max(|g|, |g/2|) = (1/2) |g| / |g| = 1/2, whatever g is.
    wrong = 0.5 * (A + A.T) @ x
    assert relative_error(numerical_gradient(f, x), wrong) == pytest.approx(1 / 2, rel=1e-8)


# --- lists of arrays (a network's weights) -----------------------------------


def test_numerical_gradient_of_a_list_returns_a_list_shaped_alike(rng):
    A, B = rng.normal(size=(2, 3)), rng.normal(size=(4,))

    def f(ws):
        assert isinstance(ws, list) and len(ws) == 2
        return np.sum(np.sin(ws[0])) + np.sum(ws[1] ** 3)

    grads = numerical_gradient(f, [A, B], eps=1e-5)
    assert [g.shape for g in grads] == [(2, 3), (4,)]
    assert relative_error(grads, [np.cos(A), 3 * B**2]) < 1e-9


def test_relative_error_of_lists_is_that_of_the_concatenation(rng):
    a = [rng.normal(size=(2, 2)), rng.normal(size=3)]
    b = [rng.normal(size=(2, 2)), rng.normal(size=3)]
    flat = relative_error(np.r_[a[0].ravel(), a[1]], np.r_[b[0].ravel(), b[1]])
    assert relative_error(a, b) == pytest.approx(flat, rel=1e-15)


def test_relative_error_refuses_lists_shaped_differently():
    with pytest.raises(ValueError, match=r"a has shape \[\(2,\)\] but b has shape \[\(3,\)\]"):
        relative_error([np.zeros(2)], [np.zeros(3)])


# --- componentwise_error: no small component hides behind a large one --------


def test_componentwise_error_hand_value():
    # Component 0 is off by 1 in 100 (0.01); component 1 by 1 in 10^4 (1e-4).
    assert componentwise_error([100.0, 1e4], [101.0, 1e4 + 1]) == pytest.approx(1 / 101, rel=1e-12)


def test_componentwise_error_sees_what_the_norm_hides():
    # A 1% error in a component 10^4 times smaller than the other is 1e-6 of the norm.
    a, b = np.array([1.0, 1e4]), np.array([1.01, 1e4])
    assert relative_error(a, b) < 1.1e-6
    assert componentwise_error(a, b) == pytest.approx(0.01 / 1.01, rel=1e-12)


def test_componentwise_error_floor_judges_tiny_components_absolutely():
    # A component 1e-9 of the largest with rounding noise of 1e-12 * largest:
    # relative to itself it is wrong in the 3rd digit; against the floor it is noise.
    a = np.array([1.0, 1e-9])
    b = np.array([1.0, 1e-9 + 1e-12])
    assert componentwise_error(a, b, floor=0.0) == pytest.approx(1e-12 / (1e-9 + 1e-12), rel=1e-6)
    assert componentwise_error(a, b) == pytest.approx(1e-12 / 1e-4, rel=1e-6)


def test_componentwise_error_is_bounded_and_zero_for_zeros(rng):
    a = rng.normal(size=5)
    assert componentwise_error(a, -a) == pytest.approx(2.0)
    assert componentwise_error(np.zeros(3), np.zeros(3)) == 0.0
    assert componentwise_error([0.0, 1.0], [0.0, 1.0], floor=0.0) == 0.0


def test_componentwise_error_refuses_bad_floor_and_shapes():
    with pytest.raises(ValueError, match=r"floor=1.0 must be below 1"):
        componentwise_error([1.0], [1.0], floor=1.0)
    with pytest.raises(ValueError, match=r"floor must be >= 0"):
        componentwise_error([1.0], [1.0], floor=-0.1)
    with pytest.raises(ValueError, match=r"a has shape \(2,\) but b has shape \(3,\)"):
        componentwise_error(np.zeros(2), np.zeros(3))


@pytest.fixture(scope="module")
def raw_diabetes():
    """Chapter 1's gradient check: raw (unscaled) diabetes features, a random theta."""
    from sklearn.datasets import load_diabetes

    from mlbook.preprocessing import add_intercept

    data = load_diabetes(scaled=False)
    theta = np.random.default_rng(0).normal(size=data.data.shape[1] + 1)
    return add_intercept(data.data), data.target, theta


def test_wrong_penalties_pass_the_norm_but_fail_componentwise(raw_diabetes):
    # On raw features the gradient's norm is dominated by the large-unit columns,
    # so penalising theta_0 (chapter 1's pitfall) hides below the norm-wise 1e-7
    # that chapter asserts; the componentwise error does not let it.
    from mlbook.linear_model import linear_cost, linear_gradient

    Xb, y, theta = raw_diabetes
    m, lam = len(y), 0.1
    numeric = numerical_gradient(lambda t: linear_cost(t, Xb, y, lam), theta)
    right = linear_gradient(theta, Xb, y, lam)
    penalised_intercept = right + lam / m * np.r_[theta[0], np.zeros(len(theta) - 1)]
    assert componentwise_error(right, numeric) < 1e-8
    assert relative_error(penalised_intercept, numeric) < 1e-7  # the norm passes it...
    assert componentwise_error(penalised_intercept, numeric) > 1e-6  # ...this does not


@pytest.fixture(scope="module")
def debug_network():
    """The network chapter's debugging problem: weights [3, 5, 3] from debug_weights."""
    from mlbook.neural_network import debug_weights

    weights = debug_weights([3, 5, 3])
    X = np.sin(np.arange(1, 16)).reshape(5, 3)
    Y = np.eye(3)[np.arange(5) % 3]
    return weights, X, Y


@pytest.mark.parametrize("mistake", ["g_prime_of_a", "missing_bias_block"])
def test_network_mistakes_fail_the_books_threshold(debug_network, mistake):
    # Two mistakes that the norm-wise measure reports only at about 1e-3 and 1e-2
    # (a sigmoid derivative applied to an activation; the first layer's bias
    # gradient left out) fail the componentwise check at the network chapter's
    # threshold, while the right gradient passes it.
    from mlbook import sigmoid_gradient
    from mlbook.neural_network import cost_and_gradient, forward, nn_cost, output_delta

    weights, X, Y = debug_network
    m, lam = len(X), 3.0
    numeric = numerical_gradient(lambda w: nn_cost(w, X, Y, lam), weights)
    _, right = cost_and_gradient(weights, X, Y, lam)
    A, Z = forward(weights, X)
    Delta3 = output_delta(A[3], Y, Z[3])
    wrong = [g.copy() for g in right]
    if mistake == "g_prime_of_a":  # g'(A2) where (4.11) has g'(Z2)
        Delta2 = (Delta3 @ weights[1][:, 1:]) * sigmoid_gradient(A[2])
        wrong[0][:, 1:] = Delta2.T @ A[1] / m + lam / m * weights[0][:, 1:]
        wrong[0][:, 0] = Delta2.sum(axis=0) / m
    else:
        wrong[0][:, 0] = 0.0
    assert componentwise_error(right, numeric) < 1e-7
    assert componentwise_error(wrong, numeric) > 1e-3
