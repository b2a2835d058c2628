"""The benchmark entries: one small function per measurement.

To add an algorithm, write a function that builds its data and returns a
``Comparison`` (or a ``Breakdown`` or a ``Scaling``), and decorate it with
``@entry(name, title, group)``. Goals are the issue's, as the most mlbook's
time may be as a multiple of the reference's (a required speed-up of 50 is a
goal of 1/50).
"""

from functools import cache

import numpy as np
from sklearn.datasets import load_digits
from sklearn.cluster import KMeans as SkKMeans
from sklearn.decomposition import PCA as SkPCA
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.neural_network import MLPClassifier as SkMLPClassifier
from sklearn.svm import SVC as SkSVC

from mlbook import sigmoid, softplus
from mlbook.cluster import KMeans, kmeans_init
from mlbook.cluster._kmeans import _assign, _augment, _cluster_sums
from mlbook.datasets import make_curved_boundary
from mlbook.decomposition import PCA
from mlbook.gradcheck import relative_error
from mlbook.linear_model import LinearRegression, LogisticRegression
from mlbook.metrics import mcnemar_test
from mlbook.linear_model._logistic import (
    _logistic_cost,
    _logistic_cost_and_gradient,
    _logistic_gradient,
)
from mlbook.neural_network import MLPClassifier, init_weights
from mlbook.neural_network._backprop import _cost_and_gradient, _forward
from mlbook.preprocessing import add_intercept
from mlbook.svm import SVC

from .baselines import looped_cost_and_gradient, matrix_products
from .harness import Breakdown, Comparison, PeakMemory, Scaling, entry

# --- data ----------------------------------------------------------------------


@cache
def digits():
    """The 8x8 digits, pixels scaled to [0, 1] as in the chapters; 3/4 to train."""
    data = load_digits()
    return tuple(train_test_split(data.data / 16.0, data.target, test_size=0.25,
                                  stratify=data.target, random_state=0))


@cache
def blobs(m, sample=0, n=64, K=10):
    """m examples of K Gaussian classes in n dimensions (centres N(0, I), spread 2).

    The classes are the same for every ``sample``; each ``sample`` draws
    different examples from them (a test set is another sample).
    """
    centres = np.random.default_rng(0).normal(size=(K, n))
    rng = np.random.default_rng(1 + sample)
    y = rng.integers(0, K, size=m)
    return centres[y] + rng.normal(scale=2.0, size=(m, n)), y


def _iterations(model):
    if isinstance(model, OneVsRestClassifier):
        return int(sum(e.n_iter_[0] for e in model.estimators_))
    return int(np.sum(model.n_iter_))


def _coefficients(model):
    """(K, n + 1): intercept and coefficients of each one-vs-all classifier."""
    if isinstance(model, OneVsRestClassifier):
        return np.array([np.r_[e.intercept_, e.coef_[0]] for e in model.estimators_])
    return np.c_[model.intercept_, model.coef_]


def _classifier_facts(X_test, y_test):
    def facts(ours, theirs):
        a, b = ours.score(X_test, y_test), theirs.score(X_test, y_test)
        # Both models on the same test examples: the paired comparison (McNemar).
        paired = mcnemar_test(y_test, ours.predict(X_test), theirs.predict(X_test))
        return {
            "mlbook_test_accuracy": a,
            "reference_test_accuracy": b,
            "test_examples": len(y_test),
            "mlbook_iterations": _iterations(ours),
            "reference_iterations": _iterations(theirs),
            "accuracy_difference": float(paired.difference),
            "paired_standard_error": float(paired.standard_error),
            "mlbook_only_right": int(paired.a_only),
            "reference_only_right": int(paired.b_only),
            "mcnemar_p": float(paired.pvalue),
        }
    return facts


def _one_vs_all_facts(X_test, y_test):
    base = _classifier_facts(X_test, y_test)

    def facts(ours, theirs):
        a, b = _coefficients(ours), _coefficients(theirs)
        return base(ours, theirs) | {
            "coefficients_max_relative_difference": float(np.max(np.abs(a - b)) / np.max(np.abs(b))),
        }
    return facts


# --- linear and logistic regression ----------------------------------------------


