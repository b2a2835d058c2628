"""Linear regression: cost, gradient, normal equation, estimator (mlbook.linear_model)."""

import numpy as np
import pytest
import sklearn.datasets
import sklearn.linear_model
import sklearn.metrics
from numpy.testing import assert_allclose

from mlbook.exceptions import ConvergenceWarning, NotFittedError
from mlbook.gradcheck import numerical_gradient, relative_error
from mlbook.linear_model import LinearRegression, linear_cost, linear_gradient, normal_equation
from mlbook.preprocessing import StandardScaler, add_intercept

# Toy problem: m = 3, the design matrix with its column of ones.
X_TOY = np.array([[1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
Y_TOY = np.array([1.0, 2.0, 2.0])
THETA_TOY = np.array([1.0, 0.5])
# X theta = (1.5, 2.0, 2.5), residual X theta - y = (0.5, 0.0, 0.5).
# J(lam=0) = (0.25 + 0 + 0.25) / (2 * 3) = 1/12.
# J(lam=2) = (0.5 + 2 * 0.5^2) / 6 = 1/6            (theta_0 not penalised).
# X^T r = (0.5 + 0 + 0.5, 1 * 0.5 + 2 * 0 + 3 * 0.5) = (1, 2).
# grad(lam=0) = (1, 2) / 3 = (1/3, 2/3).
# grad(lam=2) = (1, 2 + 2 * 0.5) / 3 = (1/3, 1).


@pytest.fixture
def design(regression_data):
    """The regression fixture as a design matrix with its column of ones."""
    X, y, _ = regression_data
    return add_intercept(X), y


def ridge_by_augmented_lstsq(Xb, y, lam):
    """Ridge as plain least squares on [Xb; sqrt(lam) L] and [y; 0], L = diag(0, 1, ..., 1).

    ||Xb theta - y||^2 + ||sqrt(lam) L theta||^2 is the cost times 2m, and
    lstsq solves it by SVD, independently of the normal equation.
    """
    L = np.eye(Xb.shape[1])
    L[0, 0] = 0.0
    A = np.vstack([Xb, np.sqrt(lam) * L])
    b = np.concatenate([y, np.zeros(Xb.shape[1])])
    return np.linalg.lstsq(A, b, rcond=None)[0]


# --- cost and gradient: hand values ----------------------------------------


@pytest.mark.parametrize(("lam", "expected"), [(0.0, 1 / 12), (2.0, 1 / 6)])
def test_linear_cost_hand_value(lam, expected):
    assert linear_cost(THETA_TOY, X_TOY, Y_TOY, lam) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(("lam", "expected"), [(0.0, [1 / 3, 2 / 3]), (2.0, [1 / 3, 1.0])])
def test_linear_gradient_hand_value(lam, expected):
    assert_allclose(linear_gradient(THETA_TOY, X_TOY, Y_TOY, lam), expected, rtol=1e-15)


def test_penalty_leaves_out_theta0():
    def penalty(theta):
        return linear_cost(theta, X_TOY, Y_TOY, lam=2.0) - linear_cost(theta, X_TOY, Y_TOY, lam=0.0)

    # lam / (2m) * theta_1^2 = 2 / 6 * 0.25, whatever theta_0 is.
    for theta0 in (0.0, 1.0, 100.0):
        assert penalty(np.array([theta0, 0.5])) == pytest.approx(1 / 12, rel=1e-12)


def test_gradient_of_theta0_ignores_lam():
    g0 = linear_gradient(THETA_TOY, X_TOY, Y_TOY, lam=0.0)[0]
    assert linear_gradient(THETA_TOY, X_TOY, Y_TOY, lam=50.0)[0] == g0


def test_linear_cost_zero_at_exact_fit():
    y = X_TOY @ THETA_TOY
    assert linear_cost(THETA_TOY, X_TOY, y) == 0.0


def test_linear_cost_theta_length_mismatch_raises():
    with pytest.raises(ValueError, match="theta has 3 entries but X has 2 columns"):
        linear_cost([0.0, 0.0, 0.0], X_TOY, Y_TOY)


def test_linear_cost_negative_lam_raises():
    with pytest.raises(ValueError, match="lam must be >= 0"):
        linear_cost(THETA_TOY, X_TOY, Y_TOY, lam=-1.0)


# --- gradient check --------------------------------------------------------


@pytest.mark.parametrize("lam", [0.0, 0.7])
def test_linear_gradient_matches_central_difference(design, rng, lam):
    Xb, y = design
    theta = rng.normal(size=Xb.shape[1])
    numeric = numerical_gradient(lambda t: linear_cost(t, Xb, y, lam), theta)
    assert relative_error(linear_gradient(theta, Xb, y, lam), numeric) < 1e-7


# --- normal equation against independent references ------------------------


def test_normal_equation_matches_lstsq(design):
    Xb, y = design
    assert_allclose(normal_equation(Xb, y), np.linalg.lstsq(Xb, y, rcond=None)[0], rtol=1e-10)


@pytest.mark.parametrize("lam", [0.1, 5.0, 100.0])
def test_normal_equation_matches_ridge_closed_form(design, lam):
    Xb, y = design
    assert_allclose(normal_equation(Xb, y, lam), ridge_by_augmented_lstsq(Xb, y, lam), rtol=1e-10)


@pytest.mark.parametrize("lam", [0.0, 3.0])
def test_gradient_vanishes_at_normal_equation_solution(design, lam):
    Xb, y = design
    theta = normal_equation(Xb, y, lam)
    assert np.linalg.norm(linear_gradient(theta, Xb, y, lam)) < 1e-12


def _repeated_column(rng):
    X = rng.normal(size=(10, 2))
    return np.column_stack([X, X[:, 0]])


def _scaled_column(rng):
    x = rng.normal(size=20)
    return np.column_stack([x, 3 * x])  # X^T X rounds to nearly, not exactly, singular


def _constant_feature(rng):
    return np.column_stack([np.full(10, 0.1), rng.normal(size=10)])  # a copy of the intercept


@pytest.mark.parametrize("make_X", [_repeated_column, _scaled_column, _constant_feature])
def test_normal_equation_singular_raises(rng, make_X):
    Xb = add_intercept(make_X(rng))
    with pytest.raises(ValueError, match="singular.*linearly dependent"):
        normal_equation(Xb, rng.normal(size=Xb.shape[0]))


@pytest.mark.parametrize("make_X", [_repeated_column, _scaled_column])
def test_normal_equation_singular_is_solvable_with_lam(rng, make_X):
    Xb = add_intercept(make_X(rng))
    y = rng.normal(size=Xb.shape[0])
    assert_allclose(normal_equation(Xb, y, lam=1.0), ridge_by_augmented_lstsq(Xb, y, 1.0), rtol=1e-10)


def test_normal_equation_more_features_than_samples_raises(rng):
    with pytest.raises(ValueError, match="singular"):
        normal_equation(add_intercept(rng.normal(size=(3, 5))), rng.normal(size=3))


# --- the estimator against scikit-learn ------------------------------------


def test_normal_equation_solver_matches_sklearn(regression_data):
    X, y, _ = regression_data
    ours = LinearRegression(solver="normal_equation").fit(X, y)
    theirs = sklearn.linear_model.LinearRegression().fit(X, y)
    assert_allclose(ours.coef_, theirs.coef_, rtol=1e-8)
    assert ours.intercept_ == pytest.approx(theirs.intercept_, rel=1e-8)


@pytest.mark.parametrize("lam", [0.5, 10.0])
def test_regularised_matches_sklearn_ridge(regression_data, lam):
    # sklearn's Ridge minimises ||y - X w - b||^2 + alpha ||w||^2 and leaves the
    # intercept b unpenalised. Our J is (||y - X w - b||^2 + lam ||w||^2) / (2m):
    # the same function divided by the constant 2m, so the same minimiser when
    # alpha == lam.
    X, y, _ = regression_data
    ours = LinearRegression(solver="normal_equation", lam=lam).fit(X, y)
    theirs = sklearn.linear_model.Ridge(alpha=lam).fit(X, y)
    assert_allclose(ours.coef_, theirs.coef_, rtol=1e-8)
    assert ours.intercept_ == pytest.approx(theirs.intercept_, rel=1e-8)


@pytest.mark.parametrize("lam", [0.0, 2.0])
def test_gradient_descent_on_scaled_data_reaches_normal_equation(regression_data, lam):
    X, y, _ = regression_data
    Z = StandardScaler().fit_transform(X)
    # On standardised data the Hessian's eigenvalues are near 1, so alpha = 0.5
    # contracts the error by a factor of at least ~0.7 per step.
    gd = LinearRegression(solver="gradient_descent", learning_rate=0.5, max_iter=2000,
                          tol=1e-13, lam=lam).fit(Z, y)
    ne = LinearRegression(solver="normal_equation", lam=lam).fit(Z, y)
    assert_allclose(gd.coef_, ne.coef_, rtol=1e-10)
    assert gd.intercept_ == pytest.approx(ne.intercept_, rel=1e-10)


def test_gradient_descent_fitted_attributes(regression_data):
    X, y, _ = regression_data
    model = LinearRegression(solver="gradient_descent", learning_rate=0.1).fit(
        StandardScaler().fit_transform(X), y)
    assert np.all(np.diff(model.cost_history_) <= 0)
    assert model.cost_history_.shape == (model.n_iter_ + 1,)
    assert 0 < model.n_iter_ < 1500  # converged (tol=1e-6) before max_iter
    assert model.coef_.shape == (3,)
    assert type(model.intercept_) is float
    assert model.n_features_in_ == 3


def test_gradient_descent_tol_stops_early(regression_data):
    X, y, _ = regression_data
    model = LinearRegression(solver="gradient_descent", learning_rate=0.5, max_iter=2000,
                             tol=1e-12).fit(
        StandardScaler().fit_transform(X), y)
    assert model.n_iter_ < 2000
    assert model.cost_history_.shape == (model.n_iter_ + 1,)


def test_normal_equation_fitted_attributes(design, regression_data):
    X, y, _ = regression_data
    model = LinearRegression(solver="normal_equation").fit(X, y)
    assert not hasattr(model, "n_iter_")  # closed form: no iterations to count
    theta = np.concatenate([[model.intercept_], model.coef_])
    assert model.cost_history_ == pytest.approx([linear_cost(theta, *design)])


def test_fit_returns_self(regression_data):
    X, y, _ = regression_data
    model = LinearRegression(solver="normal_equation")
    assert model.fit(X, y) is model


def test_predict_is_affine_in_X(regression_data):
    X, y, _ = regression_data
    model = LinearRegression(solver="normal_equation").fit(X, y)
    assert_allclose(model.predict(X), X @ model.coef_ + model.intercept_, rtol=1e-15)


def test_score_is_r2(regression_data):
    X, y, _ = regression_data
    model = LinearRegression(solver="normal_equation").fit(X, y)
    assert model.score(X, y) == pytest.approx(sklearn.metrics.r2_score(y, model.predict(X)), rel=1e-14)


# --- errors ----------------------------------------------------------------


def test_predict_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError, match="This LinearRegression instance is not fitted yet"):
        LinearRegression().predict(np.ones((2, 3)))


def test_predict_wrong_feature_count_raises(regression_data):
    X, y, _ = regression_data
    model = LinearRegression(solver="normal_equation").fit(X, y)
    with pytest.raises(ValueError, match="X has 4 features, but LinearRegression is expecting 3"):
        model.predict(add_intercept(X))


@pytest.mark.parametrize("method", ["fit", "predict"])
def test_1d_X_gives_reshape_hint(method):
    model = LinearRegression(solver="normal_equation").fit([[0.0], [1.0], [2.0]], [0.0, 1.0, 3.0])
    args = ([0.0, 1.0, 2.0], [0.0, 1.0, 3.0]) if method == "fit" else ([0.0, 1.0, 2.0],)
    with pytest.raises(ValueError, match=r"got a 1-D array .* X\.reshape\(-1, 1\)"):
        getattr(model, method)(*args)


def test_bad_solver_raises(regression_data):
    X, y, _ = regression_data
    message = "solver must be one of 'normal_equation', 'gradient_descent'; got 'sgd'"
    with pytest.raises(ValueError, match=message):
        LinearRegression(solver="sgd").fit(X, y)


def test_negative_lam_raises(regression_data):
    X, y, _ = regression_data
    with pytest.raises(ValueError, match="lam must be >= 0"):
        LinearRegression(lam=-0.1).fit(X, y)


def test_huge_learning_rate_raises_diverged_without_warnings(regression_data):
    X, y, _ = regression_data
    with np.errstate(all="raise"), pytest.raises(ValueError, match="diverged"):
        LinearRegression(solver="gradient_descent", learning_rate=10.0).fit(X * 100, y)


def test_the_default_fit_is_the_exact_least_squares_fit_on_unscaled_data():
    # The reviewer's case: the old default (gradient descent, alpha = 0.01,
    # 1500 steps) reached R^2 = 0.088 on raw diabetes data, silently.
    X, y = sklearn.datasets.load_diabetes(scaled=False, return_X_y=True)
    ours = LinearRegression().fit(X, y)
    theirs = sklearn.linear_model.LinearRegression().fit(X, y)
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y), rel=1e-10)


