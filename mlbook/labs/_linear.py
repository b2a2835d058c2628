r"""Checks of the linear regression lab (chapter 1)."""

import numpy as np

from ..linear_model import linear_cost, linear_gradient, normal_equation
from ._core import Case, Mistake, array, check_theta_gradient, compare, number, pair, task

LAB = "linear-regression"


def _problem(seed, m, n, lam, spread=1.0, where=""):
    gen = np.random.default_rng(seed)
    X = np.column_stack([np.ones(m), spread * gen.normal(size=(m, n))])  # (m, n+1), ones first
    theta = gen.normal(size=n + 1)
    y = X @ gen.normal(size=n + 1) + gen.normal(size=m)
    return Case({"theta": theta, "X": X, "y": y, "lam": lam}, where,
                {"m": m} if m > 1 else {})


def cost_cases():
    """Seeded problems: lam = 0 first, so that the data term is judged before the penalty."""
    return [
        _problem(10, 7, 3, 0.0, where="on a case with m = 7 examples and lam = 0"),
        _problem(11, 7, 3, 2.5, where="on a case with m = 7 examples and lam = 2.5"),
        _problem(12, 13, 1, 0.7, spread=100.0,
                 where="on a case with one feature in the hundreds and lam = 0.7"),
        _problem(13, 1, 2, 1.0, where="on a case with a single example (m = 1) and lam = 1"),
    ]


def _data_and_penalty(case):
    theta, X, y, lam = (case[k] for k in ("theta", "X", "y", "lam"))
    m = X.shape[0]
    r = X @ theta - y  # (m,)
    return m, r, lam, theta


def _cost_mistakes(case):
    m, r, lam, theta = _data_and_penalty(case)
    data = r @ r / (2 * m)
    return [
        (data + lam / (2 * m) * theta @ theta,
         "regularises theta_0: the penalty of (1.11) sums theta_1 ... theta_n, leaving out "
         "the intercept"),
        (data, "is not regularised: lam is ignored, but (1.11) adds lam/(2m) times the sum of "
               "theta_j^2 for j >= 1"),
        (data + lam / m * theta[1:] @ theta[1:],
         "has a penalty twice too large: (1.11) divides it by 2m"),
        (data + lam / 2 * theta[1:] @ theta[1:],
         "has a penalty m times too large: (1.11) divides it by 2m, not 2"),
    ]


def _penalty_only(reader, case, what, equation):
    """When lam > 0 fails but the same case with lam = 0 passes, say so."""
    if case["lam"] == 0:
        return
    plain = Case({**case.args, "lam": 0.0}, case.where.replace(f"lam = {case['lam']:g}", "lam = 0"),
                 case.sizes)
    if what == "your cost":
        ok = np.isclose(number(reader(plain), what, plain), linear_cost(*plain.args.values()))
    else:
        got = array(reader(plain), what, (len(case["theta"]),), "(n+1,)", plain)
        ok = np.allclose(got, linear_gradient(*plain.args.values()))
    if ok:
        raise Mistake(f"{what} is right for lam = 0 but not {case.where}: the data term is "
                      f"right and the penalty is not; compare with {equation}")


@task("linear_cost", LAB, ("theta", "X", "y", "lam"))
def check_linear_cost(reader):
    cases = cost_cases()
    for case in cases:
        got = number(reader(case), "your cost", case)
        want = linear_cost(*case.args.values())
        if not np.isclose(got, want, rtol=1e-9, atol=0):
            compare(got, want, "your cost", case, _cost_mistakes(case), "(1.11)", rtol=1e-9,
                    fallback=lambda: _penalty_only(reader, case, "your cost", "(1.11)"))
    return f"it agrees with mlbook's linear_cost on {len(cases)} cases, lam = 0 and lam > 0"


