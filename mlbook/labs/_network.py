r"""Checks of the neural network lab (chapters 4 and 5)."""

import numpy as np

from .._special import sigmoid
from .._special import sigmoid_gradient as g_prime
from ..gradcheck import numerical_gradient
from ..neural_network import nn_cost
from ._core import (Case, Mistake, array, compare, gradient_error, gradient_summary, number,
                    pair, task)

LAB = "neural-networks"
# s_1 = n, s_2, s_3 = K. With m = 7, every size the shapes use differs (n = 2, n+1 = 3,
# K = 4, s_2 = 5, s_2+1 = 6, m = 7): no weight matrix is square, so a transpose shows.
SIZES = (2, 5, 4)


@task("sigmoid_gradient", LAB, ("z",))
def check_sigmoid_gradient(reader):
    gen = np.random.default_rng(90)
    cases = [
        Case({"z": gen.normal(size=7) * 2}, "on a vector of seven values", {}),
        Case({"z": gen.normal(size=(2, 3))}, "on a (2, 3) matrix", {}),
        Case({"z": np.array([-50.0, 0.0, 50.0])}, "on z = -50, 0 and 50", {}),
        Case({"z": 0.0}, "on the single number z = 0", {}),
    ]
    for case in cases:
        z = np.asarray(case["z"], dtype=float)
        if z.ndim == 0:
            got = number(reader(case), "your g'(z)", case)
        else:
            got = array(reader(case), "your g'(z)", z.shape, str(z.shape), case)
        compare(got, g_prime(z), "your g'(z)", case, [
            (z * (1 - z), "is z(1 - z): (2.4) is g(z)(1 - g(z)), with the sigmoid applied first"),
            (sigmoid(z) * (1 - z), "is g(z)(1 - z): (2.4) is g(z)(1 - g(z))"),
            (sigmoid(z), "is g(z) itself, not its derivative (2.4)"),
        ], "(2.4)", rtol=1e-10)
    return f"it agrees with (2.4) on {len(cases)} cases"


def network_case(seed, m, lam=0.0, where=None, scale=0.7):
    gen = np.random.default_rng(seed)
    n, s2, K = SIZES
    Theta1 = gen.normal(size=(s2, n + 1)) * 0.7
    Theta2 = gen.normal(size=(K, s2 + 1)) * scale
    X = gen.normal(size=(m, n))
    Y = np.eye(K)[gen.integers(0, K, size=m)]  # (m, K), one-hot
    where = where or f"on a network of sizes {SIZES} with m = {m} examples and lam = {lam:g}"
    sizes = {"m": m, "K": K} if m > 1 else {"K": K}
    return Case({"Theta1": Theta1, "Theta2": Theta2, "X": X, "Y": Y, "lam": lam}, where, sizes)


def _layers(Theta1, Theta2, X):
    Z2 = X @ Theta1[:, 1:].T + Theta1[:, 0]  # (m, s2)
    A2 = sigmoid(Z2)
    Z3 = A2 @ Theta2[:, 1:].T + Theta2[:, 0]  # (m, K)
    return Z2, A2, Z3, sigmoid(Z3)


@task("forward", LAB, ("Theta1", "Theta2", "X"))
def check_forward(reader):
    cases = [network_case(100, 7), network_case(101, 1, where="on a single example")]
    for case in cases:
        Theta1, Theta2, X = case["Theta1"], case["Theta2"], case["X"]
        case = Case({"Theta1": Theta1, "Theta2": Theta2, "X": X}, case.where, case.sizes)
        m, (n, s2, K) = X.shape[0], SIZES
        Z2, want2, Z3, want3 = _layers(Theta1, Theta2, X)
        A2, A3 = pair(reader(case), "your forward", ("A2", "A3"), case, (want2, want3))
        if np.shape(A2) == (m, s2 + 1):
            raise Mistake(f"your A2 has s_2 + 1 = {s2 + 1} columns {case.where}: A^(2) holds the "
                          f"s_2 hidden units; the column of ones is put in front of it only to "
                          f"multiply Theta2 (4.4)")
        A2 = array(A2, "your A2", (m, s2), "(m, s_2)", case)
        compare(A2, want2, "your A2", case, [
            (Z2, "is Z^(2): apply the sigmoid, A^(2) = g(Z^(2)) (4.4)"),
            (sigmoid(X @ Theta1[:, 1:].T), "leaves out the bias: the first column of Theta1 "
                                           "multiplies the bias unit, a column of ones (4.4)"),
            (sigmoid(X @ Theta1[:, :-1].T + Theta1[:, -1]),
             "puts the column of ones last; Theta's first column is the bias weight (4.1)"),
        ], "(4.4)")
        A3 = array(A3, "your A3", (m, K), "(m, K)", case)
        compare(A3, want3, "your A3", case, [
            (Z3, "is Z^(3): the output layer applies the sigmoid too (4.4)"),
        ], "(4.4)")
    return f"A2 and A3 agree with (4.4) on {len(cases)} cases"


