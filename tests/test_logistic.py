"""Logistic regression: cost, gradient, estimator, one-vs-all (mlbook.linear_model)."""

import numpy as np
import pytest
import sklearn.datasets
import sklearn.linear_model
import sklearn.multiclass
from numpy.testing import assert_allclose, assert_array_equal

from mlbook import sigmoid
from mlbook._validation import check_classes
from mlbook.base import ClassifierMixin, clone
from mlbook.exceptions import DataConversionWarning, NotFittedError
from mlbook.gradcheck import numerical_gradient, relative_error
from mlbook.linear_model import LogisticRegression, logistic_cost, logistic_gradient
from mlbook.linear_model._logistic import (
    _logistic_cost,
    _logistic_cost_and_gradient,
    _logistic_gradient,
)
from mlbook.preprocessing import StandardScaler, add_intercept

# Toy problem: m = 3, the design matrix with its column of ones, and theta
# chosen so that the logits are z = X theta = (log 3, 0, -log 3), where
# g(z) = (3/4, 1/2, 1/4).
X_TOY = np.array([[1.0, 1.0], [1.0, 0.0], [1.0, -1.0]])
Y_TOY = np.array([1.0, 0.0, 0.0])
THETA_TOY = np.array([0.0, np.log(3.0)])
# Cross-entropy terms: y=1, h=3/4: -log(3/4); y=0, h=1/2: -log(1/2);
# y=0, h=1/4: -log(1 - 1/4) = -log(3/4).
# J(lam=0) = (2 log(4/3) + log 2) / 3.
# J(lam=3) = J(lam=0) + 3 / (2 * 3) * (log 3)^2           (theta_0 not penalised).
# h - y = (-1/4, 1/2, 1/4); X^T (h - y) = (1/2, -1/4 - 1/4) = (1/2, -1/2).
# grad(lam=0) = (1/6, -1/6); grad(lam=3) = (1/6, -1/6 + 3 * log 3 / 3).
J_TOY = (2 * np.log(4 / 3) + np.log(2)) / 3


@pytest.fixture(scope="module")
def cancer():
    """The breast-cancer set, standardised, with its string labels."""
    data = sklearn.datasets.load_breast_cancer()
    X = StandardScaler().fit_transform(data.data)  # (569, 30)
    y = data.target_names[data.target]  # "malignant" / "benign"
    return X, y


@pytest.fixture(scope="module")
def digits():
    data = sklearn.datasets.load_digits()
    return data.data / 16.0, data.target  # (1797, 64), pixels in [0, 1]


def rel_gap(ours, theirs):
    """max |ours - theirs| / max |theirs|: a relative difference of whole parameter sets."""
    return np.max(np.abs(ours - theirs)) / np.max(np.abs(theirs))


# --- cost and gradient: hand values ----------------------------------------


@pytest.mark.parametrize(("lam", "expected"), [(0.0, J_TOY), (3.0, J_TOY + np.log(3.0) ** 2 / 2)])
def test_logistic_cost_hand_value(lam, expected):
    assert logistic_cost(THETA_TOY, X_TOY, Y_TOY, lam) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize(
    ("lam", "expected"), [(0.0, [1 / 6, -1 / 6]), (3.0, [1 / 6, -1 / 6 + np.log(3.0)])]
)
def test_logistic_gradient_hand_value(lam, expected):
    assert_allclose(logistic_gradient(THETA_TOY, X_TOY, Y_TOY, lam), expected, rtol=1e-14)


def test_logistic_cost_at_zero_is_log_2(rng):
    # theta = 0 gives h = 1/2 for every example: each term is -log(1/2).
    X = add_intercept(rng.normal(size=(20, 3)))
    y = rng.integers(0, 2, size=20).astype(float)
    assert logistic_cost(np.zeros(4), X, y) == pytest.approx(np.log(2.0), rel=1e-15)


def test_logistic_penalty_leaves_out_theta0():
    def penalty(theta):
        return logistic_cost(theta, X_TOY, Y_TOY, 3.0) - logistic_cost(theta, X_TOY, Y_TOY, 0.0)

    for theta0 in (0.0, -2.0, 50.0):
        assert penalty(np.array([theta0, 2.0])) == pytest.approx(3 / 6 * 4.0, rel=1e-12)


