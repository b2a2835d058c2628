"""The seeded data generators (mlbook.datasets)."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlbook.datasets import make_curved_boundary


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