@entry("linear-regression", "Linear regression, 100,000 x 50 (normal equation)", "linear")
def linear_regression():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100_000, 50))
    y = X @ rng.normal(size=50) + rng.normal(size=100_000)

    def facts(ours, theirs):
        return {"coefficients_max_abs_difference": float(np.max(np.abs(ours.coef_ - theirs.coef_)))}

    return Comparison(lambda: LinearRegression().fit(X, y), lambda: SkLinearRegression().fit(X, y),
                      "LinearRegression()", goal=None, facts=facts)


def _one_vs_all(X, y, X_test, y_test, reference, reference_name, repeat=5):
    return Comparison(lambda: LogisticRegression(lam=1.0).fit(X, y),
                      lambda: OneVsRestClassifier(reference()).fit(X, y),
                      reference_name, goal=1.0, facts=_one_vs_all_facts(X_test, y_test),
                      repeat=repeat)


@entry("logistic-digits", "Logistic regression one-vs-all, digits, both at their defaults",
       "logistic")
def logistic_digits():
    X, X_test, y, y_test = digits()
    return _one_vs_all(X, y, X_test, y_test, lambda: SkLogisticRegression(C=1.0),
                       "OneVsRestClassifier(LogisticRegression(C=1))")


@entry("logistic-digits-same-rule",
       "Logistic regression one-vs-all, digits, both with mlbook's stopping rule", "logistic")
def logistic_digits_same_rule():
    # scikit-learn passes tol to L-BFGS-B as gtol and fixes ftol at 64 machine
    # epsilons (1.4e-14); mlbook passes tol = 1e-14 as both. The same scipy
    # optimiser on the same cost then stops at the same place.
    X, X_test, y, y_test = digits()
    return _one_vs_all(X, y, X_test, y_test,
                       lambda: SkLogisticRegression(C=1.0, tol=1e-14, max_iter=1000),
                       "OneVsRestClassifier(LogisticRegression(C=1, tol=1e-14))")


def _logistic_blobs(m):
    X, y = blobs(m)
    X_test, y_test = blobs(10_000, sample=1)
    return _one_vs_all(X, y, X_test, y_test, lambda: SkLogisticRegression(C=1.0),
                       "OneVsRestClassifier(LogisticRegression(C=1))", repeat=3)


@entry("logistic-10k", "Logistic regression one-vs-all, 10,000 x 64, 10 classes", "logistic")
def logistic_10k():
    return _logistic_blobs(10_000)


@entry("logistic-100k", "Logistic regression one-vs-all, 100,000 x 64, 10 classes", "logistic")
def logistic_100k():
    return _logistic_blobs(100_000)


@entry("logistic-profile", "One evaluation of the logistic cost and gradient, 100,000 x 64",
       "logistic")
def logistic_profile():
    X, labels = blobs(100_000)
    y = (labels == 0).astype(float)
    column_major = add_intercept(X)  # (m, n+1), Fortran order
    row_major = np.ascontiguousarray(column_major)
    theta = np.random.default_rng(0).normal(scale=0.1, size=column_major.shape[1])
    z = column_major @ theta
    r = sigmoid(z) - y

    def apart(Xb):
        return _logistic_cost(theta, Xb, y, 1.0), _logistic_gradient(theta, Xb, y, 1.0)

    def elementwise():
        losses = np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))
        return np.sum(losses), sigmoid(z) - y

    return Breakdown({
        "the copy of X with the column of ones, column-major (add_intercept, once per fit)":
            lambda: add_intercept(X),
        "cost and gradient apart, X row-major (before)": lambda: apart(row_major),
        "cost and gradient apart, X column-major": lambda: apart(column_major),
        "cost and gradient together, X row-major": lambda: _logistic_cost_and_gradient(
            theta, row_major, y, 1.0),
        "cost and gradient together, X column-major (now)": lambda: _logistic_cost_and_gradient(
            theta, column_major, y, 1.0),
        "the two products X theta and X^T r alone, row-major": lambda: (
            row_major @ theta, row_major.T @ r),
        "the two products X theta and X^T r alone, column-major": lambda: (
            column_major @ theta, column_major.T @ r),
        "the elementwise work alone (exp, log1p, sigmoid)": elementwise,
    }, number=3)