def test_logistic_gradient_of_theta0_ignores_lam():
    g0 = logistic_gradient(THETA_TOY, X_TOY, Y_TOY, 0.0)[0]
    assert logistic_gradient(THETA_TOY, X_TOY, Y_TOY, 100.0)[0] == g0


def test_logistic_cost_matches_the_naive_formula_where_that_is_safe(rng):
    X = add_intercept(rng.normal(size=(30, 4)))
    y = rng.integers(0, 2, size=30).astype(float)
    theta = rng.normal(size=5)
    h = 1 / (1 + np.exp(-(X @ theta)))
    naive = np.mean(-y * np.log(h) - (1 - y) * np.log(1 - h))
    assert logistic_cost(theta, X, y) == pytest.approx(naive, rel=1e-12)


def test_logistic_cost_accepts_probabilities_as_targets():
    # y = 1/2 everywhere: the cost is minimised at theta = 0, so the gradient vanishes there.
    y = np.full(3, 0.5)
    assert_allclose(logistic_gradient(np.zeros(2), X_TOY, y), [0.0, 0.0], atol=1e-15)


# --- gradient checks ---------------------------------------------------------


@pytest.mark.parametrize("lam", [0.0, 0.5, 10.0])
def test_logistic_gradient_matches_central_difference(cancer, rng, lam):
    X, labels = cancer
    Xb, y = add_intercept(X[:80]), (labels[:80] == "malignant").astype(float)
    theta = 0.3 * rng.normal(size=Xb.shape[1])
    numeric = numerical_gradient(lambda t: logistic_cost(t, Xb, y, lam), theta)
    assert relative_error(logistic_gradient(theta, Xb, y, lam), numeric) < 1e-8


def test_logistic_gradient_check_catches_a_flipped_sign(cancer, rng):
    X, labels = cancer
    Xb, y = add_intercept(X[:40]), (labels[:40] == "malignant").astype(float)
    theta = 0.3 * rng.normal(size=Xb.shape[1])
    numeric = numerical_gradient(lambda t: logistic_cost(t, Xb, y), theta)
    wrong = Xb.T @ (y - sigmoid(Xb @ theta)) / len(y)  # y - h instead of h - y
    # a = -b up to rounding: |a - b| / max(|a|, |b|) = 2, the largest value there is.
    assert relative_error(wrong, numeric) == pytest.approx(2.0, rel=1e-8)
    assert relative_error(-wrong, numeric) < 1e-8


# --- stability at extreme logits -------------------------------------------


@pytest.mark.parametrize("z", [1000.0, 1e6, 1e100])
def test_logistic_cost_confident_wrong_prediction_costs_z(z):
    # Two examples with logits +z and -z, both wrong: each costs z, so J = z.
    X = np.array([[1.0, 1.0], [1.0, -1.0]])
    y = np.array([0.0, 1.0])
    theta = np.array([0.0, z])
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        assert logistic_cost(theta, X, y) == z
        grad = logistic_gradient(theta, X, y)
    # h - y = (1, -1): X^T (h - y) / 2 = (0, 1).
    assert_array_equal(grad, [0.0, 1.0])


def test_logistic_cost_confident_right_prediction_costs_nothing():
    X = np.array([[1.0, 1.0], [1.0, -1.0]])
    y = np.array([1.0, 0.0])
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
        assert logistic_cost(np.array([0.0, 1000.0]), X, y) == 0.0
        assert_array_equal(logistic_gradient(np.array([0.0, 1000.0]), X, y), [0.0, 0.0])


# --- the fused kernel the estimator calls ----------------------------------------


@pytest.mark.parametrize("scale", [0.3, 30.0, 1e4])
@pytest.mark.parametrize("lam", [0.0, 2.0])
def test_fused_cost_and_gradient_equal_the_two_kernels(rng, scale, lam):
    # LogisticRegression.fit calls _logistic_cost_and_gradient, which computes
    # the logits once; it must give what the chapter's two kernels give, also
    # for logits far out in the tails and for targets strictly between 0 and 1.
    X = add_intercept(rng.normal(size=(50, 4)))
    theta = scale * rng.normal(size=5)
    for y in (rng.integers(0, 2, size=50).astype(float), rng.uniform(size=50)):
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            cost, grad = _logistic_cost_and_gradient(theta, X, y, lam)
        assert cost == pytest.approx(_logistic_cost(theta, X, y, lam), rel=1e-13)
        assert_allclose(grad, _logistic_gradient(theta, X, y, lam), rtol=1e-13, atol=1e-16)


