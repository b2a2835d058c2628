"""StandardScaler, add_intercept and map_feature (mlbook.preprocessing)."""

import numpy as np
import pytest
import sklearn.preprocessing
from numpy.testing import assert_allclose, assert_array_equal

from mlbook.exceptions import NotFittedError
from mlbook.preprocessing import StandardScaler, add_intercept, map_feature


@pytest.fixture
def X(rng):
    # Columns on very different scales, as in the house-price data.
    return rng.normal(loc=[2000.0, 3.0, -1.0], scale=[800.0, 1.0, 0.01], size=(30, 3))


# --- StandardScaler --------------------------------------------------------


def test_scaler_ddof0_matches_sklearn(X):
    ours = StandardScaler(ddof=0).fit(X)
    theirs = sklearn.preprocessing.StandardScaler().fit(X)
    assert_allclose(ours.mean_, theirs.mean_, rtol=1e-14)
    assert_allclose(ours.scale_, theirs.scale_, rtol=1e-14)
    assert_allclose(ours.transform(X), theirs.transform(X), rtol=1e-12, atol=1e-13)


def test_scaler_default_is_ddof0():
    assert StandardScaler().ddof == 0


def test_scaler_ddof1_matches_numpy_std(X):
    scaler = StandardScaler(ddof=1).fit(X)
    assert_allclose(scaler.scale_, np.std(X, axis=0, ddof=1), rtol=1e-14)
    assert_allclose(scaler.mean_, np.mean(X, axis=0), rtol=1e-14)


@pytest.mark.parametrize("ddof", [0, 1])
def test_scaler_output_has_zero_mean_and_unit_std(X, ddof):
    Z = StandardScaler(ddof=ddof).fit_transform(X)
    # x - mean is exact up to the rounding of x and of the mean, about eps |x|; divided
    # by the std, about eps |x| / std: 1e-14 for the column of mean -1 and std 0.01.
    atol = 4 * np.finfo(float).eps * np.abs(X).max(axis=0) / X.std(axis=0)
    assert np.all(np.abs(Z.mean(axis=0)) <= atol)
    assert_allclose(Z.std(axis=0, ddof=ddof), 1.0, rtol=1e-14)


@pytest.mark.parametrize("ddof", [0, 1])
def test_scaler_constant_columns_become_zeros_silently(ddof):
    # 0.1 is not a binary fraction: the mean of ten 0.1s is rounded, and the
    # computed std is ~1e-17 instead of 0. Dividing by it would give +-1.
    X = np.column_stack([np.full(10, 0.1), np.full(10, 5.0), np.arange(10.0)])
    with np.errstate(all="raise"):
        scaler = StandardScaler(ddof=ddof).fit(X)
        Z = scaler.transform(X)
    assert_array_equal(scaler.scale_[:2], [1.0, 1.0])
    assert_allclose(Z[:, :2], 0.0, atol=1e-15)  # 0 up to the rounding of the mean


def test_scaler_inverse_transform_round_trip(X):
    scaler = StandardScaler().fit(X)
    assert_allclose(scaler.inverse_transform(scaler.transform(X)), X, rtol=1e-13)


def test_scaler_fit_transform_equals_fit_then_transform(X):
    assert_array_equal(StandardScaler().fit_transform(X), StandardScaler().fit(X).transform(X))


def test_scaler_fit_returns_self(X):
    scaler = StandardScaler()
    assert scaler.fit(X) is scaler
    assert scaler.n_features_in_ == 3


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_scaler_before_fit_raises_not_fitted(X, method):
    with pytest.raises(NotFittedError, match="This StandardScaler instance is not fitted yet"):
        getattr(StandardScaler(), method)(X)


def test_scaler_wrong_number_of_features_raises(X):
    scaler = StandardScaler().fit(X)
    with pytest.raises(ValueError, match="X has 2 features, but StandardScaler is expecting 3 features"):
        scaler.transform(X[:, :2])


def test_scaler_too_few_samples_for_ddof_raises():
    with pytest.raises(ValueError, match="X has 1 samples, but ddof=1 needs more than 1"):
        StandardScaler(ddof=1).fit([[1.0, 2.0]])


