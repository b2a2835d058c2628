r"""Checks of the logistic regression and one-vs-all lab (chapters 2 and 3)."""

import numpy as np

from .._special import sigmoid, softplus
from ..linear_model import logistic_cost, logistic_gradient
from ._core import Case, Mistake, array, check_theta_gradient, compare, number, task

LAB = "logistic-regression"


def sigmoid_cases():
    gen = np.random.default_rng(50)
    return [
        Case({"z": gen.normal(size=6)}, "on a vector of six logits", {}),
        Case({"z": gen.normal(size=(3, 4)) * 3}, "on a (3, 4) matrix of logits", {}),
        Case({"z": np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])},
             "on the logits -1000, -40, 0, 40 and 1000", {}),
        Case({"z": 0.5}, "on the single number z = 0.5", {}),
    ]


@task("sigmoid", LAB, ("z",))
def check_sigmoid(reader):
    cases = sigmoid_cases()
    for case in cases:
        z = case["z"]
        want = sigmoid(z)
        if np.ndim(z) == 0:
            got = number(reader(case), "your g(z)", case)
        else:
            got = array(reader(case), "your g(z)", np.shape(z), str(np.shape(z)), case)
        with np.errstate(over="ignore"):
            compare(got, want, "your g(z)", case, [
                (sigmoid(-np.asarray(z)), "is g(-z): the sign of the exponent is flipped; "
                                          "(2.1) has e^(-z)"),
                (1 + np.exp(-np.clip(z, -700, 700)),
                 "is 1 + e^(-z): the denominator needs parentheses, 1 / (1 + e^(-z))"),
            ], "(2.1)", rtol=1e-12)
    summary = f"it agrees with (2.1) on {len(cases)} cases, down to z = -1000 and up to z = 1000"
    if any("overflow" in text for text, _ in reader.warnings):
        reader.warnings.clear()
        summary += ("; numpy warned of an overflow in exp at z = -1000, harmless here "
                    "(e^1000 is inf and 1/(1 + inf) is 0), and mlbook.sigmoid avoids it")
    return summary


def _binary(seed, m, n, lam, where, extreme=False):
    gen = np.random.default_rng(seed)
    X = np.column_stack([np.ones(m), gen.normal(size=(m, n))])  # (m, n+1)
    theta = 0.8 * gen.normal(size=n + 1)
    y = (gen.uniform(size=m) < sigmoid(X @ gen.normal(size=n + 1))).astype(float)
    if extreme:  # a confidently wrong prediction: logit 40 on an example labelled 0
        X[0, 1:] = (40.0 - theta[0]) * theta[1:] / (theta[1:] @ theta[1:])
        y[0] = 0.0
    return Case({"theta": theta, "X": X, "y": y, "lam": lam}, where,
                {"m": m} if m > 1 else {})


def logistic_cases(extreme=True):
    cases = [
        _binary(60, 8, 2, 0.0, "on a case with m = 8 examples and lam = 0"),
        _binary(61, 8, 2, 1.5, "on a case with m = 8 examples and lam = 1.5"),
        _binary(62, 1, 3, 2.0, "on a case with a single example (m = 1) and lam = 2"),
    ]
    if extreme:
        cases.append(_binary(63, 6, 2, 0.0, "on a case where one example labelled 0 has the "
                                            "logit z = 40 (a confidently wrong prediction)",
                             extreme=True))
    return cases


def _logits(case):
    return case["X"] @ case["theta"]


@task("logistic_cost", LAB, ("theta", "X", "y", "lam"))
def check_logistic_cost(reader):
    cases = logistic_cases()
    for case in cases:
        theta, X, y, lam = case.args.values()
        m = len(y)
        got = number(reader(case), "your cost", case)
        want = logistic_cost(theta, X, y, lam)
        if np.isclose(got, want, rtol=1e-9, atol=0):
            continue
        z = _logits(case)
        if z.max() > 39 and not np.isfinite(got):
            raise Mistake(
                f"your cost is {got} {case.where}: g(40) rounds to exactly 1 in floating point, "
                f"so log(1 - g(z)) is log 0; compute both logs from z itself, as (2.9) shows")
        if z.max() > 39 and got < want:
            raise Mistake(
                f"your cost is too small {case.where}: clipping the predictions away from 0 and "
                f"1 caps what a wrong prediction can cost, but a logit of 40 on the wrong side "
                f"costs 40; compute the logs from z, as (2.9) shows")
        data = (y @ softplus(-z) + (1 - y) @ softplus(z)) / m
        compare(got, want, "your cost", case, [
            (data + lam / (2 * m) * theta @ theta,
             "regularises theta_0: the penalty of (2.13) leaves out the intercept"),
            (data, "is not regularised: lam is ignored; (2.13) adds lam/(2m) times the sum of "
                   "theta_j^2 for j >= 1"),
            (data + lam / m * theta[1:] @ theta[1:], "has a penalty twice too large: (2.13) "
                                                     "divides it by 2m"),
            ((y @ softplus(z) + (1 - y) @ softplus(-z)) / m + lam / (2 * m) * theta[1:] @ theta[1:],
             "swaps the two logs: an example with y = 1 costs -log g(z), one with y = 0 costs "
             "-log(1 - g(z)) (2.8)"),
        ], "(2.13)", rtol=1e-9)
    return (f"it agrees with mlbook's logistic_cost on {len(cases)} cases, and stays exact "
            f"for a logit of 40")


