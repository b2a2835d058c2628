"""Support vector machines: kernels, the SMO solver, SVC (mlbook.svm)."""

import warnings

import numpy as np
import pytest
import scipy.optimize
import sklearn.datasets
import sklearn.metrics.pairwise
import sklearn.multiclass
import sklearn.svm
from numpy.testing import assert_allclose, assert_array_equal

from mlbook.base import ClassifierMixin, clone
from mlbook.datasets import make_curved_boundary, make_noisy_mixture, make_separable_with_outlier
from mlbook.exceptions import ConvergenceWarning, NotFittedError
from mlbook.gradcheck import numerical_gradient, relative_error
from mlbook.preprocessing import StandardScaler
from mlbook.svm import SVC, gaussian_kernel, linear_kernel, polynomial_kernel, rbf_kernel
from mlbook.svm._kernels import _gram_rows
from mlbook.svm import _classes
from mlbook.svm._smo import _RowCache, _smo

# Two examples, x = (0, 0) of class "a" and x = (2, 0) of class "b" (y = -1, +1).
# Hard margin by hand: the boundary is the bisector x_1 = 1, so w = (1, 0) and
# b = -1 put both examples on the margin (y h = 1); w = sum beta_i y_i x_i =
# beta (2, 0) gives beta_1 = beta_2 = 1/2, and W = sum beta - |w|^2 / 2 = 1/2.
# SMO needs one step: i = 1 (the only y = +1), j = 0, b_ij = v_1 - v_0 =
# 1 - (-1) = 2, a_ij = |x_1 - x_0|^2 = 4, t = 2/4 = 1/2.
X_TWO = np.array([[0.0, 0.0], [2.0, 0.0]])
Y_TWO = np.array(["a", "b"])


@pytest.fixture(scope="module")
def cancer():
    data = sklearn.datasets.load_breast_cancer()
    return StandardScaler().fit_transform(data.data), data.target_names[data.target]


def problems():
    """(name, X, y, SVC keyword arguments): the sets the chapter uses, smaller."""
    data = sklearn.datasets.load_breast_cancer()
    Xc, yc = StandardScaler().fit_transform(data.data), data.target
    Xo, yo = make_separable_with_outlier(random_state=0)
    Xb, yb = make_curved_boundary(m=300, noise=0.0, random_state=0)
    Xm, ym, _, _ = make_noisy_mixture(random_state=0)
    return [
        ("outlier, linear, C=1", Xo, yo, {"kernel": "linear", "C": 1.0}),
        ("outlier, linear, C=100", Xo, yo, {"kernel": "linear", "C": 100.0}),
        ("curved, rbf", Xb, yb, {"kernel": "rbf", "C": 1.0, "gamma": 50.0}),
        ("mixture, rbf", Xm, ym, {"kernel": "rbf", "C": 10.0, "gamma": 0.5}),
        ("cancer, rbf", Xc, yc, {"kernel": "rbf", "C": 1.0, "gamma": 0.01}),
        ("cancer, linear", Xc, yc, {"kernel": "linear", "C": 0.1}),
        ("cancer, poly", Xc, yc, {"kernel": "poly", "C": 1.0, "gamma": 0.1, "degree": 3,
                                  "coef0": 1.0}),
    ]


PROBLEMS = problems()
IDS = [p[0] for p in PROBLEMS]


def dual_parts(model, X):
    """beta_i y_i for every example (zero off the support) and the Gram matrix."""
    coef = np.zeros(len(X))
    coef[model.support_] = model.dual_coef_[0]
    return coef, model._gram(X, X)


# --- kernels: hand values and references -------------------------------------------


def test_kernels_by_hand():
    x, z = np.array([[1.0, 2.0]]), np.array([[3.0, 4.0], [1.0, 2.0]])
    assert_array_equal(linear_kernel(x, z), [[11.0, 5.0]])  # 3 + 8, 1 + 4
    # (gamma x.z + c0)^p with gamma = 0.5, c0 = 1, p = 2: (5.5 + 1)^2, (2.5 + 1)^2.
    assert_allclose(polynomial_kernel(x, z, degree=2, gamma=0.5, coef0=1.0),
                    [[42.25, 12.25]], rtol=1e-15)
    # |x - z|^2 = 8 and 0: exp(-0.25 * 8) = e^-2, and 1.
    assert_allclose(rbf_kernel(x, z, gamma=0.25), [[np.exp(-2.0), 1.0]], rtol=1e-15)


