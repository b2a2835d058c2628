r"""Classification and regression scores, and how sure a comparison of them is.

Classification metrics take labels of any kind (numbers or strings).
Precision, recall and F1 are binary: ``pos_label`` names the positive class.

Two models scored on the *same* examples are compared with a paired test
(:func:`mcnemar_test`, :func:`paired_difference`), never with the standard
error of one score: the examples both get right or both get wrong say
nothing about which model is better, and the unpaired error bars count them
anyway. :func:`proportion_interval` gives an interval for one rate that stays
inside [0, 1] when the rate is near 0 or 1.
"""

from collections import namedtuple

import numpy as np
from scipy import special, stats

from ._validation import (check_array, check_consistent_length, check_labels, check_option,
                          check_scalar)

__all__ = [
    "McNemarResult",
    "PairedDifference",
    "accuracy_score",
    "confusion_matrix",
    "f1_score",
    "mcnemar_test",
    "mean_squared_error",
    "paired_difference",
    "precision_score",
    "proportion_interval",
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


# --- comparing two models on the same examples --------------------------------

PairedDifference = namedtuple("PairedDifference", ["difference", "standard_error"])
PairedDifference.__doc__ = """The mean per-example difference of two scores and its paired standard error."""

McNemarResult = namedtuple(
    "McNemarResult", ["difference", "standard_error", "a_only", "b_only", "pvalue"])
McNemarResult.__doc__ = """Accuracy of A minus accuracy of B, its paired standard error, the
discordant counts (A right and B wrong; B right and A wrong) and McNemar's exact p-value."""


def paired_difference(scores_a, scores_b):
    r"""The mean of $d_i = a_i - b_i$ over examples, and its paired standard error.

    For two models scored on the same $N$ examples (a loss, a squared error,
    1 for a correct prediction and 0 otherwise), the difference of their
    means is the mean of the per-example differences $d_i$, and its standard
    error is that of a mean of $N$ numbers,

    $$\bar d = \frac{1}{N}\sum_{i=1}^N d_i, \qquad
      \operatorname{se}(\bar d) = \frac{s_d}{\sqrt N}, \qquad
      s_d^2 = \frac{1}{N-1}\sum_{i=1}^N (d_i - \bar d)^2 .$$

    Pairing matters: $s_d^2 = s_a^2 + s_b^2 - 2\,\mathrm{cov}(a, b)$, and
    two models of one data set are strongly correlated (they find the same
    examples hard), so $s_d$ is far smaller than the unpaired
    $\sqrt{s_a^2 + s_b^2}$ would suggest, and far smaller still than the
    standard error of one score alone would suggest when the models disagree
    on a few examples in one direction.

    Parameters
    ----------
    scores_a, scores_b : array_like of shape (N,)
        Per-example scores of the two models, in the same order of examples.

    Returns
    -------
    PairedDifference
        ``difference`` $= \bar d$ (positive when A scores higher) and
        ``standard_error`` $= s_d / \sqrt N$.

    Raises
    ------
    ValueError
        If the lengths differ or fewer than two examples are given.
    """
    a = check_array(scores_a, "scores_a", ndim=1)
    b = check_array(scores_b, "scores_b", ndim=1)
    check_consistent_length(a.reshape(-1, 1), b, "scores_a", "scores_b")
    if a.size < 2:
        raise ValueError(
            f"scores_a and scores_b hold {a.size} example; a standard error needs at least 2.")
    d = a - b  # (N,)
    return PairedDifference(float(d.mean()), float(d.std(ddof=1) / np.sqrt(d.size)))


def mcnemar_test(y_true, y_pred_a, y_pred_b):
    r"""Is model A more accurate than model B on these examples? McNemar's exact test.

    Only the discordant examples carry evidence: $n_{A}$ that A gets right
    and B wrong, $n_{B}$ the other way round. If the two models were equally
    accurate, each discordant example would be either kind with probability
    1/2, so $n_A \sim \mathrm{Binomial}(n_A + n_B, 1/2)$, and the exact
    two-sided p-value is

    $$p = \min\Bigl(1,\; 2\,P\bigl(X \le \min(n_A, n_B)\bigr)\Bigr),
      \qquad X \sim \mathrm{Binomial}(n_A + n_B, \tfrac12).$$

    The accuracy difference is $(n_A - n_B)/N$, with the paired standard
    error of :func:`paired_difference` on the indicators of a correct
    prediction. Comparing several pairs of models, multiply each p-value by
    the number of comparisons (Bonferroni) before reading it.

    Parameters
    ----------
    y_true, y_pred_a, y_pred_b : array_like of shape (N,)
        The labels and the two models' predictions for the same examples.

    Returns
    -------
    McNemarResult
        ``difference`` (accuracy of A minus accuracy of B),
        ``standard_error`` (paired), ``a_only``, ``b_only`` (the discordant
        counts) and ``pvalue`` (1.0 when the models never disagree in
        correctness).
    """
    y_true = check_labels(y_true, "y_true")
    y_pred_a = check_labels(y_pred_a, "y_pred_a")
    y_pred_b = check_labels(y_pred_b, "y_pred_b")
    for name, y in (("y_pred_a", y_pred_a), ("y_pred_b", y_pred_b)):
        check_consistent_length(y_true.reshape(-1, 1), y, "y_true", name)
    right_a = (y_pred_a == y_true).astype(float)  # (N,)
    right_b = (y_pred_b == y_true).astype(float)  # (N,)
    a_only = int(np.sum((right_a == 1) & (right_b == 0)))
    b_only = int(np.sum((right_a == 0) & (right_b == 1)))
    discordant = a_only + b_only
    # P(X <= k) for X ~ Binomial(n, 1/2), summed exactly; symmetric, so doubling is exact.
    tail = stats.binom.cdf(min(a_only, b_only), discordant, 0.5) if discordant else 0.5
    if y_true.size < 2:
        raise ValueError(f"y_true holds {y_true.size} example; a comparison needs at least 2.")
    paired = paired_difference(right_a, right_b)
    return McNemarResult(paired.difference, paired.standard_error, a_only, b_only,
                         float(min(1.0, 2.0 * tail)))


def proportion_interval(successes, n, confidence=0.95, method="wilson"):
    r"""A confidence interval for a proportion (an accuracy, an error rate) that stays in [0, 1].

    The familiar Wald interval $\hat p \pm z\sqrt{\hat p(1-\hat p)/n}$ runs
    past 1 for an accuracy near 1 (2 errors in 143 examples) and has zero
    width at $\hat p = 1$. The Wilson interval inverts the score test,

    $$\frac{\hat p + \frac{z^2}{2n}}{1 + \frac{z^2}{n}} \pm
      \frac{z}{1 + \frac{z^2}{n}}\sqrt{\frac{\hat p(1-\hat p)}{n} + \frac{z^2}{4n^2}},$$

    and the exact (Clopper-Pearson) interval inverts the binomial test; it is
    wider, and its coverage is at least the level asked for.

    Parameters
    ----------
    successes : int
        How many of the ``n`` trials succeeded, $0 \le$ ``successes`` $\le n$.
    n : int
        The number of trials, at least 1.
    confidence : float, default=0.95
        The coverage, strictly between 0 and 1.
    method : {"wilson", "exact"}, default="wilson"

    Returns
    -------
    tuple of float
        ``(low, high)``, with $0 \le$ low $\le$ high $\le 1$.
    """
    check_scalar(n, "n", low=1, integer=True)
    check_scalar(successes, "successes", low=0, high=n, integer=True)
    check_scalar(confidence, "confidence", low=0, high=1, include_low=False)
    if confidence >= 1:
        raise ValueError(f"confidence={confidence!r} must be below 1, e.g. 0.95.")
    check_option(method, "method", ["wilson", "exact"])
    x, alpha = int(successes), 1.0 - confidence
    if method == "exact":
        low = special.betaincinv(x, n - x + 1, alpha / 2) if x > 0 else 0.0
        high = special.betaincinv(x + 1, n - x, 1 - alpha / 2) if x < n else 1.0
        return float(low), float(high)
    z = special.ndtri(1 - alpha / 2)
    p = x / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    # The bounds are exactly 0 at x = 0 and exactly 1 at x = n; rounding could miss them.
    low = 0.0 if x == 0 else max(0.0, centre - half)
    high = 1.0 if x == n else min(1.0, centre + half)
    return float(low), float(high)
