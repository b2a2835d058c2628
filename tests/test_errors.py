"""Messages that pointed the wrong way, and extreme but legal input that gave warnings or nan.

Each case was found by trying mlbook as a scikit-learn user would; each is now
refused with a message that names the value and the fix, or answered
correctly without a numpy warning (warnings are errors in the tests).
"""

import warnings

import numpy as np
import pytest
import scipy.sparse
import sklearn.datasets
from numpy.testing import assert_allclose

import mlbook
from mlbook.anomaly import GaussianAnomalyDetector
from mlbook.linear_model import (
    LinearRegression,
    LogisticRegression,
    logistic_cost,
    normal_equation,
    softmax_cost,
    softmax_gradient,
)
from mlbook.neural_network import MLPClassifier, nn_cost
from mlbook.optimize import minimize_lbfgs
from mlbook.preprocessing import StandardScaler, add_intercept


@pytest.fixture(scope="module")
def diabetes():
    return sklearn.datasets.load_diabetes(return_X_y=True)


# --- errors that pointed the wrong way ----------------------------------------------


def test_sparse_input_is_called_sparse_not_text(diabetes):
    X, y = diabetes
    with pytest.raises(TypeError, match=r"X is a sparse matrix \(csr_matrix\); sparse input is "
                                        r"not supported.*X\.toarray\(\)") as error:
        LinearRegression().fit(scipy.sparse.csr_matrix(X), y)
    assert "Encode text" not in str(error.value)


def test_a_matrix_without_columns_is_said_to_have_no_features(diabetes):
    X, y = diabetes
    with pytest.raises(ValueError, match=r"X has 0 feature\(s\) \(shape=\(442, 0\)\)") as error:
        LinearRegression().fit(X[:, :0], y)
    assert "sample" not in str(error.value)


def test_softmax_integer_labels_are_told_to_one_hot_encode():
    Xb, Theta = add_intercept(np.eye(3)), np.zeros((3, 4))
    with pytest.raises(ValueError, match=r"Y must be one-hot.*np\.eye\(K\)\[y\]") as error:
        softmax_cost(Theta, Xb, np.array([0, 1, 2]))
    assert "reshape(-1, 1)" not in str(error.value)


def test_a_flattened_theta_is_told_to_reshape_to_classes():
    Xb, Y = add_intercept(np.eye(3)), np.eye(3)
    with pytest.raises(ValueError, match=r"Theta holds one row of parameters per class, shape "
                                         r"\(K, n \+ 1\).*Theta\.reshape\(K, -1\)") as error:
        softmax_gradient(np.zeros(12), Xb, Y)
    assert "single feature" not in str(error.value)


def test_sigmoid_cross_entropy_of_one_example():
    # Was IndexError: a label and a logit as plain numbers are one example.
    assert mlbook.sigmoid_cross_entropy(1.0, 2.0) == pytest.approx(np.log1p(np.exp(-2.0)),
                                                                  rel=1e-15)
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\], got values from 2.0"):
        mlbook.sigmoid_cross_entropy(2.0, 1.0)


def test_sigmoid_of_none_is_an_error_not_nan():
    with pytest.raises(TypeError, match="z is None"):
        mlbook.sigmoid(None)
    with pytest.raises(ValueError, match="z contains NaN"):
        mlbook.sigmoid([0.0, np.nan])


# Dependent columns: scikit-learn returns the minimum-norm solution, and so does mlbook
# (a refusal turned one cross-validation fold into NaN); the warning names the columns.


def test_a_constant_column_is_named(diabetes):
    X, y = diabetes
    with pytest.warns(np.exceptions.RankWarning,
                      match=r"feature 10 is constant \(every value is 0\.1\), so it is a multiple "
                            r"of the column of ones.*lam > 0.*minimum-norm"):
        model = LinearRegression().fit(np.c_[X, np.full(len(X), 0.1)], y)
    assert model.coef_[10] == 0.0  # the minimum norm gives the constant column nothing
    assert_allclose(model.coef_[:10], LinearRegression().fit(X, y).coef_, rtol=1e-9)