def _penalty(Theta1, Theta2, with_bias=False):
    start = 0 if with_bias else 1
    return np.sum(Theta1[:, start:] ** 2) + np.sum(Theta2[:, start:] ** 2)


@task("nn_cost", LAB, ("Theta1", "Theta2", "X", "Y", "lam"))
def check_nn_cost(reader):
    cases = [network_case(110, 7, 0.0), network_case(111, 7, 1.5),
             network_case(112, 1, 2.0, where="on a single example (m = 1) and lam = 2"),
             network_case(113, 7, 0.0, scale=25.0,
                          where="on a confident network (output weights near 25, some logits "
                                "beyond 40 on the wrong side) with m = 7 and lam = 0")]
    for case in cases:
        Theta1, Theta2, X, Y, lam = case.args.values()
        m = X.shape[0]
        got = number(reader(case), "your cost", case)
        want = nn_cost([Theta1, Theta2], X, Y, lam)
        Z3 = _layers(Theta1, Theta2, X)[2]
        wrong_way = np.max(np.where(Y == 1, -Z3, Z3))
        if wrong_way > 37 and not np.isclose(got, want, rtol=1e-9):
            if not np.isfinite(got):
                raise Mistake(
                    f"your cost is {got} {case.where}: g(40) rounds to exactly 1 in floating "
                    f"point, so log(1 - A^(3)) is log 0; compute the logs from Z^(3) "
                    f"(-y log g(z) - (1 - y) log(1 - g(z)) = log(1 + e^z) - y z, np.logaddexp(0, "
                    f"z)), as the logistic lab's cost does (2.9)")
            if got < want:
                raise Mistake(
                    f"your cost is too small {case.where}: clipping A^(3) away from 0 and 1 "
                    f"caps what a wrong output can cost, but a logit of 40 on the wrong side "
                    f"costs 40; compute the logs from Z^(3), as (2.9) shows")
        data = nn_cost([Theta1, Theta2], X, Y, 0.0)
        compare(got, want, "your cost", case, [
            (data + lam / (2 * m) * _penalty(Theta1, Theta2, with_bias=True),
             "regularises the bias columns: the penalty of (4.5) starts at k = 1, leaving out "
             "the first column of each Theta"),
            (data, "is not regularised: lam is ignored; (4.5) adds lam/(2m) times the squared "
                   "weights"),
            (data + lam / m * _penalty(Theta1, Theta2), "has a penalty twice too large: "
                                                        "(4.5) divides it by 2m"),
            (data + lam / 2 * _penalty(Theta1, Theta2), "has a penalty m times too large: "
                                                        "(4.5) divides it by 2m, not 2"),
        ], "(4.5)", rtol=1e-9, fallback=lambda: _penalty_only(reader, case))  # noqa: B023
    return (f"it agrees with mlbook's nn_cost on {len(cases)} cases, lam = 0 and lam > 0, "
            f"a confidently wrong network included")


def _penalty_only(reader, case):
    """When lam > 0 fails but the same case with lam = 0 passes, say that the penalty is wrong."""
    lam = case["lam"]
    if lam == 0:
        return
    plain = Case({**case.args, "lam": 0.0}, case.where, case.sizes)
    got = number(reader(plain), "your cost", plain)
    if np.isclose(got, nn_cost([case["Theta1"], case["Theta2"]], case["X"], case["Y"], 0.0),
                  rtol=1e-9):
        raise Mistake(f"your cost is right for lam = 0 but not {case.where}: the data term is "
                      f"right and the penalty is not; (4.5) adds lam/(2m) times the squares of "
                      f"every weight but the first column (the bias weights) of each Theta; "
                      f"check which rows or columns each slice keeps")


STRAY_G_PRIME = (
    "multiplies A^(3) - Y by g'(Z^(3)): with the cross-entropy cost of (4.5) the output delta "
    "is A^(3) - Y (4.8), because g'(z) cancels against the derivative of the log (5.4); the "
    "factor g'(z) belongs to the squared-error cost (5.6)")


