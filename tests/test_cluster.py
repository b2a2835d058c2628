"""K-means: the two steps, seeding, the estimator, and scikit-learn (mlbook.cluster)."""

import warnings

import matplotlib.cbook
import matplotlib.image
import numpy as np
import pytest
import sklearn.cluster
from numpy.testing import assert_allclose, assert_array_equal
from threadpoolctl import threadpool_limits

from mlbook.base import ClusterMixin, clone
from mlbook.cluster import KMeans, compute_centroids, find_closest_centroids, kmeans_init
from mlbook.cluster._kmeans import _BLOCK, _kmeans_plusplus, _squared_distances
from mlbook.datasets import make_blobs
from mlbook.exceptions import ConvergenceWarning, NotFittedError
from mlbook.gradcheck import numerical_gradient, relative_error

# Toy case, by hand: five numbers on a line, two clusters, tol = 0.
#   start nu = (1, 20):  0, 2, 10 are nearer 1 (10 is 9 from 1, 10 from 20); 12, 30 nearer 20.
#     J = (1 + 1 + 81 + 64 + 100) / 5 = 49.4;  update: nu = (mean(0, 2, 10), mean(12, 30)) = (4, 21).
#   nu = (4, 21):  12 is now 8 from 4 and 9 from 21, so it changes side.
#     J = (16 + 4 + 36 + 64 + 81) / 5 = 40.2;  update: nu = (mean(0, 2, 10, 12), 30) = (6, 30).
#   nu = (6, 30):  nobody moves, so the run stops after 2 updates.
#     J = (36 + 16 + 16 + 36 + 0) / 5 = 20.8, inertia = 104.
X_TOY = np.array([[0.0], [2.0], [10.0], [12.0], [30.0]])
INIT_TOY = np.array([[1.0], [20.0]])


@pytest.fixture(scope="module")
def blobs():
    X, _ = make_blobs(m=600, centers=[[0.0, 0.0], [6.0, 0.0], [0.0, 6.0], [6.0, 6.0]],
                      cluster_std=1.5, random_state=3)
    return X


@pytest.fixture(scope="module")
def pixels():
    """Every fourth pixel of the photograph that ships with matplotlib, colours in [0, 1]."""
    path = matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    image = matplotlib.image.imread(path)  # (600, 512, 3) uint8
    return image[::4, ::4].reshape(-1, 3) / 255.0  # (19200, 3)


def sklearn_lloyd(X, init, tol=1e-4, max_iter=300):
    # The mapping: scikit-learn's KMeans(algorithm="lloyd") with the same
    # initial centroids (init=array, n_init=1) runs the same algorithm; its
    # tol is defined as ours (relative to the mean feature variance), and its
    # inertia_ is our inertia_ (m J).
    return sklearn.cluster.KMeans(n_clusters=len(init), init=init, n_init=1, tol=tol,
                                  max_iter=max_iter, algorithm="lloyd").fit(X)


# --- the two steps, by hand --------------------------------------------------------


def test_find_closest_centroids_toy():
    assert_array_equal(find_closest_centroids(X_TOY, INIT_TOY), [0, 0, 0, 1, 1])


def test_find_closest_centroids_tie_goes_to_the_lower_index():
    # 5 is exactly 5 from 0 and from 10; the expansion rounds both to 25 exactly.
    assert_array_equal(find_closest_centroids([[5.0]], [[10.0], [0.0]]), [0])
    assert_array_equal(find_closest_centroids([[5.0]], [[0.0], [10.0]]), [0])


def test_compute_centroids_toy():
    assert_array_equal(compute_centroids(X_TOY, [0, 0, 0, 1, 1], 2), [[4.0], [21.0]])


def test_kmeans_toy_by_hand():
    model = KMeans(n_clusters=2, init=INIT_TOY, tol=0).fit(X_TOY)
    assert_array_equal(model.cluster_centers_, [[6.0], [30.0]])
    assert_array_equal(model.labels_, [0, 0, 0, 0, 1])
    assert model.inertia_ == 104.0
    assert model.n_iter_ == 2
    assert_allclose(model.cost_history_, [49.4, 40.2, 20.8], rtol=1e-14)
    assert_allclose(model.transform(X_TOY), [[6, 30], [4, 28], [4, 20], [6, 18], [24, 0]],
                    rtol=1e-14)