def test_dependent_columns_are_named(diabetes):
    X, y = diabetes
    derived = np.c_[X, X[:, 2] - 2 * X[:, 7]]
    with pytest.warns(np.exceptions.RankWarning, match="a combination of feature 2, feature 7 and "
                                                       "feature 10 is zero up to rounding"):
        LinearRegression().fit(derived, y)
    with pytest.warns(np.exceptions.RankWarning,
                      match=r"X has m = 3 sample\(s\) but there are 11 unknowns"):
        LinearRegression().fit(X[:3], y[:3])


@pytest.mark.parametrize("case", ["one-hot with every category", "derived column",
                                  "fewer rows than features"])
def test_dependent_columns_give_scikit_learn_s_minimum_norm_solution(diabetes, case):
    import sklearn.linear_model

    X, y = diabetes
    X = {"one-hot with every category": np.c_[X, np.eye(4)[np.arange(len(X)) % 4]],
         "derived column": np.c_[X, X[:, 2] - 2 * X[:, 7]],
         "fewer rows than features": X[:6]}[case]
    y = y[:len(X)]
    with pytest.warns(np.exceptions.RankWarning, match="minimum-norm least-squares solution"):
        ours = LinearRegression().fit(X, y)
    theirs = sklearn.linear_model.LinearRegression().fit(X, y)
    assert_allclose(ours.predict(X), theirs.predict(X), rtol=1e-9)  # equally good fits
    # The minimum norm: no part of the coefficients lies in the null space of the centred
    # X. (scikit-learn's own cutoff, eps times the largest singular value, takes the
    # one-hot columns' rounding for information and returns another, larger solution.)
    Xc = X - X.mean(axis=0)
    _, singular, Vt = np.linalg.svd(Xc)
    null = Vt[np.r_[singular, np.zeros(len(Vt) - len(singular))]
              <= max(X.shape) * np.finfo(float).eps * singular[0]]
    assert null.shape[0] >= 1
    assert np.abs(null @ ours.coef_).max() < 1e-9 * np.abs(ours.coef_).max()
    if case != "one-hot with every category":
        assert_allclose(ours.coef_, theirs.coef_, rtol=0, atol=1e-9 * np.abs(theirs.coef_).max())


def test_cross_validation_with_a_constant_column_in_one_fold_gives_no_nan():
    # A feature that is constant in one training fold only (rare category): every fold
    # gets a number, as with scikit-learn, and the fold that lost the rank warns.
    import sklearn.linear_model
    from sklearn.model_selection import KFold, cross_val_score

    rng = np.random.default_rng(0)
    X = np.c_[rng.normal(size=(40, 2)), np.r_[np.zeros(30), np.ones(10)]]
    y = X @ [1.0, -2.0, 3.0] + 0.1 * rng.normal(size=40)
    folds = KFold(4)  # the last fold holds the only ones: its training set has a constant column
    with pytest.warns(np.exceptions.RankWarning, match="feature 2 is all zeros"):
        ours = cross_val_score(LinearRegression(), X, y, cv=folds)
    theirs = cross_val_score(sklearn.linear_model.LinearRegression(), X, y, cv=folds)
    assert np.all(np.isfinite(ours))
    assert_allclose(ours, theirs, rtol=1e-9)


def test_tiny_features_are_solved_not_called_singular():
    # X * 1e-300: X^T X underflows to zeros, and the message builder's SVD failed.
    X, y = sklearn.datasets.load_diabetes(return_X_y=True)
    model = LinearRegression().fit(X * 1e-300, y)
    reference = LinearRegression().fit(X, y)
    assert_allclose(model.coef_ * 1e-300, reference.coef_, rtol=1e-9)
    assert_allclose(model.predict(X * 1e-300), reference.predict(X), rtol=1e-9)


def test_an_enormous_penalty_is_solved_not_called_singular(diabetes):
    # lam = 1e308: every coefficient is crushed to about 0 and the intercept is mean(y).
    X, y = diabetes
    model = LinearRegression(lam=1e308).fit(X, y)
    assert np.all(np.abs(model.coef_) < 1e-300)
    assert model.intercept_ == pytest.approx(y.mean(), rel=1e-12)
    ridge = LinearRegression(lam=1e6).fit(X, y)  # and a large, ordinary penalty is unchanged
    Xb = add_intercept(X)
    I0 = np.diag([0.0] + [1.0] * X.shape[1])
    theta = np.linalg.solve(Xb.T @ Xb + 1e6 * I0, Xb.T @ y)
    assert_allclose(np.r_[ridge.intercept_, ridge.coef_], theta, rtol=1e-10)


