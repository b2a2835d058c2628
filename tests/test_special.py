"""The sigmoid, its derivative, softplus and the log-loss (mlbook._special)."""

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from mlbook import sigmoid, sigmoid_cross_entropy, sigmoid_gradient, softplus
from mlbook.gradcheck import relative_error

EPS = np.finfo(np.float64).eps
EXTREMES = np.array([-1e300, -1000.0, 1000.0, 1e300])
finite_floats = st.floats(allow_nan=False, allow_infinity=False)
# The same examples on every run (the tests' seeds are fixed), and no example
# database written into the working tree.
deterministic = settings(derandomize=True, database=None)


# --- hand-computed values --------------------------------------------------


def test_sigmoid_hand_values():
    # g(0) = 1/2; g(log 3) = 1 / (1 + 1/3) = 3/4; g(-log 3) = 1 / (1 + 3) = 1/4.
    assert sigmoid(0.0) == 0.5
    assert_allclose(sigmoid([np.log(3.0), -np.log(3.0)]), [0.75, 0.25], rtol=1e-15)


def test_sigmoid_keeps_shape():
    assert sigmoid(np.zeros((2, 3))).shape == (2, 3)


def test_sigmoid_gradient_hand_values():
    # g'(0) = 1/2 * 1/2; g'(log 3) = 3/4 * 1/4.
    assert sigmoid_gradient(0.0) == 0.25
    assert_allclose(sigmoid_gradient([np.log(3.0), -np.log(3.0)]), [3 / 16, 3 / 16], rtol=1e-15)


def test_softplus_hand_values():
    # log(1 + e^0) = log 2; log(1 + e^{log 3}) = log 4; log(1 + e^{-log 3}) = log(4/3).
    assert_allclose(
        softplus([0.0, np.log(3.0), -np.log(3.0)]),
        [np.log(2.0), np.log(4.0), np.log(4.0 / 3.0)],
        rtol=1e-15,
    )


def test_cross_entropy_hand_values():
    # y = [1, 0], z = [log 3, log 3]: g = 3/4 for both, so
    # J = (-log(3/4) - log(1 - 3/4)) / 2 = (log(4/3) + log 4) / 2.
    expected = (np.log(4.0 / 3.0) + np.log(4.0)) / 2
    assert sigmoid_cross_entropy([1.0, 0.0], [np.log(3.0)] * 2) == pytest.approx(expected, rel=1e-15)


def test_cross_entropy_divides_by_rows_not_entries():
    # Two rows of three zero logits: each entry costs log 2, six entries, m = 2.
    assert sigmoid_cross_entropy(np.ones((2, 3)), np.zeros((2, 3))) == pytest.approx(3 * np.log(2.0))


def test_cross_entropy_matches_naive_formula_for_moderate_logits(rng):
    y = rng.integers(0, 2, size=20).astype(float)
    z = rng.normal(scale=3.0, size=20)
    g = 1.0 / (1.0 + np.exp(-z))
    naive = np.mean(-y * np.log(g) - (1 - y) * np.log(1 - g))
    assert sigmoid_cross_entropy(y, z) == pytest.approx(naive, rel=1e-12)


# --- extreme inputs: exact and silent --------------------------------------


def test_sigmoid_exact_and_silent_at_extremes():
    with np.errstate(all="raise"):
        assert_array_equal(sigmoid(EXTREMES), [0.0, 0.0, 1.0, 1.0])


def test_sigmoid_gradient_exact_and_silent_at_extremes():
    with np.errstate(all="raise"):
        assert_array_equal(sigmoid_gradient(EXTREMES), [0.0, 0.0, 0.0, 0.0])


# softplus computes log1p(exp(-|z|)); for |z| >= 746 exp(-|z|) underflows to
# 0.0, which is the correctly rounded answer (numpy ignores underflow by
# default). Every other floating-point error must stay silent.
def test_softplus_exact_and_silent_at_extremes():
    with np.errstate(all="raise", under="ignore"):
        assert_array_equal(softplus(EXTREMES), [0.0, 0.0, 1000.0, 1e300])


@pytest.mark.parametrize(("y", "z", "expected"), [
    (0.0, 1000.0, 1000.0),   # confidently wrong: costs z, not inf
    (1.0, -1000.0, 1000.0),
    (1.0, 1000.0, 0.0),      # confidently right: costs nothing
    (0.0, -1000.0, 0.0),
    (0.0, 1e300, 1e300),
])
def test_cross_entropy_finite_at_extreme_logits(y, z, expected):
    with np.errstate(all="raise", under="ignore"):
        assert sigmoid_cross_entropy([y], [z]) == expected


def test_sigmoid_gradient_matches_central_difference():
    z = np.linspace(-10.0, 10.0, 41)
    h = 1e-5
    numeric = (sigmoid(z + h) - sigmoid(z - h)) / (2 * h)
    assert relative_error(sigmoid_gradient(z), numeric) < 1e-9


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_sigmoid_gradient_full_relative_precision_in_the_tails(sign):
    # g'(z) = e^{-|z|} / (1 + e^{-|z|})^2 exactly; g(z) * (1 - g(z)) would give
    # 0 from z = 37 on, because 1 - g(z) cancels.
    z = sign * np.arange(30.0, 701.0)
    e = np.exp(-np.abs(z))
    assert_allclose(sigmoid_gradient(z), e / (1.0 + e) ** 2, rtol=4 * EPS, atol=0)


# --- errors ----------------------------------------------------------------


def test_cross_entropy_shape_mismatch_raises():
    with pytest.raises(ValueError, match=r"y has shape \(3,\) but z has shape \(2,\)"):
        sigmoid_cross_entropy([0.0, 1.0, 1.0], [0.0, 1.0])


@pytest.mark.parametrize("bad", [-0.5, 1.5])
def test_cross_entropy_labels_outside_unit_interval_raise(bad):
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\].*Encode the classes as 0 and 1"):
        sigmoid_cross_entropy([0.0, bad], [0.0, 0.0])


# --- properties ------------------------------------------------------------


@deterministic
@given(finite_floats)
def test_sigmoid_in_unit_interval_and_symmetric(z):
    g = sigmoid(z)
    assert 0.0 <= g <= 1.0
    assert math.isclose(sigmoid(-z), 1.0 - g, rel_tol=0.0, abs_tol=4 * EPS)


@deterministic
@given(finite_floats)
@example(EPS)  # g(eps) rounds up to 1/2 + ulp, so g(eps) g(-eps) is 1/4 + ulp
def test_sigmoid_gradient_between_zero_and_a_quarter(z):
    # g(z) g(-z) <= 1/4 exactly; a product of two rounded halves can land one
    # ulp above it.
    assert 0.0 <= sigmoid_gradient(z) <= 0.25 * (1 + 2 * EPS)


@deterministic
@given(finite_floats)
def test_softplus_difference_is_identity(z):
    # log(1 + e^z) - log(1 + e^{-z}) = log(e^z) = z.
    assert math.isclose(softplus(z) - softplus(-z), z, rel_tol=4 * EPS, abs_tol=4 * EPS)