def test_kmeans_toy_agrees_with_sklearn():
    theirs = sklearn_lloyd(X_TOY, INIT_TOY, tol=0)
    ours = KMeans(n_clusters=2, init=INIT_TOY, tol=0).fit(X_TOY)
    assert_array_equal(ours.cluster_centers_, theirs.cluster_centers_)
    assert ours.inertia_ == theirs.inertia_
    # scikit-learn counts the update that confirms the labels stopped changing.
    assert theirs.n_iter_ == ours.n_iter_ + 1


# --- the update step: a proof checked in numbers ---------------------------------------


def test_gradient_of_distortion_with_respect_to_centroids(blobs, rng):
    # For fixed assignments c, J(nu) = (1/m) sum_i ||x_i - nu_c(i)||^2 has
    # dJ/dnu_k = (2/m) sum_{i: c(i)=k} (nu_k - x_i), equation (7.4).
    X, K = blobs, 4
    idx = rng.integers(0, K, size=len(X))
    m = len(X)

    def J(flat):
        nu = flat.reshape(K, 2)
        return np.sum((X - nu[idx]) ** 2) / m

    nu = rng.normal(size=(K, 2))
    analytic = np.stack([2 / m * np.sum(nu[k] - X[idx == k], axis=0) for k in range(K)])
    numeric = numerical_gradient(J, nu.ravel()).reshape(K, 2)
    assert relative_error(analytic, numeric) < 1e-8
    # ... and it vanishes at the means, which compute_centroids returns.
    means = compute_centroids(X, idx, K)
    gradient = numerical_gradient(J, means.ravel())
    assert np.max(np.abs(gradient)) < 1e-8


def test_split_identity(rng):
    # sum ||x_i - v||^2 = sum ||x_i - mean||^2 + N ||mean - v||^2, equation (7.5).
    X = rng.normal(size=(37, 3)) * 5 + 2
    mean = X.mean(axis=0)
    for v in rng.normal(size=(5, 3)) * 10:
        left = np.sum((X - v) ** 2)
        right = np.sum((X - mean) ** 2) + len(X) * np.sum((mean - v) ** 2)
        assert left == pytest.approx(right, rel=1e-12)


def test_update_lowers_j_by_the_weighted_shift(blobs, rng):
    # By (7.5) the update lowers J by exactly (1/m) sum_k N_k ||nu_k - new nu_k||^2.
    X, K = blobs, 4
    nu = X[rng.choice(len(X), K, replace=False)] + 0.5
    idx = find_closest_centroids(X, nu)
    new = compute_centroids(X, idx, K)
    counts = np.bincount(idx, minlength=K)

    def J(centroids):
        return np.sum((X - centroids[idx]) ** 2) / len(X)

    drop = np.sum(counts * np.sum((nu - new) ** 2, axis=1)) / len(X)
    assert J(nu) - J(new) == pytest.approx(drop, rel=1e-10)


# --- the distance expansion ------------------------------------------------------


def test_squared_distances_match_differences(rng):
    X, C = rng.normal(size=(50, 4)), rng.normal(size=(6, 4))
    direct = np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=2)  # (m, K, n) then sum
    assert_allclose(_squared_distances(X, C), direct, rtol=1e-12, atol=1e-12)


def test_squared_distances_never_negative_far_from_the_origin():
    # Points on the centroids, 1e8 from the origin: without the centring and the
    # clip, |x|^2 - 2 x.c + |c|^2 cancels to values of order 1 and of either sign.
    C = np.array([[1e8, 1e8], [1e8 + 1, 1e8]])
    X = np.vstack([C, C + 1e-3])
    D = _squared_distances(X, C)
    assert np.all(D >= 0)
    assert_allclose(np.diag(D[:2]), 0.0, atol=1e-12)
    assert_array_equal(find_closest_centroids(X, C), [0, 1, 0, 1])


def far_case(seed=0, far=2e8):
    """The chapter's case: millimetres 100 km from the origin, two groups 1 mm
    apart, and a third group `far` mm (200 km) away. Centring on any one point
    leaves norms of about 1e8, whose squares round by about 1 (eps * 1e16)."""
    rng = np.random.default_rng(seed)
    centres = np.array([[1e8, 1e8], [1e8 + 1.0, 1e8], [1e8 + far, 1e8]])
    X = np.repeat(centres, 100, axis=0) + rng.normal(scale=0.1, size=(300, 2))
    return X, centres