def test_gaussian_kernel_course_check_value():
    # The classic course's exercise: sigma = 2, |x1 - x2|^2 = 1 + 4 + 4 = 9,
    # so exp(-9 / (2 * 4)) = exp(-9/8) = 0.324652...
    value = gaussian_kernel([1.0, 2.0, 1.0], [0.0, 4.0, -1.0], sigma=2.0)
    assert value == pytest.approx(np.exp(-9 / 8), rel=1e-15)
    assert round(value, 6) == 0.324652


def test_gaussian_kernel_is_rbf_with_gamma_one_over_two_sigma_squared(rng):
    X = rng.normal(size=(6, 3))
    sigma = 0.7
    pairs = np.array([[gaussian_kernel(a, b, sigma) for b in X] for a in X])  # loop: a test
    assert_allclose(rbf_kernel(X, X, gamma=1 / (2 * sigma**2)), pairs, rtol=1e-12)
    # The slip gamma = 1 / sigma^2 squares every value instead: exp(-2s) = exp(-s)^2.
    assert_allclose(rbf_kernel(X, X, gamma=1 / sigma**2), pairs**2, rtol=1e-12)


def test_kernels_agree_with_sklearn(rng):
    # sklearn.metrics.pairwise uses the same parameter names: k(x, z) =
    # exp(-gamma |x - z|^2) and (gamma x.z + coef0)^degree.
    X1, X2 = rng.normal(size=(7, 4)), rng.normal(size=(5, 4))
    pw = sklearn.metrics.pairwise
    assert_allclose(linear_kernel(X1, X2), pw.linear_kernel(X1, X2), rtol=1e-14)
    assert_allclose(rbf_kernel(X1, X2, 0.3), pw.rbf_kernel(X1, X2, gamma=0.3), rtol=1e-12)
    assert_allclose(polynomial_kernel(X1, X2), pw.polynomial_kernel(X1, X2), rtol=1e-12)
    assert_allclose(polynomial_kernel(X1, X2, degree=4, gamma=2.0, coef0=-0.5),
                    pw.polynomial_kernel(X1, X2, degree=4, gamma=2.0, coef0=-0.5), rtol=1e-12)


def test_rbf_kernel_of_an_example_with_itself_is_exactly_one(rng):
    # Far from the origin |x|^2 + |z|^2 - 2 x.z would cancel away all but a few
    # digits (|x|^2 = 3e8, so rounding errors of 1e-7 in a distance of order 1);
    # centring first keeps the diagonal at 1 and every value in [0, 1].
    X = 1e4 + rng.normal(size=(20, 3))
    G = rbf_kernel(X, X, gamma=10.0)
    assert np.all(G <= 1.0) and np.all(G >= 0.0)
    assert_allclose(np.diag(G), 1.0, rtol=0, atol=1e-12)
    assert_allclose(G, sklearn.metrics.pairwise.rbf_kernel(X - 1e4, gamma=10.0), rtol=1e-10)


@pytest.mark.parametrize("kernel", ["linear", "poly", "rbf"])
def test_gram_matrices_are_positive_semi_definite(rng, kernel):
    # Mercer: every Gram matrix of a valid kernel is PSD, so its smallest
    # eigenvalue is >= 0 up to rounding.
    X = rng.normal(size=(40, 3))
    G = {"linear": lambda: linear_kernel(X, X),
         "poly": lambda: polynomial_kernel(X, X, degree=3, gamma=0.5, coef0=1.0),
         "rbf": lambda: rbf_kernel(X, X, gamma=0.5)}[kernel]()
    d = np.linalg.eigvalsh(G)
    assert d[0] > -1e-12 * d[-1]


@pytest.mark.parametrize(("kernel", "full"), [
    ("linear", lambda X: linear_kernel(X, X)),
    ("poly", lambda X: polynomial_kernel(X, X, degree=3, gamma=0.5, coef0=1.0)),
    ("rbf", lambda X: rbf_kernel(X, X, gamma=0.5)),
])
def test_gram_rows_are_the_rows_of_the_gram_matrix(rng, kernel, full):
    # SVC.fit asks SMO to read G row by row; each row must be the kernel's row.
    X = 3.0 + rng.normal(size=(30, 4))
    row, diag = _gram_rows(kernel, X, gamma=0.5, degree=3, coef0=1.0)
    G = full(X)
    assert_allclose(np.array([row(k) for k in range(30)]), G, rtol=1e-12, atol=1e-15)
    assert_allclose(diag, np.diag(G), rtol=1e-12)