def _gradient_mistakes(case):
    m, r, lam, theta = _data_and_penalty(case)
    X = case["X"]
    data = X.T @ r / m  # (n+1,)
    penalty = lam / m * np.r_[0.0, theta[1:]]
    return [
        (data + lam / m * theta,
         "regularises theta_0: in (1.12) the penalty's gradient is lam/m times theta with its "
         "first entry zeroed (I_0), because the intercept is not penalised"),
        (data, "is not regularised: lam is ignored; (1.12) adds lam/m I_0 theta"),
        (data + lam * np.r_[0.0, theta[1:]],
         "has a penalty term m times too large: (1.12) divides the whole gradient by m"),
        (data + penalty / 2,
         "has a penalty term half what it should be: the 1/2 of the cost's lam/(2m) cancels "
         "against the 2 of the derivative of theta_j^2, so (1.12) adds lam/m I_0 theta"),
        (-data + penalty,
         "has the residual's sign flipped: (1.6) uses X theta - y, prediction minus target"),
    ]


@task("linear_gradient", LAB, ("theta", "X", "y", "lam"))
def check_linear_gradient(reader):
    return check_theta_gradient(
        reader, cost_cases(), linear_cost, linear_gradient, _gradient_mistakes, "(1.12)",
        fallback=lambda case: _penalty_only(reader, case, "your gradient", "(1.12)"))


def descent_cases():
    base = _problem(20, 9, 2, 0.0)
    X, y = base["X"], base["y"]

    def gradient(theta):
        return linear_gradient(theta, X, y)

    theta0 = np.array([0.5, -1.0, 2.0])
    return [
        Case({"gradient": gradient, "theta": theta0, "alpha": 0.1, "num_iters": 5},
             "on a case with alpha = 0.1 and num_iters = 5", {"m": 9}),
        Case({"gradient": gradient, "theta": theta0, "alpha": 0.5, "num_iters": 1},
             "on a case with num_iters = 1", {"m": 9}),
        Case({"gradient": gradient, "theta": theta0, "alpha": 0.1, "num_iters": 0},
             "on a case with num_iters = 0 (no step at all)", {"m": 9}),
    ]


def _descend(gradient, theta, alpha, num_iters, sign=-1.0):
    path = [np.array(theta, dtype=float)]
    for _ in range(num_iters):
        path.append(path[-1] + sign * alpha * gradient(path[-1]))
    return np.array(path)


@task("gradient_descent", LAB, ("gradient", "theta", "alpha", "num_iters"))
def check_gradient_descent(reader):
    cases = descent_cases()
    for case in cases:
        gradient, theta, alpha, num_iters = case.args.values()
        out = reader(case)
        rows = np.shape(out)[0] if np.ndim(out) >= 1 else None
        if rows in (num_iters, num_iters + 2) and np.ndim(out) == 2:
            raise Mistake(
                f"your path has {rows} rows {case.where}: it should hold the starting theta and "
                f"then one row per step, num_iters + 1 = {num_iters + 1} rows")
        got = array(out, "your path", (num_iters + 1, len(theta)), "(num_iters + 1, n+1)", case)
        want = _descend(gradient, theta, alpha, num_iters)
        if num_iters > 1 and np.allclose(got, got[-1]) and not np.allclose(want, want[-1]):
            raise Mistake(
                f"every row of your path is the same array {case.where}: theta was changed in "
                f"place (theta -= ...) and the same object appended each time; build a new "
                f"theta at each step (theta = theta - ...)")
        compare(got, want, "your path", case, [
            (_descend(gradient, theta, alpha, num_iters, sign=+1.0),
             "climbs the cost: (1.7) steps against the gradient, theta - alpha * gradient"),
        ], "(1.7)")
    return f"it takes the steps of (1.7) exactly on {len(cases)} cases, num_iters = 0 included"