def exact_nearest(X, C):
    # from the differences, which round relative to the distance itself
    return np.argmin(np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=2), axis=1)


@pytest.mark.parametrize("seed", range(3))
def test_near_ties_are_decided_by_differences_far_from_the_shift(seed):
    X, C = far_case(seed)
    # The plain expansion (7.9), even centred on the centroids' mean, is wrong here:
    shift = C.mean(axis=0)
    Xc, Cc = X - shift, C - shift
    expansion = np.argmin(np.sum(Cc**2, axis=1) - 2 * Xc @ Cc.T, axis=1)
    assert np.mean(expansion != exact_nearest(X, C)) > 0.01  # the failure is real
    assert_array_equal(find_closest_centroids(X, C), exact_nearest(X, C))


@pytest.mark.parametrize("seed", range(3))
def test_lloyd_far_from_the_shift_ends_where_exact_arithmetic_would(seed):
    X, C = far_case(seed)
    ours = KMeans(n_clusters=3, init=C).fit(X)
    truth = np.repeat([0, 1, 2], 100)
    assert_array_equal(ours.labels_, exact_nearest(X, ours.cluster_centers_))
    best = np.sum((X - np.stack([X[truth == k].mean(axis=0) for k in range(3)])[truth]) ** 2)
    assert ours.inertia_ <= best * (1 + 1e-6)
    # scikit-learn's expansion ends at a worse clustering (by a factor that
    # depends on the draw: 4 at seed 0, 1.07 at seed 2)
    theirs = sklearn_lloyd(X, C)
    assert theirs.inertia_ > (4 if seed == 0 else 1.05) * best


def test_transform_far_from_the_shift_is_accurate():
    X, C = far_case(0)
    direct = np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=2)
    assert_allclose(_squared_distances(X, C), direct, rtol=1e-7)


def test_exact_ties_keep_the_expansions_choice():
    # Pixels halfway between two seeds, in integers: neither method can order
    # them, so the first choice stands (the lower index for a tie computed alike).
    X = np.array([[5.0], [5.0 + 1e-13]])
    assert_array_equal(find_closest_centroids(X, [[0.0], [10.0]]), [0, 1])
    assert_array_equal(find_closest_centroids([[5.0]], [[10.0], [0.0]]), [0])


def test_rounding_slack_bounds_the_expansion_error(rng):
    # (7.9a): |computed score - exact score| <= e = gamma_{2n+1} (|x| + |nu|)^2,
    # checked against exact rational arithmetic on random data of mixed scale.
    from fractions import Fraction

    from mlbook.cluster._kmeans import _gamma

    n = 3
    X = rng.normal(size=(20, n)) * 10.0 ** rng.integers(-3, 8, size=(20, 1))
    C = rng.normal(size=(4, n)) * 10.0 ** rng.integers(-3, 8, size=(4, 1))
    A = np.vstack([-2.0 * C.T, np.einsum("kj,kj->k", C, C)])
    scores = np.column_stack([X, np.ones(20)]) @ A
    for i in range(20):
        for k in range(4):
            exact = sum(Fraction(c) ** 2 for c in C[k]) - 2 * sum(
                Fraction(a) * Fraction(b) for a, b in zip(X[i], C[k]))
            bound = _gamma(2 * n + 1) * (np.linalg.norm(X[i]) + np.linalg.norm(C[k])) ** 2
            assert abs(Fraction(scores[i, k]) - exact) <= Fraction(bound)


def test_find_closest_centroids_is_the_argmin_of_transform(blobs, rng):
    C = rng.normal(size=(7, 2)) * 4
    model = KMeans(n_clusters=7, init=C, max_iter=1)
    with pytest.warns(ConvergenceWarning):
        model.fit(blobs)
    assert_array_equal(find_closest_centroids(blobs, model.cluster_centers_),
                       np.argmin(model.transform(blobs), axis=1))