# --- the network -----------------------------------------------------------------


def _network_problem():
    X, _, y, _ = digits()
    Y = np.eye(10)[y]
    weights = init_weights([64, 25, 10], random_state=0)
    return X, Y, weights


@entry("network-digits", "Network 64-25-10 on digits, 100 L-BFGS iterations", "network")
def network_digits():
    # Both minimise the mean cross-entropy plus lam / (2m) times the squared
    # weights (scikit-learn's alpha is lam); a tolerance no run can meet makes
    # both stop at max_iter. scikit-learn's output layer is a softmax, mlbook's
    # ten sigmoids: the same sizes, the same products.
    X, X_test, y, y_test = digits()
    ours = lambda: MLPClassifier(hidden_layer_sizes=(25,), lam=1.0, max_iter=100, tol=1e-15,  # noqa: E731
                                 random_state=0).fit(X, y)
    theirs = lambda: SkMLPClassifier(hidden_layer_sizes=(25,), activation="logistic",  # noqa: E731
                                     solver="lbfgs", alpha=1.0, max_iter=100, tol=1e-15,
                                     random_state=0).fit(X, y)
    return Comparison(ours, theirs,
                      'MLPClassifier((25,), activation="logistic", solver="lbfgs")',
                      goal=1.0, facts=_classifier_facts(X_test, y_test))


@entry("backprop-loop", "Backpropagation, digits: vectorised against a loop over examples",
       "network")
def backprop_loop():
    X, Y, weights = _network_problem()
    J_loop, grads_loop = looped_cost_and_gradient(*weights, X, Y, 1.0)
    J, grads = _cost_and_gradient(weights, X, Y, 1.0, "cross_entropy")
    gap = max(relative_error(a, b) for a, b in zip(grads, grads_loop))
    assert abs(J - J_loop) <= 1e-12 * J and gap < 1e-10, "the loop computes something else"
    return Comparison(lambda: _cost_and_gradient(weights, X, Y, 1.0, "cross_entropy"),
                      lambda: looped_cost_and_gradient(*weights, X, Y, 1.0),
                      "the same cost and gradient, one example at a time", goal=1 / 50, repeat=15,
                      facts=lambda *_: {"gradient_relative_difference": gap,
                                        "examples": X.shape[0]})


def _network_operands():
    X, Y, weights = _network_problem()
    A, _ = _forward(weights, X)
    Delta3 = A[3] - Y
    Delta2 = (Delta3 @ weights[1][:, 1:]) * A[2] * (1 - A[2])
    return X, Y, weights, A, Delta3, Delta2


@entry("backprop-floor", "Backpropagation, digits: vectorised against its matrix products alone",
       "network")
def backprop_floor():
    X, Y, weights, A, Delta3, Delta2 = _network_operands()
    return Comparison(lambda: _cost_and_gradient(weights, X, Y, 1.0, "cross_entropy"),
                      lambda: matrix_products(*weights, X, A[2], Delta3, Delta2),
                      "its five matrix products alone", goal=2.0, repeat=15)


@entry("network-profile", "One evaluation of the network's cost and gradient, digits",
       "network")
def network_profile():
    X, Y, weights, A, Delta3, Delta2 = _network_operands()
    _, Z = _forward(weights, X)

    def transcendental():
        return sigmoid(Z[2]), sigmoid(Z[3]), softplus(Z[3])

    return Breakdown({
        "cost and gradient (vectorised)": lambda: _cost_and_gradient(
            weights, X, Y, 1.0, "cross_entropy"),
        "its five matrix products alone": lambda: matrix_products(
            *weights, X, A[2], Delta3, Delta2),
        "its sigmoids and softplus alone (exp, log1p)": transcendental,
    }, number=20, facts={"examples": X.shape[0], "hidden_units": 25, "outputs": 10})


@entry("network-scaling", "Network 64-25-10, 50 L-BFGS iterations, against the examples",
       "network")
