"""scikit-learn-style conventions, checked on every estimator of tests/_estimators.py.

Parameters round-trip, clones are unfitted, fit returns self and is
repeatable bit for bit, pickles give the same predictions, outputs have the
documented shapes and dtypes, labels of any kind come back as given, inputs
are never modified, lists are accepted, and bad input or use before fit is
refused with a message that names the value and the fix.
"""

import copy
import importlib
import inspect
import pickle

import numpy as np
import pytest
import scipy.sparse
import sklearn.base
from numpy.testing import assert_array_equal

from mlbook.anomaly import GaussianAnomalyDetector
from mlbook.base import BaseEstimator, clone
from mlbook.cluster import KMeans
from mlbook.decomposition import PCA
from mlbook.exceptions import DataConversionWarning, NotFittedError
from mlbook.linear_model import LinearRegression, LogisticRegression
from mlbook.neural_network import MLPClassifier
from mlbook.preprocessing import StandardScaler
from mlbook.svm import SVC

from ._estimators import (
    ESTIMATORS,
    RANDOM,
    assert_same,
    binary_only,
    data,
    fit,
    fitted,
    ids,
    kind,
    learned,
    methods,
)
from .test_public_api import PUBLIC_MODULES

every_estimator = pytest.mark.parametrize("estimator", ESTIMATORS, ids=ids)
SUPERVISED = [est for est in ESTIMATORS if kind(est) in ("classifier", "regressor")]
CLASSIFIERS = [est for est in ESTIMATORS if kind(est) == "classifier"]


def test_every_estimator_is_listed():
    # A new estimator class anywhere in the public API must join ESTIMATORS.
    classes = set()
    for name in PUBLIC_MODULES:
        for obj in vars(importlib.import_module(name)).values():
            if inspect.isclass(obj) and issubclass(obj, BaseEstimator) and obj is not BaseEstimator:
                classes.add(obj)
    assert classes == {type(est) for est in ESTIMATORS}


# --- parameters, clones, fit --------------------------------------------------


@every_estimator
def test_get_params_set_params_round_trip(estimator):
    params = estimator.get_params()
    copy_ = type(estimator)()
    assert copy_.set_params(**params) is copy_
    assert copy_.get_params() == params
    assert repr(copy_) == repr(estimator)
    with pytest.raises(ValueError, match="Invalid parameter 'no_such_parameter'"):
        copy_.set_params(no_such_parameter=1)


@every_estimator
@pytest.mark.parametrize("cloner", [clone, sklearn.base.clone], ids=["mlbook", "sklearn"])
def test_clone_is_an_unfitted_copy(estimator, cloner):
    model, X, _ = fitted(estimator)
    copy_ = cloner(model)
    assert type(copy_) is type(model) and copy_ is not model
    assert copy_.get_params() == model.get_params()
    assert learned(copy_) == {}
    with pytest.raises(NotFittedError):
        getattr(copy_, methods(model)[0])(X)


@every_estimator
def test_fit_returns_self(estimator):
    model = clone(estimator)
    X, y = data(model)
    assert (model.fit(X) if y is None else model.fit(X, y)) is model


@every_estimator
def test_fitting_twice_gives_the_same_model(estimator):
    model, X, y = fitted(estimator)
    first = copy.deepcopy(learned(model))
    fit(model, X, y)  # the same object again
    assert_same(learned(model), first)
    other, _, _ = fitted(estimator)  # a fresh clone
    assert_same(learned(other), first)


@every_estimator
def test_pickle_round_trip_predicts_the_same(estimator):
    model, X, _ = fitted(estimator)
    restored = pickle.loads(pickle.dumps(model))
    assert_same(learned(restored), learned(model))
    for method in methods(model):
        assert_same(getattr(restored, method)(X), getattr(model, method)(X), method)


@every_estimator
def test_n_features_in(estimator):
    model, X, _ = fitted(estimator, n=5)
    assert model.n_features_in_ == 5 and isinstance(model.n_features_in_, int)


# --- outputs ------------------------------------------------------------------


