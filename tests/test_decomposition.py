"""Principal component analysis (mlbook.decomposition)."""

import numpy as np
import pytest
import sklearn.datasets
import sklearn.decomposition
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal

from mlbook.base import clone
from mlbook.decomposition import PCA, principal_components, project_data, recover_data
from mlbook.decomposition._pca import _n_components_for_variance
from mlbook.exceptions import NotFittedError
from mlbook.gradcheck import numerical_gradient, relative_error

# Toy data by hand: the orthonormal directions u1 = (0.8, 0.6) and u2 = (-0.6, 0.8),
# and four centred points at +-3 u1 and +-1 u2:
#   Sigma = (2 * 9 u1 u1^T + 2 * 1 u2 u2^T) / 4, so d = (4.5, 0.5), omega = sqrt(4 d) = (sqrt 18, sqrt 2).
#   Z = X U = [[3, 0], [-3, 0], [0, 1], [0, -1]].
#   Keeping k = 1: X_approx = Z[:, :1] u1^T = +-3 u1 and 0, 0; the mean squared error is
#   (0 + 0 + 1 + 1) / 4 = 0.5 = d_2.
#   Sign rule: u1's largest entry (0.8) is positive; u2's largest (0.8) is positive too.
U1, U2 = np.array([0.8, 0.6]), np.array([-0.6, 0.8])
X_TOY = np.array([3 * U1, -3 * U1, U2, -U2])  # (4, 2), centred
Z_TOY = np.array([[3.0, 0.0], [-3.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
SHIFT = np.array([1.0, -2.0])  # a mean for the estimator to remove


@pytest.fixture(scope="module")
def digits():
    return sklearn.datasets.load_digits().data / 16.0  # (1797, 64)


def mean_squared_error(X, X_approx):
    return np.mean(np.sum((X - X_approx) ** 2, axis=1))


# --- toy case, by hand -------------------------------------------------------


def test_principal_components_toy_by_hand():
    U, d = principal_components(X_TOY)
    assert_allclose(U, np.column_stack([U1, U2]), atol=1e-15)
    assert_allclose(d, [4.5, 0.5], rtol=1e-15)


def test_project_and_recover_toy_by_hand():
    U, _ = principal_components(X_TOY)
    assert_allclose(project_data(X_TOY, U, 2), Z_TOY, atol=1e-15)
    Z1 = project_data(X_TOY, U, 1)
    assert_allclose(Z1, Z_TOY[:, :1], atol=1e-15)
    X_approx = recover_data(Z1, U)
    assert_allclose(X_approx, [3 * U1, -3 * U1, [0, 0], [0, 0]], atol=1e-15)
    assert mean_squared_error(X_TOY, X_approx) == pytest.approx(0.5, rel=1e-14)


def test_estimator_toy_by_hand():
    pca = PCA(n_components=1).fit(X_TOY + SHIFT)
    assert_allclose(pca.mean_, SHIFT, atol=1e-15)
    assert_allclose(pca.components_, [U1], atol=1e-15)
    assert_allclose(pca.explained_variance_, [4.5], rtol=1e-14)
    assert_allclose(pca.singular_values_, [np.sqrt(18.0)], rtol=1e-14)
    assert_allclose(pca.explained_variance_ratio_, [0.9], rtol=1e-14)
    assert (pca.n_components_, pca.n_samples_, pca.n_features_in_) == (1, 4, 2)
    assert_allclose(pca.transform(X_TOY + SHIFT), Z_TOY[:, :1], atol=1e-14)
    recovered = pca.inverse_transform(pca.transform(X_TOY + SHIFT))
    assert_allclose(recovered, [3 * U1 + SHIFT, -3 * U1 + SHIFT, SHIFT, SHIFT], atol=1e-14)


def test_whitened_toy_by_hand():
    # sqrt(d) = (sqrt 4.5, sqrt 0.5): the coordinates (3, 1) become (3 / sqrt 4.5, 1 / sqrt 0.5).
    pca = PCA(whiten=True).fit(X_TOY)
    expected = Z_TOY / np.sqrt([4.5, 0.5])
    assert_allclose(pca.transform(X_TOY), expected, atol=1e-14)
    assert_allclose(pca.inverse_transform(expected), X_TOY, atol=1e-14)


# --- optimality conditions, checked numerically --------------------------------


def test_directions_satisfy_the_eigen_equation(digits):
    # Equation (8.8): Sigma u_j = d_j u_j, the stationarity condition of the Lagrangian.
    X = digits - digits.mean(axis=0)
    Sigma = X.T @ X / len(X)
    U, d = principal_components(X)
    assert np.linalg.norm(Sigma @ U - U * d) / np.linalg.norm(Sigma) < 1e-13


def test_lagrangian_gradient_matches_central_differences(digits, rng):
    X = digits[:300] - digits[:300].mean(axis=0)
    Sigma = X.T @ X / len(X)
    u = rng.normal(size=64)
    nu = 0.7

    def lagrangian(v):
        return v @ Sigma @ v - nu * (v @ v - 1)

    analytic = 2 * Sigma @ u - 2 * nu * u
    assert relative_error(analytic, numerical_gradient(lagrangian, u)) < 1e-8


def test_projection_error_is_the_sum_of_discarded_variances(digits):
    # Equation (8.9), for every k.
    X = digits - digits.mean(axis=0)
    U, d = principal_components(X)
    for k in range(1, 65):
        error = mean_squared_error(X, recover_data(project_data(X, U, k), U))
        assert error == pytest.approx(d[k:].sum(), abs=1e-12 * d.sum())


def test_no_random_subspace_beats_the_principal_one(digits, rng):
    X = digits - digits.mean(axis=0)
    U, d = principal_components(X)
    for k in (1, 5, 20):
        for _ in range(20):
            B = np.linalg.qr(rng.normal(size=(64, k)))[0]  # (64, k) orthonormal
            assert mean_squared_error(X, X @ B @ B.T) > d[k:].sum()


def test_svd_keeps_a_component_that_forming_sigma_loses():
    # Rows +-(1, 1), +-(t, 0), +-(0, t): X^T X = [[2 + 2t^2, 2], [2, 2 + 2t^2]] rounds to
    # [[2, 2], [2, 2]] for t = 1e-9, whose second eigenvalue is 0; exactly, d_2 = 2 t^2 / 6.
    t = 1e-9
    X = np.array([[1, 1], [-1, -1], [t, 0], [-t, 0], [0, t], [0, -t]])
    assert np.linalg.eigvalsh(X.T @ X / 6)[0] < 1e-16
    _, d = principal_components(X)
    assert d[1] == pytest.approx(2 * t**2 / 6, rel=1e-8)


# --- agreement with scikit-learn ----------------------------------------------
# Mapping (equation (8.15)): components_ and singular_values_ and
# explained_variance_ratio_ are the same; sklearn's explained_variance_ divides
# omega^2 by m - 1 where ours divides by m, so theirs = ours * m / (m - 1); with
# whiten=True sklearn divides by the square root of its own variance, so its
# whitened coordinates are ours * sqrt((m - 1) / m). Both use the same sign
# rule (svd_flip with u_based_decision=False), so components agree entry by entry.


@pytest.mark.parametrize("n_components", [1, 2, 20, 40, 0.5, 0.9, 0.99, None])
def test_agrees_with_sklearn_full_svd_on_digits(digits, n_components):
    m = len(digits)
    ours = PCA(n_components=n_components).fit(digits)
    theirs = sklearn.decomposition.PCA(n_components=n_components, svd_solver="full").fit(digits)
    assert ours.n_components_ == theirs.n_components_
    k = min(ours.n_components_, 60)  # the last 4 components have zero variance: not unique
    assert_allclose(ours.components_[:k], theirs.components_[:k], atol=1e-10)
    assert_allclose(ours.singular_values_, theirs.singular_values_, rtol=1e-12, atol=1e-12)
    assert_allclose(ours.explained_variance_ * m / (m - 1), theirs.explained_variance_,
                    rtol=1e-12, atol=1e-14)
    assert_allclose(ours.explained_variance_ratio_, theirs.explained_variance_ratio_,
                    rtol=1e-12, atol=1e-14)
    assert_allclose(ours.mean_, theirs.mean_, atol=1e-15)
    assert_allclose(ours.transform(digits)[:, :k], theirs.transform(digits)[:, :k], atol=1e-10)


def test_explained_variance_is_sklearns_times_m_minus_1_over_m(digits):
    m = len(digits)
    ours = PCA(n_components=10).fit(digits).explained_variance_
    theirs = sklearn.decomposition.PCA(n_components=10, svd_solver="full").fit(digits)
    assert_allclose(ours, theirs.explained_variance_ * (m - 1) / m, rtol=1e-12)
    # and both are the squared singular values over their own denominators
    assert_allclose(ours, theirs.singular_values_**2 / m, rtol=1e-12)


def test_whitening_agrees_with_sklearn_up_to_the_m_factor(digits):
    m = len(digits)
    ours = PCA(n_components=15, whiten=True).fit(digits)
    theirs = sklearn.decomposition.PCA(n_components=15, whiten=True, svd_solver="full").fit(digits)
    assert_allclose(theirs.transform(digits), ours.transform(digits) * np.sqrt((m - 1) / m),
                    atol=1e-10)
    assert_allclose(ours.inverse_transform(ours.transform(digits)),
                    theirs.inverse_transform(theirs.transform(digits)), atol=1e-10)


def test_agrees_with_sklearn_on_wide_data(rng):
    X = rng.normal(size=(8, 30)) @ np.diag(np.linspace(1, 3, 30))  # m < n
    ours = PCA().fit(X)
    theirs = sklearn.decomposition.PCA(svd_solver="full").fit(X)
    assert ours.components_.shape == (8, 30) == theirs.components_.shape
    k = 7  # centred data of 8 rows has rank 7: the 8th direction is arbitrary
    assert_allclose(ours.components_[:k], theirs.components_[:k], atol=1e-10)
    assert_allclose(ours.singular_values_[:k], theirs.singular_values_[:k], rtol=1e-12)
    assert ours.singular_values_[k] < 1e-12 * ours.singular_values_[0]


# --- the float n_components rule ------------------------------------------------


@pytest.mark.parametrize("tau", [0.3, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999])
def test_float_keeps_the_fewest_components_that_reach_the_fraction(digits, tau):
    cumulative = np.cumsum(PCA().fit(digits).explained_variance_ratio_)
    k = PCA(n_components=tau).fit(digits).n_components_
    assert cumulative[k - 1] >= tau
    assert k == 1 or cumulative[k - 2] < tau


def test_float_rule_at_an_exact_tie_reaches_rather_than_exceeds():
    # Cumulative ratios 0.25, 0.5, 0.75, 1: "at least 0.5" is k = 2 (sklearn's "more than" gives 3).
    ratio = np.full(4, 0.25)
    assert _n_components_for_variance(ratio, 0.5) == 2
    assert _n_components_for_variance(ratio, 0.5000001) == 3
    assert _n_components_for_variance(ratio, 0.25) == 1
    assert _n_components_for_variance(ratio, 1e-12) == 1


def test_float_rule_never_exceeds_the_number_of_components():
    # Rounding may leave the sum of the ratios a hair below 1; the rule still finds a k.
    ratio = np.array([0.7, 0.2, 0.1 - 1e-16])
    assert _n_components_for_variance(ratio, 0.9999999999999999) == 3


def test_none_keeps_min_m_n(rng):
    assert PCA().fit(rng.normal(size=(10, 4))).n_components_ == 4
    assert PCA().fit(rng.normal(size=(3, 7))).n_components_ == 3


# --- invariants (hypothesis) ------------------------------------------------------

matrices = st.tuples(st.integers(1, 25), st.integers(1, 8)).flatmap(
    lambda shape: arrays(np.float64, shape,
                         elements=st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)))


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_components_are_orthonormal(X):
    pca = PCA().fit(X)
    k = pca.n_components_
    assert pca.components_.shape == (k, X.shape[1])
    assert_allclose(pca.components_ @ pca.components_.T, np.eye(k), atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_reconstruction_error_falls_with_k_to_the_discarded_variance(X):
    # Data whose every column is constant up to a few rounding steps has no
    # variance; its centred residue cannot be told from an uncentred column.
    assume(np.ptp(X, axis=0).max() > 1e-8 * np.abs(X).max() or np.all(np.ptp(X, axis=0) == 0))
    Xc = X - X.mean(axis=0)
    U, d = principal_components(Xc)
    # Rounding errors are relative to the size of the data before centring.
    scale = np.sum(X**2) / len(X) + 1e-300
    errors = [mean_squared_error(Xc, recover_data(project_data(Xc, U, k), U))
              for k in range(1, U.shape[1] + 1)]
    assert np.all(np.diff(errors) <= 1e-12 * scale)
    assert_allclose(errors, [d[k:].sum() for k in range(1, U.shape[1] + 1)],
                    atol=1e-12 * scale)
    assert errors[-1] <= 1e-12 * scale or X.shape[0] <= X.shape[1]


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_sign_rule_makes_the_largest_entry_positive(X):
    components = PCA().fit(X).components_
    largest = components[np.arange(len(components)), np.argmax(np.abs(components), axis=1)]
    assert np.all(largest > 0)


# --- determinism ---------------------------------------------------------------


def test_same_components_whatever_the_row_order(digits, rng):
    a = PCA(n_components=30).fit(digits)
    b = PCA(n_components=30).fit(digits[rng.permutation(len(digits))])
    assert_allclose(a.components_, b.components_, atol=1e-10)


def test_refitting_gives_identical_results(digits):
    a = PCA(n_components=10).fit(digits)
    b = PCA(n_components=10).fit(digits)
    assert_array_equal(a.components_, b.components_)


# --- the estimator's conventions ---------------------------------------------------


def test_fit_transform_is_fit_then_transform(digits):
    assert_allclose(PCA(5).fit_transform(digits), PCA(5).fit(digits).transform(digits))


def test_transformed_training_data_is_centred_and_uncorrelated(digits):
    pca = PCA(n_components=10).fit(digits)
    Z = pca.transform(digits)
    assert_allclose(Z.mean(axis=0), 0, atol=1e-13)
    assert_allclose(Z.T @ Z / len(Z), np.diag(pca.explained_variance_), atol=1e-12)


def test_whitened_training_data_has_identity_covariance(digits):
    Z = PCA(n_components=20, whiten=True).fit_transform(digits)
    assert_allclose(Z.T @ Z / len(Z), np.eye(20), atol=1e-10)


def test_inverse_transform_of_all_components_is_the_identity(rng):
    X = rng.normal(size=(30, 5))
    pca = PCA().fit(X)
    assert_allclose(pca.inverse_transform(pca.transform(X)), X, atol=1e-13)


def test_inputs_are_not_modified(digits):
    X = digits[:100].copy()
    before = X.copy()
    pca = PCA(n_components=3, whiten=True).fit(X)
    Z = pca.transform(X)
    Z_before = Z.copy()
    pca.inverse_transform(Z)
    principal_components(X - X.mean(axis=0))
    assert_array_equal(X, before)
    assert_array_equal(Z, Z_before)


def test_params_repr_and_clone():
    pca = PCA(n_components=0.9, whiten=True)
    assert pca.get_params() == {"n_components": 0.9, "whiten": True}
    assert repr(pca) == "PCA(n_components=0.9, whiten=True)"
    assert repr(PCA()) == "PCA()"
    assert clone(pca).get_params() == pca.get_params()


def test_fit_returns_self_and_ignores_y(rng):
    X = rng.normal(size=(10, 3))
    pca = PCA()
    assert pca.fit(X, y=np.arange(10)) is pca


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_use_before_fit_raises(method):
    with pytest.raises(NotFittedError, match="not fitted yet"):
        getattr(PCA(), method)(np.zeros((2, 2)))


# --- refusals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "k"), [((5, 64), 6), ((100, 3), 4), ((1, 4), 2)]
)
def test_refuses_more_components_than_min_m_n(rng, shape, k):
    X = rng.normal(size=shape)
    with pytest.raises(ValueError, match=rf"n_components={k} must be between 1 and min\(m, n\)"):
        PCA(n_components=k).fit(X)


@pytest.mark.parametrize(
    ("n_components", "error", "match"),
    [
        (0, ValueError, "must be between 1 and"),
        (-1, ValueError, "must be between 1 and"),
        (1.0, ValueError, "strictly between 0 and 1.*pass the int 1"),
        (3.0, ValueError, "pass the int 3"),
        (0.0, ValueError, "strictly between 0 and 1"),
        (-0.5, ValueError, "strictly between 0 and 1"),
        (float("nan"), ValueError, "strictly between 0 and 1"),
        (True, TypeError, "n_components must be an int"),
        ("all", TypeError, "n_components must be an int"),
        ([2], TypeError, "n_components must be an int"),
    ],
)
def test_refuses_bad_n_components(rng, n_components, error, match):
    with pytest.raises(error, match=match):
        PCA(n_components=n_components).fit(rng.normal(size=(10, 4)))


def test_accepts_numpy_scalars(rng):
    X = rng.normal(size=(10, 4))
    assert PCA(n_components=np.int64(2)).fit(X).n_components_ == 2
    assert PCA(n_components=np.float64(0.999999)).fit(X).n_components_ == 4


@pytest.mark.parametrize("whiten", [1, "yes", None])
def test_refuses_non_boolean_whiten(rng, whiten):
    with pytest.raises(TypeError, match="whiten must be True or False"):
        PCA(whiten=whiten).fit(rng.normal(size=(10, 4)))


def test_refuses_to_whiten_a_zero_variance_component(rng):
    X = rng.normal(size=(20, 3))
    X = np.column_stack([X, X[:, 0] + X[:, 1]])  # rank 3 among 4 features
    assert PCA(n_components=3, whiten=True).fit(X).n_components_ == 3
    with pytest.raises(ValueError, match="component 4 has zero variance.*rank 3"):
        PCA(n_components=4, whiten=True).fit(X)


def test_data_without_variance(rng):
    X = np.tile(rng.normal(size=4), (6, 1))  # six equal rows
    pca = PCA().fit(X)
    assert_array_equal(pca.explained_variance_, 0.0)
    assert_array_equal(pca.explained_variance_ratio_, 0.0)
    assert_allclose(pca.transform(X), 0.0, atol=1e-15)
    with pytest.raises(ValueError, match="no variance"):
        PCA(n_components=0.5).fit(X)
    with pytest.raises(ValueError, match="zero variance"):
        PCA(n_components=1, whiten=True).fit(X)


def test_a_single_example(rng):
    pca = PCA().fit(rng.normal(size=(1, 5)))
    assert pca.n_components_ == 1 and pca.explained_variance_[0] == 0.0


def test_refuses_values_whose_variances_overflow(rng):
    with pytest.raises(ValueError, match="overflow float64. Divide X by a constant"):
        PCA().fit(1e300 * rng.normal(size=(10, 3)))
    with pytest.raises(ValueError, match="overflow"):
        principal_components(np.array([[1e300], [-1e300]]))


@pytest.mark.parametrize("scale", [1e-150, 1e100])
def test_extreme_but_legal_scales_give_scaled_results(rng, scale):
    X = rng.normal(size=(30, 4))
    base = PCA(n_components=0.9).fit(X)
    with np.errstate(all="raise"):
        scaled = PCA(n_components=0.9).fit(scale * X)
    assert scaled.n_components_ == base.n_components_
    assert_allclose(scaled.components_, base.components_, atol=1e-12)
    assert_allclose(scaled.explained_variance_ratio_, base.explained_variance_ratio_, rtol=1e-12)
    assert_allclose(scaled.singular_values_, scale * base.singular_values_, rtol=1e-12)


def test_ratio_survives_variances_that_underflow(rng):
    # omega ~ 1e-170 gives d ~ 1e-340, below the smallest double; the ratios do not need d.
    X = 1e-170 * rng.normal(size=(30, 4))
    pca = PCA().fit(X)
    assert pca.explained_variance_ratio_.sum() == pytest.approx(1.0)
    assert_allclose(pca.explained_variance_ratio_,
                    PCA().fit(X * 1e170).explained_variance_ratio_, rtol=1e-10)


def test_principal_components_refuses_uncentred_data(digits):
    with pytest.raises(ValueError, match=r"not mean-centred: column \d+ has mean.*X - X.mean"):
        principal_components(digits)


def test_principal_components_refuses_uncentred_columns_next_to_centred_ones(rng):
    X = rng.normal(size=(20, 3))
    X -= X.mean(axis=0)
    X[:, 1] += 0.01
    with pytest.raises(ValueError, match="column 1 has mean 0.01"):
        principal_components(X)


def test_principal_components_accepts_rounding_level_means(rng):
    X = rng.normal(size=(50, 3)) + 1e6
    U, d = principal_components(X - X.mean(axis=0))
    assert U.shape == (3, 3)


def test_project_data_checks_its_arguments(rng):
    X = rng.normal(size=(10, 4))
    U, _ = principal_components(X - X.mean(axis=0))
    with pytest.raises(ValueError, match="U has 4 rows but the data has 3 columns"):
        project_data(X[:, :3], U, 2)
    with pytest.raises(ValueError, match="k must be between 1 and 4, got 5"):
        project_data(X, U, 5)
    with pytest.raises(TypeError, match="k must be an integer"):
        project_data(X, U, 2.0)


def test_recover_data_checks_its_arguments(rng):
    U = np.linalg.qr(rng.normal(size=(5, 3)))[0]
    with pytest.raises(ValueError, match="Z has 4 columns but U holds only 3 directions"):
        recover_data(np.zeros((2, 4)), U)
    with pytest.raises(ValueError, match="2-D array for Z"):
        recover_data(np.zeros(3), U)


def test_transform_checks_the_number_of_features(rng):
    pca = PCA(2).fit(rng.normal(size=(10, 4)))
    with pytest.raises(ValueError, match="X has 3 features, but PCA is expecting 4"):
        pca.transform(rng.normal(size=(5, 3)))
    with pytest.raises(ValueError, match="Z has 3 columns, but this PCA keeps 2 components"):
        pca.inverse_transform(rng.normal(size=(5, 3)))


@pytest.mark.parametrize("bad", [np.array([[1.0, np.nan], [2.0, 3.0]]), np.zeros(3), "abc"])
def test_refuses_bad_data(bad):
    with pytest.raises((ValueError, TypeError)):
        PCA().fit(bad)


def test_principal_components_takes_constant_columns_as_zero(rng):
    # Centring a constant column leaves rounding residue, equal in every row.
    X = np.column_stack([rng.normal(size=13), np.full(13, 79.10511527)])
    Xc = X - X.mean(axis=0)
    U, d = principal_components(Xc)
    assert d[1] == 0.0
    assert_allclose(U, np.eye(2), atol=1e-15)
    U1d, d1d = principal_components(Xc[:, [1]])  # only the residue column
    assert_array_equal(d1d, [0.0])