def test_polynomial_kernel_as_an_explicit_feature_map(rng):
    # (x.z + 1)^2 in two dimensions is phi(x).phi(z) with
    # phi(x) = (1, sqrt2 x1, sqrt2 x2, x1^2, x2^2, sqrt2 x1 x2).
    def phi(X):
        x1, x2 = X[:, 0], X[:, 1]
        r2 = np.sqrt(2.0)
        return np.column_stack([np.ones(len(X)), r2 * x1, r2 * x2, x1**2, x2**2, r2 * x1 * x2])

    X, Z = rng.normal(size=(5, 2)), rng.normal(size=(4, 2))
    assert_allclose(polynomial_kernel(X, Z, degree=2, gamma=1.0, coef0=1.0), phi(X) @ phi(Z).T,
                    rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: rbf_kernel([[0.0, 1.0]], [[0.0, 1.0, 2.0]], 1.0), ValueError,
         "X1 has 2 features .* but X2 has 3"),
        (lambda: rbf_kernel([[0.0]], [[1.0]], gamma=0.0), ValueError, "gamma must be > 0"),
        (lambda: rbf_kernel([0.0, 1.0], [[1.0]], 1.0), ValueError, "Expected a 2-D array for X1"),
        (lambda: gaussian_kernel([0.0], [1.0], sigma=-1.0), ValueError, "sigma must be > 0"),
        (lambda: gaussian_kernel([0.0, 1.0], [1.0], sigma=1.0), ValueError,
         "x1 has 2 entries but x2 has 1"),
        (lambda: polynomial_kernel([[1.0]], [[1.0]], degree=1.5), TypeError,
         "degree must be an integer"),
        (lambda: polynomial_kernel([[1e200]], [[1e200]], degree=3), ValueError,
         "overflows.*Standardise the features"),
    ],
)
def test_kernels_refuse_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


# --- SVC on two examples, by hand ---------------------------------------------------


def test_two_examples_hard_margin_by_hand():
    model = SVC(C=10.0, kernel="linear").fit(X_TWO, Y_TWO)
    assert model.n_iter_[0] == 1
    assert_array_equal(model.support_, [0, 1])
    assert_allclose(model.dual_coef_, [[-0.5, 0.5]], rtol=1e-15)
    assert_allclose(model.coef_, [[1.0, 0.0]], rtol=1e-15)
    assert model.intercept_[0] == pytest.approx(-1.0, rel=1e-15)
    assert_allclose(model.decision_function(X_TWO), [-1.0, 1.0], rtol=1e-15)  # on the margin
    assert model.objective_history_[-1] == pytest.approx(0.5, rel=1e-15)
    assert_array_equal(model.predict([[0.9, 5.0], [1.1, -5.0]]), ["a", "b"])


def test_two_examples_soft_margin_by_hand():
    # C = 0.1 < 1/2: the step t = 1/2 is clipped at C, so beta = (C, C),
    # w = C (2, 0) = (0.2, 0). Neither multiplier is free, so b is the middle
    # of [m, M]: v_0 = -1 - (0) = -1 is in I_up only, v_1 = 1 - 0.2 * 2 = 0.6
    # is in I_low only, b = (-1 + 0.6) / 2 = -0.2: the boundary stays at x_1 = 1.
    model = SVC(C=0.1, kernel="linear").fit(X_TWO, Y_TWO)
    assert_allclose(model.dual_coef_, [[-0.1, 0.1]], rtol=1e-15)
    assert_allclose(model.coef_, [[0.2, 0.0]], rtol=1e-15)
    assert model.intercept_[0] == pytest.approx(-0.2, rel=1e-14)
    assert_allclose(model.decision_function(X_TWO), [-0.2, 0.2], rtol=1e-14)


# --- optimality: KKT conditions, duality, the solver's own checks ----------------------


@pytest.mark.parametrize(("name", "X", "y", "params"), PROBLEMS, ids=IDS)
def test_kkt_conditions_hold_at_the_solution(name, X, y, params):
    # Stopping at (6.21), max v on I_up - min v on I_low <= tol, guarantees (6.11) relaxed by tol:
    # beta < C => y h >= 1 - tol, beta > 0 => y h <= 1 + tol.
    tol = 1e-3
    model = SVC(tol=tol, **params).fit(X, y)
    C = params["C"]
    coef, _ = dual_parts(model, X)
    signs = np.where(y == model.classes_[1], 1.0, -1.0)
    beta = coef * signs
    margin = signs * model.decision_function(X)  # y_i h(x_i)
    slack = 1e-9  # decision_function recomputes what SMO updated step by step
    assert np.all(beta >= 0) and np.all(beta <= C)  # exactly, not approximately
    assert abs(coef.sum()) <= 1e-12 * C * len(y)  # sum beta_i y_i = 0 (6.8)
    assert np.all(margin[beta < C] >= 1 - tol - slack)
    assert np.all(margin[beta > 0] <= 1 + tol + slack)
    free = (beta > 0) & (beta < C)
    assert np.all(np.abs(margin[free] - 1) <= tol + slack)
    assert model.violation_history_[-1] <= tol