@pytest.mark.parametrize("Estimator", [LinearRegression, LogisticRegression, MLPClassifier])
def test_values_whose_squares_overflow_are_refused_before_any_warning(Estimator, diabetes):
    X, y = diabetes
    target = y if Estimator is LinearRegression else (y > y.mean()).astype(int)
    with pytest.raises(ValueError, match=r"X holds values as large as 1\.99e\+199, whose squares "
                                         r"overflow float64.*StandardScaler"):
        Estimator().fit(X * 1e200, target)


def test_lbfgs_that_cannot_take_a_step_says_why_instead_of_returning_zeros(diabetes):
    # Features of size 1e100: the first step along the gradient (~1e100) overshoots
    # so far that no backtracking finds a lower cost. It used to return theta = 0
    # with the warning "ABNORMAL".
    X, y = diabetes
    with pytest.raises(ValueError, match=r"L-BFGS could not take a single step.*largest gradient "
                                         r"entry is .*e\+98.*standardise"):
        LogisticRegression().fit(X * 1e100, y > y.mean())
    Xs = StandardScaler().fit_transform(X * 1e100)  # the fix works
    assert LogisticRegression().fit(Xs, y > y.mean()).score(Xs, y > y.mean()) > 0.7


def test_lbfgs_stopping_early_says_so():
    # A cost with ripples of size 1e-4 that its gradient ignores: once the steps
    # are that small, no step lowers the cost, and L-BFGS stops after 7 iterations.
    def rippled(t):
        return float(np.sum(t**4) + t @ t + 1e-4 * np.sin(1e6 * t).sum()), 4 * t**3 + 2 * t

    with pytest.warns(mlbook.exceptions.ConvergenceWarning,
                      match=r"stopped after 7 iterations, before max_iter=400: its line search "
                            r"found no step that lowers the cost.*check its gradient"):
        minimize_lbfgs(rippled, np.array([1.0, 2.0]), tol=1e-20)


# --- costs at huge parameters: finite, never 0 * inf = nan ---------------------------


def test_logistic_cost_is_finite_for_huge_theta_without_penalty():
    Xb = add_intercept([[1.0], [-1.0]])
    theta = np.array([0.0, 1e200])  # logits +-1e200, finite; theta @ theta overflows
    assert logistic_cost(theta, Xb, [1.0, 1.0]) == pytest.approx(1e200 / 2, rel=1e-15)
    assert logistic_cost(theta, Xb, [1.0, 0.0]) == 0.0


def test_softmax_cost_is_finite_for_huge_theta_without_penalty():
    Xb, Y = add_intercept([[1.0], [-1.0]]), np.eye(2)
    Theta = np.array([[0.0, 1e200], [0.0, -1e200]])
    assert softmax_cost(Theta, Xb, Y) == 0.0
    assert softmax_cost(Theta, Xb, Y[::-1]) == pytest.approx(2e200, rel=1e-15)


def test_network_cost_is_finite_for_huge_weights_without_penalty():
    weights = [np.array([[0.0, 1e200]])]  # one input, one output unit
    assert nn_cost(weights, [[1.0], [-1.0]], [[1.0], [0.0]]) == 0.0
    assert nn_cost(weights, [[1.0], [-1.0]], [[0.0], [1.0]]) == pytest.approx(1e200, rel=1e-15)


# --- extreme but legal input, silently right -----------------------------------------


def test_log_loss_at_saturated_probabilities():
    # g(+-1000) rounds to exactly 1 and 0; the losses come from the logits, so a
    # right answer costs 0 and a wrong one exactly |z|, with no log(0).
    z = np.array([1000.0, -1000.0])
    assert mlbook.sigmoid_cross_entropy([1.0, 0.0], z) == 0.0
    assert mlbook.sigmoid_cross_entropy([0.0, 1.0], z) == 1000.0
    assert logistic_cost([0.0, 1000.0], add_intercept([[1.0], [-1.0]]), [0.0, 1.0]) == 1000.0


def test_predict_proba_saturates_without_warnings():
    X = np.r_[np.zeros((5, 1)), np.ones((5, 1))]
    y = np.r_[np.zeros(5), np.ones(5)]
    model = LogisticRegression(lam=1e-12).fit(X, y)
    P = model.predict_proba(np.array([[-1e6], [1e6]]))
    assert P[0, 0] == 1.0 and P[1, 1] == 1.0 and np.all((P >= 0) & (P <= 1))


