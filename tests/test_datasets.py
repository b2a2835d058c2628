"""The seeded data generators (mlbook.datasets)."""

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlbook.datasets import make_curved_boundary, make_noisy_mixture, make_separable_with_outlier


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