@pytest.mark.parametrize(("name", "X", "y", "params"), PROBLEMS, ids=IDS)
@pytest.mark.parametrize("tol", [1e-3, 1e-8])
def test_duality_gap_is_nonnegative_and_within_its_bound(name, X, y, params, tol):
    # The chapter shows: primal (6.5) minus dual (6.12) is a sum of one term
    # per example, each >= 0 (weak duality) and, with (6.11) relaxed by tol,
    # at most C tol; only examples with beta > 0 or y h < 1 have one.
    model = SVC(tol=tol, **params).fit(X, y)
    C = params["C"]
    coef, G = dual_parts(model, X)
    signs = np.where(y == model.classes_[1], 1.0, -1.0)
    margin = signs * model.decision_function(X)
    w_sq = coef @ G @ coef  # |w|^2 = sum_ij beta_i y_i beta_j y_j G_ij
    primal = w_sq / 2 + C * np.maximum(0, 1 - margin).sum()
    dual = np.abs(coef).sum() - w_sq / 2
    count = np.sum((coef != 0) | (margin < 1))
    rounding = 1e-9 * primal
    assert dual == pytest.approx(model.objective_history_[-1], rel=1e-9)
    assert -rounding <= primal - dual <= C * tol * count + rounding


def test_dual_objective_never_decreases_and_violation_ends_below_tol(cancer):
    X, y = cancer
    model = SVC(C=1.0, gamma=0.02).fit(X, y)
    W = model.objective_history_
    assert W[0] == 0.0 and np.all(np.diff(W) >= 0)
    assert len(W) == len(model.violation_history_) == model.n_iter_[0] + 1
    assert model.violation_history_[0] == 2.0  # v = y at beta = 0: m = 1, M = -1
    assert model.violation_history_[-1] <= 1e-3 < model.violation_history_[-2]


def test_pair_step_is_the_exact_change_of_the_dual(rng):
    # (6.22): along d (d_i = y_i, d_j = -y_j, 0 elsewhere),
    # f(beta + t d) = f(beta) - b_ij t + a_ij t^2 / 2 with
    # b_ij = v_i - v_j, a_ij = G_ii + G_jj - 2 G_ij, v = -y * grad f.
    X = rng.normal(size=(12, 2))
    y = np.where(rng.uniform(size=12) < 0.5, -1.0, 1.0)
    G = rbf_kernel(X, X, 0.7)
    Q = np.outer(y, y) * G

    def f(beta):
        return beta @ Q @ beta / 2 - beta.sum()

    beta = rng.uniform(0, 1, size=12)
    grad = Q @ beta - 1  # (6.17)'s gradient
    assert relative_error(grad, numerical_gradient(f, beta)) < 1e-9
    v = -y * grad
    assert_allclose(v, y - G @ (beta * y), rtol=1e-12)  # (6.19)
    i, j = 3, 8
    d = np.zeros(12)
    d[i], d[j] = y[i], -y[j]
    assert y @ d == 0  # the direction keeps sum beta_i y_i fixed
    b_ij, a_ij = v[i] - v[j], G[i, i] + G[j, j] - 2 * G[i, j]
    for t in [-0.3, 0.1, 0.5]:
        assert f(beta + t * d) == pytest.approx(f(beta) - b_ij * t + a_ij * t**2 / 2, rel=1e-12)


def test_smo_matches_a_general_purpose_solver_on_the_dual(rng):
    # An independent reference: scipy's SLSQP on the same dual (6.17).
    X = rng.normal(size=(25, 2))
    y = np.where(X[:, 0] + 0.5 * rng.normal(size=25) > 0, 1.0, -1.0)
    G = rbf_kernel(X, X, 0.5)
    Q = np.outer(y, y) * G
    C = 2.0
    result = scipy.optimize.minimize(
        lambda beta: beta @ Q @ beta / 2 - beta.sum(), np.zeros(25),
        jac=lambda beta: Q @ beta - 1, method="SLSQP", bounds=[(0, C)] * 25,
        constraints={"type": "eq", "fun": lambda beta: y @ beta, "jac": lambda beta: y},
        options={"ftol": 1e-14, "maxiter": 1000})
    beta, _, _, _, objective = _smo(lambda k: G[k], np.diag(G), y, C, 1e-10, 100_000)
    assert result.success
    assert objective[-1] == pytest.approx(-result.fun, rel=1e-8)
    assert_allclose(beta, result.x, rtol=0, atol=1e-5)


