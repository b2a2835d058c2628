"""The shared input checks (mlbook._validation)."""

import numpy as np
import pytest

from mlbook._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_scalar,
    check_theta,
    check_X_y,
)
from mlbook.exceptions import NotFittedError


# --- check_array -----------------------------------------------------------


def test_check_array_returns_float64_copy_of_lists():
    arr = check_array([[1, 2], [3, 4]])
    assert arr.dtype == np.float64
    assert arr.shape == (2, 2)


def test_check_array_1d_gives_reshape_hint():
    with pytest.raises(ValueError, match=r"got a 1-D array of shape \(3,\).*X\.reshape\(-1, 1\)"):
        check_array([1.0, 2.0, 3.0])


def test_check_array_scalar_is_named():
    with pytest.raises(ValueError, match="got the scalar"):
        check_array(5.0)


def test_check_array_column_where_vector_expected_gives_ravel_hint():
    with pytest.raises(ValueError, match=r"Expected a 1-D array for y, got shape \(3, 1\).*y\.ravel\(\)"):
        check_array(np.ones((3, 1)), "y", ndim=1)


def test_check_array_3d_message():
    with pytest.raises(ValueError, match=r"Expected a 2-D array for X, got 3-D"):
        check_array(np.ones((2, 2, 2)))


@pytest.mark.parametrize(("bad", "shown"), [(np.nan, "nan"), (np.inf, "inf"), (-np.inf, "-inf")])
def test_check_array_non_finite_names_the_first_index(bad, shown):
    X = np.ones((3, 2))
    X[1, 0] = bad
    X[2, 1] = np.nan  # only the first offender is named
    with pytest.raises(ValueError, match=rf"contains NaN or infinity \(first at index \[1, 0\]: {shown}\)"):
        check_array(X)


def test_check_array_strings_raise_type_error():
    with pytest.raises(TypeError, match="X must hold numbers.*Encode text or categories"):
        check_array([["a", "b"], ["c", "d"]])


def test_check_array_complex_raises_value_error():
    # "Complex data not supported" is the phrase scikit-learn's checks look for.
    with pytest.raises(ValueError, match=r"Complex data not supported: X is complex.*X\.real"):
        check_array(np.ones((2, 2)) + 1j)


@pytest.mark.parametrize("shape", [(0, 3), (0,), (0, 0)])
def test_check_array_without_samples_raises(shape):
    ndim = len(shape)
    with pytest.raises(ValueError, match=r"X has 0 sample\(s\) \(shape=\(0,.*minimum of 1"):
        check_array(np.empty(shape), ndim=ndim)


def test_check_array_without_features_says_features_not_samples():
    with pytest.raises(ValueError, match=r"X has 0 feature\(s\) \(shape=\(5, 0\)\) while a "
                                         r"minimum of 1 is required"):
        check_array(np.empty((5, 0)))


# --- check_X_y, check_theta ------------------------------------------------


def test_check_X_y_length_mismatch_message():
    with pytest.raises(ValueError, match=r"X has 3 rows \(samples\) but y has 2 entries"):
        check_X_y(np.ones((3, 2)), [1.0, 2.0])


def test_check_X_y_returns_arrays():
    X, y = check_X_y([[1, 2], [3, 4]], [5, 6])
    assert X.shape == (2, 2)
    assert y.shape == (2,)


def test_check_theta_wrong_length_mentions_add_intercept():
    with pytest.raises(ValueError, match=r"theta has 2 entries but X has 3 columns.*add_intercept"):
        check_theta([0.0, 0.0], 3)


def test_check_theta_accepts_right_length():
    assert check_theta([0, 1, 2], 3).dtype == np.float64


# --- check_scalar ----------------------------------------------------------


@pytest.mark.parametrize("value", [True, False])
def test_check_scalar_rejects_bool(value):
    with pytest.raises(TypeError, match="must be a real number, got .* of type bool"):
        check_scalar(value, "alpha")


def test_check_scalar_integer_rejects_float():
    with pytest.raises(TypeError, match="max_iter must be an integer, got 1.5 of type float"):
        check_scalar(1.5, "max_iter", integer=True)


def test_check_scalar_rejects_string():
    with pytest.raises(TypeError, match="alpha must be a real number"):
        check_scalar("0.1", "alpha")


@pytest.mark.parametrize("value", [np.nan, np.inf])
def test_check_scalar_rejects_non_finite(value):
    with pytest.raises(ValueError, match="alpha must be finite"):
        check_scalar(value, "alpha")


def test_check_scalar_low_inclusive():
    assert check_scalar(0, "lam", low=0) == 0
    with pytest.raises(ValueError, match="lam must be >= 0, got -1"):
        check_scalar(-1, "lam", low=0)


def test_check_scalar_low_exclusive():
    with pytest.raises(ValueError, match="alpha must be > 0, got 0"):
        check_scalar(0, "alpha", low=0, include_low=False)


def test_check_scalar_high():
    assert check_scalar(1.0, "p", high=1.0) == 1.0
    with pytest.raises(ValueError, match="p must be <= 1.0, got 1.5"):
        check_scalar(1.5, "p", high=1.0)


def test_check_scalar_accepts_numpy_numbers():
    assert check_scalar(np.int64(3), "max_iter", integer=True) == 3
    assert check_scalar(np.float64(0.5), "alpha") == 0.5


# --- check_option, check_is_fitted, check_n_features -----------------------


def test_check_option_lists_the_choices():
    assert check_option("a", "solver", ("a", "b")) == "a"
    with pytest.raises(ValueError, match="solver must be one of 'a', 'b'; got 'c'"):
        check_option("c", "solver", ("a", "b"))


class _Model:
    pass


def test_check_is_fitted_raises_not_fitted_error():
    with pytest.raises(NotFittedError, match="This _Model instance is not fitted yet"):
        check_is_fitted(_Model(), "coef_")


def test_not_fitted_error_is_value_error_and_attribute_error():
    assert issubclass(NotFittedError, ValueError)
    assert issubclass(NotFittedError, AttributeError)
    for base in (ValueError, AttributeError):
        with pytest.raises(base):
            check_is_fitted(_Model(), "coef_")


def test_check_is_fitted_passes_when_attribute_set():
    model = _Model()
    model.coef_ = np.zeros(2)
    assert check_is_fitted(model, "coef_") is None


def test_check_n_features_message():
    model = _Model()
    model.n_features_in_ = 3
    check_n_features(model, np.ones((2, 3)))
    with pytest.raises(ValueError, match="X has 4 features, but _Model is expecting 3 features"):
        check_n_features(model, np.ones((2, 4)))
