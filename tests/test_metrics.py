"""Classification and regression scores (mlbook.metrics)."""

import numpy as np
import pytest
import sklearn.metrics
from numpy.testing import assert_array_equal

from mlbook.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    mean_squared_error,
    precision_score,
    r2_score,
    recall_score,
)

# tp = 3 (samples 0, 3, 5), fp = 2 (4, 6), fn = 1 (2), tn = 1 (1).
Y_TRUE = [1, 0, 1, 1, 0, 1, 0]
Y_PRED = [1, 0, 0, 1, 1, 1, 1]

# "bird" is predicted "dog"; both "cat"s are right; one "dog" becomes "cat".
ANIMALS_TRUE = ["cat", "dog", "dog", "cat", "bird"]
ANIMALS_PRED = ["cat", "dog", "cat", "cat", "dog"]


# --- hand-computed toy cases -----------------------------------------------


def test_accuracy_hand_value():
    assert accuracy_score(Y_TRUE, Y_PRED) == 4 / 7  # tp + tn = 4 of 7


def test_precision_hand_value():
    assert precision_score(Y_TRUE, Y_PRED) == 3 / 5  # tp / (tp + fp)


def test_recall_hand_value():
    assert recall_score(Y_TRUE, Y_PRED) == 3 / 4  # tp / (tp + fn)


def test_f1_hand_value():
    # 2PR / (P + R) = 2 * 0.6 * 0.75 / 1.35 = 2/3.
    assert f1_score(Y_TRUE, Y_PRED) == pytest.approx(2 / 3, rel=1e-15)


def test_confusion_matrix_hand_value():
    # Rows are true labels, columns predicted: [[tn, fp], [fn, tp]].
    C = confusion_matrix(Y_TRUE, Y_PRED)
    assert_array_equal(C, [[1, 2], [1, 3]])
    assert np.issubdtype(C.dtype, np.integer)


def test_confusion_matrix_string_labels_sorted():
    # Rows and columns: bird, cat, dog.
    expected = [[0, 0, 1], [0, 2, 0], [0, 1, 1]]
    assert_array_equal(confusion_matrix(ANIMALS_TRUE, ANIMALS_PRED), expected)