def test_identical_examples_with_opposite_labels_do_not_break_the_solver():
    # a_ij = 0 for the pair: SMO uses TAU instead and clips the step at C.
    X = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [-1.0, -1.0], [1.2, 0.8]])
    y = np.array([0, 1, 1, 0, 1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = SVC(C=1.0, gamma=1.0).fit(X, y)
    assert np.all(np.isfinite(model.dual_coef_))
    assert model.violation_history_[-1] <= 1e-3
    # Both copies of the origin are bounded support vectors: beta = C.
    assert_allclose(np.abs(model.dual_coef_[0, :2]), 1.0)


def test_indefinite_kernel_still_stops_at_a_kkt_point(rng):
    # (x.z - 1)^3 is not positive semi-definite: some a_ij < 0. libsvm's TAU
    # keeps every step finite; the stopping rule still certifies (6.11).
    X = rng.normal(size=(60, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    model = SVC(kernel="poly", degree=3, gamma=1.0, coef0=-1.0, C=1.0).fit(X, y)
    assert model.violation_history_[-1] <= 1e-3
    assert np.all(np.diff(model.objective_history_) >= 0)


# --- agreement with scikit-learn (libsvm) ------------------------------------------------


@pytest.mark.parametrize(("name", "X", "y", "params"), PROBLEMS, ids=IDS)
@pytest.mark.parametrize("tol", [1e-3, 1e-5])
def test_agrees_with_sklearn_svc(name, X, y, params, tol):
    # The same problem on both sides: sklearn's SVC(C, kernel, gamma, degree,
    # coef0, tol) is libsvm's C-SVC, which minimises the same dual (6.17) with
    # the same second-order pair choice and stopping rule (6.21). Each
    # stops within tol of the optimality conditions (not within tol of the
    # exact solution), so the decision values differ by a few tol at most,
    # relative to their size.
    ours = SVC(tol=tol, **params).fit(X, y)
    theirs = sklearn.svm.SVC(tol=tol, **params).fit(X, y)
    assert_array_equal(ours.classes_, theirs.classes_)
    d_ours, d_theirs = ours.decision_function(X), theirs.decision_function(X)
    assert np.abs(d_ours - d_theirs).max() <= 5 * tol * np.abs(d_theirs).max()
    assert_array_equal(ours.predict(X), theirs.predict(X))
    # The same support vectors, up to examples on the margin (y h = 1), whose
    # multiplier may be 0 in one solution and tiny in the other.
    differ = np.setxor1d(ours.support_, theirs.support_)
    signs = np.where(y == ours.classes_[1], 1.0, -1.0)
    assert np.all(np.abs(signs[differ] * d_theirs[differ] - 1) <= 2 * tol)
    assert len(differ) <= 0.02 * len(ours.support_)


def test_intercept_and_dual_coef_follow_sklearn_signs(cancer):
    X, y = cancer
    ours = SVC(kernel="linear", C=0.1, tol=1e-6).fit(X, y)
    theirs = sklearn.svm.SVC(kernel="linear", C=0.1, tol=1e-6).fit(X, y)
    order = np.argsort(theirs.support_)
    assert_array_equal(ours.support_, theirs.support_[order])
    assert_allclose(ours.dual_coef_[0], theirs.dual_coef_[0, order], rtol=0, atol=1e-4)
    assert ours.intercept_[0] == pytest.approx(theirs.intercept_[0], abs=1e-4)
    assert_allclose(ours.coef_, theirs.coef_, rtol=0, atol=1e-4 * np.abs(theirs.coef_).max())
    assert_array_equal(ours.n_support_, theirs.n_support_)


def test_gamma_scale_and_auto_match_sklearn(cancer):
    X, y = cancer
    for gamma in ["scale", "auto"]:
        ours = SVC(gamma=gamma).fit(X, y)
        theirs = sklearn.svm.SVC(gamma=gamma).fit(X, y)
        assert ours.gamma_ == pytest.approx(theirs._gamma, rel=1e-12)
        assert_array_equal(ours.predict(X), theirs.predict(X))


def test_one_vs_one_by_hand_as_the_error_suggests_matches_libsvm():
    # The fix named in the error for K > 2: one SVC per pair of classes, each
    # voting; ties go to the class listed first, as in libsvm.
    X, y = sklearn.datasets.load_iris(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    classes = np.unique(y)
    votes = np.zeros((len(X), len(classes)), int)
    for k in range(len(classes)):  # a loop over pairs of classes
        for l in range(k + 1, len(classes)):
            pair = np.isin(y, classes[[k, l]])
            model = SVC(C=1.0, gamma=0.5, tol=1e-6).fit(X[pair], y[pair])
            winner = model.predict(X)  # classes[k] or classes[l]
            votes[np.arange(len(X)), np.searchsorted(classes, winner)] += 1
    ours = classes[votes.argmax(axis=1)]
    theirs = sklearn.svm.SVC(C=1.0, gamma=0.5, tol=1e-6).fit(X, y).predict(X)
    assert_array_equal(ours, theirs)


# --- estimator conventions -------------------------------------------------------------


def test_hyper_parameters_stored_unchanged():
    model = SVC(C=3.0, kernel="poly", gamma=0.2, degree=2, coef0=1.0, tol=1e-4, max_iter=50,
                cache_size=50.5)
    assert model.get_params() == {"C": 3.0, "kernel": "poly", "gamma": 0.2, "degree": 2,
                                  "coef0": 1.0, "tol": 1e-4, "max_iter": 50, "cache_size": 50.5}
    assert repr(SVC(C=3.0)) == "SVC(C=3.0)"
    assert clone(model).get_params() == model.get_params()
    assert isinstance(model, ClassifierMixin)


def test_fit_sets_attributes_with_the_documented_shapes(cancer):
    X, y = cancer
    model = SVC(C=1.0, gamma=0.02)
    assert model.fit(X, y) is model
    n_sv = len(model.support_)
    assert_array_equal(model.classes_, ["benign", "malignant"])
    assert model.support_.dtype.kind == "i" and np.all(np.diff(model.support_) > 0)
    assert_array_equal(model.support_vectors_, X[model.support_])
    assert model.dual_coef_.shape == (1, n_sv)
    assert model.intercept_.shape == (1,) and model.n_iter_.shape == (1,)
    assert model.n_support_.sum() == n_sv
    assert_array_equal(model.n_support_, [np.sum(y[model.support_] == c) for c in model.classes_])
    # dual_coef_ = beta_i y_i: positive for classes_[1], at most C in size.
    assert np.all((model.dual_coef_[0] > 0) == (y[model.support_] == "malignant"))
    assert np.all(np.abs(model.dual_coef_) <= 1.0)
    assert model.n_features_in_ == 30


def test_decision_sign_predicts_classes_1_and_score_is_accuracy(cancer):
    X, y = cancer
    model = SVC(C=1.0, gamma=0.02).fit(X, y)
    d = model.decision_function(X)
    assert_array_equal(model.predict(X), np.where(d > 0, "malignant", "benign"))
    assert model.score(X, y) == np.mean(model.predict(X) == y)


def test_coef_is_w_from_the_multipliers_for_the_linear_kernel(cancer):
    X, y = cancer
    model = SVC(kernel="linear", C=0.1).fit(X, y)
    w = model.dual_coef_[0] @ model.support_vectors_  # (6.7)
    assert_allclose(model.coef_[0], w, rtol=1e-14)
    assert_allclose(model.decision_function(X), X @ w + model.intercept_[0], rtol=1e-10)


def test_coef_refused_for_other_kernels(cancer):
    X, y = cancer
    model = SVC(kernel="rbf").fit(X, y)
    with pytest.raises(AttributeError, match="coef_ exists only for kernel='linear'"):
        model.coef_  # noqa: B018
    assert not hasattr(model, "coef_")


def test_labels_of_any_kind(cancer):
    X, y = cancer
    strings = SVC(gamma=0.02).fit(X, y)
    integers = SVC(gamma=0.02).fit(X, np.where(y == "malignant", 70, 30))
    assert_array_equal(integers.classes_, [30, 70])
    assert_array_equal(strings.dual_coef_, integers.dual_coef_)
    assert set(integers.predict(X)) <= {30, 70}


def test_fit_is_deterministic_and_leaves_its_input_alone(cancer):
    X, y = cancer
    X_copy, y_copy = X.copy(), y.copy()
    first = SVC(gamma=0.02).fit(X, y)
    second = SVC(gamma=0.02).fit(X, y)
    assert_array_equal(first.dual_coef_, second.dual_coef_)
    assert_array_equal(X, X_copy)
    assert_array_equal(y, y_copy)


def test_unused_examples_do_not_change_predictions(cancer):
    # Only support vectors enter (6.18): refitting on the support vectors
    # alone gives the same decision function (up to the tolerance).
    X, y = cancer
    full = SVC(gamma=0.02, tol=1e-8).fit(X, y)
    again = SVC(gamma=0.02, tol=1e-8).fit(X[full.support_], y[full.support_])
    assert_allclose(again.decision_function(X), full.decision_function(X), rtol=0, atol=1e-6)


# --- refusals --------------------------------------------------------------------------


def test_use_before_fit_raises():
    for use in (lambda m: m.predict(X_TWO), lambda m: m.decision_function(X_TWO),
                lambda m: m.coef_):
        with pytest.raises(NotFittedError, match="not fitted yet"):
            use(SVC(kernel="linear"))


def test_predict_with_other_features_raises(cancer):
    X, y = cancer
    model = SVC().fit(X, y)
    with pytest.raises(ValueError, match="X has 29 features, but SVC is expecting 30"):
        model.predict(X[:, 1:])


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"C": 0.0}, ValueError, "C must be > 0, got 0.0"),
        ({"C": -1.0}, ValueError, "C must be > 0"),
        ({"C": "1"}, TypeError, "C must be a real number"),
        ({"kernel": "sigmoid"}, ValueError, "kernel must be one of 'linear', 'poly', 'rbf'"),
        ({"gamma": 0.0}, ValueError, "gamma must be > 0"),
        ({"gamma": "sigma"}, ValueError, "gamma must be one of 'scale', 'auto'"),
        ({"degree": -1}, ValueError, "degree must be >= 0"),
        ({"tol": 0.0}, ValueError, "tol must be > 0"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"max_iter": 10.0}, TypeError, "max_iter must be an integer"),
        ({"cache_size": 0}, ValueError, "cache_size must be > 0 .*got 0; the default is 200"),
        ({"cache_size": -5.0}, ValueError, "cache_size must be > 0 .*got -5.0"),
        ({"cache_size": "big"}, TypeError, "cache_size must be a real number"),
    ],
)
def test_bad_hyper_parameters_raise(params, error, match):
    with pytest.raises(error, match=match):
        SVC(**params).fit(X_TWO, Y_TWO)


