"""The seeded data generators (mlbook.datasets)."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlbook.datasets import make_correlated_points, make_curved_boundary, make_server_metrics


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