def normalize_cases():
    gen = np.random.default_rng(30)
    X1 = gen.normal(size=(9, 3)) * [1.0, 50.0, 0.01] + [3.0, 1000.0, -2.0]
    X2 = gen.normal(size=(6, 1)) * 4.0 + 10.0
    X3 = np.array([[1.0, 10.0], [3.0, 30.0]])
    return [
        Case({"X": X1}, "on a case with m = 9 examples of three features of very different sizes",
             {"m": 9}),
        Case({"X": X2}, "on a case with a single feature", {"m": 6}),
        Case({"X": X3}, "on a case with two examples", {"m": 2}),
    ]


@task("feature_normalize", LAB, ("X",))
def check_feature_normalize(reader):
    cases = normalize_cases()
    for case in cases:
        X = case["X"]
        m, n = X.shape
        mu_, sigma_ = X.mean(axis=0), X.std(axis=0)
        X_norm, mu, sigma = pair(reader(case), "your function's result",
                                 ("X_norm", "mu", "sigma"), case,
                                 ((X - mu_) / sigma_, mu_, sigma_))
        if np.shape(mu) == (m,) and m != n:
            raise Mistake(f"your mu has one entry per example {case.where}: it averages each row; "
                          f"(1.9) averages each feature, a column of X")
        mu = array(mu, "your mu", (n,), "(n,)", case)
        compare(mu, X.mean(axis=0), "your mu", case, equation="(1.9)")
        sigma = array(sigma, "your sigma", (n,), "(n,)", case)
        compare(sigma, X.std(axis=0), "your sigma", case, [
            (X.std(axis=0, ddof=1), "divides by m - 1 (the default of pandas and of "
                                    "np.std(ddof=1)); (1.9) divides by m"),
            (X.var(axis=0), "is the variance; (1.9) divides by the standard deviation, its "
                            "square root"),
        ], "(1.9)")
        X_norm = array(X_norm, "your X_norm", (m, n), "(m, n)", case)
        compare(X_norm, (X - X.mean(axis=0)) / X.std(axis=0), "your X_norm", case, [
            (X - X.mean(axis=0), "is centred but not divided by sigma"),
            (X / X.std(axis=0), "is divided by sigma but not centred: subtract mu first"),
            ((X - X.mean(axis=0)) / X.var(axis=0), "is divided by the variance, not by sigma"),
        ], "(1.9)")
    return f"X_norm, mu and sigma agree with (1.9) on {len(cases)} cases"


def normal_cases():
    base = [_problem(40, 8, 3, 0.0, where="on a case with m = 8 examples and lam = 0"),
            _problem(41, 8, 3, 3.0, where="on a case with m = 8 examples and lam = 3"),
            _problem(42, 4, 3, 0.0, where="on a case with m = n + 1 = 4 (an exact fit)")]
    gen = np.random.default_rng(43)
    x = gen.normal(size=6)
    X = np.column_stack([np.ones(6), x, x])  # a repeated feature: X^T X is singular
    base.append(Case({"X": X, "y": gen.normal(size=6), "lam": 1.0},
                     "on a case with a repeated feature and lam = 1 (only the penalty makes "
                     "the system solvable)", {"m": 6}))
    return [Case({k: c[k] for k in ("X", "y", "lam")}, c.where, c.sizes) for c in base]


@task("normal_equation", LAB, ("X", "y", "lam"))
def check_normal_equation(reader):
    cases = normal_cases()
    for case in cases:
        X, y, lam = case.args.values()
        got = array(reader(case), "your theta", (X.shape[1],), "(n+1,)", case)
        want = normal_equation(X, y, lam)
        mistakes = [(np.linalg.lstsq(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y, rcond=None)[0],
                     "regularises theta_0: (1.13) adds lam I_0, the identity with its first "
                     "entry zeroed, not lam I")]
        if lam > 0 and np.linalg.matrix_rank(X) == X.shape[1]:
            mistakes.append((np.linalg.solve(X.T @ X, X.T @ y),
                             "ignores lam: (1.13) adds lam I_0 to X^T X"))
        compare(got, want, "your theta", case, mistakes, "(1.13)", rtol=1e-7)
    return f"it solves (1.13) on {len(cases)} cases, a singular X^T X with lam > 0 included"
