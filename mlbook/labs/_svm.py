r"""Checks of the support vector machine lab (chapter 6)."""

import numpy as np

from ..svm import gaussian_kernel, rbf_kernel
from ._core import Case, Mistake, array, compare, number, task

LAB = "svm"

GAMMA_SLIP = (
    "divides the squared distance by sigma^2 instead of 2 sigma^2: the Gaussian kernel (6.16) "
    "is exp(-|x - z|^2 / (2 sigma^2)), so scikit-learn's gamma is 1/(2 sigma^2), not "
    "1/sigma^2")


def _labelled(seed, m, n, C, where):
    gen = np.random.default_rng(seed)
    X = gen.normal(size=(m, n))
    y = np.where(gen.uniform(size=m) < 0.5, -1.0, 1.0)
    return Case({"w": gen.normal(size=n), "b": float(gen.normal()), "X": X, "y": y, "C": C},
                where, {"m": m} if m > 1 else {})


@task("svm_objective", LAB, ("w", "b", "X", "y", "C"))
def check_svm_objective(reader):
    cases = [_labelled(140, 9, 3, 1.0, "on a case with m = 9 examples and C = 1"),
             _labelled(141, 9, 3, 10.0, "on a case with m = 9 examples and C = 10"),
             _labelled(142, 1, 2, 0.5, "on a single example (m = 1) and C = 0.5")]
    # An example far beyond its margin: its hinge is exactly 0, never negative.
    far = _labelled(143, 5, 2, 1.0, "on a case where some examples are far beyond the margin")
    far.args["w"] = far["w"] * 20
    cases.append(far)
    for case in cases:
        w, b, X, y, C = case.args.values()
        margins = y * (X @ w + b)  # (m,)
        hinge = np.maximum(0.0, 1.0 - margins)
        half = 0.5 * w @ w
        got = number(reader(case), "your objective", case)
        compare(got, C * hinge.sum() + half, "your objective", case, [
            (C * np.sum(1.0 - margins) + half,
             "sums 1 - y h(x) without max(0, .): an example beyond its margin must cost "
             "nothing, not a negative amount (6.2)"),
            (C * hinge.sum() + 0.5 * (w @ w + b * b),
             "penalises the bias b: (6.2) penalises |w|^2 only"),
            (C * hinge.sum() + w @ w, "has no 1/2 in front of |w|^2 (6.2)"),
            (hinge.sum() + C * half, "puts C on the penalty; (6.2) puts it on the hinge losses "
                                     "(C plays the part of 1/lambda)"),
            (C * hinge.mean() + half, "averages the hinge losses; (6.2) sums them"),
        ], "(6.2)", rtol=1e-10)
    return f"it agrees with (6.2) on {len(cases)} cases"


@task("gaussian_kernel", LAB, ("x1", "x2", "sigma"))
def check_gaussian_kernel(reader):
    gen = np.random.default_rng(150)
    cases = [
        Case({"x1": np.array([1.0, 2.0, 1.0]), "x2": np.array([0.0, 4.0, -1.0]), "sigma": 2.0},
             "on the course's check, x1 = (1, 2, 1), x2 = (0, 4, -1), sigma = 2", {}),
        Case({"x1": gen.normal(size=4), "x2": gen.normal(size=4), "sigma": 0.7},
             "on two random examples and sigma = 0.7", {}),
        Case({"x1": np.array([3.0, -1.0]), "x2": np.array([3.0, -1.0]), "sigma": 0.1},
             "on two equal examples", {}),
    ]
    for case in cases:
        x1, x2, sigma = case.args.values()
        d2 = float((x1 - x2) @ (x1 - x2))
        got = number(reader(case), "your kernel value", case)
        compare(got, gaussian_kernel(x1, x2, sigma), "your kernel value", case, [
            (np.exp(-d2 / sigma**2), GAMMA_SLIP),
            (np.exp(-np.sqrt(d2) / (2 * sigma**2)), "uses the distance |x - z| where (6.16) "
                                                    "has its square"),
            (np.exp(-d2 / (2 * sigma)), "divides by 2 sigma where (6.16) has 2 sigma^2"),
            (np.exp(d2 / (2 * sigma**2)), "has the exponent's sign flipped: the kernel falls "
                                          "from 1 as examples move apart (6.16)"),
        ], "(6.16)", rtol=1e-10)
    return f"it agrees with (6.16) on {len(cases)} cases, the course's check value included"