def test_more_than_two_classes_raise_and_name_the_fix():
    with pytest.raises(ValueError, match="3 classes.*one SVC per pair of classes"):
        SVC().fit([[0.0], [1.0], [2.0]], ["a", "b", "c"])


def test_single_class_raises():
    with pytest.raises(ValueError, match="one class only"):
        SVC().fit(X_TWO, ["a", "a"])


def test_running_out_of_iterations_warns(cancer):
    X, y = cancer
    with pytest.warns(ConvergenceWarning, match="max_iter=5 iterations.*violated by"):
        model = SVC(max_iter=5).fit(X, y)
    assert model.n_iter_[0] == 5


def test_polynomial_overflow_is_refused_with_a_fix():
    with pytest.raises(ValueError, match="overflows.*Standardise"):
        SVC(kernel="poly", gamma=1.0, degree=20).fit([[1e20], [-1e20]], [0, 1])


# --- bounded memory: the row cache and prediction in blocks --------------------------


def test_row_cache_keeps_the_most_recent_rows_and_counts_recomputations():
    cache = _RowCache(max_rows=2)
    calls = []

    def compute(k):
        calls.append(k)
        return np.full(3, float(k))

    for k in [0, 1, 0, 2, 1, 0]:  # 2 evicts 1 (0 was used more recently); 1 then evicts 0
        assert cache.get(k, compute, k)[0] == k
    assert calls == [0, 1, 2, 1, 0]
    assert list(cache.rows) == [1, 0] and cache.computed == 5
    assert _RowCache(max_rows=0).max_rows == 2  # the two rows of one step, always