def test_fused_cost_keeps_tiny_losses_exact():
    # A confident right prediction costs softplus(-z) = e^-z: tiny, and kept,
    # not lost to softplus(z) - y z cancelling z - z.
    X = np.array([[1.0, 40.0], [1.0, -40.0]])
    y = np.array([1.0, 0.0])
    cost, _ = _logistic_cost_and_gradient(np.array([0.0, 1.0]), X, y, 0.0)
    assert cost == pytest.approx(np.exp(-40.0), rel=1e-14)


# --- input checks ------------------------------------------------------------


def test_logistic_cost_forgotten_column_of_ones_raises():
    with pytest.raises(ValueError, match="theta has 3 entries but X has 2 columns.*column of ones"):
        logistic_cost([0.0, 0.0, 0.0], X_TOY, Y_TOY)


def test_logistic_cost_labels_outside_0_1_raise():
    with pytest.raises(ValueError, match="y must hold 0 and 1.*from -1.0 to 1.0"):
        logistic_cost(THETA_TOY, X_TOY, np.array([1.0, -1.0, 1.0]))


def test_logistic_gradient_negative_lam_raises():
    with pytest.raises(ValueError, match="lam must be >= 0"):
        logistic_gradient(THETA_TOY, X_TOY, Y_TOY, lam=-1.0)


def test_logistic_cost_length_mismatch_raises():
    with pytest.raises(ValueError, match="X has 3 rows .* but y has 2 entries"):
        logistic_cost(THETA_TOY, X_TOY, [1.0, 0.0])


# --- label validation ----------------------------------------------------------


def test_check_classes_encodes_strings_in_sorted_order():
    classes, index = check_classes(["b", "a", "c", "a"])
    assert_array_equal(classes, ["a", "b", "c"])
    assert_array_equal(index, [1, 0, 2, 0])


def test_check_classes_non_contiguous_integers():
    classes, index = check_classes([10, 3, 7, 3])
    assert_array_equal(classes, [3, 7, 10])
    assert_array_equal(classes[index], [10, 3, 7, 3])


def test_check_classes_whole_floats_are_labels():
    classes, _ = check_classes([1.0, 2.0, 1.0])
    assert_array_equal(classes, [1.0, 2.0])


def test_check_classes_single_class_raises():
    with pytest.raises(ValueError, match="y holds one class only, 'a'.*at least two"):
        check_classes(["a", "a"])


def test_check_classes_continuous_target_raises():
    with pytest.raises(ValueError, match="non-integer numbers such as 0.5.*continuous target"):
        check_classes([0.0, 0.5, 1.0])


def test_check_classes_column_is_flattened_with_a_warning():
    # As scikit-learn does: a column vector is what y.reshape(-1, 1) or df[["label"]] give.
    with pytest.warns(DataConversionWarning, match=r"shape \(3, 1\).*y\.ravel\(\)"):
        classes, y_index = check_classes(np.array([[0], [1], [0]]))
    assert_array_equal(y_index, [0, 1, 0])


def test_check_classes_matrix_gives_shape():
    with pytest.raises(ValueError, match=r"1-D array of labels for y, got shape \(2, 3\)"):
        check_classes(np.zeros((2, 3)))


@pytest.mark.parametrize(
    ("y", "error", "match"),
    [
        ([], ValueError, r"y has 0 sample\(s\)"),
        ([0.0, np.nan], ValueError, "NaN or infinity"),
        (np.array([1, "a"], dtype=object), TypeError, "mixes label types"),
        ([1j, 2j], ValueError, "Complex data not supported"),
    ],
)
def test_check_classes_bad_input(y, error, match):
    with pytest.raises(error, match=match):
        check_classes(y)


# --- the estimator: conventions ----------------------------------------------


def test_estimator_stores_hyper_parameters_unchanged():
    model = LogisticRegression(lam=0.5, solver="gradient_descent", learning_rate=0.3,
                               max_iter=10, tol=1e-6)
    assert model.get_params() == {"lam": 0.5, "solver": "gradient_descent",
                                  "learning_rate": 0.3, "max_iter": 10, "tol": 1e-6}
    assert repr(LogisticRegression(lam=0.5)) == "LogisticRegression(lam=0.5)"
    assert clone(model).get_params() == model.get_params()


