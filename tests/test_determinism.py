"""Determinism: the same random_state gives bit-identical results, for every seed 0 to 9.

Randomness in mlbook comes only from ``random_state`` (an int or a numpy
Generator) through ``np.random.default_rng``; numpy's global generator is
never used. The estimators without a random_state are covered by
test_conformance.py::test_fitting_twice_gives_the_same_model.
"""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlbook import datasets
from mlbook.base import clone
from mlbook.cluster import KMeans, kmeans_init
from mlbook.metrics import accuracy_score, confusion_matrix
from mlbook.neural_network import init_weights

from ._estimators import RANDOM, assert_same, data, fit, ids, kind, learned

SEEDS = range(10)


@pytest.mark.parametrize("estimator", RANDOM, ids=ids)
@pytest.mark.parametrize("seed", SEEDS)
def test_same_seed_same_model_and_a_good_one(estimator, seed):
    X, y = data(estimator, seed=seed)
    first = fit(clone(estimator).set_params(random_state=seed), X, y)
    again = fit(clone(estimator).set_params(random_state=seed), X, y)
    assert_same(learned(again), learned(first))
    from_generator = fit(clone(estimator).set_params(random_state=np.random.default_rng(seed)),
                         X, y)
    assert_same(learned(from_generator), learned(first))
    # Whatever the seed, the three well-separated clusters are found.
    if kind(estimator) == "classifier":
        assert accuracy_score(y, first.predict(X)) == 1.0
    else:  # the partition Lloyd's algorithm reaches from the true group means
        truth = np.arange(len(X)) % 3
        means = np.array([X[truth == k].mean(axis=0) for k in range(3)])
        best = KMeans(n_clusters=3, init=means).fit(X)
        counts = confusion_matrix(best.labels_, first.labels_)
        assert np.all(np.sort(counts, axis=1)[:, :-1] == 0)  # the same clusters, renamed
        assert first.inertia_ == pytest.approx(best.inertia_, rel=1e-12)


@pytest.mark.parametrize("estimator", RANDOM, ids=ids)
def test_global_random_state_is_neither_used_nor_changed(estimator):
    X, y = data(estimator)
    state = np.random.get_state()
    model = fit(clone(estimator).set_params(random_state=1), X, y)
    np.random.seed(12345)  # a reader's own seeding changes nothing
    again = fit(clone(estimator).set_params(random_state=1), X, y)
    assert_same(learned(again), learned(model))
    np.random.set_state(state)


@pytest.mark.parametrize("seed", SEEDS)
def test_kmeans_restarts_are_reproducible(seed):
    X, _ = data(KMeans(), m=90, seed=seed)
    a = KMeans(n_clusters=5, init="random", n_init=4, random_state=seed).fit(X)
    b = KMeans(n_clusters=5, init="random", n_init=4, random_state=seed).fit(X)
    assert_same(learned(a), learned(b))


@pytest.mark.parametrize(("function", "kwargs"), [
    (kmeans_init, dict(X=np.arange(40.0).reshape(20, 2), k=4)),
    (kmeans_init, dict(X=np.arange(40.0).reshape(20, 2), k=4, method="random")),
    (init_weights, dict(layer_sizes=[4, 3, 2])),
    (datasets.make_blobs, dict(m=30)),
    (datasets.make_correlated_points, dict(m=30)),
    (datasets.make_curved_boundary, dict(m=30)),
    (datasets.make_noisy_mixture, dict(m=30, m_val=30)),
    (datasets.make_separable_with_outlier, dict(m=31)),
    (datasets.make_server_metrics, dict(m=50)),
], ids=lambda v: getattr(v, "__name__", "") or ",".join(f"{k}" for k in v if k != "X"))
@pytest.mark.parametrize("seed", SEEDS)
def test_random_functions_are_reproducible(function, kwargs, seed):
    first = function(**kwargs, random_state=seed)
    assert_same(function(**kwargs, random_state=seed), first)
    assert_same(function(**kwargs, random_state=np.random.default_rng(seed)), first)