def test_many_blocks_and_threads_give_the_same_result(rng):
    # More examples than one block holds: the blocks, and 1 or 2 threads, must
    # not change the result (each thread writes its own slice; sums in block order).
    K = 16
    X = rng.normal(size=(3 * _BLOCK // K + 17, 3))
    init = X[:K].copy()
    with threadpool_limits(1):
        one = KMeans(n_clusters=K, init=init, max_iter=5, tol=0)
        with pytest.warns(ConvergenceWarning):
            one.fit(X)
    with threadpool_limits(2, user_api="blas"):
        two = KMeans(n_clusters=K, init=init, max_iter=5, tol=0)
        with pytest.warns(ConvergenceWarning):
            two.fit(X)
    assert_array_equal(one.cluster_centers_, two.cluster_centers_)
    assert_array_equal(one.labels_, two.labels_)
    distances = np.sum((X[:, None, :] - one.cluster_centers_[None]) ** 2, axis=2)
    assert_array_equal(one.labels_, np.argmin(distances, axis=1))


# --- empty clusters, duplicates ----------------------------------------------------


def test_empty_cluster_takes_the_farthest_example():
    # Centroid 1 (at 100) attracts nobody. Distances to their own centroid:
    # 0 and 1 are 0.5 from 0.5; 10 is 1 from 11; 13 is 2 from 11, the farthest,
    # so 13 moves to cluster 1: J before = (0.25 + 0.25 + 1 + 4) / 4 = 1.375.
    X = np.array([[0.0], [1.0], [10.0], [13.0]])
    init = np.array([[0.5], [100.0], [11.0]])
    model = KMeans(n_clusters=3, init=init, tol=0).fit(X)
    assert_array_equal(model.cluster_centers_, [[0.5], [13.0], [10.0]])
    assert_array_equal(model.labels_, [0, 0, 2, 1])
    assert_allclose(model.cost_history_, [1.375, 0.125, 0.125], rtol=1e-14)
    theirs = sklearn_lloyd(X, init, tol=0)
    assert_array_equal(model.cluster_centers_, theirs.cluster_centers_)


def test_no_cluster_is_left_empty(blobs):
    # Eight centroids bunched in one corner: most start empty.
    init = np.array([[20.0 + k, 20.0] for k in range(8)])
    model = KMeans(n_clusters=8, init=init).fit(blobs)
    assert np.bincount(model.labels_, minlength=8).min() > 0
    assert np.all(np.diff(model.cost_history_) <= 1e-12 * model.cost_history_[0])


def test_compute_centroids_refuses_an_empty_cluster():
    with pytest.raises(ValueError, match=r"cluster\(s\) \[1\] have no examples.*undefined"):
        compute_centroids(X_TOY, [0, 0, 2, 2, 2], 3)


@pytest.mark.parametrize("init", ["k-means++", "random", "array"])
def test_more_clusters_than_distinct_examples_raise(init):
    X = np.array([[0.0, 1.0], [2.0, 3.0], [0.0, 1.0], [4.0, 4.0], [2.0, 3.0], [0.0, 1.0]])
    if init == "array":
        init = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 4.0], [9.0, 9.0]])
    with pytest.raises(ValueError, match="only 3 distinct examples.*fewer than the 4 clusters"):
        KMeans(n_clusters=4, init=init, random_state=0).fit(X)


def test_as_many_clusters_as_distinct_examples():
    X = np.repeat([[0.0, 1.0], [2.0, 3.0], [4.0, 4.0]], [5, 1, 3], axis=0)
    for init in ["k-means++", "random"]:
        model = KMeans(n_clusters=3, init=init, random_state=1).fit(X)
        assert model.inertia_ == 0.0
        assert_array_equal(np.sort(model.cluster_centers_, axis=0), [[0, 1], [2, 3], [4, 4]])


def test_random_init_skips_duplicates():
    X = np.array([[1.0]] * 50 + [[2.0], [3.0]])
    for seed in range(20):
        assert sorted(kmeans_init(X, 3, method="random", random_state=seed).ravel()) == [1, 2, 3]


def test_kmeans_plusplus_never_picks_a_chosen_point_twice():
    X = np.array([[1.0]] * 50 + [[2.0], [3.0]])
    for seed in range(20):
        assert sorted(kmeans_init(X, 3, random_state=seed).ravel()) == [1, 2, 3]