def test_estimator_is_a_classifier_scored_by_accuracy():
    assert isinstance(LogisticRegression(), ClassifierMixin)


def test_fit_returns_self_and_sets_binary_attributes(cancer):
    X, y = cancer
    model = LogisticRegression()
    assert model.fit(X, y) is model
    assert_array_equal(model.classes_, ["benign", "malignant"])
    assert model.coef_.shape == (1, 30)
    assert model.intercept_.shape == (1,)
    assert model.n_iter_.shape == (1,)
    assert len(model.cost_history_) == 1
    assert len(model.cost_history_[0]) == model.n_iter_[0] + 1
    assert model.n_features_in_ == 30


def test_binary_fit_minimises_logistic_cost(cancer):
    X, y = cancer
    model = LogisticRegression(lam=1.0).fit(X, y)
    theta = np.r_[model.intercept_, model.coef_[0]]
    target = (y == "malignant").astype(float)  # classes_[1] is the positive class
    grad = logistic_gradient(theta, add_intercept(X), target, lam=1.0)
    assert np.max(np.abs(grad)) < 1e-7
    assert model.cost_history_[0][-1] == pytest.approx(
        logistic_cost(theta, add_intercept(X), target, lam=1.0), rel=1e-12)


def test_lbfgs_cost_history_never_rises(cancer):
    X, y = cancer
    costs = LogisticRegression(lam=0.1).fit(X, y).cost_history_[0]
    assert costs[0] == pytest.approx(np.log(2.0))  # theta = 0
    assert np.all(np.diff(costs) <= 0)


def test_gradient_descent_reaches_the_lbfgs_solution(cancer):
    X, y = cancer
    lbfgs = LogisticRegression(lam=1.0).fit(X, y)
    # Near the minimum most h(1 - h) are far below their bound 1/4, so a step
    # larger than the worst-case safe one converges, and faster.
    gd = LogisticRegression(lam=1.0, solver="gradient_descent", learning_rate=2.0,
                            max_iter=10_000, tol=1e-9).fit(X, y)
    assert gd.n_iter_[0] < 10_000  # converged: the gradient shrank by 1e-9
    assert rel_gap(gd.coef_, lbfgs.coef_) < 1e-5
    assert_array_equal(gd.predict(X), lbfgs.predict(X))


def test_gradient_descent_with_tol_stops_early(cancer):
    X, y = cancer
    model = LogisticRegression(solver="gradient_descent", learning_rate=1.0, max_iter=5000,
                               tol=1e-6).fit(X, y)
    assert model.n_iter_[0] < 5000


def test_unpenalised_intercept_matches_mean_probability_to_class_fraction(cancer):
    # dJ/dtheta_0 = mean(h - y) = 0 at the minimum, whatever lam: the mean
    # predicted probability equals the fraction of positives.
    X, y = cancer
    model = LogisticRegression(lam=50.0).fit(X, y)
    assert model.predict_proba(X)[:, 1].mean() == pytest.approx(np.mean(y == "malignant"), abs=1e-9)


def test_predict_proba_binary_columns_follow_classes(cancer):
    X, y = cancer
    model = LogisticRegression().fit(X, y)
    proba = model.predict_proba(X)
    z = model.decision_function(X)
    assert proba.shape == (len(y), 2)
    assert_allclose(proba[:, 1], sigmoid(z), rtol=1e-15)
    assert_allclose(proba[:, 0], sigmoid(-z), rtol=1e-15)
    assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-15)
    assert_array_equal(model.predict(X), model.classes_[np.argmax(proba, axis=1)])


def test_score_is_accuracy(cancer):
    X, y = cancer
    model = LogisticRegression().fit(X, y)
    assert model.score(X, y) == np.mean(model.predict(X) == y)


def test_string_labels_give_the_same_model_as_0_1(cancer):
    X, y = cancer
    strings = LogisticRegression().fit(X, y)
    numbers = LogisticRegression().fit(X, (y == "malignant").astype(int))
    assert_array_equal(strings.coef_, numbers.coef_)
    assert_array_equal(numbers.classes_, [0, 1])
    assert strings.predict(X[:3]).dtype.kind == "U"


def test_non_contiguous_integer_labels(digits):
    X, y = digits
    mask = np.isin(y, [1, 4, 7])
    labels = np.array([10, 40, 70])[np.searchsorted([1, 4, 7], y[mask])]
    model = LogisticRegression(lam=1.0).fit(X[mask], labels)
    assert_array_equal(model.classes_, [10, 40, 70])
    assert set(np.unique(model.predict(X[mask]))) <= {10, 40, 70}
    assert model.score(X[mask], labels) > 0.95


