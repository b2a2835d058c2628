"""Principal component analysis (mlbook.decomposition)."""

import numpy as np
import pytest
import sklearn.datasets
import scipy.stats
import sklearn.decomposition
import sklearn.model_selection
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
    # Centred data of 8 rows has rank 7: scikit-learn returns an 8th, arbitrary
    # direction of zero variance; mlbook keeps min(m - 1, n) = 7.
    k = 7
    assert ours.components_.shape == (k, 30) and theirs.components_.shape == (8, 30)
    assert_allclose(ours.components_, theirs.components_[:k], atol=1e-10)
    assert_allclose(ours.singular_values_, theirs.singular_values_[:k], rtol=1e-12)
    assert theirs.singular_values_[k] < 1e-12 * theirs.singular_values_[0]


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


def test_none_keeps_min_m_minus_1_n(rng):
    assert PCA().fit(rng.normal(size=(10, 4))).n_components_ == 4
    assert PCA().fit(rng.normal(size=(3, 7))).n_components_ == 2
    assert PCA().fit(rng.normal(size=(4, 3))).n_components_ == 3


def test_m_centred_points_span_m_minus_1_directions(rng):
    # The case: 10 x 300 data. A tenth component would be an arbitrary
    # null direction (scikit-learn's has variance about 1e-30); mlbook refuses it.
    X = rng.normal(size=(10, 300))
    pca = PCA(n_components=9).fit(X)
    assert pca.explained_variance_[-1] > 1e-3 * pca.explained_variance_[0]
    with pytest.raises(ValueError, match=r"between 1 and min\(m - 1, n\) = 9 .*m - 1 directions"):
        PCA(n_components=10).fit(X)
    theirs = sklearn.decomposition.PCA(n_components=10, svd_solver="full").fit(X)
    assert theirs.explained_variance_[-1] < 1e-20 * theirs.explained_variance_[0]


def test_float_never_keeps_the_null_direction(rng):
    X = rng.normal(size=(5, 40))
    assert PCA(n_components=0.999999999).fit(X).n_components_ <= 4


# --- invariants (hypothesis) ------------------------------------------------------

matrices = st.tuples(st.integers(2, 25), st.integers(1, 8)).flatmap(
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
    ("shape", "k"), [((5, 64), 5), ((100, 3), 4), ((2, 4), 2)]
)
def test_refuses_more_components_than_min_m_minus_1_n(rng, shape, k):
    X = rng.normal(size=shape)
    with pytest.raises(ValueError,
                       match=rf"n_components={k} must be between 1 and min\(m - 1, n\)"):
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


@pytest.mark.parametrize("params", [{}, {"whiten": True}, {"n_components": 1},
                                    {"n_components": 0.5, "whiten": True}])
def test_a_single_example_is_refused_without_suggesting_zero_components(rng, params):
    # One centred example is the zero vector. The old whitening message said
    # "n_components=0", which PCA itself refuses.
    with pytest.raises(ValueError, match="at least 2 examples, got 1 sample") as info:
        PCA(**params).fit(rng.normal(size=(1, 5)))
    assert "n_components=0" not in str(info.value)


def test_whitening_data_without_variance_does_not_suggest_zero_components(rng):
    X = np.tile(rng.normal(size=4), (6, 1))
    with pytest.raises(ValueError, match="no variance at all.*set whiten=False") as info:
        PCA(whiten=True).fit(X)
    assert "n_components=0" not in str(info.value)


# --- the probabilistic-PCA likelihood (score, score_samples) ----------------------


def _sklearn_with_our_variances(theirs, m):
    # scikit-learn divides by m - 1 (equation (8.15)); put its variances on our 1/m.
    theirs.explained_variance_ = theirs.explained_variance_ * (m - 1) / m
    theirs.noise_variance_ = theirs.noise_variance_ * (m - 1) / m
    return theirs