def test_kmeans_plusplus_draws_in_proportion_to_squared_distance():
    # X = 0, 1, 3. Given the first centroid, the second is drawn with
    # probability d^2 / sum d^2, equation (7.11): after 0 it is 1 w.p. 1/10, 3
    # w.p. 9/10; after 1: 0 w.p. 1/5, 3 w.p. 4/5; after 3: 0 w.p. 9/13, 1 w.p. 4/13.
    XT = np.array([[0.0, 1.0, 3.0]])  # the kernel takes the examples as columns
    rng = np.random.default_rng(0)
    draws = XT[0, [_kmeans_plusplus(XT, 2, rng) for _ in range(6000)]]  # (6000, 2)
    for first, second, p in [(0, 1, 1 / 10), (1, 0, 1 / 5), (3, 0, 9 / 13)]:
        given = draws[draws[:, 0] == first]
        rate = np.mean(given[:, 1] == second)
        assert abs(rate - p) < 4 * np.sqrt(p * (1 - p) / len(given))  # 4 standard errors


# --- agreement with scikit-learn ---------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("method", ["k-means++", "random"])
def test_same_result_as_sklearn_from_the_same_centroids(blobs, seed, method):
    init = kmeans_init(blobs, 4, method=method, random_state=seed)
    ours = KMeans(n_clusters=4, init=init).fit(blobs)
    theirs = sklearn_lloyd(blobs, init)
    assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-6, atol=1e-6)
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-6)
    assert_array_equal(ours.labels_, theirs.labels_)
    assert theirs.n_iter_ - ours.n_iter_ in (0, 1)


@pytest.mark.parametrize("K", [4, 16])
def test_same_result_as_sklearn_on_the_photograph(pixels, K):
    init = kmeans_init(pixels, K, random_state=0)
    ours = KMeans(n_clusters=K, init=init).fit(pixels)
    theirs = sklearn_lloyd(pixels, init)
    assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-6, atol=1e-6)
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-6)
    assert np.mean(ours.labels_ == theirs.labels_) == 1.0


def test_inertia_is_sklearns_score(blobs):
    model = KMeans(n_clusters=4, random_state=0).fit(blobs)
    theirs = sklearn_lloyd(blobs, model.cluster_centers_, max_iter=1)
    assert -theirs.score(blobs) == pytest.approx(model.inertia_, rel=1e-10)


# --- invariants ------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_distortion_never_rises(blobs, seed):
    model = KMeans(n_clusters=6, init="random", n_init=1, tol=0, random_state=seed).fit(blobs)
    history = model.cost_history_
    assert len(history) == model.n_iter_ + 1
    assert np.all(np.diff(history) <= 1e-12 * history[0])
    assert history[-1] == pytest.approx(model.inertia_ / len(blobs), rel=1e-14)


def test_fixed_point_each_centroid_is_its_clusters_mean(blobs):
    model = KMeans(n_clusters=5, tol=0, random_state=0).fit(blobs)
    assert_allclose(compute_centroids(blobs, model.labels_, 5), model.cluster_centers_,
                    rtol=1e-12, atol=1e-12)
    assert_array_equal(model.predict(blobs), model.labels_)


def test_fit_predict_returns_labels(blobs):
    model = KMeans(n_clusters=3, random_state=2)
    assert isinstance(model, ClusterMixin)
    assert_array_equal(model.fit_predict(blobs), model.labels_)


def test_restarts_keep_the_lowest_distortion(blobs):
    one = KMeans(n_clusters=7, init="random", n_init=1, random_state=0).fit(blobs)
    many = KMeans(n_clusters=7, init="random", n_init=8, random_state=0).fit(blobs)
    assert many.inertia_ <= one.inertia_


def test_fit_starts_from_kmeans_init_with_the_same_seed(blobs):
    init = kmeans_init(blobs, 4, random_state=5)
    assert_array_equal(KMeans(n_clusters=4, random_state=5).fit(blobs).cluster_centers_,
                       KMeans(n_clusters=4, init=init).fit(blobs).cluster_centers_)