def test_gradient_descent_that_stops_short_says_so(regression_data):
    X, y, _ = regression_data
    with pytest.warns(ConvergenceWarning, match=r"did not converge in max_iter=1500 .*gradient "
                                                r"norm is .*Raise max_iter, raise learning_rate"):
        LinearRegression(solver="gradient_descent", learning_rate=1e-12).fit(X, y)


@pytest.mark.parametrize("option", [{"learning_rate": 0.5}, {"max_iter": 10}, {"tol": 1e-3}])
def test_the_normal_equation_refuses_options_it_would_ignore(regression_data, option):
    X, y, _ = regression_data
    (name, value), = option.items()
    with pytest.raises(ValueError, match=rf"{name}={value!r} applies only to "
                                         rf"solver='gradient_descent'.*Remove {name}"):
        LinearRegression(**option).fit(X, y)


@pytest.mark.parametrize(("option", "match"), [
    ({"max_iter": 0}, "max_iter must be >= 1"),
    ({"learning_rate": 0.0}, "learning_rate must be > 0"),
    ({"tol": 0.0}, "tol must be > 0"),
])
def test_gradient_descent_refuses_bad_options(regression_data, option, match):
    X, y, _ = regression_data
    with pytest.raises(ValueError, match=match):
        LinearRegression(solver="gradient_descent", **option).fit(X, y)