def test_no_numpy_warning_anywhere_in_this_file():
    # All of the above ran with warnings as errors (pyproject.toml); this
    # makes the promise explicit for the remaining entry points.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mlbook.sigmoid(np.array([-np.inf, -1000.0, 0.0, 1000.0, np.inf]))
        mlbook.softplus(np.array([-np.inf, -1000.0, 0.0, 1000.0, np.inf]))
        mlbook.sigmoid_gradient(np.array([-np.inf, -1000.0, 0.0, 1000.0, np.inf]))
        normal_equation(add_intercept([[0.0], [1.0], [2.0]]), [1.0, 2.0, 3.5], lam=1e308)


def test_a_feature_that_is_a_sum_of_two_is_a_singular_covariance(diabetes):
    # Over m = 442 examples the covariance carries rounding of about sqrt(m) eps,
    # so x0 + x1 is left 3.8e-15 of its variance "unexplained", more than n eps.
    X, _ = diabetes
    summed = np.c_[X, X[:, 0] + X[:, 1]]
    with pytest.raises(ValueError, match=r"feature 10 is, up to rounding, a linear combination "
                                         r"of features 0 to 9 \(they leave 3\.8e-15"):
        GaussianAnomalyDetector(covariance="full").fit(summed)
    GaussianAnomalyDetector(covariance="full").fit(X)  # the ten features themselves are fine


# --- messages of the second reliability review (issue 22) --------------------------


def test_a_convergence_warning_points_at_the_readers_line():
    from mlbook.exceptions import ConvergenceWarning

    X, y = sklearn.datasets.load_iris(return_X_y=True)
    with pytest.warns(ConvergenceWarning) as caught:
        LogisticRegression(max_iter=2).fit(X, y)  # the line the warning must name
    assert {w.filename for w in caught} == {__file__}
    with pytest.warns(ConvergenceWarning) as caught:
        LinearRegression(solver="gradient_descent", learning_rate=0.01, max_iter=3).fit(X, X[:, 0])
    assert {w.filename for w in caught} == {__file__}


def test_a_missing_value_in_a_dataframe_is_called_missing():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"age": pd.array([31, None, 45], dtype="Int64"), "income": [1.0, 2.0, 3.0]})
    with pytest.raises(ValueError, match=r"X contains a missing value \(first at index \[1, 0\]: "
                                         r"<NA>\).*impute"):
        LinearRegression().fit(frame, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="X contains a missing value"):
        StandardScaler().fit(pd.DataFrame({"a": [1.0, pd.NA, 2.0]}, dtype=object))


@pytest.mark.parametrize(("seed", "error"), [(-1, ValueError), (1.5, TypeError)])
def test_a_bad_random_state_is_named(seed, error):
    from mlbook.cluster import KMeans
    from mlbook.datasets import make_blobs

    X = np.random.default_rng(0).normal(size=(20, 2))
    match = f"random_state must be None, a non-negative integer or a numpy.random.Generator, " \
            f"got {seed}"
    with pytest.raises(error, match=match):
        KMeans(n_clusters=2, random_state=seed).fit(X)
    with pytest.raises(error, match=match):
        MLPClassifier(hidden_layer_sizes=(2,), random_state=seed).fit(X, X[:, 0] > 0)
    with pytest.raises(error, match=match):
        make_blobs(m=5, random_state=seed)


def test_clones_given_one_generator_fit_the_same_centres():
    import sklearn.base
    import sklearn.cluster

    from mlbook.base import clone
    from mlbook.cluster import KMeans

    X = np.random.default_rng(0).normal(size=(60, 2))
    for cloner, cls in [(clone, KMeans), (sklearn.base.clone, sklearn.cluster.KMeans)]:
        model = cls(n_clusters=4, n_init=1, init="random", random_state=np.random.default_rng(7)
                    if cls is KMeans else np.random.RandomState(7))
        first, second = cloner(model).fit(X), cloner(model).fit(X)
        assert_allclose(first.cluster_centers_, second.cluster_centers_, rtol=0, atol=0)
    model = KMeans(n_clusters=2, init=np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert clone(model).init is not model.init  # the array is copied, not shared
