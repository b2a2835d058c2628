"""Every mlbook estimator, in one list, with data to fit it on.

The conformance tests (tests/test_conformance.py) and scikit-learn's own
estimator checks (tests/test_sklearn_compat.py) run on every entry of
``ESTIMATORS``: a new estimator is covered by adding it here, and
``test_every_estimator_is_listed`` fails until it is. Each class appears with
its defaults, plus the non-default settings that take a different code path
(another solver, another covariance).
"""

import copy

import numpy as np

from mlbook.anomaly import GaussianAnomalyDetector
from mlbook.base import ClassifierMixin, ClusterMixin, RegressorMixin, TransformerMixin, clone
from mlbook.cluster import KMeans
from mlbook.decomposition import PCA
from mlbook.linear_model import LinearRegression, LogisticRegression
from mlbook.neural_network import MLPClassifier
from mlbook.preprocessing import StandardScaler
from mlbook.svm import SVC

ESTIMATORS = [
    LinearRegression(),
    LinearRegression(solver="gradient_descent", learning_rate=0.1),
    LogisticRegression(),
    LogisticRegression(solver="gradient_descent", learning_rate=1.0, tol=1e-4),
    MLPClassifier(hidden_layer_sizes=(6,), random_state=0),
    SVC(),
    SVC(kernel="linear"),
    KMeans(n_clusters=3, random_state=0),
    PCA(),
    PCA(whiten=True),
    GaussianAnomalyDetector(),
    GaussianAnomalyDetector(covariance="full"),
    StandardScaler(),
]

# Estimators whose fit draws random numbers: their random_state is a parameter.
RANDOM = [est for est in ESTIMATORS if "random_state" in est.get_params()]


def ids(estimator):
    return repr(estimator)


def kind(estimator):
    """"classifier", "regressor", "clusterer", "transformer" or "density"."""
    for mixin, name in [(ClassifierMixin, "classifier"), (RegressorMixin, "regressor"),
                        (ClusterMixin, "clusterer"), (TransformerMixin, "transformer")]:
        if isinstance(estimator, mixin):
            return name
    return "density"  # GaussianAnomalyDetector: score_samples is a log-density


def binary_only(estimator):
    return kind(estimator) == "classifier" and \
        not estimator.__sklearn_tags__().classifier_tags.multi_class


def data(estimator, m=60, n=3, seed=0, labels=None):
    """``(X, y)`` that ``estimator`` fits well; ``y`` is None for unsupervised ones.

    Classifiers get well-separated clusters labelled ``labels`` (default
    0, 1, 2, or 0, 1 for a two-class classifier); the anomaly detector gets
    normal examples and, in ``y``, 0/1 labels of a validation set with a few
    far-away anomalies appended to ``X`` (see :func:`fit`).
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    what = kind(estimator)
    if what in ("classifier", "clusterer"):  # clusters; labelled for a classifier
        if labels is None:
            labels = [0, 1] if binary_only(estimator) else [0, 1, 2]
        index = np.arange(m) % len(labels)
        X += 4.0 * np.eye(len(labels), n)[index]  # class k centred on 4 e_k ...
        X -= X.mean(axis=0)  # ... all moved to mean 0, for gradient descent's sake
        return X, (np.asarray(labels)[index] if what == "classifier" else None)
    if what == "regressor":
        return X, X @ np.arange(1.0, n + 1) + 0.5 + 0.1 * rng.normal(size=m)
    return X, None


def anomalies(X, seed=0):
    """A labelled validation set for the anomaly detector: normal rows and three anomalies."""
    rng = np.random.default_rng(seed + 1000)
    n = np.shape(X)[1]
    X_val = np.vstack([rng.normal(size=(20, n)), 8.0 + rng.normal(size=(3, n))])
    return X_val, np.r_[np.zeros(20), np.ones(3)]


def fit(estimator, X, y):
    """Fit as a reader would: ``fit(X, y)``, ``fit(X)`` for unsupervised estimators.

    The anomaly detector also chooses its threshold, so that ``predict`` exists.
    """
    fitted = estimator.fit(X) if y is None else estimator.fit(X, y)
    if isinstance(estimator, GaussianAnomalyDetector):
        X_val, y_val = anomalies(X)
        if hasattr(X, "columns"):  # a DataFrame: the validation set gets the same columns
            X_val = type(X)(X_val, columns=X.columns)
        estimator.fit_threshold(X_val, y_val)
    return fitted


_FITTED = {}


def fitted(estimator, **kwargs):
    """A fitted clone of ``estimator`` and the data it was fitted on.

    Fitted once per estimator and data; every call gets its own deep copy.
    """
    key = (repr(estimator), repr(sorted(kwargs.items())))
    if key not in _FITTED:
        model = clone(estimator)
        X, y = data(model, **kwargs)
        _FITTED[key] = (fit(model, X, y), X, y)
    return copy.deepcopy(_FITTED[key])


# The methods that take new examples X, shape (m, n), after fit.
OUTPUT_METHODS = ["predict", "predict_proba", "decision_function", "transform", "score_samples"]


def methods(estimator):
    """The output methods of ``estimator`` (fitted: the anomaly detector's predict needs it)."""
    return [name for name in OUTPUT_METHODS if hasattr(estimator, name)]


def learned(estimator):
    """What ``fit`` set: every attribute that is not a hyper-parameter."""
    params = estimator.get_params()
    return {name: value for name, value in vars(estimator).items() if name not in params}


def assert_same(a, b, where="model"):
    """Bit-identical: arrays element for element (and dtype), containers entry by entry."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for key in a:
            assert_same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{i}]")
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape, where
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), where
    else:
        assert a == b or (a != a and b != b), f"{where}: {a!r} != {b!r}"
