"""Invariants that must hold for every input, checked on inputs hypothesis draws.

Here: hand-derived gradients agree with finite differences for random shapes
and values; K-means never raises its distortion; predicted probabilities lie
in [0, 1] and sum to 1; precision, recall and F1 lie in [0, 1]. Elsewhere:
PCA's orthonormal components and its reconstruction error falling with k
(test_decomposition.py), the sigmoid's range (test_special.py), F1 of every
threshold (test_anomaly.py). Every property test runs a bounded number of
examples, derandomized and without a deadline (tests/conftest.py), so the
suite is reproducible and its time predictable.
"""

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mlbook.cluster import KMeans
from mlbook.gradcheck import numerical_gradient, relative_error
from mlbook.linear_model import (
    LogisticRegression,
    linear_cost,
    linear_gradient,
    logistic_cost,
    logistic_gradient,
    softmax_cost,
    softmax_gradient,
)
from mlbook.metrics import f1_score, precision_score, recall_score
from mlbook.neural_network import MLPClassifier, cost_and_gradient, init_weights, nn_cost
from mlbook.preprocessing import add_intercept

few = settings(max_examples=25)
values = st.floats(-3.0, 3.0, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def matrix(m, n):
    return arrays(np.float64, (m, n), elements=values)


@st.composite
def problems(draw, classes=None):
    """A design matrix with its column of ones (m, n + 1), parameters, lam and targets."""
    m, n = draw(st.integers(1, 12)), draw(st.integers(1, 5))
    X = add_intercept(draw(matrix(m, n)))
    lam = draw(st.sampled_from([0.0, 0.5, 3.0]))
    if classes is None:  # one parameter vector, real or 0/1 targets
        return X, draw(arrays(np.float64, n + 1, elements=values)), lam, m
    K = draw(st.integers(2, 4))
    Theta = draw(arrays(np.float64, (K, n + 1), elements=values))
    Y = np.eye(K)[draw(arrays(np.int64, m, elements=st.integers(0, K - 1)))]
    return X, Theta, lam, Y


def assert_gradient(cost, grad, theta):
    # Central differences with eps = 1e-4 err by about eps^2 times the third
    # derivative (zero for the squared error, at most about 3^3 here) plus
    # 1e-16 |J| / eps of rounding: 1e-6 of the gradient's size, plus 1e-6, covers both.
    numeric = numerical_gradient(cost, theta)
    scale = max(np.abs(grad).max(), np.abs(numeric).max(), 1.0)
    assert np.max(np.abs(grad - numeric)) <= 1e-6 * scale, relative_error(grad, numeric)


@few
@given(problems(), st.data())
def test_linear_gradient_on_random_shapes(problem, data):
    X, theta, lam, m = problem
    y = data.draw(arrays(np.float64, m, elements=values))
    assert_gradient(lambda t: linear_cost(t, X, y, lam), linear_gradient(theta, X, y, lam), theta)


@few
@given(problems(), st.data())
def test_logistic_gradient_on_random_shapes(problem, data):
    X, theta, lam, m = problem
    y = data.draw(arrays(np.float64, m, elements=st.sampled_from([0.0, 1.0])))
    assert_gradient(lambda t: logistic_cost(t, X, y, lam), logistic_gradient(theta, X, y, lam),
                    theta)


@few
@given(problems(classes=True))
def test_softmax_gradient_on_random_shapes(problem):
    X, Theta, lam, Y = problem
    assert_gradient(lambda T: softmax_cost(T, X, Y, lam), softmax_gradient(Theta, X, Y, lam),
                    Theta)


@few
@given(st.lists(st.integers(1, 4), min_size=2, max_size=4), st.integers(1, 8),
       st.sampled_from(["cross_entropy", "squared_error"]), st.sampled_from([0.0, 1.0]),
       st.integers(0, 2**32 - 1))
def test_backpropagation_on_random_networks(sizes, m, loss, lam, seed):
    rng = np.random.default_rng(seed)
    weights = init_weights(sizes, random_state=rng)
    X = rng.normal(size=(m, sizes[0]))
    Y = np.eye(sizes[-1])[rng.integers(sizes[-1], size=m)]
    _, grads = cost_and_gradient(weights, X, Y, lam, loss)
    numeric = numerical_gradient(lambda W: nn_cost(W, X, Y, lam, loss), weights)
    assert relative_error(grads, numeric) < 1e-7 or max(
        np.abs(g - h).max() for g, h in zip(grads, numeric)) < 1e-10


@few
@given(st.integers(2, 40), st.integers(1, 3), st.integers(1, 5), st.sampled_from(
    ["k-means++", "random"]), st.integers(0, 2**32 - 1), st.booleans())
def test_kmeans_distortion_never_rises(m, n, K, init, seed, duplicates):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    if duplicates:  # repeated points, as in an image with few colours
        X = X[rng.integers(max(1, m // 3), size=m)]
    distinct = len(np.unique(X, axis=0))
    assume(K <= distinct)
    history = KMeans(n_clusters=K, init=init, tol=0, random_state=seed).fit(X).cost_history_
    # Neither step raises J (7.7). Each J is computed afresh, with rounding relative
    # to the size of the (centred) data, not of J: J can be 0 and then 4e-34.
    size = np.mean(np.sum((X - X.mean(axis=0)) ** 2, axis=1))
    assert np.all(np.diff(history) <= 1e-12 * max(history[0], size))


@settings(max_examples=15)
@given(st.integers(6, 30), st.integers(1, 4), st.integers(2, 3), st.integers(0, 2**32 - 1),
       st.sampled_from([1e-3, 1.0, 1e3]))
def test_predicted_probabilities_lie_in_zero_one_and_sum_to_one(m, n, K, seed, spread):
    rng = np.random.default_rng(seed)
    y = np.arange(m) % K
    X = spread * rng.normal(size=(m, n)) + 3.0 * spread * np.eye(K, n)[y]
    X_new = spread * 100 * rng.normal(size=(20, n))  # far outside the data, too
    for model in (LogisticRegression(lam=0.1), MLPClassifier(hidden_layer_sizes=(3,), max_iter=50,
                                                            tol=1e-3, random_state=seed)):
        P = model.fit(X / spread, y).predict_proba(X_new / spread)
        assert P.shape == (20, K) and np.all((P >= 0) & (P <= 1))
        np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=50))
def test_precision_recall_f1_lie_in_zero_one(pairs):
    y_true = np.array([t for t, _ in pairs], dtype=int)
    y_pred = np.array([p for _, p in pairs], dtype=int)
    scores = [score(y_true, y_pred, pos_label=1) if 1 in np.r_[y_true, y_pred] else 0.0
              for score in (precision_score, recall_score, f1_score)]
    assert all(0.0 <= s <= 1.0 for s in scores)
    precision, recall, f1 = scores
    assert min(precision, recall) - 1e-12 <= f1 <= max(precision, recall) + 1e-12  # a mean