@pytest.mark.parametrize("k", [1, 5, 20, 40, 63, 64])
def test_score_agrees_with_sklearn(digits, k):
    train, test = digits[:1200], digits[1200:]
    keep = train.std(axis=0) > 0  # blank pixels would make k = n singular
    train, test = train[:, keep], test[:, keep]
    k = min(k, train.shape[1])
    m = len(train)
    ours = PCA(n_components=k).fit(train)
    theirs = _sklearn_with_our_variances(
        sklearn.decomposition.PCA(n_components=k, svd_solver="full").fit(train), m)
    assert_allclose(ours.noise_variance_, theirs.noise_variance_, rtol=1e-10, atol=1e-300)
    assert_allclose(ours.score_samples(test), theirs.score_samples(test), rtol=1e-9)
    assert np.isclose(ours.score(test), theirs.score(test), rtol=1e-10)


def test_score_samples_is_the_gaussian_with_the_ppca_covariance(rng):
    X = rng.normal(size=(300, 6)) @ rng.normal(size=(6, 6))
    new = rng.normal(size=(40, 6)) @ rng.normal(size=(6, 6))
    pca = PCA(n_components=2).fit(X)
    d, s2, Uk = pca.explained_variance_, pca.noise_variance_, pca.components_.T
    all_d = PCA().fit(X).explained_variance_
    assert np.isclose(s2, all_d[2:].mean(), rtol=1e-12)  # the mean of the discarded d_j
    C = Uk @ np.diag(d - s2) @ Uk.T + s2 * np.eye(6)  # equation (8.17)
    reference = scipy.stats.multivariate_normal(pca.mean_, C).logpdf(new)
    assert_allclose(pca.score_samples(new), reference, rtol=1e-12)
    full = PCA().fit(X)  # k = n: no noise, the plain Gaussian of the 1/m covariance
    reference = scipy.stats.multivariate_normal(X.mean(axis=0), np.cov(X.T, bias=True)).logpdf(new)
    assert full.noise_variance_ == 0.0
    assert_allclose(full.score_samples(new), reference, rtol=1e-12)


def test_score_does_not_depend_on_whitening(digits):
    # scikit-learn's does (its get_covariance rescales the whitened components:
    # scikit-learn issue 13898); the model's density is the same either way.
    plain, white = PCA(n_components=10).fit(digits), PCA(n_components=10, whiten=True).fit(digits)
    assert_allclose(white.score_samples(digits[:50]), plain.score_samples(digits[:50]), rtol=1e-12)


def test_noise_variance_counts_the_zero_eigenvalues_of_wide_data(rng):
    # With m <= n the discarded eigenvalues include n - m + 1 zeros: the
    # maximum-likelihood noise divides by n - k (scikit-learn by min(m, n) - k).
    X = rng.normal(size=(8, 30))
    pca = PCA(n_components=3).fit(X)
    d = np.linalg.svd(X - X.mean(axis=0), compute_uv=False) ** 2 / 8
    assert np.isclose(pca.noise_variance_, d[3:].sum() / (30 - 3), rtol=1e-12)


def test_score_refuses_a_singular_model(rng):
    X = rng.normal(size=(50, 3)) @ rng.normal(size=(3, 5))  # rank 3 among 5 features
    with pytest.raises(ValueError, match="singular.*discarded directions have no variance"):
        PCA(n_components=3).fit(X).score(X)
    with pytest.raises(ValueError, match="singular.*component 5 has variance"):
        PCA().fit(X).score(X)
    assert np.isfinite(PCA(n_components=2).fit(X).score(X))


def test_score_lets_grid_search_choose_k_without_a_scorer(rng):
    # Three strong directions in ten noisy features: the held-out likelihood peaks at 3.
    W = rng.normal(size=(3, 10)) * 3
    X = rng.normal(size=(400, 3)) @ W + 0.3 * rng.normal(size=(400, 10))
    grid = sklearn.model_selection.GridSearchCV(
        PCA(), {"n_components": [1, 2, 3, 4, 6, 8]}, cv=3).fit(X)
    assert grid.best_params_ == {"n_components": 3}


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