@task("logistic_gradient", LAB, ("theta", "X", "y", "lam"))
def check_logistic_gradient(reader):
    return check_theta_gradient(reader, logistic_cases(), logistic_cost, logistic_gradient,
                                _gradient_mistakes, "(2.14)")


def _gradient_mistakes(case):
    theta, X, y, lam = case.args.values()
    m = len(y)
    data = X.T @ (sigmoid(X @ theta) - y) / m
    penalty = lam / m * np.r_[0.0, theta[1:]]
    return [
        (data + lam / m * theta, "regularises theta_0: (2.14) multiplies theta by I_0, which "
                                 "zeroes its first entry"),
        (data, "is not regularised: lam is ignored; (2.14) adds lam/m I_0 theta"),
        (X.T @ (X @ theta - y) / m + penalty,
         "is linear regression's gradient (1.6): the hypothesis here is g(X theta), not X theta "
         "(2.11)"),
        (data + lam * np.r_[0.0, theta[1:]],
         "has a penalty term m times too large: (2.14) divides the whole gradient by m"),
        (data + penalty / 2,
         "has a penalty term half what it should be: the 1/2 of the cost's lam/(2m) cancels "
         "against the 2 of the derivative of theta_j^2, so (2.14) adds lam/m I_0 theta"),
    ]


# --- one-vs-all ----------------------------------------------------------------------------


def _ova_problem():
    gen = np.random.default_rng(70)
    K, n, m = 3, 3, 60
    centres = gen.normal(size=(K, n)) * 1.5
    y = np.repeat(np.arange(K), m // K)
    X = centres[y] + gen.normal(size=(m, n))  # overlapping clouds: every J_k has a minimum
    return np.column_stack([np.ones(m), X]), y, K


def _class_gradient(theta, X, y, k, lam):
    """The gradient of J_k (3.3) at theta, relative to its size at theta = 0."""
    yk = (y == k).astype(float)
    return (np.linalg.norm(logistic_gradient(theta, X, yk, lam))
            / np.linalg.norm(logistic_gradient(np.zeros_like(theta), X, yk, lam)))


@task("one_vs_all", LAB, ("X", "y", "K", "lam"))
def check_one_vs_all(reader):
    X, y, K = _ova_problem()
    lam = 1.0
    case = Case({"X": X, "y": y, "K": K, "lam": lam},
                f"on a case with K = {K} classes, m = {len(y)} examples and lam = 1",
                {"m": len(y)})
    Theta = array(reader(case), "your Theta", (K, X.shape[1]), "(K, n+1)", case)
    tolerance = 1e-4
    for k in range(K):
        if _class_gradient(Theta[k], X, y, k, lam) <= tolerance:
            continue
        if k + 1 < K and _class_gradient(Theta[k], X, y, k + 1, lam) <= tolerance:
            raise Mistake(f"row {k} of your Theta is the classifier of class {k + 1} "
                          f"({case.where}): here the classes are numbered 0, ..., K - 1, as "
                          f"numpy indexes (the course's MATLAB code numbered them from 1)")
        if _class_gradient(Theta[k], X, y, k, 0.0) <= tolerance:
            raise Mistake(f"row {k} of your Theta minimises the cost without its penalty "
                          f"({case.where}): pass lam on to the cost and the gradient (3.3)")
        size = _class_gradient(Theta[k], X, y, k, lam)
        raise Mistake(
            f"row {k} of your Theta is not the minimiser of J_{k} ({case.where}): the gradient "
            f"of (3.3) there is {size:.1e} of its size at theta = 0; train classifier k on the "
            f"labels (y == k) with the regularised cost, to convergence")
    return f"each row of Theta minimises its J_k of (3.3) ({case.where})"


@task("predict_one_vs_all", LAB, ("Theta", "X"))
def check_predict_one_vs_all(reader):
    gen = np.random.default_rng(80)
    cases = []
    for m, K, n in [(7, 4, 2), (1, 3, 2), (5, 2, 5)]:
        X = np.column_stack([np.ones(m), gen.normal(size=(m, n))])
        cases.append(Case({"Theta": gen.normal(size=(K, n + 1)), "X": X},
                          f"on a case with m = {m} example{'s' * (m > 1)} and K = {K} classes",
                          {"m": m, "K": K}))
    for case in cases:
        Theta, X = case.args.values()
        m, K = X.shape[0], Theta.shape[0]
        out = reader(case)
        if np.shape(out) == (K,) and m != K:
            raise Mistake(f"your predictions have one entry per class {case.where}: the "
                          f"largest score was taken over the examples; (3.2) takes it over "
                          f"the K classes of each example, along a row of X Theta^T")
        if np.shape(out) == (m, K):
            raise Mistake(f"your function returned the (m, K) scores {case.where}; (3.2) "
                          f"returns the index of the largest score of each row")
        got = array(out, "your predictions", (m,), "(m,)", case, integer=True)
        want = np.argmax(X @ Theta.T, axis=1)
        compare(got, want, "your predictions", case, [
            (want + 1, "are one too large: the classes are 0, ..., K - 1 here (the course "
                       "numbered them from 1)"),
            (np.argmin(X @ Theta.T, axis=1), "pick the smallest score; (3.2) picks the largest"),
        ], "(3.2)")
    return f"it predicts by (3.2) on {len(cases)} cases, a single example included"