def network_scaling():
    def ours(m):
        X, y = blobs(m)
        return lambda: MLPClassifier(hidden_layer_sizes=(25,), lam=1.0, max_iter=50, tol=1e-15,
                                     random_state=0).fit(X, y)

    def theirs(m):
        X, y = blobs(m)
        return lambda: SkMLPClassifier(hidden_layer_sizes=(25,), activation="logistic",
                                       solver="lbfgs", alpha=1.0, max_iter=50, tol=1e-15,
                                       random_state=0).fit(X, y)

    return Scaling([1000, 2000, 4000, 8000, 16000], ours, theirs,
                   'MLPClassifier((25,), activation="logistic", solver="lbfgs")')


# --- principal component analysis --------------------------------------------------


@entry("pca-digits", "PCA, 20 components of the digits", "pca")
def pca_digits():
    X = load_digits().data / 16.0  # (1797, 64)

    def facts(ours, theirs):
        # Directions agree up to sign: |u . v| = 1 for each pair of unit vectors.
        cosines = np.abs(np.sum(ours.components_ * theirs.components_, axis=1))
        return {"singular_values_max_relative_difference": float(np.max(
                    np.abs(ours.singular_values_ - theirs.singular_values_)
                    / theirs.singular_values_)),
                "directions_min_abs_cosine": float(cosines.min())}

    return Comparison(lambda: PCA(n_components=20).fit(X),
                      lambda: SkPCA(n_components=20, svd_solver="full").fit(X),
                      'PCA(n_components=20, svd_solver="full")', goal=1.0, facts=facts,
                      repeat=15)


# --- K-means -------------------------------------------------------------------------


@cache
def photo_pixels():
    """The colours of matplotlib's sample photograph, (height * width, 3) in [0, 1]."""
    import matplotlib.cbook
    import matplotlib.image

    photo = matplotlib.image.imread(
        matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False))
    return photo.reshape(-1, 3) / 255.0


def _kmeans_pair(X, iterations=10, K=16):
    # The same initial centroids for both (k-means++ from mlbook, seeded), one
    # run each, tol=0 so that both make exactly `iterations` Lloyd steps unless
    # an assignment repeats (both then stop: the facts report the counts).
    C0 = kmeans_init(X, K, random_state=0)
    ours = lambda: KMeans(n_clusters=K, init=C0, n_init=1, max_iter=iterations,  # noqa: E731
                          tol=0.0).fit(X)
    theirs = lambda: SkKMeans(n_clusters=K, init=C0, n_init=1, max_iter=iterations,  # noqa: E731
                              tol=0.0, algorithm="lloyd").fit(X)
    return ours, theirs


@entry("kmeans-photo", "K-means, 16 colours of a photograph's pixels, 10 iterations", "kmeans")
def kmeans_photo():
    X = photo_pixels()
    ours, theirs = _kmeans_pair(X)

    def facts(a, b):
        return {"pixels": X.shape[0],
                "mlbook_iterations": int(a.n_iter_), "reference_iterations": int(b.n_iter_),
                "inertia_relative_difference": float(abs(a.inertia_ - b.inertia_) / b.inertia_),
                "centroids_max_abs_difference": float(np.max(np.abs(
                    a.cluster_centers_ - b.cluster_centers_)))}

    return Comparison(ours, theirs, 'KMeans(n_clusters=16, init=same, algorithm="lloyd")',
                      goal=1.5, facts=facts)


@entry("kmeans-scaling", "K-means, 16 colours, 10 iterations, against the pixels", "kmeans")
def kmeans_scaling():
    X = photo_pixels()
    sizes = [19200, 38400, 76800, 153600, X.shape[0]]
    return Scaling(sizes, lambda m: _kmeans_pair(X[:m])[0], lambda m: _kmeans_pair(X[:m])[1],
                   'KMeans(n_clusters=16, init=same, algorithm="lloyd")')


@entry("kmeans-profile", "One K-means assignment step, 16 colours of a photograph's pixels",
       "kmeans")
