"""The seeded data generators (mlbook.datasets)."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlbook.datasets import (
    make_blobs,
    make_correlated_points,
    make_curved_boundary,
    make_noisy_mixture,
    make_separable_with_outlier,
    make_server_metrics,
)


def boundary(phi):
    """The generator's curve r = b(phi), written out again independently."""
    return 0.7 + 0.12 * np.sin(3 * phi) + 0.08 * np.cos(2 * phi)


def test_shapes_dtypes_and_range():
    X, y = make_curved_boundary(m=50, random_state=0)
    assert X.shape == (50, 2) and X.dtype == np.float64
    assert y.shape == (50,) and y.dtype.kind == "i"
    assert np.all(np.abs(X) <= 1.0)
    assert set(np.unique(y)) == {0, 1}


def test_same_seed_same_data_other_seed_other_data():
    X1, y1 = make_curved_boundary(m=40, random_state=3)
    X2, y2 = make_curved_boundary(m=40, random_state=3)
    X3, _ = make_curved_boundary(m=40, random_state=4)
    assert_array_equal(X1, X2)
    assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


def test_accepts_a_generator_and_leaves_global_state_alone():
    state = np.random.get_state()[1].copy()
    X1, _ = make_curved_boundary(m=10, random_state=np.random.default_rng(7))
    X2, _ = make_curved_boundary(m=10, random_state=7)
    assert_array_equal(X1, X2)
    assert_array_equal(np.random.get_state()[1], state)


def test_noise_zero_labels_follow_the_curve_exactly():
    X, y = make_curved_boundary(m=500, noise=0.0, random_state=1)
    r = np.hypot(X[:, 0], X[:, 1])
    inside = r < boundary(np.arctan2(X[:, 1], X[:, 0]))
    assert_array_equal(y, inside.astype(int))


def test_noise_mixes_labels_only_near_the_curve():
    X, y = make_curved_boundary(m=4000, noise=0.05, random_state=2)
    margin = boundary(np.arctan2(X[:, 1], X[:, 0])) - np.hypot(X[:, 0], X[:, 1])
    wrong_side = y != (margin > 0)
    assert 0 < wrong_side.mean() < 0.15
    # A label on the wrong side 0.5 from the curve has probability g(-10) ~ 5e-5.
    assert not np.any(wrong_side & (np.abs(margin) > 0.5))