def test_determinism_for_a_fixed_random_state(blobs):
    a = KMeans(n_clusters=5, init="random", random_state=11).fit(blobs)
    b = KMeans(n_clusters=5, init="random", random_state=11).fit(blobs)
    assert_array_equal(a.cluster_centers_, b.cluster_centers_)
    assert_array_equal(a.cost_history_, b.cost_history_)
    c = KMeans(n_clusters=5, init="random", n_init=1, random_state=12).fit(blobs)
    d = KMeans(n_clusters=5, init="random", n_init=1, random_state=13).fit(blobs)
    assert not np.array_equal(c.cost_history_, d.cost_history_)


def test_inputs_are_not_modified(blobs):
    X, init = blobs.copy(), kmeans_init(blobs, 4, random_state=0)
    init_copy = init.copy()
    KMeans(n_clusters=4, init=init).fit(X)
    assert_array_equal(X, blobs)
    assert_array_equal(init, init_copy)


def test_convergence_warning_names_max_iter(blobs):
    with pytest.warns(ConvergenceWarning, match="max_iter=1 .*Raise max_iter"):
        KMeans(n_clusters=4, init="random", n_init=1, max_iter=1, tol=0, random_state=0).fit(blobs)


def test_no_warning_on_duplicates_and_constant_data():
    X = np.zeros((20, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = KMeans(n_clusters=1).fit(X)
    assert model.inertia_ == 0.0
    assert_array_equal(model.transform(X), np.zeros((20, 1)))


def test_hyper_parameters_stored_unchanged_and_clone():
    init = np.array([[0.0], [1.0]])
    model = KMeans(n_clusters=2, init=init, n_init=1, max_iter=7, tol=0.5, random_state=3)
    params = model.get_params()
    assert params["init"] is init and params["max_iter"] == 7 and params["n_init"] == 1
    assert clone(model).get_params()["tol"] == 0.5
    assert "n_clusters=2" in repr(model)


# --- refusals ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_clusters": 0}, ValueError, "n_clusters must be >= 1"),
        ({"n_clusters": 2.5}, TypeError, "n_clusters must be an integer"),
        ({"n_clusters": 6}, ValueError, "n_clusters=6 is more than the 5 examples"),
        ({"init": "kmeans++"}, ValueError, "init must be one of 'k-means\\+\\+', 'random'"),
        ({"init": [[0.0], [1.0], [2.0]]}, ValueError, "init has 3 rows but n_clusters=2"),
        ({"init": [[0.0, 1.0], [1.0, 1.0]]}, ValueError, "init has 2 columns but X has 1"),
        ({"init": [[0.0], [1.0]], "n_init": 3}, ValueError, "n_init=3 with an array init"),
        ({"n_init": 0}, ValueError, "n_init must be >= 1"),
        ({"n_init": "many"}, ValueError, "n_init must be one of 'auto'"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"tol": -1e-3}, ValueError, "tol must be >= 0"),
    ],
)
def test_bad_hyper_parameters_raise(kwargs, error, match):
    with pytest.raises(error, match=match):
        KMeans(**{"n_clusters": 2, **kwargs}).fit(X_TOY)


def test_bad_data_raises():
    with pytest.raises(ValueError, match="NaN or infinity"):
        KMeans(n_clusters=1).fit([[0.0], [np.nan]])
    with pytest.raises(ValueError, match="Expected a 2-D array"):
        KMeans(n_clusters=1).fit([0.0, 1.0])


def test_use_before_fit_raises():
    for method in ("predict", "transform"):
        with pytest.raises(NotFittedError, match="not fitted yet"):
            getattr(KMeans(), method)(X_TOY)


def test_predict_wrong_feature_count_raises():
    model = KMeans(n_clusters=2, init=INIT_TOY).fit(X_TOY)
    with pytest.raises(ValueError, match="X has 2 features, but KMeans is expecting 1"):
        model.predict([[0.0, 1.0]])


@pytest.mark.parametrize(
    ("idx", "error", "match"),
    [
        ([0, 0, 1, 1], ValueError, r"idx must have shape \(5,\)"),
        ([0, 0, 1, 1, 2], ValueError, "values from 0 to 2, but with k=2"),
        ([0, 0, 1, 1, -1], ValueError, "values from -1 to 1"),
        ([0.0, 0.5, 1.0, 1.0, 1.0], TypeError, "integer cluster indices"),
    ],
)
def test_compute_centroids_bad_idx(idx, error, match):
    with pytest.raises(error, match=match):
        compute_centroids(X_TOY, idx, 2)