def test_confusion_matrix_explicit_label_order():
    # Rows and columns: dog, cat, bird.
    expected = [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
    assert_array_equal(confusion_matrix(ANIMALS_TRUE, ANIMALS_PRED, labels=["dog", "cat", "bird"]), expected)


def test_confusion_matrix_keeps_labels_absent_from_data():
    assert_array_equal(confusion_matrix([0, 0], [0, 1], labels=[0, 1, 2]), [[1, 1, 0], [0, 0, 0], [0, 0, 0]])


def test_confusion_matrix_label_missing_from_labels_raises():
    with pytest.raises(ValueError, match=r"y_true contains 3, which is not in labels=\[0, 1\]"):
        confusion_matrix([0, 1, 3], [0, 1, 1], labels=[0, 1])
    with pytest.raises(ValueError, match=r"y_pred contains 'fish', which is not in labels=\['cat', 'dog'\]"):
        confusion_matrix(["cat", "dog"], ["cat", "fish"], labels=["cat", "dog"])


def test_precision_with_string_pos_label():
    # Predicted "spam" twice, right once.
    assert precision_score(["spam", "ham", "ham"], ["spam", "spam", "ham"], pos_label="spam") == 0.5


# --- zero division ---------------------------------------------------------


def test_precision_nothing_predicted_positive_is_zero():
    assert precision_score([1, 0], [0, 0]) == 0.0


def test_recall_no_actual_positives_is_zero():
    assert recall_score([0, 0], [1, 0]) == 0.0


def test_f1_no_true_positives_is_zero():
    assert f1_score([1, 0], [0, 1]) == 0.0


# --- errors ----------------------------------------------------------------


@pytest.mark.parametrize("score", [precision_score, recall_score, f1_score])
def test_binary_scores_reject_multiclass(score):
    with pytest.raises(ValueError, match=r"binary, but the labels hold 3 classes: \[0, 1, 2\]"):
        score([0, 1, 2], [0, 1, 1])


def test_binary_scores_reject_absent_pos_label():
    with pytest.raises(ValueError, match=r"pos_label=1 is not among the labels \['a', 'b'\]"):
        precision_score(["a", "b"], ["a", "b"])


def test_label_length_mismatch_raises():
    with pytest.raises(ValueError, match="y_true has 3 rows .* but y_pred has 2 entries"):
        accuracy_score([0, 1, 1], [0, 1])


def test_labels_2d_raise():
    with pytest.raises(ValueError, match=r"1-D array of labels for y_true, got shape \(2, 1\)"):
        accuracy_score([[0], [1]], [0, 1])


def test_labels_empty_raise():
    with pytest.raises(ValueError, match="y_pred is empty"):
        accuracy_score([0], [])


# --- agreement with scikit-learn -------------------------------------------


@pytest.fixture
def binary_labels(rng):
    return rng.integers(0, 2, size=200), rng.integers(0, 2, size=200)


@pytest.mark.parametrize("name", ["accuracy_score", "precision_score", "recall_score", "f1_score"])
def test_binary_scores_match_sklearn(binary_labels, name):
    ours = {"accuracy_score": accuracy_score, "precision_score": precision_score,
            "recall_score": recall_score, "f1_score": f1_score}[name]
    assert ours(*binary_labels) == pytest.approx(getattr(sklearn.metrics, name)(*binary_labels), rel=1e-15)


def test_binary_confusion_matrix_matches_sklearn(binary_labels):
    assert_array_equal(confusion_matrix(*binary_labels), sklearn.metrics.confusion_matrix(*binary_labels))


def test_multiclass_confusion_matrix_matches_sklearn(rng):
    y_true, y_pred = rng.integers(0, 5, size=300), rng.integers(0, 5, size=300)
    C = confusion_matrix(y_true, y_pred)
    assert_array_equal(C, sklearn.metrics.confusion_matrix(y_true, y_pred))
    assert C.sum() == 300


def test_confusion_matrix_explicit_labels_match_sklearn(rng):
    y_true, y_pred = rng.integers(0, 4, size=100), rng.integers(0, 4, size=100)
    labels = [3, 0, 2, 1]
    assert_array_equal(confusion_matrix(y_true, y_pred, labels=labels),
                       sklearn.metrics.confusion_matrix(y_true, y_pred, labels=labels))


# --- regression ------------------------------------------------------------


def test_regression_hand_values():
    # Residuals (0, 0, -1): SS_res = 1, SS_tot = (1 + 0 + 1) = 2, MSE = 1/3.
    assert r2_score([1.0, 2.0, 3.0], [1.0, 2.0, 4.0]) == 0.5
    assert mean_squared_error([1.0, 2.0, 3.0], [1.0, 2.0, 4.0]) == pytest.approx(1 / 3, rel=1e-15)


def test_regression_scores_match_sklearn(rng):
    y_true = rng.normal(size=50)
    y_pred = y_true + 0.3 * rng.normal(size=50)
    assert r2_score(y_true, y_pred) == pytest.approx(sklearn.metrics.r2_score(y_true, y_pred), rel=1e-13)
    assert mean_squared_error(y_true, y_pred) == pytest.approx(
        sklearn.metrics.mean_squared_error(y_true, y_pred), rel=1e-13)


def test_r2_perfect_fit_is_one():
    assert r2_score([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]) == 1.0


def test_r2_constant_y_true_raises():
    with pytest.raises(ValueError, match="y_true is constant, so R\\^2 is undefined"):
        r2_score([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])


def test_regression_length_mismatch_raises():
    with pytest.raises(ValueError, match="y_true has 3 rows .* but y_pred has 2 entries"):
        mean_squared_error([1.0, 2.0, 3.0], [1.0, 2.0])