@task("output_delta", LAB, ("A3", "Y", "Z3"))
def check_output_delta(reader):
    cases = []
    for seed, m in [(120, 7), (121, 1)]:
        base = network_case(seed, m)
        _, _, Z3, A3 = _layers(base["Theta1"], base["Theta2"], base["X"])
        cases.append(Case({"A3": A3, "Y": base["Y"], "Z3": Z3},
                          f"on a case with m = {m} example{'s' * (m > 1)} and K = {SIZES[2]}",
                          base.sizes))
    for case in cases:
        A3, Y, Z3 = case.args.values()
        got = array(reader(case), "your output delta", A3.shape, "(m, K)", case)
        compare(got, A3 - Y, "your output delta", case, [
            ((A3 - Y) * g_prime(Z3), STRAY_G_PRIME),
            ((A3 - Y) * A3 * (1 - A3), STRAY_G_PRIME),
        ], "(4.8)")
    return f"it is A^(3) - Y on {len(cases)} cases: no stray g'(z)"


def _backprop(Theta1, Theta2, X, Y, lam, output="ce", hidden="z", bias=False):
    """Backpropagation, right or with one of the usual mistakes, as one flat vector."""
    m = X.shape[0]
    Z2, A2, Z3, A3 = _layers(Theta1, Theta2, X)
    Delta3 = A3 - Y if output == "ce" else (A3 - Y) * A3 * (1 - A3)  # (m, K)
    slope = {"z": A2 * (1 - A2), "a": g_prime(A2), "none": 1.0}[hidden]
    Delta2 = (Delta3 @ Theta2[:, 1:]) * slope  # (m, s2)
    grads = []
    for Delta, A, Theta in [(Delta2, X, Theta1), (Delta3, A2, Theta2)]:
        grad = Delta.T @ np.column_stack([np.ones(m), A]) / m
        penalty = Theta.copy()
        if not bias:
            penalty[:, 0] = 0.0
        grads.append(grad + lam / m * penalty)
    return np.concatenate([g.ravel() for g in grads])


@task("backprop", LAB, ("Theta1", "Theta2", "X", "Y", "lam"))
def check_backprop(reader):
    cases = [network_case(130, 7, 0.0), network_case(131, 7, 1.5),
             network_case(132, 1, 1.0, where="on a single example (m = 1) and lam = 1")]
    n, s2, K = SIZES
    worst = 0.0
    for case in cases:
        Theta1, Theta2, X, Y, lam = case.args.values()
        grad1, grad2 = pair(reader(case), "your backprop", ("grad1", "grad2"), case,
                            (Theta1, Theta2))
        if np.shape(grad1) == (s2 + 1, n + 1):
            raise Mistake(f"your grad1 has s_2 + 1 = {s2 + 1} rows {case.where}: the hidden "
                          f"delta kept an entry for the bias unit, which has no error; (4.10) "
                          f"propagates through Theta2 without its bias column")
        grad1 = array(grad1, "your grad1", Theta1.shape, "(s_2, n+1)", case)
        grad2 = array(grad2, "your grad2", Theta2.shape, "(K, s_2+1)", case)
        numeric = numerical_gradient(lambda W: nn_cost(W, X, Y, lam), [Theta1, Theta2])
        args = (Theta1, Theta2, X, Y)
        flat = [np.concatenate([a.ravel() for a in pair_]) for pair_ in ([grad1, grad2], numeric)]
        worst = max(worst, gradient_error(
            *flat, _backprop(*args, lam), case,
            lambda: _backprop_mistakes(args, lam), "(4.12)"))
    return gradient_summary(cases, worst, " (4.5)")


def _backprop_mistakes(args, lam):
    return [
        (_backprop(*args, lam, output="se"), STRAY_G_PRIME),
        (_backprop(*args, lam, bias=True), "regularises the bias columns: (4.12) adds lam/m "
                                           "times Theta with its first column zeroed"),
        (_backprop(*args, 0.0), "is not regularised: lam is ignored; (4.12) adds lam/m times "
                                "Theta without its bias column"),
        (_backprop(*args, lam, hidden="a"),
         "applies g' to A^(2) instead of Z^(2) in the hidden delta: g'(z) = a(1 - a) (4.10), "
         "while g'(a) is the slope at another point"),
        (_backprop(*args, lam, hidden="none"), "leaves g'(z^(2)) out of the hidden delta (4.10)"),
        (_backprop(*args, lam / 2), "has a penalty term half what it should be: the 1/2 of "
                                    "the cost's lam/(2m) cancels against the 2 of the "
                                    "square's derivative, so (4.12) adds lam/m times Theta"),
        (_backprop(*args, lam * len(args[2])), "has a penalty term m times too large: (4.12) "
                                               "adds lam/m times Theta, not lam times Theta"),
    ]
