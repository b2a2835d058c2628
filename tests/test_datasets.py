"""The seeded data generators (mlbook.datasets)."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlbook.datasets import make_blobs, make_curved_boundary


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