@pytest.mark.parametrize("offset", [1e5, 1e7, 3e7])
def test_a_feature_far_from_zero_keeps_its_accuracy(rng, offset):
    # X^T X with the column of ones squares the offset into the matrix: at
    # 1e7 the coefficients were [1.47, 2.81, 3.53], and from 3e7 full-rank
    # data was refused as "linearly dependent". Centring first avoids both.
    X = rng.normal(size=(200, 3))
    y = X @ np.array([1.0, 2.0, 3.0]) + 0.1 * rng.normal(size=200)
    near = LinearRegression().fit(X, y)
    far = LinearRegression().fit(X + offset, y)
    np.testing.assert_allclose(far.coef_, near.coef_, rtol=1e-6)
    np.testing.assert_allclose(far.predict(X + offset), near.predict(X), rtol=0, atol=1e-6)


def test_a_year_column_gets_scikit_learns_slope():
    sklearn = pytest.importorskip("sklearn.linear_model")
    year = np.arange(1950.0, 2050.0).reshape(-1, 1)
    y = 3000.5 * (year[:, 0] - 2000) + 7.0 * np.sin(year[:, 0])
    ours = LinearRegression().fit(year, y).coef_[0]
    theirs = sklearn.LinearRegression().fit(year, y).coef_[0]
    assert ours == pytest.approx(theirs, rel=1e-9)


