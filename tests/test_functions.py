"""Every public function that takes data: lists accepted, inputs untouched, bad input refused.

``CALLS`` holds one valid call of each; the tests derive bad calls from it
(NaN, infinity, a wrong number of dimensions, complex numbers, ``None``) and
expect a ``ValueError`` or ``TypeError`` whose message names the argument.
A new public function fails test_every_public_function_is_listed until it is
added to ``CALLS`` or, if it takes no data, to ``NO_DATA``.
"""

import copy
import importlib
import inspect

import numpy as np
import pytest

import mlbook
from mlbook import anomaly, cluster, datasets, decomposition, gradcheck, linear_model, metrics
from mlbook import neural_network as nn
from mlbook import optimize, preprocessing, svm

from .test_public_api import PUBLIC_MODULES

rng = np.random.default_rng(0)
X = rng.normal(size=(8, 3))
Xb = preprocessing.add_intercept(X)
Xc = X - X.mean(axis=0)
y = rng.normal(size=8)
y01 = (y > 0).astype(float)
labels = np.array([0, 1, 1, 0, 1, 0, 0, 1])
Y = np.eye(3)[np.arange(8) % 3]
theta = rng.normal(size=4)
Theta = rng.normal(size=(3, 4))
WEIGHTS = nn.init_weights([3, 4, 3], random_state=0)
A, Z = nn.forward(WEIGHTS, X)
U, _ = decomposition.principal_components(Xc)
mu, sigma2 = anomaly.estimate_gaussian(X)
_, Sigma = anomaly.estimate_gaussian(X, covariance="full")


def _quadratic(t):
    return float(t @ t), 2 * t