def kmeans_profile():
    X = photo_pixels()
    C = kmeans_init(X, 16, random_state=0)
    shift = C.mean(axis=0)
    XaT, Cc = _augment(X, shift), C - shift  # (4, m) and (16, 3), as a fit prepares them
    A = np.vstack([-2.0 * Cc.T, np.einsum("kj,kj->k", Cc, Cc)])  # (4, 16)
    scores = XaT.T @ A
    labels = np.argmin(scores, axis=1)
    fit = _kmeans_pair(X)[0]
    return Breakdown({
        "the fit: 10 iterations, 11 assignment steps": fit,
        "assignment step (scores, argmin, sums, in blocks)": lambda: _assign(XaT, Cc),
        "its product alone, unblocked (m, 4) @ (4, 16)": lambda: XaT.T @ A,
        "its argmin alone": lambda: np.argmin(scores, axis=1),
        "its sums and counts alone (bincount)": lambda: _cluster_sums(XaT[:-1], labels, 16),
    }, number=2, facts={"pixels": X.shape[0], "clusters": 16, "assignment_steps_per_fit": 11})


# --- support vector machines -----------------------------------------------------------


@entry("svc-curved", "SVC, Gaussian kernel, 900 points inside and outside a wavy curve", "svm")
def svc_curved():
    # The chapter's data and its first model: sigma = 0.1 (gamma = 1 / (2 sigma^2)),
    # C = 1; both solve the same dual by SMO to libsvm's default tolerance 1e-3.
    P, c = make_curved_boundary(m=900, noise=0.0, random_state=0)
    params = dict(C=1.0, kernel="rbf", gamma=1 / (2 * 0.1**2), tol=1e-3)

    def facts(a, b):
        da, db = a.decision_function(P), b.decision_function(P)
        return {"points": P.shape[0],
                "mlbook_support_vectors": int(len(a.support_)),
                "reference_support_vectors": int(len(b.support_)),
                "mlbook_iterations": int(a.n_iter_[0]), "reference_iterations": int(b.n_iter_[0]),
                "decision_max_abs_difference": float(np.max(np.abs(da - db))),
                "predictions_agree": float(np.mean(a.predict(P) == b.predict(P)))}

    return Comparison(lambda: SVC(**params).fit(P, c), lambda: SkSVC(**params).fit(P, c),
                      'SVC(kernel="rbf") (libsvm)', goal=3.0, facts=facts)


def _svc_memory_data():
    train = make_curved_boundary(m=20_000, noise=0.0, random_state=0)
    test = make_curved_boundary(m=20_000, noise=0.0, random_state=1)
    return train, test


def _svc_memory_side(estimator):
    def run(data):
        (P, c), (Q, _) = data
        model = estimator(C=1.0, kernel="rbf", gamma=50.0, tol=1e-3).fit(P, c)
        h = model.decision_function(Q)  # 20,000 new points
        return {"iterations": int(model.n_iter_[0]), "support_vectors": int(len(model.support_)),
                "decision": [float(v) for v in h]}
    return run


@entry("svc-memory", "SVC, peak memory: fit on 20,000 curved points, predict 20,000 more", "svm")
def svc_memory():
    # The chapter's curved data at m = 20,000, gamma = 50 (sigma = 0.1), C = 1:
    # mlbook keeps at most cache_size = 200 MB of kernel rows (float64) and
    # predicts in blocks; libsvm keeps float32 rows in its own 200 MB cache.
    def facts(ours, theirs):
        da, db = np.array(ours["decision"]), np.array(theirs["decision"])
        return {"points": 20_000, "test_points": 20_000,
                "mlbook_iterations": ours["iterations"],
                "reference_iterations": theirs["iterations"],
                "mlbook_support_vectors": ours["support_vectors"],
                "reference_support_vectors": theirs["support_vectors"],
                "predictions_differ": int(np.sum((da > 0) != (db > 0))),
                "decision_max_abs_difference": float(np.max(np.abs(da - db))),
                "largest_abs_decision_where_signs_differ":
                    float(np.max(np.abs(db[(da > 0) != (db > 0)]), initial=0.0))}

    return PeakMemory(_svc_memory_data, _svc_memory_side(SVC), _svc_memory_side(SkSVC),
                      'SVC(kernel="rbf", cache_size=200) (libsvm)', memory_goal=2.0,
                      time_goal=3.0, facts=facts)