@pytest.mark.parametrize(("ddof", "error"), [(-1, ValueError), (0.5, TypeError)])
def test_scaler_bad_ddof_raises(X, ddof, error):
    with pytest.raises(error, match="ddof must be"):
        StandardScaler(ddof=ddof).fit(X)


def test_scaler_get_set_params_and_repr():
    scaler = StandardScaler()
    assert scaler.get_params() == {"ddof": 0, "with_mean": True, "with_std": True}
    assert repr(scaler) == "StandardScaler()"
    assert scaler.set_params(ddof=1) is scaler
    assert scaler.get_params() == {"ddof": 1, "with_mean": True, "with_std": True}
    assert repr(scaler) == "StandardScaler(ddof=1)"


# --- add_intercept ---------------------------------------------------------


def test_add_intercept_prepends_ones(X):
    Xb = add_intercept(X)
    assert Xb.shape == (30, 4)
    assert_array_equal(Xb[:, 0], np.ones(30))
    assert_array_equal(Xb[:, 1:], X)


def test_add_intercept_is_column_major_and_leaves_x_alone(X):
    # Column-major on purpose: the optimisers' products X theta and X^T r are
    # faster on it. The input is copied, never changed.
    before = np.array(X, copy=True)
    Xb = add_intercept(X)
    assert Xb.flags.f_contiguous
    assert_array_equal(np.asarray(X), before)


def test_add_intercept_1d_gives_reshape_hint():
    with pytest.raises(ValueError, match=r"reshape\(-1, 1\)"):
        add_intercept([1.0, 2.0, 3.0])


# --- map_feature -----------------------------------------------------------


def test_map_feature_degree_2_column_order():
    x1, x2 = np.array([2.0, 3.0]), np.array([5.0, 7.0])
    # [x1, x2, x1^2, x1*x2, x2^2]
    expected = [[2, 5, 4, 10, 25], [3, 7, 9, 21, 49]]
    assert_array_equal(map_feature(x1, x2, degree=2), expected)


def test_map_feature_degree_6_has_27_columns(rng):
    assert map_feature(rng.normal(size=5), rng.normal(size=5)).shape == (5, 27)


@pytest.mark.parametrize("degree", range(1, 9))
def test_map_feature_column_count_formula(degree):
    assert map_feature([1.0], [2.0], degree=degree).shape == (1, degree * (degree + 3) // 2)


def test_map_feature_last_column_is_x2_to_the_degree():
    assert map_feature([2.0], [3.0], degree=6)[0, -1] == 3.0**6


def test_map_feature_mismatched_lengths_raise():
    with pytest.raises(ValueError, match="x1 has 3 entries but x2 has 2"):
        map_feature([1.0, 2.0, 3.0], [1.0, 2.0])


def test_map_feature_degree_zero_raises():
    with pytest.raises(ValueError, match="degree must be >= 1"):
        map_feature([1.0], [2.0], degree=0)


@pytest.mark.parametrize("with_mean", [True, False])
@pytest.mark.parametrize("with_std", [True, False])
def test_with_mean_and_with_std_match_scikit_learn(with_mean, with_std):
    import sklearn.preprocessing

    X = np.random.default_rng(0).normal(3.0, 2.0, size=(40, 3))
    ours = StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    theirs = sklearn.preprocessing.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours.inverse_transform(ours.transform(X)), X, rtol=1e-12)


def test_with_mean_must_be_a_bool():
    with pytest.raises(TypeError, match="with_mean must be True or False, got 'no'"):
        StandardScaler(with_mean="no").fit([[1.0], [2.0]])


def test_the_normal_equation_sets_no_n_iter():
    from mlbook.linear_model import LinearRegression

    X = np.random.default_rng(0).normal(size=(20, 2))
    model = LinearRegression(solver="gradient_descent", learning_rate=0.1).fit(X, X[:, 0])
    assert model.n_iter_ >= 1
    model.set_params(solver="normal_equation", learning_rate=None).fit(X, X[:, 0])
    assert not hasattr(model, "n_iter_")  # no stale count from the earlier solver
