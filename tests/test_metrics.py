"""Classification and regression scores (mlbook.metrics)."""

import numpy as np
import pytest
import sklearn.metrics
from numpy.testing import assert_array_equal
from scipy import stats

from mlbook.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    mcnemar_test,
    mean_squared_error,
    paired_difference,
    precision_score,
    proportion_interval,
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


# --- paired comparisons ----------------------------------------------------


def test_paired_difference_hand_value():
    # d = [1, 0, -1, 2]: mean 0.5, sample variance (0.25 + 0.25 + 2.25 + 2.25)/3 = 5/3.
    result = paired_difference([3, 1, 0, 4], [2, 1, 1, 2])
    assert result.difference == pytest.approx(0.5)
    assert result.standard_error == pytest.approx(np.sqrt(5 / 3 / 4))


def test_paired_standard_error_is_smaller_for_correlated_scores(rng):
    # Two models that find the same examples hard: the paired standard error of the
    # difference is far below the unpaired sqrt(se_a^2 + se_b^2).
    hard = rng.normal(size=500)
    a, b = hard + 0.1 * rng.normal(size=500), hard + 0.1 * rng.normal(size=500)
    unpaired = np.sqrt(a.var(ddof=1) / 500 + b.var(ddof=1) / 500)
    assert paired_difference(a, b).standard_error < unpaired / 5


def test_paired_difference_refuses_one_example_and_unequal_lengths():
    with pytest.raises(ValueError, match="hold 1 example; a standard error needs at least 2"):
        paired_difference([1.0], [2.0])
    with pytest.raises(ValueError, match="scores_a has 3 rows .* but scores_b has 2 entries"):
        paired_difference([1, 2, 3], [1, 2])


@pytest.mark.parametrize("a_only, b_only, both_right, both_wrong",
                         [(65, 38, 1800, 97), (5, 4, 430, 11), (7, 3, 0, 0), (0, 9, 5, 5), (0, 0, 4, 1)])
def test_mcnemar_matches_scipys_exact_binomial_test(a_only, b_only, both_right, both_wrong):
    # Build labels with the given counts of each kind of example, shuffled.
    kinds = np.repeat([0, 1, 2, 3], [a_only, b_only, both_right, both_wrong])
    np.random.default_rng(0).shuffle(kinds)
    y = np.zeros(len(kinds), dtype=int)
    pred_a = np.where((kinds == 0) | (kinds == 2), y, 1)
    pred_b = np.where((kinds == 1) | (kinds == 2), y, 1)
    result = mcnemar_test(y, pred_a, pred_b)
    assert (result.a_only, result.b_only) == (a_only, b_only)
    expected = stats.binomtest(a_only, a_only + b_only).pvalue if a_only + b_only else 1.0
    assert result.pvalue == pytest.approx(expected, rel=1e-12)
    assert result.difference == pytest.approx((a_only - b_only) / len(y))
    right_a, right_b = (pred_a == y).astype(float), (pred_b == y).astype(float)
    assert result.standard_error == pytest.approx(paired_difference(right_a, right_b).standard_error)


def test_mcnemar_ignores_the_concordant_examples():
    # Adding examples both models get right changes neither count nor p-value.
    y = np.array([0, 0, 0, 0, 1, 1])
    a = np.array([0, 0, 0, 1, 1, 1])
    b = np.array([1, 1, 0, 0, 1, 1])
    padded = [np.r_[v, np.zeros(50, dtype=int)] for v in (y, a, b)]
    assert mcnemar_test(y, a, b).pvalue == mcnemar_test(*padded).pvalue
    assert mcnemar_test(y, a, b)[2:4] == (2, 1)


def test_mcnemar_takes_string_labels_and_refuses_mismatched_lengths():
    assert mcnemar_test(["a", "b", "a"], ["a", "b", "b"], ["b", "b", "a"]).a_only == 1
    with pytest.raises(ValueError, match="y_true has 3 rows .* but y_pred_b has 2 entries"):
        mcnemar_test([0, 1, 1], [0, 1, 1], [0, 1])


@pytest.mark.parametrize("method", ["wilson", "exact"])
@pytest.mark.parametrize("successes, n", [(141, 143), (143, 143), (0, 20), (7, 10), (1, 1), (450, 900)])
def test_proportion_interval_matches_scipy(successes, n, method):
    expected = stats.binomtest(successes, n).proportion_ci(confidence_level=0.95, method=method)
    low, high = proportion_interval(successes, n, method=method)
    assert low == pytest.approx(expected.low, rel=1e-9, abs=1e-15)
    assert high == pytest.approx(expected.high, rel=1e-9, abs=1e-15)
    assert 0.0 <= low <= successes / n <= high <= 1.0


def test_wilson_stays_inside_where_wald_does_not():
    # 2 errors in 143: the Wald interval p +- 1.96 sqrt(p(1-p)/n) runs past 1.
    p, n = 141 / 143, 143
    assert p + 1.96 * np.sqrt(p * (1 - p) / n) > 1
    assert proportion_interval(141, 143)[1] < 1


@pytest.mark.parametrize("kwargs, message", [
    ({"successes": 5, "n": 4}, r"successes must be <= 4, got 5"),
    ({"successes": 1, "n": 0}, r"n must be >= 1, got 0"),
    ({"successes": 1.5, "n": 4}, r"successes must be an integer"),
    ({"successes": 1, "n": 4, "confidence": 1.0}, r"confidence=1.0 must be below 1"),
    ({"successes": 1, "n": 4, "method": "wald"}, r"method must be one of 'wilson', 'exact'; got 'wald'"),
])
def test_proportion_interval_refuses_bad_input(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message):
        proportion_interval(**kwargs)