@pytest.mark.parametrize(("name", "X", "y", "params"), PROBLEMS[2:5], ids=IDS[2:5])
def test_a_tiny_cache_gives_bit_identical_results(name, X, y, params):
    full = SVC(**params).fit(X, y)
    # 8 m bytes per row: this cache holds two rows of a few hundred examples.
    tiny = SVC(cache_size=2 * 8 * len(X) / 2**20, **params).fit(X, y)
    assert_array_equal(tiny.support_, full.support_)
    assert_array_equal(tiny.dual_coef_, full.dual_coef_)
    assert_array_equal(tiny.intercept_, full.intercept_)
    assert_array_equal(tiny.n_iter_, full.n_iter_)
    assert_array_equal(tiny.violation_history_, full.violation_history_)


def test_the_cache_evicts_and_recomputes_within_its_bound(monkeypatch):
    X, y = make_curved_boundary(m=400, noise=0.0, random_state=0)
    caches = []
    original = _RowCache.__init__

    def spy(self, max_rows):
        original(self, max_rows)
        caches.append(self)

    monkeypatch.setattr(_RowCache, "__init__", spy)
    SVC(C=1.0, gamma=50.0, cache_size=10 * 8 * 400 / 2**20).fit(X, y)  # ten rows
    SVC(C=1.0, gamma=50.0).fit(X, y)  # 200 MB: every row fits
    small, large = caches
    assert small.max_rows == 10 and len(small.rows) == 10
    assert small.computed > large.computed == len(large.rows)  # rows were computed again