def test_class_1_is_a_sizeable_minority():
    _, y = make_curved_boundary(m=4000, random_state=0)
    assert 0.3 < y.mean() < 0.5


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"m": 0}, ValueError, "m must be >= 1"),
        ({"m": 2.5}, TypeError, "m must be an integer"),
        ({"noise": -0.1}, ValueError, "noise must be >= 0"),
    ],
)
def test_bad_arguments_raise(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_curved_boundary(**kwargs)


def test_curved_boundary_radius_is_the_boundary_the_labels_follow():
    from mlbook.datasets import curved_boundary_radius, make_curved_boundary

    X, y = make_curved_boundary(m=500, noise=0, random_state=3)
    r, phi = np.hypot(X[:, 0], X[:, 1]), np.arctan2(X[:, 1], X[:, 0])
    assert np.array_equal(y, (r < curved_boundary_radius(phi)).astype(int))
    assert curved_boundary_radius(0.0) == pytest.approx(0.78)


# --- make_server_metrics ---------------------------------------------------------

# The documented model of a normal server, written out again independently:
# log latency = log 15 + 0.25 L + 0.12 e1, throughput = 12 + 1.5 L + 0.5 e2.
SERVER_MEAN = np.array([np.log(15.0), 12.0])
SERVER_COV = np.array([[0.25**2 + 0.12**2, 0.25 * 1.5], [0.25 * 1.5, 1.5**2 + 0.5**2]])


def server_distance2(X):
    """Squared Mahalanobis distance to the normal servers, in (log latency, throughput)."""
    D = np.column_stack([np.log(X[:, 0]), X[:, 1]]) - SERVER_MEAN
    return np.sum(D @ np.linalg.inv(SERVER_COV) * D, axis=1)


def test_server_metrics_shapes_and_exact_anomaly_count():
    X, y = make_server_metrics(m=1000, anomaly_fraction=0.03, random_state=0)
    assert X.shape == (1000, 2) and X.dtype == np.float64
    assert y.shape == (1000,) and y.dtype.kind == "i"
    assert set(np.unique(y)) == {0, 1} and y.sum() == 30
    assert np.all(X[:, 0] > 0)  # latencies


def test_server_metrics_edge_fractions():
    assert make_server_metrics(m=10, anomaly_fraction=0.0, random_state=0)[1].sum() == 0
    assert make_server_metrics(m=10, anomaly_fraction=1.0, random_state=0)[1].sum() == 10


def test_server_metrics_seeded_and_global_state_untouched():
    state = np.random.get_state()[1].copy()
    X1, y1 = make_server_metrics(m=300, random_state=5)
    X2, y2 = make_server_metrics(m=300, random_state=np.random.default_rng(5))
    X3, _ = make_server_metrics(m=300, random_state=6)
    assert_array_equal(X1, X2)
    assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert_array_equal(np.random.get_state()[1], state)


def test_server_metrics_normal_servers_follow_the_documented_model():
    X, y = make_server_metrics(m=20_000, anomaly_fraction=0.0, random_state=1)
    Z = np.column_stack([np.log(X[:, 0]), X[:, 1]])
    assert np.allclose(Z.mean(axis=0), SERVER_MEAN, atol=0.03)
    assert np.allclose(np.cov(Z, rowvar=False), SERVER_COV, rtol=0.05)


def test_server_metrics_anomalies_are_far_and_in_their_box():
    X, y = make_server_metrics(m=5000, anomaly_fraction=0.1, random_state=2)
    anomalies = X[y == 1]
    assert np.all(server_distance2(anomalies) > 16.0)
    assert np.all((anomalies[:, 0] >= 5.0) & (anomalies[:, 0] <= 100.0))
    assert np.all((anomalies[:, 1] >= 0.0) & (anomalies[:, 1] <= 20.0))
    # Normal servers beyond that distance have probability e^-8: about 1 in 3000.
    assert np.mean(server_distance2(X[y == 0]) > 16.0) < 0.002


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"m": 0}, ValueError, "m must be >= 1"),
        ({"m": 10.0}, TypeError, "m must be an integer"),
        ({"anomaly_fraction": -0.1}, ValueError, "anomaly_fraction must be >= 0"),
        ({"anomaly_fraction": 1.5}, ValueError, "anomaly_fraction must be <= 1"),
    ],
)
def test_server_metrics_bad_arguments_raise(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_server_metrics(**kwargs)


# --- make_correlated_points ------------------------------------------------------


def test_correlated_points_shape_and_seed():
    X1 = make_correlated_points(m=30, random_state=5)
    X2 = make_correlated_points(m=30, random_state=np.random.default_rng(5))
    assert X1.shape == (30, 2) and X1.dtype == np.float64
    assert_array_equal(X1, X2)
    assert not np.array_equal(X1, make_correlated_points(m=30, random_state=6))


def test_correlated_points_follow_the_population_axes():
    # With many points the sample mean, principal direction and spreads approach
    # the population's: center, (cos angle, sin angle), and scales.
    angle, scales, center = 0.4, (3.0, 0.5), (1.0, -2.0)
    X = make_correlated_points(m=200_000, angle=angle, scales=scales, center=center,
                               random_state=0)
    np.testing.assert_allclose(X.mean(axis=0), center, atol=0.02)
    d, Q = np.linalg.eigh(np.cov(X, rowvar=False))  # ascending
    np.testing.assert_allclose(np.sqrt(d), scales[::-1], rtol=0.01)
    assert abs(Q[:, 1] @ [np.cos(angle), np.sin(angle)]) > 0.9999


def test_correlated_points_with_zero_spread_lie_on_a_line():
    X = make_correlated_points(m=50, angle=np.pi / 4, scales=(1.0, 0.0), random_state=0)
    np.testing.assert_allclose(X[:, 0], X[:, 1], atol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"m": 0}, ValueError, "m must be >= 1"),
        ({"angle": "north"}, TypeError, "angle must be a real number"),
        ({"scales": (1.0,)}, ValueError, "scales must hold exactly two numbers"),
        ({"scales": 2.0}, TypeError, "scales must be a pair of numbers"),
        ({"scales": (1.0, -0.5)}, ValueError, r"scales\[1\] must be >= 0"),
        ({"center": (0.0, float("inf"))}, ValueError, r"center\[1\] must be finite"),
    ],
)
def test_correlated_points_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_correlated_points(**kwargs)


# --- make_blobs -----------------------------------------------------------------


def test_blobs_shapes_sizes_and_order():
    X, y = make_blobs(m=301, centers=3, n_features=4, random_state=0)
    assert X.shape == (301, 4) and X.dtype == np.float64
    assert y.shape == (301,) and y.dtype.kind == "i"
    assert np.bincount(y).tolist() == [101, 100, 100]  # as even as possible
    assert not np.all(np.diff(y) >= 0)  # shuffled, not grouped by blob


def test_blobs_follow_their_centres_and_spreads():
    centres = np.array([[0.0, 0.0], [10.0, -5.0]])
    X, y = make_blobs(m=4000, centers=centres, cluster_std=[0.5, 2.0], random_state=1)
    for k, s in enumerate([0.5, 2.0]):
        points = X[y == k]
        # 2000 points: the mean is within 4 standard errors, the spread within 10%.
        assert np.all(np.abs(points.mean(axis=0) - centres[k]) < 4 * s / np.sqrt(2000))
        assert np.allclose(points.std(axis=0), s, rtol=0.1)


def test_blobs_drawn_centres_lie_in_the_box():
    X, y = make_blobs(m=50, centers=5, cluster_std=0.0, center_box=(2.0, 3.0), random_state=2)
    assert np.all((X >= 2.0) & (X <= 3.0))  # no spread: every point is its centre
    assert len(np.unique(X, axis=0)) == 5