CALLS = {
    "sigmoid": (mlbook.sigmoid, dict(z=y)),
    "sigmoid_gradient": (mlbook.sigmoid_gradient, dict(z=y)),
    "softplus": (mlbook.softplus, dict(z=y)),
    "sigmoid_cross_entropy": (mlbook.sigmoid_cross_entropy, dict(y=y01, z=y)),
    "estimate_gaussian": (anomaly.estimate_gaussian, dict(X=X)),
    "log_multivariate_gaussian": (anomaly.log_multivariate_gaussian, dict(X=X, mu=mu, sigma2=Sigma)),
    "multivariate_gaussian": (anomaly.multivariate_gaussian, dict(X=X, mu=mu, sigma2=sigma2)),
    "select_threshold": (anomaly.select_threshold, dict(y_val=labels, p_val=y)),
    "threshold_curve": (anomaly.threshold_curve, dict(y_val=labels, p_val=y)),
    "compute_centroids": (cluster.compute_centroids, dict(X=X, idx=labels, k=2)),
    "find_closest_centroids": (cluster.find_closest_centroids, dict(X=X, centroids=X[:2])),
    "kmeans_init": (cluster.kmeans_init, dict(X=X, k=2, random_state=0)),
    "curved_boundary_radius": (datasets.curved_boundary_radius, dict(phi=y)),
    "principal_components": (decomposition.principal_components, dict(X=Xc)),
    "project_data": (decomposition.project_data, dict(X=Xc, U=U, k=2)),
    "recover_data": (decomposition.recover_data, dict(Z=Xc[:, :2], U=U)),
    "numerical_gradient": (gradcheck.numerical_gradient, dict(f=lambda t: t @ t, theta=theta)),
    "relative_error": (gradcheck.relative_error, dict(a=theta, b=theta + 1e-3)),
    "componentwise_error": (gradcheck.componentwise_error, dict(a=theta, b=theta + 1e-3)),
    "linear_cost": (linear_model.linear_cost, dict(theta=theta, X=Xb, y=y, lam=1.0)),
    "linear_gradient": (linear_model.linear_gradient, dict(theta=theta, X=Xb, y=y, lam=1.0)),
    "logistic_cost": (linear_model.logistic_cost, dict(theta=theta, X=Xb, y=y01, lam=1.0)),
    "logistic_gradient": (linear_model.logistic_gradient, dict(theta=theta, X=Xb, y=y01, lam=1.0)),
    "normal_equation": (linear_model.normal_equation, dict(X=Xb, y=y, lam=1.0)),
    "softmax_cost": (linear_model.softmax_cost, dict(Theta=Theta, X=Xb, Y=Y, lam=1.0)),
    "softmax_gradient": (linear_model.softmax_gradient, dict(Theta=Theta, X=Xb, Y=Y, lam=1.0)),
    "accuracy_score": (metrics.accuracy_score, dict(y_true=labels, y_pred=labels[::-1])),
    "confusion_matrix": (metrics.confusion_matrix, dict(y_true=labels, y_pred=labels[::-1])),
    "f1_score": (metrics.f1_score, dict(y_true=labels, y_pred=labels[::-1])),
    "precision_score": (metrics.precision_score, dict(y_true=labels, y_pred=labels[::-1])),
    "recall_score": (metrics.recall_score, dict(y_true=labels, y_pred=labels[::-1])),
    "mean_squared_error": (metrics.mean_squared_error, dict(y_true=y, y_pred=y[::-1])),
    "r2_score": (metrics.r2_score, dict(y_true=y, y_pred=y[::-1])),
    "mcnemar_test": (metrics.mcnemar_test, dict(y_true=labels, y_pred_a=labels[::-1], y_pred_b=labels)),
    "paired_difference": (metrics.paired_difference, dict(scores_a=y, scores_b=y[::-1])),
    "forward": (nn.forward, dict(weights=WEIGHTS, X=X)),
    "nn_cost": (nn.nn_cost, dict(weights=WEIGHTS, X=X, Y=Y, lam=1.0)),
    "cost_and_gradient": (nn.cost_and_gradient, dict(weights=WEIGHTS, X=X, Y=Y, lam=1.0)),
    "output_delta": (nn.output_delta, dict(A=A[3], Y=Y, Z=Z[3])),
    "backpropagate": (nn.backpropagate, dict(weights=WEIGHTS, A=A, Delta_out=A[3] - Y)),
    "unroll": (nn.unroll, dict(weights=WEIGHTS)),
    "roll": (nn.roll, dict(theta=nn.unroll(WEIGHTS), layer_sizes=[3, 4, 3])),
    "gradient_descent": (optimize.gradient_descent, dict(fun=_quadratic, theta0=theta,
                                                         learning_rate=0.1, max_iter=5)),
    "minimize_lbfgs": (optimize.minimize_lbfgs, dict(fun=_quadratic, theta0=theta)),
    "add_intercept": (preprocessing.add_intercept, dict(X=X)),
    "map_feature": (preprocessing.map_feature, dict(x1=X[:, 0], x2=X[:, 1], degree=2)),
    "gaussian_kernel": (svm.gaussian_kernel, dict(x1=X[0], x2=X[1], sigma=1.0)),
    "linear_kernel": (svm.linear_kernel, dict(X1=X, X2=X[:3])),
    "polynomial_kernel": (svm.polynomial_kernel, dict(X1=X, X2=X[:3])),
    "rbf_kernel": (svm.rbf_kernel, dict(X1=X, X2=X[:3], gamma=0.5)),
}

# Public functions that take no data arrays: hyper-parameters only (checked by
# check_scalar in their own tests), an estimator, a figure, or a lab's task name
# and the reader's function (their misuse is tested in test_labs.py).
NO_DATA = {
    "check", "diagnose", "hint", "progress", "clone", "debug_weights", "init_weights", "make_blobs", "make_correlated_points",
    "make_curved_boundary", "make_noisy_mixture", "make_separable_with_outlier",
    "make_server_metrics", "new_figure", "image_grid", "plot_cost_contours", "plot_cost_history",
    "plot_decision_boundary", "proportion_interval", "table", "fit_text",
}
# Arguments where an infinity is a legal value: g(+-inf) is 1 or 0, and a
# log-density of -inf (a density of 0) can be thresholded.
INFINITY_ALLOWED = {("sigmoid", "z"), ("sigmoid_gradient", "z"), ("softplus", "z"),
                    ("select_threshold", "p_val"), ("threshold_curve", "p_val")}
# Elementwise functions and parameters of any shape: an extra dimension is fine.
ANY_SHAPE = {("sigmoid", "z"), ("sigmoid_gradient", "z"), ("softplus", "z"),
             ("curved_boundary_radius", "phi"), ("numerical_gradient", "theta")}


def test_every_public_function_is_listed():
    public = set()
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        public |= {attr for attr in module.__all__ if inspect.isfunction(getattr(module, attr))}
    assert public == set(CALLS) | NO_DATA


def _call(name, **changes):
    function, kwargs = CALLS[name]
    return function(**{**copy.deepcopy(kwargs), **changes})