def test_fit_memory_is_bounded_by_the_cache():
    import tracemalloc

    X, y = make_curved_boundary(m=3000, noise=0.0, random_state=0)
    peaks = {}
    for cache_size in [1.0, 200.0]:
        tracemalloc.start()
        SVC(C=1.0, gamma=50.0, cache_size=cache_size).fit(X, y)
        peaks[cache_size] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    # 1 MB of rows plus O(m) vectors and histories; without the bound the rows
    # alone would be (rows used) x 8 m bytes, 200 MB cache or not.
    assert peaks[1.0] < 3 * 2**20
    assert peaks[200.0] > 3 * peaks[1.0]


def test_decision_function_in_blocks_matches_one_block_and_bounds_memory(monkeypatch):
    import tracemalloc

    X, y = make_curved_boundary(m=600, noise=0.0, random_state=0)
    X_new, _ = make_curved_boundary(m=20_000, noise=0.0, random_state=1)
    model = SVC(C=1.0, gamma=50.0).fit(X, y)
    n_sv = len(model.support_)
    peaks, scores = {}, {}
    for rows in [len(X_new), 1000]:  # one block of all 20,000 rows; blocks of 1000
        monkeypatch.setattr(_classes, "_PREDICT_BLOCK_BYTES", 8 * n_sv * rows)
        tracemalloc.start()
        scores[rows] = model.decision_function(X_new)
        peaks[rows] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    whole = scores[len(X_new)]
    assert_allclose(scores[1000], whole, rtol=1e-12, atol=1e-12)
    # One block's kernel (and its temporaries) and the output: not (20,000 x n_SV).
    one_block, all_at_once = 8 * n_sv * 1000, 8 * n_sv * len(X_new)
    assert peaks[1000] < 3 * one_block + 3 * 8 * len(X_new) < all_at_once <= peaks[len(X_new)]
    monkeypatch.setattr(_classes, "_PREDICT_BLOCK_BYTES", 1)  # one row per block
    assert_allclose(model.decision_function(X_new[:50]), whole[:50], rtol=1e-12, atol=1e-12)


# --- overflow and non-finite solutions ------------------------------------------------


@pytest.mark.parametrize("kernel", ["rbf", "poly"])
def test_gamma_scale_that_overflows_on_tiny_features_is_refused(kernel):
    X, y = make_curved_boundary(m=100, noise=0.0, random_state=0)
    with pytest.raises(ValueError, match=r"gamma='scale' is 1 / \(n Var\(X\)\) = inf.*Scale the "
                                         r"features first"):
        SVC(kernel=kernel).fit(X * 1e-155, y)
    # The linear kernel has no gamma to overflow: it fits as on any scale.
    assert SVC(kernel="linear").fit(X * 1e-155, y).n_iter_[0] > 0


def test_gaussian_kernel_that_overflows_is_refused_with_the_fix():
    X, y = make_curved_boundary(m=100, noise=0.0, random_state=0)
    with pytest.raises(ValueError, match="Gaussian kernel overflows.*Scale the features"):
        SVC(gamma=1e308).fit(X, y)
    with pytest.raises(ValueError, match="Gaussian kernel overflows"):
        rbf_kernel(X, X, gamma=1e308)
    model = SVC(gamma=1e30).fit(X, y)
    with pytest.raises(ValueError, match="Gaussian kernel overflows"):
        model.decision_function(X * 1e140)  # test points whose distances overflow
    for kernel in ["linear", "rbf"]:  # values whose squares overflow, as fit refuses them
        with pytest.raises(ValueError, match="squares overflow float64"):
            SVC(kernel=kernel).fit(X, y).decision_function(X * 1e200)


def test_a_solution_that_is_not_finite_raises(monkeypatch):
    X, y = make_curved_boundary(m=100, noise=0.0, random_state=0)

    def nan_rows(kernel, X, gamma, degree, coef0):  # a kernel that has lost every digit
        return (lambda k: np.full(len(X), np.nan)), np.ones(len(X))

    monkeypatch.setattr(_classes, "_gram_rows", nan_rows)
    with pytest.raises(ValueError, match="solution is not finite.*Scale the features"):
        SVC().fit(X, y)


def test_a_nan_violation_does_not_pass_as_converged(monkeypatch):
    # The warning's condition is "not violation <= tol": NaN > tol is False.
    X, y = make_curved_boundary(m=100, noise=0.0, random_state=0)

    def nan_smo(*args, **kwargs):
        return np.ones(len(X)), 0.0, 5, [2.0, np.nan], [0.0]

    monkeypatch.setattr(_classes, "_smo", nan_smo)
    with pytest.raises(ValueError, match="solution is not finite"):
        SVC().fit(X, y)