@every_estimator
def test_output_shapes_and_dtypes(estimator):
    model, X, y = fitted(estimator)
    m, X_new = 7, X[:7]
    for method in methods(model):
        out = getattr(model, method)(X_new)
        assert isinstance(out, np.ndarray) and out.shape[0] == m, method
    what = kind(model)
    if what == "classifier":
        assert_array_equal(np.unique(model.predict(X)), model.classes_)
        assert model.predict(X_new).dtype == model.classes_.dtype
        K = len(model.classes_)
        if hasattr(model, "predict_proba"):
            P = model.predict_proba(X_new)
            assert P.shape == (m, K) and P.dtype == np.float64
            np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)
        scores = model.decision_function(X_new) if hasattr(model, "decision_function") else None
        if scores is not None:
            assert scores.shape == ((m,) if K == 2 else (m, K)) and scores.dtype == np.float64
        assert 0.0 <= model.score(X, y) <= 1.0
    elif what == "regressor":
        assert model.predict(X_new).shape == (m,) and model.predict(X_new).dtype == np.float64
        assert isinstance(model.score(X, y), float)
    elif what == "clusterer":
        labels = model.predict(X_new)
        assert labels.shape == (m,) and labels.dtype.kind == "i"
        assert_array_equal(model.labels_, model.predict(X))
        assert model.transform(X_new).shape == (m, model.n_clusters)
        assert_array_equal(clone(model).fit_predict(X), model.labels_)
    elif what == "transformer":
        Z = model.transform(X_new)
        assert Z.dtype == np.float64 and Z.ndim == 2
        assert model.inverse_transform(Z).shape == X_new.shape
        assert_array_equal(clone(model).fit_transform(X), model.transform(X))
    else:  # density: log-densities, their mean, and 0/1 flags
        assert model.score_samples(X_new).shape == (m,)
        assert isinstance(model.score(X_new), float)
        assert set(model.predict(X_new)) <= {0, 1} and model.predict(X_new).dtype.kind == "i"


@pytest.mark.parametrize("estimator", CLASSIFIERS, ids=ids)
@pytest.mark.parametrize("labels", [["cat", "dog", "emu"], [7, -3, 40], [2.0, 5.0, 9.0]],
                         ids=["strings", "non-contiguous integers", "whole floats"])
def test_classes_come_back_as_given(estimator, labels):
    labels = labels[:2] if binary_only(estimator) else labels
    model, X, y = fitted(estimator, labels=labels)
    assert_array_equal(model.classes_, sorted(labels))
    assert model.classes_.dtype == np.asarray(labels).dtype
    assert_array_equal(model.predict(X), y)  # the clusters are well separated
    # The same model as with the labels 0, 1, 2 in the same order (labels are only names).
    numbered, _, _ = fitted(estimator, labels=np.argsort(np.argsort(labels)))
    for method in methods(model):
        if method != "predict":
            assert_same(getattr(model, method)(X), getattr(numbered, method)(X), method)


# --- inputs -------------------------------------------------------------------


@every_estimator
def test_inputs_are_not_modified_and_lists_are_accepted(estimator):
    X, y = data(estimator)
    X_before, y_before = X.copy(), None if y is None else y.copy()
    model = fit(clone(estimator), X, y)
    outputs = {method: getattr(model, method)(X) for method in methods(model)}
    assert_array_equal(X, X_before)
    if y is not None:
        assert_array_equal(y, y_before)
    from_lists = fit(clone(estimator), X.tolist(), None if y is None else y.tolist())
    assert_same(learned(from_lists), learned(model))
    for method, out in outputs.items():
        assert_same(getattr(from_lists, method)(X.tolist()), out, method)


@pytest.mark.parametrize("estimator", SUPERVISED, ids=ids)
def test_column_vector_y_is_accepted_with_a_warning(estimator):
    X, y = data(estimator)
    with pytest.warns(DataConversionWarning, match=r"column-vector y.*\(60, 1\).*y\.ravel\(\)"):
        model = clone(estimator).fit(X, y.reshape(-1, 1))
    assert_same(learned(model), learned(fit(clone(estimator), X, y)))


