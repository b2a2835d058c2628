r"""Classification and regression scores.

Classification metrics take labels of any kind (numbers or strings).
Precision, recall and F1 are binary: ``pos_label`` names the positive class.
"""

import numpy as np

from ._validation import check_array, check_consistent_length, check_labels

__all__ = [
    "accuracy_score",
    "confusion_matrix",
    "f1_score",
    "mean_squared_error",
    "precision_score",
    "r2_score",
    "recall_score",
]


def _check_labels(y_true, y_pred):
    y_true = check_labels(y_true, "y_true")
    y_pred = check_labels(y_pred, "y_pred")
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if y.size == 0:
            raise ValueError(f"{name} is empty; at least one sample is needed.")
    check_consistent_length(y_true.reshape(-1, 1), y_pred, "y_true", "y_pred")
    return y_true, y_pred


def accuracy_score(y_true, y_pred):
    """The fraction of samples whose predicted label equals the true one."""
    y_true, y_pred = _check_labels(y_true, y_pred)
    return float(np.mean(y_true == y_pred))


def confusion_matrix(y_true, y_pred, labels=None):
    r"""Counts $C_{jk}$ of samples of true class ``labels[j]`` predicted as ``labels[k]``.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (m,)
    labels : array_like, optional
        The row and column order; by default the sorted union of both arrays.

    Returns
    -------
    ndarray of shape (K, K), dtype int
    """
    y_true, y_pred = _check_labels(y_true, y_pred)
    labels = np.union1d(y_true, y_pred) if labels is None else np.asarray(labels)
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    index = {}
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        pos = np.searchsorted(sorted_labels, y).clip(max=len(labels) - 1)
        found = sorted_labels[pos] == y
        if not np.all(found):
            raise ValueError(f"{name} contains {y[~found][0].item()!r}, which is not in labels={labels.tolist()}.")
        index[name] = order[pos]
    K = len(labels)
    counts = np.bincount(index["y_true"] * K + index["y_pred"], minlength=K * K)
    return counts.reshape(K, K)


def _binary_counts(y_true, y_pred, pos_label):
    y_true, y_pred = _check_labels(y_true, y_pred)
    classes = np.union1d(y_true, y_pred)
    if len(classes) > 2:
        raise ValueError(
            f"precision, recall and F1 here are binary, but the labels hold {len(classes)} "
            f"classes: {classes.tolist()}. Compare one class against the rest, "
            f"e.g. y == k, for each class k."
        )
    if pos_label not in classes:
        raise ValueError(
            f"pos_label={pos_label!r} is not among the labels {classes.tolist()}; "
            f"name the positive class with pos_label=."
        )
    true_pos = np.sum((y_true == pos_label) & (y_pred == pos_label))
    pred_pos = np.sum(y_pred == pos_label)
    actual_pos = np.sum(y_true == pos_label)
    return true_pos, pred_pos, actual_pos


def precision_score(y_true, y_pred, pos_label=1):
    r"""$tp / (tp + fp)$: of the samples predicted positive, the fraction that are.

    0.0 when nothing is predicted positive (the ratio is undefined there).
    """
    tp, pred_pos, _ = _binary_counts(y_true, y_pred, pos_label)
    return float(tp / pred_pos) if pred_pos else 0.0


def recall_score(y_true, y_pred, pos_label=1):
    r"""$tp / (tp + fn)$: of the positive samples, the fraction predicted positive.

    0.0 when there are no positive samples.
    """
    tp, _, actual_pos = _binary_counts(y_true, y_pred, pos_label)
    return float(tp / actual_pos) if actual_pos else 0.0


def f1_score(y_true, y_pred, pos_label=1):
    r"""The harmonic mean $2PR / (P + R)$ of precision and recall; 0.0 when both are 0."""
    tp, pred_pos, actual_pos = _binary_counts(y_true, y_pred, pos_label)
    # 2PR/(P+R) simplifies to 2tp / (predicted positives + actual positives).
    denominator = pred_pos + actual_pos
    return float(2 * tp / denominator) if denominator else 0.0


def mean_squared_error(y_true, y_pred):
    r"""$\frac{1}{m}\sum_i (y^{(i)} - \hat y^{(i)})^2$."""
    y_true = check_array(y_true, "y_true", ndim=1)
    y_pred = check_array(y_pred, "y_pred", ndim=1)
    check_consistent_length(y_true.reshape(-1, 1), y_pred, "y_true", "y_pred")
    return float(np.mean((y_true - y_pred) ** 2))


def r2_score(y_true, y_pred):
    r"""$R^2 = 1 - \sum_i (y^{(i)} - \hat y^{(i)})^2 / \sum_i (y^{(i)} - \bar y)^2$.

    1.0 is a perfect fit; 0.0 is no better than predicting the mean. Raises
    when ``y_true`` is constant, where the ratio is undefined.
    """
    y_true = check_array(y_true, "y_true", ndim=1)
    y_pred = check_array(y_pred, "y_pred", ndim=1)
    check_consistent_length(y_true.reshape(-1, 1), y_pred, "y_true", "y_pred")
    total = np.sum((y_true - y_true.mean()) ** 2)
    if total == 0:
        raise ValueError("y_true is constant, so R^2 is undefined; use mean_squared_error instead.")
    return float(1.0 - np.sum((y_true - y_pred) ** 2) / total)