# --- sample_weight: the weighted cost, against scikit-learn ----------------------------


@pytest.mark.parametrize("lam", [0.0, 3.0])
def test_sample_weight_matches_scikit_learn(lam):
    import sklearn.linear_model

    rng = np.random.default_rng(1)
    X = rng.normal(size=(50, 3))
    y = X @ [1.0, -2.0, 0.5] + 4.0 + rng.normal(size=50)
    s = rng.uniform(0.0, 3.0, size=50)
    ours = LinearRegression(lam=lam).fit(X, y, sample_weight=s)
    # scikit-learn's Ridge minimises sum_i s_i r_i^2 + alpha |w|^2: the same minimiser.
    theirs = (sklearn.linear_model.Ridge(alpha=lam) if lam else
              sklearn.linear_model.LinearRegression()).fit(X, y, sample_weight=s)
    assert_allclose(ours.coef_, theirs.coef_, rtol=1e-10)
    assert ours.intercept_ == pytest.approx(theirs.intercept_, rel=1e-12)
    gd = LinearRegression(solver="gradient_descent", lam=lam, learning_rate=0.3, max_iter=20_000,
                          tol=1e-12).fit(X, y, sample_weight=s)
    assert_allclose(gd.coef_, ours.coef_, rtol=1e-8)
    # The reported cost is the weighted one, (1 / 2 sum s) [sum s r^2 + lam |w|^2].
    r = X @ ours.coef_ + ours.intercept_ - y
    assert ours.cost_history_[-1] == pytest.approx(
        (s @ r**2 + lam * ours.coef_ @ ours.coef_) / (2 * s.sum()), rel=1e-12)


def test_integer_weights_count_examples_and_zero_leaves_them_out():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(30, 2)), rng.normal(size=30)
    s = np.arange(30) % 3  # 0, 1, 2, ...
    weighted = LinearRegression(lam=2.0).fit(X, y, sample_weight=s)
    repeated = LinearRegression(lam=2.0).fit(np.repeat(X, s, axis=0), np.repeat(y, s))
    assert_allclose(weighted.coef_, repeated.coef_, rtol=1e-12)
    assert_allclose(LinearRegression().fit(X, y, sample_weight=np.ones(30)).coef_,
                    LinearRegression().fit(X, y).coef_, rtol=1e-14)


@pytest.mark.parametrize(("weights", "match"), [
    (np.ones(29), "sample_weight has 29 entries but X has 30 rows"),
    (-np.ones(30), r"sample_weight must be non-negative, got -1\.0 at index 0"),
    (np.zeros(30), "sample_weight is zero for every example"),
    (np.ones((30, 1)), "Expected a 1-D array for sample_weight"),
])
def test_bad_sample_weight_is_refused(weights, match):
    X = np.random.default_rng(0).normal(size=(30, 2))
    with pytest.raises(ValueError, match=match):
        LinearRegression().fit(X, X[:, 0], sample_weight=weights)