def _bad_X_cases(X):
    return {
        "NaN": (np.where(np.arange(X.size).reshape(X.shape) == 4, np.nan, X), ValueError,
                r"X contains NaN or infinity \(first at index \[1, 1\]: nan\)"),
        "inf": (np.where(np.arange(X.size).reshape(X.shape) == 3, np.inf, X), ValueError,
                r"X contains NaN or infinity \(first at index \[1, 0\]: inf\)"),
        "1-D": (X[:, 0], ValueError, r"Expected a 2-D array for X, got a 1-D array.*Reshape"),
        "3-D": (X[:, :, None], ValueError, "Expected a 2-D array for X, got 3-D"),
        "no samples": (X[:0], ValueError, r"X has 0 sample\(s\)"),
        "no features": (X[:, :0], ValueError, r"X has 0 feature\(s\) \(shape=\(60, 0\)\)"),
        "text": (X.astype(str).astype(object) + "x", TypeError,
                 "X must hold numbers.*Encode text or categories"),
        "sparse": (scipy.sparse.csr_array(X), TypeError,
                   r"X is a sparse matrix \(csr_array\); sparse input is not supported.*toarray"),
        "complex": (X + 1j, ValueError, r"Complex data not supported.*X\.real"),
        "None": (None, TypeError, "X is None"),
        "huge": (1e200 * X, ValueError, r"X holds values as large as .*e\+200.*Divide X"),
    }


BAD_X = list(_bad_X_cases(np.zeros((60, 3))))


# StandardScaler is the fix for huge values, so it accepts them (tested below).
@pytest.mark.parametrize(("estimator", "case"), [
    (est, case) for est in ESTIMATORS for case in BAD_X
    if not (case == "huge" and isinstance(est, StandardScaler))], ids=str)
def test_bad_X_is_refused_at_fit(estimator, case):
    X, y = data(estimator)
    bad, error, match = _bad_X_cases(X)[case]
    with pytest.raises(error, match=match):
        fit(clone(estimator), bad, y)


@pytest.mark.parametrize("size", [1e300, 1.7e308])
def test_standard_scaler_accepts_huge_values(size):
    X, _ = data(StandardScaler())
    X = X / np.abs(X).max()  # the largest value becomes `size` exactly
    scaler = StandardScaler().fit(size * X)
    np.testing.assert_allclose(scaler.scale_, size * X.std(axis=0), rtol=1e-14)
    np.testing.assert_allclose(scaler.transform(size * X), StandardScaler().fit_transform(X),
                               rtol=1e-12, atol=1e-12)


@every_estimator
@pytest.mark.parametrize("case", [c for c in BAD_X if c not in ("no samples", "huge")])
def test_bad_X_is_refused_after_fit(estimator, case):
    model, X, _ = fitted(estimator)
    bad, error, match = _bad_X_cases(X)[case]
    for method in methods(model):
        with pytest.raises(error, match=match):
            getattr(model, method)(bad)


@every_estimator
def test_wrong_number_of_features_after_fit(estimator):
    model, X, _ = fitted(estimator)
    for method in methods(model):
        with pytest.raises(ValueError, match=f"X has 2 features, but {type(model).__name__} is "
                                             "expecting 3 features as input"):
            getattr(model, method)(X[:, :2])


@every_estimator
def test_use_before_fit_raises_not_fitted_error(estimator):
    model = clone(estimator)
    X, y = data(model)
    fitted_model = fit(clone(estimator), X, y)
    for method in methods(fitted_model) + ["score"] * hasattr(model, "score"):
        args = (X,) if method != "score" or y is None else (X, y)
        with pytest.raises(NotFittedError, match=f"This {type(model).__name__} .*fit") as error:
            getattr(model, method)(*args)
        assert isinstance(error.value, ValueError) and isinstance(error.value, AttributeError)


def _bad_y_cases(estimator, y):
    cases = {
        "wrong length": (y[:-1], ValueError, "X has 60 rows .* but y has 59 entries"),
        "None": (None, ValueError, "requires y to be passed, but the target y is None"),
        "2-D": (np.column_stack([y, y]), ValueError, r"1-D array.* for y, got .*shape \(60, 2\)"),
    }
    if kind(estimator) == "classifier":
        cases["one class"] = (np.full_like(y, y[0]), ValueError, "y holds one class only")
        cases["continuous"] = (np.linspace(0, 1, len(y)), ValueError, "continuous target")
        cases["NaN"] = (np.where(np.arange(len(y)) == 5, np.nan, y.astype(float)), ValueError,
                        "y contains NaN or infinity")
    else:
        cases["NaN"] = (np.where(np.arange(len(y)) == 5, np.nan, y), ValueError,
                        r"y contains NaN or infinity \(first at index \[5\]")
        cases["text"] = (np.where(y > 0, "high", "low"), TypeError, "y must hold numbers")
    return cases


@pytest.mark.parametrize(("estimator", "case"), [
    (est, case) for est in SUPERVISED for case in _bad_y_cases(est, data(est)[1])], ids=str)