def test_one_vs_all_attributes_and_probabilities(digits):
    X, y = digits
    names = np.array(list("abcdefghij"))[y]  # ten string classes
    model = LogisticRegression(lam=1.0).fit(X, names)
    assert model.coef_.shape == (10, 64)
    assert model.intercept_.shape == (10,)
    assert model.n_iter_.shape == (10,)
    assert len(model.cost_history_) == 10
    proba = model.predict_proba(X[:50])
    assert proba.shape == (50, 10)
    assert np.all((proba >= 0) & (proba <= 1))
    assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-14)
    assert model.decision_function(X[:50]).shape == (50, 10)
    assert_array_equal(model.predict(X[:50]), model.classes_[np.argmax(proba, axis=1)])


def test_one_vs_all_rows_are_the_binary_classifiers(digits):
    X, y = digits
    X, y = X[:300], y[:300]
    model = LogisticRegression(lam=1.0).fit(X, y)
    binary = LogisticRegression(lam=1.0).fit(X, y == 3)
    assert_allclose(model.coef_[3], binary.coef_[0], rtol=0, atol=1e-12)
    assert model.intercept_[3] == pytest.approx(binary.intercept_[0], abs=1e-12)


def test_one_vs_all_held_out_accuracy(digits):
    X, y = digits
    train, test = slice(0, 1347), slice(1347, None)
    model = LogisticRegression(lam=0.1).fit(X[train], y[train])
    assert model.score(X[test], y[test]) >= 0.9


# --- the estimator: errors -----------------------------------------------------


def test_predict_before_fit_raises():
    for method in ("predict", "predict_proba", "decision_function"):
        with pytest.raises(NotFittedError, match="not fitted yet"):
            getattr(LogisticRegression(), method)(X_TOY)


def test_fit_single_class_raises():
    with pytest.raises(ValueError, match="one class only, 'spam'"):
        LogisticRegression().fit(X_TOY, ["spam"] * 3)


def test_predict_wrong_feature_count_raises(cancer):
    X, y = cancer
    model = LogisticRegression().fit(X, y)
    message = "X has 31 features, but LogisticRegression is expecting 30"
    with pytest.raises(ValueError, match=message):
        model.predict(add_intercept(X))


def test_fit_length_mismatch_raises():
    with pytest.raises(ValueError, match="X has 3 rows"):
        LogisticRegression().fit(X_TOY, [0, 1])


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"solver": "newton"}, ValueError, "solver must be one of 'lbfgs', 'gradient_descent'"),
        ({"lam": -1.0}, ValueError, "lam must be >= 0"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"max_iter": 2.5}, TypeError, "max_iter must be an integer"),
        ({"tol": 0.0}, ValueError, "tol must be > 0"),
    ],
)
def test_fit_bad_hyper_parameters_raise(params, error, match):
    with pytest.raises(error, match=match):
        LogisticRegression(**params).fit(X_TOY, [0, 1, 0])


def test_lbfgs_that_runs_out_of_iterations_warns(cancer):
    from mlbook.exceptions import ConvergenceWarning

    X, y = cancer
    with pytest.warns(ConvergenceWarning, match="max_iter=3"):
        LogisticRegression(max_iter=3).fit(X, y)


# --- agreement with scikit-learn ---------------------------------------------------


def newton_minimiser(Xb, y, lam):
    """The exact minimiser of logistic_cost, by Newton's method to machine precision."""
    I0 = np.eye(Xb.shape[1])
    I0[0, 0] = 0.0
    theta = np.zeros(Xb.shape[1])
    for _ in range(100):
        grad = logistic_gradient(theta, Xb, y, lam)
        if np.abs(grad).max() < 1e-15:
            break
        h = sigmoid(Xb @ theta)
        hessian = (Xb.T * (h * (1 - h))) @ Xb / len(y) + lam * I0 / len(y)
        theta = theta - np.linalg.solve(hessian, grad)
    return theta