def test_compute_centroids_accepts_whole_floats():
    # The course's MATLAB code stores indices as doubles.
    assert_array_equal(compute_centroids(X_TOY, [0.0, 0.0, 0.0, 1.0, 1.0], 2), [[4.0], [21.0]])


def test_find_closest_centroids_shape_mismatch():
    with pytest.raises(ValueError, match=r"centroids has 2 columns but X has 1 features"):
        find_closest_centroids(X_TOY, [[0.0, 1.0]])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"k": 6}, ValueError, "k=6 is more than the 5 examples"),
        ({"k": 0}, ValueError, "k must be >= 1"),
        ({"method": "farthest"}, ValueError, "method must be one of"),
    ],
)
def test_kmeans_init_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        kmeans_init(X_TOY, **{"k": 2, **kwargs})


# --- sample weights and score -------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_sample_weight_agrees_with_sklearn_from_the_same_start(blobs, seed):
    rng = np.random.default_rng(seed)
    w = rng.uniform(0.0, 3.0, size=len(blobs))
    init = kmeans_init(blobs, 4, random_state=seed, sample_weight=w)
    ours = KMeans(n_clusters=4, init=init).fit(blobs, sample_weight=w)
    theirs = sklearn.cluster.KMeans(n_clusters=4, init=init, n_init=1,
                                    algorithm="lloyd").fit(blobs, sample_weight=w)
    assert_allclose(ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-9, atol=1e-9)
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-9)
    assert_array_equal(ours.labels_, theirs.labels_)


def test_whole_weights_act_as_repeated_examples(blobs):
    w = np.arange(len(blobs)) % 3  # 0, 1, 2: dropped, once, twice
    init = blobs[[1, 4, 7, 10]]
    weighted = KMeans(n_clusters=4, init=init, tol=0).fit(blobs, sample_weight=w)
    repeated = KMeans(n_clusters=4, init=init, tol=0).fit(np.repeat(blobs, w, axis=0))
    assert_allclose(weighted.cluster_centers_, repeated.cluster_centers_, rtol=1e-12)
    assert weighted.inertia_ == pytest.approx(repeated.inertia_, rel=1e-12)
    assert_allclose(weighted.cost_history_, repeated.cost_history_, rtol=1e-10)


def test_weighted_centroids_are_weighted_means(blobs, rng):
    w = rng.uniform(0.1, 2.0, size=len(blobs))
    model = KMeans(n_clusters=3, random_state=0, tol=0).fit(blobs, sample_weight=w)
    for k in range(3):
        members = model.labels_ == k
        assert_allclose(model.cluster_centers_[k],
                        np.average(blobs[members], axis=0, weights=w[members]), rtol=1e-10)
    d2 = np.min(model.transform(blobs), axis=1) ** 2
    assert model.inertia_ == pytest.approx(np.sum(w * d2), rel=1e-10)
    assert model.score(blobs, sample_weight=w) == pytest.approx(-model.inertia_, rel=1e-10)


def test_unit_weights_change_nothing_from_the_same_start(blobs):
    # (With a random_state, weighted seeding draws its first seed from the
    # cumulative weights, a different use of the random stream.)
    init = kmeans_init(blobs, 4, random_state=1)
    plain = KMeans(n_clusters=4, init=init).fit(blobs)
    ones = KMeans(n_clusters=4, init=init).fit(blobs, sample_weight=np.ones(len(blobs)))
    assert_allclose(plain.cluster_centers_, ones.cluster_centers_, rtol=1e-12)
    assert_array_equal(plain.labels_, ones.labels_)