def test_bad_y_is_refused(estimator, case):
    X, y = data(estimator)
    bad, error, match = _bad_y_cases(estimator, y)[case]
    with pytest.raises(error, match=match):
        clone(estimator).fit(X, bad)


# --- hyper-parameters: checked in fit, named in the message ----------------------------

BAD_PARAMS = [
    (LinearRegression(lam=-1.0), ValueError, r"lam must be >= 0, got -1\.0"),
    (LinearRegression(solver="qr"), ValueError, "solver must be one of 'normal_equation', "),
    (LinearRegression(learning_rate=0.1), ValueError, "learning_rate=0.1 applies only to "
                                                      "solver='gradient_descent'"),
    (LinearRegression(solver="gradient_descent", learning_rate=0.0), ValueError,
     "learning_rate must be > 0"),
    (LinearRegression(solver="gradient_descent", max_iter=0), ValueError, "max_iter must be >= 1"),
    (LinearRegression(solver="gradient_descent", max_iter=2.5), TypeError,
     "max_iter must be an integer, got 2.5"),
    (LogisticRegression(lam=-0.5), ValueError, "lam must be >= 0"),
    (LogisticRegression(solver="newton"), ValueError, "solver must be one of 'lbfgs'"),
    (LogisticRegression(learning_rate=0.1), ValueError, "learning_rate=0.1 applies only to"),
    (LogisticRegression(max_iter=0), ValueError, "max_iter must be >= 1"),
    (LogisticRegression(tol=0.0), ValueError, "tol must be > 0"),
    (MLPClassifier(hidden_layer_sizes=(0,)), ValueError, "hidden_layer_sizes must be a tuple of "
                                                         "positive integers"),
    (MLPClassifier(lam=-1.0), ValueError, "lam must be >= 0"),
    (MLPClassifier(loss="hinge"), ValueError, "loss must be one of 'cross_entropy'"),
    (MLPClassifier(max_iter=0), ValueError, "max_iter must be >= 1"),
    (SVC(C=0.0), ValueError, "C must be > 0, got 0.0"),
    (SVC(C=-1.0), ValueError, "C must be > 0"),
    (SVC(kernel="sigmoid"), ValueError, "kernel must be one of 'linear', 'poly', 'rbf'"),
    (SVC(gamma=-1.0), ValueError, "gamma must be > 0"),
    (SVC(gamma="wide"), ValueError, "gamma must be one of 'scale', 'auto'"),
    (SVC(degree=-1), ValueError, "degree must be >= 0"),
    (KMeans(n_clusters=0), ValueError, "n_clusters must be >= 1, got 0"),
    (KMeans(n_clusters=61), ValueError, "n_clusters=61 is more than the 60 examples in X"),
    (KMeans(n_clusters=3, init="forgy"), ValueError, "init must be one of 'k-means\\+\\+', "
                                                     "'random'"),
    (KMeans(n_clusters=3, n_init=0), ValueError, "n_init must be >= 1"),
    (KMeans(n_clusters=3, tol=-1.0), ValueError, "tol must be >= 0"),
    (PCA(n_components=0), ValueError, r"n_components=0 must be between 1 and min\(m - 1, n\) = 3"),
    (PCA(n_components=4), ValueError, r"n_components=4 must be between 1 and min\(m - 1, n\) = 3"),
    (PCA(n_components=1.5), ValueError, "A float n_components .* strictly between 0 and 1"),
    (PCA(n_components="all"), TypeError, "n_components must be an int, a float in"),
    (PCA(whiten="yes"), TypeError, "whiten must be True or False"),
    (GaussianAnomalyDetector(covariance="tied"), ValueError, "covariance must be one of 'diag'"),
    (GaussianAnomalyDetector(reg_covar=-1e-3), ValueError, "reg_covar must be >= 0"),
    (StandardScaler(ddof=-1), ValueError, "ddof must be >= 0"),
    (StandardScaler(ddof=60), ValueError, "X has 60 samples, but ddof=60 needs more than 60"),
]


def test_every_estimator_class_has_bad_hyper_parameters_listed():
    assert {type(est) for est, _, _ in BAD_PARAMS} == {type(est) for est in ESTIMATORS}


@pytest.mark.parametrize(("estimator", "error", "match"), BAD_PARAMS,
                         ids=[repr(est) for est, _, _ in BAD_PARAMS])
def test_bad_hyper_parameters_are_refused_in_fit(estimator, error, match):
    X, y = data(estimator)
    with pytest.raises(error, match=match):
        fit(estimator, X, y)