@task("gram_matrix", LAB, ("X1", "X2", "sigma"))
def check_gram_matrix(reader):
    gen = np.random.default_rng(160)
    far = gen.normal(size=(3, 2))
    cases = [
        Case({"X1": gen.normal(size=(5, 2)), "X2": gen.normal(size=(3, 2)), "sigma": 1.0},
             "on 5 and 3 examples of 2 features, sigma = 1", {}),
        Case({"X1": gen.normal(size=(4, 3)), "X2": gen.normal(size=(4, 3)), "sigma": 0.5},
             "on two sets of 4 examples, sigma = 0.5", {}),
        Case({"X1": far, "X2": np.vstack([far, far + 50.0]), "sigma": 2.0},
             "on sets with some examples equal and some far apart", {}),
    ]
    for case in cases:
        X1, X2, sigma = case.args.values()
        m1, m2 = len(X1), len(X2)
        got = array(reader(case), "your Gram matrix", (m1, m2), "(m1, m2)", case)
        D2 = ((X1[:, None, :] - X2[None, :, :]) ** 2).sum(axis=2)  # (m1, m2)
        compare(got, rbf_kernel(X1, X2, 1 / (2 * sigma**2)), "your Gram matrix", case, [
            (np.exp(-D2 / sigma**2), GAMMA_SLIP),
            (np.exp(-np.sqrt(D2) / (2 * sigma**2)), "uses distances where (6.16) has their "
                                                    "squares"),
        ], "(6.14) and (6.16)", rtol=1e-9)
    return f"entry (i, j) is k(x1_i, x2_j) of (6.16) on {len(cases)} cases"


def _dual_case(seed, m, m_new, where):
    gen = np.random.default_rng(seed)
    X = gen.normal(size=(m, 2))
    y = np.where(np.arange(m) % 2 == 0, 1.0, -1.0)
    beta = np.where(gen.uniform(size=m) < 0.4, 0.0, gen.uniform(0.1, 2.0, size=m))
    X_new = gen.normal(size=(m_new, 2))
    G = rbf_kernel(X, X, 0.5)  # (m, m)
    G_new = rbf_kernel(X_new, X, 0.5)  # (m_new, m)
    return beta, y, float(gen.normal()), G, G_new, where


@task("decision_values", LAB, ("beta", "y", "b", "G"))
def check_decision_values(reader):
    cases = []
    for seed, m, m_new, where in [(170, 6, 4, "on 4 new examples and 6 training examples"),
                                  (171, 5, 1, "on a single new example"),
                                  (172, 4, 3, "on a case where every beta_i is 0")]:
        beta, y, b, _, G_new, where = _dual_case(seed, m, m_new, where)
        if seed == 172:
            beta = np.zeros_like(beta)
        cases.append(Case({"beta": beta, "y": y, "b": b, "G": G_new}, where, {}))
    for case in cases:
        beta, y, b, G = case.args.values()
        reader_out = reader(case)
        if G.shape[0] != G.shape[1] and np.shape(reader_out) == (G.shape[1],):
            raise Mistake(f"your decision values have one entry per training example "
                          f"{case.where}: G's rows are the new examples and its columns the "
                          f"training examples, so (6.18) sums along each row")
        got = array(reader_out, "your decision values", (G.shape[0],), "(m_new,)", case)
        want = G @ (beta * y) + b
        compare(got, want, "your decision values", case, [
            (G @ beta + b, "leave out the labels: (6.18) weights each kernel value by "
                           "beta_i y_i"),
            (G @ (beta * y) - b, "subtract b; (6.18) adds it"),
            (G @ (beta * y), "leave out the bias b (6.18)"),
        ], "(6.18)", rtol=1e-10)
    return f"they agree with (6.18) on {len(cases)} cases"


@task("dual_objective", LAB, ("beta", "y", "G"))
def check_dual_objective(reader):
    cases = []
    for seed, m, where in [(180, 6, "on a case with m = 6 examples"),
                           (181, 1, "on a single example"),
                           (182, 5, "on a case with m = 5 examples")]:
        beta, y, _, G, _, _ = _dual_case(seed, m, 1, where)
        cases.append(Case({"beta": beta, "y": y, "G": G}, where, {}))
    for case in cases:
        beta, y, G = case.args.values()
        v = beta * y
        got = number(reader(case), "your W(beta)", case)
        compare(got, beta.sum() - 0.5 * v @ G @ v, "your W(beta)", case, [
            (beta.sum() - v @ G @ v, "has no 1/2 in front of the double sum (6.17)"),
            (beta.sum() - 0.5 * beta @ G @ beta, "leaves the labels out of the double sum: "
                                                 "(6.17) has beta_i beta_j y_i y_j k(x_i, x_j)"),
            (beta.sum() + 0.5 * v @ G @ v, "adds the double sum; (6.17) subtracts it"),
        ], "(6.17)", rtol=1e-10)
    return f"it agrees with (6.17) on {len(cases)} cases"
