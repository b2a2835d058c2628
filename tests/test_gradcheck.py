"""Central-difference gradients and the relative error (mlbook.gradcheck)."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlbook.gradcheck import numerical_gradient, relative_error


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