def test_blobs_same_seed_same_data_and_global_state_untouched():
    state = np.random.get_state()[1].copy()
    X1, y1 = make_blobs(random_state=np.random.default_rng(9))
    X2, y2 = make_blobs(random_state=9)
    assert_array_equal(X1, X2)
    assert_array_equal(y1, y2)
    assert_array_equal(np.random.get_state()[1], state)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"m": 0}, ValueError, "m must be >= 1"),
        ({"centers": 0}, ValueError, "centers must be >= 1"),
        ({"centers": [1.0, 2.0]}, ValueError, "Expected a 2-D array for centers"),
        ({"cluster_std": -1.0}, ValueError, "cluster_std must be a number >= 0"),
        ({"cluster_std": [1.0, 2.0]}, ValueError, "one such number per centre \\(3\\)"),
        ({"center_box": (1.0, 1.0)}, ValueError, "low < high"),
    ],
)
def test_blobs_bad_arguments_raise(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_blobs(**kwargs)


# --- make_separable_with_outlier -------------------------------------------------


def test_outlier_set_shapes_and_the_outlier_last():
    X, y = make_separable_with_outlier(m=51, random_state=0)
    assert X.shape == (51, 2) and y.shape == (51,) and y.dtype.kind == "i"
    assert_array_equal(X[-1], [0.5, 4.3])
    assert y[-1] == 1
    assert np.sum(y == 0) == 25 and np.sum(y == 1) == 26  # 25 + 25 in the clouds, + outlier


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_outlier_set_is_separated_by_the_documented_line(seed):
    # x1 + 1.5 x2 < 6 for class 0 and > 6.8 for class 1, the outlier included:
    # the line x1 + 1.5 x2 = 6.4 separates the whole set with a gap.
    X, y = make_separable_with_outlier(m=81, random_state=seed)
    s = X @ [1.0, 1.5]
    assert s[y == 0].max() < 6.0 and s[y == 1].min() > 6.8


def test_outlier_is_nearer_the_other_class():
    X, y = make_separable_with_outlier(m=201, random_state=0)
    centre1 = X[:-1][y[:-1] == 1].mean(axis=0)  # its own class, without it
    centre0 = X[y == 0].mean(axis=0)
    assert np.linalg.norm(X[-1] - centre1) > 1.5 * np.linalg.norm(X[-1] - centre0)


def test_outlier_set_same_seed_same_data():
    X1, y1 = make_separable_with_outlier(random_state=5)
    X2, y2 = make_separable_with_outlier(random_state=np.random.default_rng(5))
    assert_array_equal(X1, X2)
    assert_array_equal(y1, y2)
    assert not np.array_equal(X1, make_separable_with_outlier(random_state=6)[0])


# --- make_noisy_mixture ----------------------------------------------------------


def test_mixture_shapes_and_balanced_classes():
    X, y, X_val, y_val = make_noisy_mixture(m=201, m_val=50, random_state=0)
    assert X.shape == (201, 2) and X_val.shape == (50, 2)
    assert np.bincount(y).tolist() == [101, 100]
    assert np.bincount(y_val).tolist() == [25, 25]


def test_mixture_same_seed_same_data_and_global_state_untouched():
    state = np.random.get_state()[1].copy()
    first = make_noisy_mixture(m=30, m_val=10, random_state=3)
    second = make_noisy_mixture(m=30, m_val=10, random_state=3)
    for a, b in zip(first, second):
        assert_array_equal(a, b)
    assert_array_equal(np.random.get_state()[1], state)


def test_mixture_classes_overlap_but_lean_towards_their_means():
    # Class 0's centres are drawn around (1, 0), class 1's around (0, 1): on
    # average class 1 lies higher and to the left, but the clouds overlap.
    X, y, X_val, y_val = make_noisy_mixture(m=4000, m_val=4000, random_state=1)
    lean = X[:, 1] - X[:, 0]  # > 0 towards (0, 1)
    assert lean[y == 1].mean() > lean[y == 0].mean()
    assert np.mean((lean > 0) != (y == 1)) > 0.05  # no simple rule gets all right
    # The validation set comes from the same centres: the same class means, closely.
    for k in (0, 1):
        assert np.allclose(X[y == k].mean(axis=0), X_val[y_val == k].mean(axis=0), atol=0.1)


@pytest.mark.parametrize(
    ("function", "kwargs", "error", "match"),
    [
        (make_separable_with_outlier, {"m": 2}, ValueError, "m must be >= 3"),
        (make_separable_with_outlier, {"m": 10.0}, TypeError, "m must be an integer"),
        (make_noisy_mixture, {"m": 1}, ValueError, "m must be >= 2"),
        (make_noisy_mixture, {"m_val": 0}, ValueError, "m_val must be >= 2"),
    ],
)
def test_new_generators_refuse_bad_sizes(function, kwargs, error, match):
    with pytest.raises(error, match=match):
        function(**kwargs)