def test_weighted_kmeans_plusplus_draws_in_proportion_to_weight_times_squared_distance():
    # X = 0, 1, 3 with weights 1, 4, 0: the first pick is 0 w.p. 1/5, 1 w.p. 4/5,
    # never 3. After 0: 1 has w d^2 = 4, 3 has 0, so 1 surely; after 1: 0 surely.
    XT = np.array([[0.0, 1.0, 3.0]])
    w = np.array([1.0, 4.0, 0.0])
    rng = np.random.default_rng(0)
    draws = np.array([_kmeans_plusplus(XT, 2, rng, w) for _ in range(4000)])
    assert not np.any(draws == 2)
    rate = np.mean(draws[:, 0] == 0)
    assert abs(rate - 0.2) < 4 * np.sqrt(0.2 * 0.8 / 4000)
    # with weights 1, 1, 1 after 0: 1 w.p. 1/10 (7.11); with 1, 9, 1: 9/18 = 1/2 (7.11a)
    w = np.array([1.0, 9.0, 1.0])
    draws = np.array([_kmeans_plusplus(XT, 2, rng, w) for _ in range(8000)])
    given = draws[draws[:, 0] == 0]
    rate = np.mean(given[:, 1] == 1)
    assert abs(rate - 0.5) < 4 * np.sqrt(0.25 / len(given))


def test_zero_weight_examples_are_never_seeds(blobs):
    w = np.zeros(len(blobs))
    w[:50] = 1.0
    for method in ["k-means++", "random"]:
        for seed in range(5):
            init = kmeans_init(blobs, 4, method=method, random_state=seed, sample_weight=w)
            assert all(any(np.array_equal(c, x) for x in blobs[:50]) for c in init)


@pytest.mark.parametrize("w, match", [
    (np.ones(5), "5 entries but X has 600"),
    (-np.ones(600), "negative weight"),
    (np.r_[np.ones(2), np.zeros(598)], "nonzero weight to only 2 examples"),
    (np.full(600, np.nan), "NaN"),
])
def test_bad_sample_weight_raises(blobs, w, match):
    with pytest.raises(ValueError, match=match):
        KMeans(n_clusters=4, random_state=0).fit(blobs, sample_weight=w)


def test_score_is_minus_inertia_like_sklearn(blobs):
    model = KMeans(n_clusters=4, random_state=0).fit(blobs)
    assert model.score(blobs) == pytest.approx(-model.inertia_, rel=1e-12)
    theirs = sklearn_lloyd(blobs, model.cluster_centers_, max_iter=1)
    new = blobs[::7] + 0.5
    assert model.score(new) == pytest.approx(theirs.score(new), rel=1e-10)


def test_grid_search_without_a_scorer(blobs):
    # GridSearchCV calls score on each held-out fold: minus the inertia, so the
    # largest K wins (more centroids fit held-out points more closely too).
    from sklearn.model_selection import GridSearchCV

    search = GridSearchCV(KMeans(random_state=0), {"n_clusters": [2, 4, 8]}, cv=3)
    search.fit(blobs)
    assert search.best_params_ == {"n_clusters": 8}
    assert np.all(np.diff(search.cv_results_["mean_test_score"]) > 0)
    assert search.score(blobs) == pytest.approx(search.best_estimator_.score(blobs))


def test_fit_predict_and_fit_transform_pass_sample_weight(blobs):
    w = np.linspace(0.5, 2.0, len(blobs))
    fitted = KMeans(n_clusters=3, random_state=0).fit(blobs, sample_weight=w)
    labels = KMeans(n_clusters=3, random_state=0).fit_predict(blobs, sample_weight=w)
    distances = KMeans(n_clusters=3, random_state=0).fit_transform(blobs, sample_weight=w)
    assert_array_equal(labels, fitted.labels_)
    assert_allclose(distances, fitted.transform(blobs))


@pytest.mark.parametrize("offset", [0.0, 1e4, 1e8])
def test_every_assignment_is_within_the_skip_bound_of_the_nearest(rng, offset):
    # (7.9c): whatever the scale, the chosen centroid's squared distance is at
    # most (1 + 2 rho) times the smallest (plus the differences' own rounding).
    from mlbook.cluster._kmeans import _RHO

    X = rng.normal(size=(2000, 3)) * 10.0 ** rng.uniform(-3, 3, size=(2000, 1)) + offset
    C = np.vstack([X[:6] + rng.normal(size=(6, 3)) * 1e-3, X[6:8] + 1e6])  # close and far
    d2 = np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=2)  # (m, K), from differences
    chosen = d2[np.arange(len(X)), find_closest_centroids(X, C)]
    assert np.all(chosen <= (1 + 2 * _RHO) * d2.min(axis=1) * (1 + 1e-14))