@pytest.mark.parametrize("lam", [0.1, 1.0, 10.0])
def test_binary_agrees_with_sklearn(cancer, lam):
    # Ours: mean CE + lam/(2m) |w|^2. Times m: sum CE + (lam/2) |w|^2.
    # sklearn: C sum CE + (1/2) |w|^2, intercept not penalised. So C = 1/lam.
    # Two L-BFGS runs stop at slightly different points of a flat valley, so each
    # is compared with the exact minimiser, to the 1e-5 that LogisticRegression's
    # docstring promises; sklearn's solution must also make our gradient vanish,
    # which is the mapping itself, independent of how flat the valley is.
    X, y = cancer
    ours = LogisticRegression(lam=lam).fit(X, y)
    theirs = sklearn.linear_model.LogisticRegression(C=1 / lam, tol=1e-10, max_iter=10_000)
    theirs.fit(X, y)
    assert_array_equal(ours.classes_, theirs.classes_)
    Xb, target = add_intercept(X), (y == ours.classes_[1]).astype(float)
    exact = newton_minimiser(Xb, target, lam)
    theirs_theta = np.r_[theirs.intercept_, theirs.coef_[0]]
    assert rel_gap(np.r_[ours.intercept_, ours.coef_[0]], exact) < 1e-5
    assert rel_gap(theirs_theta, exact) < 1e-5
    scale = np.abs(logistic_gradient(np.zeros_like(exact), Xb, target, lam)).max()
    assert np.abs(logistic_gradient(theirs_theta, Xb, target, lam)).max() < 1e-7 * scale
    assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=0, atol=1e-6)
    assert_array_equal(ours.predict(X), theirs.predict(X))


def test_one_vs_all_agrees_with_sklearn_one_vs_rest(digits):
    X, y = digits
    lam = 1.0
    ours = LogisticRegression(lam=lam).fit(X, y)
    inner = sklearn.linear_model.LogisticRegression(C=1 / lam, tol=1e-10, max_iter=10_000)
    theirs = sklearn.multiclass.OneVsRestClassifier(inner).fit(X, y)
    theirs_theta = np.array([np.r_[e.intercept_, e.coef_[0]] for e in theirs.estimators_])
    assert rel_gap(np.c_[ours.intercept_, ours.coef_], theirs_theta) < 1e-4
    assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=0, atol=1e-5)
    assert_array_equal(ours.predict(X), theirs.predict(X))


def test_lbfgs_refuses_a_learning_rate_it_would_ignore(cancer):
    X, y = cancer
    with pytest.raises(ValueError, match=r"learning_rate=0.5 applies only to "
                                         r"solver='gradient_descent'"):
        LogisticRegression(learning_rate=0.5).fit(X, y)


# --- centring and sample_weight (issue 22) ----------------------------------------------


@pytest.mark.parametrize("offset", [1e4, 1e6])
def test_a_feature_far_from_zero_gives_the_same_model(offset):
    # The fit centres the features and recovers the intercept: the same minimiser, without
    # the narrow valley that made L-BFGS stop early (scikit-learn: 23% off at 1e4 here).
    rng = np.random.default_rng(0)
    X = rng.normal(size=(500, 2))
    y = (rng.random(500) < 1 / (1 + np.exp(-(X @ [1.5, -2.0] + 0.3)))).astype(int)
    near = LogisticRegression().fit(X, y)
    far = LogisticRegression().fit(X + offset, y)
    np.testing.assert_allclose(far.coef_, near.coef_, rtol=1e-6)
    np.testing.assert_allclose(far.decision_function(X + offset), near.decision_function(X),
                               rtol=1e-6, atol=1e-6)


def test_sample_weight_matches_scikit_learn():
    import sklearn.linear_model

    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 3))
    y = (X @ [1.0, -1.0, 0.5] + rng.normal(size=80) > 0).astype(int)
    s = rng.uniform(0.0, 2.0, size=80)
    ours = LogisticRegression(lam=1.0).fit(X, y, sample_weight=s)
    # scikit-learn's C-parametrised cost: C sum_i s_i loss_i + |w|^2 / 2, so C = 1 / lam.
    theirs = sklearn.linear_model.LogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(
        X, y, sample_weight=s)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-5)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=1e-5)
    counted = np.arange(80) % 3
    weighted = LogisticRegression(lam=1.0).fit(X, y, sample_weight=counted)
    repeated = LogisticRegression(lam=1.0).fit(np.repeat(X, counted, axis=0),
                                                np.repeat(y, counted))
    np.testing.assert_allclose(weighted.coef_, repeated.coef_, rtol=1e-6)