# --- column names of a DataFrame ------------------------------------------------------


@pytest.mark.parametrize("estimator", [est for est in ESTIMATORS
                                       if est.get_params().get("solver") != "gradient_descent"],
                         ids=ids)
def test_sklearn_dataframe_column_names_consistency(estimator):
    # scikit-learn's check_estimator does not run this check; it is run here on every class.
    import warnings

    from sklearn.utils.estimator_checks import check_dataframe_column_names_consistency

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*does not inherit from `sklearn.base",
                                category=UserWarning)
        check_dataframe_column_names_consistency(type(estimator).__name__, clone(estimator))


@every_estimator
def test_columns_in_another_order_are_refused(estimator):
    pd = pytest.importorskip("pandas")
    X, y = data(estimator)
    names = [f"f{j}" for j in range(X.shape[1])]
    frame = pd.DataFrame(X, columns=names)
    model = fit(clone(estimator), frame, y)
    assert_array_equal(model.feature_names_in_, names)
    assert model.feature_names_in_.dtype == object
    swapped = frame[names[::-1]]
    from_array = fit(clone(estimator), X, y)
    for method in methods(model):
        # The same model (to rounding: a DataFrame's values are stored column by column).
        np.testing.assert_allclose(getattr(model, method)(frame), getattr(from_array, method)(X),
                                   rtol=1e-9, atol=1e-12)
        with pytest.raises(ValueError, match="The feature names should match those that were "
                                             "passed during fit.\nFeature names must be in the "
                                             "same order"):
            getattr(model, method)(swapped)
        with pytest.warns(UserWarning, match="X does not have valid feature names"):
            getattr(model, method)(X)
    assert not hasattr(fit(model, X, y), "feature_names_in_")  # refitted on an array


TRANSFORMING = [est for est in ESTIMATORS if hasattr(est, "transform")]


@pytest.mark.parametrize("estimator", TRANSFORMING, ids=ids)
@pytest.mark.parametrize("check", ["check_set_output_transform", "check_set_output_transform_pandas",
                                   "check_global_output_transform_pandas",
                                   "check_get_feature_names_out_error"])
def test_sklearn_set_output_checks(estimator, check):
    # Checks of scikit-learn's that check_estimator does not yield; run here on every transformer.
    import warnings

    from sklearn.utils import estimator_checks

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*does not inherit from `sklearn.base",
                                category=UserWarning)
        # The checks fit on a DataFrame and transform an array, and the other way round, on
        # purpose: the warnings that this mix of inputs gives are expected there.
        warnings.filterwarnings("ignore", message="X (does not have valid|has) feature names",
                                category=UserWarning)
        getattr(estimator_checks, check)(type(estimator).__name__, clone(estimator))


def test_pandas_output_of_a_pipeline_and_of_the_global_setting():
    pd = pytest.importorskip("pandas")
    from sklearn import config_context
    from sklearn.pipeline import make_pipeline

    X, _ = data(PCA(), n=4)
    frame = pd.DataFrame(X, columns=["age", "income", "height", "weight"],
                         index=np.arange(100, 160))
    pipeline = make_pipeline(StandardScaler(), PCA(2)).set_output(transform="pandas")
    Z = pipeline.fit_transform(frame)
    assert isinstance(Z, pd.DataFrame) and list(Z.columns) == ["pca0", "pca1"]
    assert_array_equal(Z.index, frame.index)
    plain = make_pipeline(StandardScaler(), PCA(2)).fit(X)
    np.testing.assert_allclose(Z.to_numpy(), plain.transform(X), rtol=1e-9, atol=1e-12)
    with config_context(transform_output="pandas"):
        scaled = StandardScaler().fit(frame).transform(frame)
        distances = KMeans(n_clusters=3, random_state=0).fit(frame).transform(frame)
    assert isinstance(scaled, pd.DataFrame) and list(scaled.columns) == list(frame.columns)
    assert list(distances.columns) == ["kmeans0", "kmeans1", "kmeans2"]
    assert isinstance(StandardScaler().fit(frame).transform(frame), np.ndarray)  # setting undone
    assert_array_equal(StandardScaler().fit(X).get_feature_names_out(), ["x0", "x1", "x2", "x3"])
    with pytest.raises(ValueError, match="transform must be 'default', 'pandas' or None"):
        StandardScaler().set_output(transform="polars")