def _arrays(name):
    """The data arguments of CALLS[name]: an ndarray, or a list of them (a network's weights)."""
    return [arg for arg, value in CALLS[name][1].items()
            if isinstance(value, np.ndarray) or
            (isinstance(value, list) and isinstance(value[0], np.ndarray))]


ARRAY_ARGS = [(name, arg) for name in CALLS for arg in _arrays(name)]


def _with(value, entry):
    """``value`` (an array, or a list of arrays: the first changed) with its first entry set."""
    if isinstance(value, list):
        return [_with(value[0], entry), *value[1:]]
    changed = value.astype(np.result_type(value, np.asarray(entry)))
    changed.flat[0] = entry
    return changed


def _same(a, b, rtol=0.0):
    if isinstance(a, (tuple, list)):
        assert len(a) == len(b)
        for x, z in zip(a, b):
            _same(x, z, rtol)
    elif isinstance(a, dict):
        for key in a:
            _same(a[key], b[key], rtol)
    else:
        np.testing.assert_allclose(a, b, rtol=rtol, atol=0)


@pytest.mark.parametrize("name", CALLS)
def test_inputs_are_not_modified(name):
    function, kwargs = CALLS[name]
    before = copy.deepcopy(kwargs)
    function(**kwargs)
    for arg in _arrays(name):
        _same(kwargs[arg], before[arg])


def _as_lists(value):
    if isinstance(value, list):
        return [v.tolist() for v in value]
    return value.tolist()


@pytest.mark.parametrize("name", CALLS)
def test_lists_are_accepted(name):
    expected = _call(name)
    as_lists = _call(name, **{arg: _as_lists(CALLS[name][1][arg]) for arg in _arrays(name)})
    # Equal up to the last bit or two: add_intercept stores X column by column,
    # a list becomes a row-major array, and BLAS may sum the two in other orders.
    _same(as_lists, expected, rtol=1e-14)


def _names(arg, value):
    """What a message calls the argument: its name, or weights[0] for the first matrix."""
    return "weights\\[0\\]" if isinstance(value, list) else arg


@pytest.mark.parametrize(("name", "arg"), ARRAY_ARGS, ids=str)
def test_nan_is_refused(name, arg):
    value = CALLS[name][1][arg]
    with pytest.raises(ValueError, match=f"{_names(arg, value)}.* NaN"):
        _call(name, **{arg: _with(value, np.nan)})


@pytest.mark.parametrize(("name", "arg"), [a for a in ARRAY_ARGS if a not in INFINITY_ALLOWED],
                         ids=str)
def test_infinity_is_refused(name, arg):
    value = CALLS[name][1][arg]
    with pytest.raises(ValueError, match=f"{_names(arg, value)}.* infinity"):
        _call(name, **{arg: _with(value, np.inf)})


@pytest.mark.parametrize(("name", "arg"), ARRAY_ARGS, ids=str)
def test_complex_is_refused(name, arg):
    value = CALLS[name][1][arg]
    with pytest.raises(ValueError, match=f"Complex data not supported: {_names(arg, value)}"):
        _call(name, **{arg: _with(value, 1j)})


@pytest.mark.parametrize(("name", "arg"), ARRAY_ARGS, ids=str)
def test_none_is_refused(name, arg):
    with pytest.raises((TypeError, ValueError), match=f"{arg}"):
        _call(name, **{arg: None})


@pytest.mark.parametrize(("name", "arg"), [a for a in ARRAY_ARGS if a not in ANY_SHAPE], ids=str)
def test_an_extra_dimension_is_refused(name, arg):
    value = CALLS[name][1][arg]
    bigger = [value[0][..., None], *value[1:]] if isinstance(value, list) else value[..., None]
    with pytest.raises(ValueError, match=f"{_names(arg, value)}"):
        _call(name, **{arg: bigger})


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_backpropagate_checks_the_activations(bad):
    activations = {l: a.copy() for l, a in A.items()}
    activations[2][0, 0] = bad
    with pytest.raises(ValueError, match=r"A\[2\] contains NaN or infinity"):
        nn.backpropagate(WEIGHTS, activations, A[3] - Y)
    with pytest.raises(ValueError, match=r"A\[2\] has shape \(8, 3\), but the weights make "
                                         r"layer 2 of 4 units"):
        nn.backpropagate(WEIGHTS, {**A, 2: A[3]}, A[3] - Y)
