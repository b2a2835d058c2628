r"""Checks of the principal component analysis lab (chapter 8)."""

import numpy as np

from ..datasets import make_correlated_points
from ..decomposition import principal_components, project_data, recover_data
from ._core import Case, Mistake, array, compare, number, pair, task

LAB = "pca"


def _cloud(seed, m, n):
    """Points whose covariance has well-separated eigenvalues, away from the origin."""
    gen = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(gen.normal(size=(n, n)))  # a random rotation
    scales = np.geomspace(3.0, 0.3, n)  # distinct spreads: every direction is defined
    return gen.normal(size=(m, n)) * scales @ Q.T + gen.normal(size=n) * 5


def _centred(X):
    return X - X.mean(axis=0)


@task("covariance_matrix", LAB, ("X",))
def check_covariance_matrix(reader):
    cases = [
        Case({"X": _centred(_cloud(240, 12, 3))}, "on m = 12 centred examples of n = 3 "
                                                  "features", {"m": 12}),
        Case({"X": _centred(make_correlated_points(m=9, random_state=241))},
             "on m = 9 centred points in the plane", {"m": 9}),
        Case({"X": _centred(_cloud(242, 2, 4))}, "on m = 2 centred examples of n = 4 features",
             {"m": 2}),
    ]
    for case in cases:
        X = case["X"]
        m, n = X.shape
        out = reader(case)
        if np.shape(out) == (m, m) and m != n:
            raise Mistake(f"your covariance matrix is (m, m) {case.where}: X X^T compares "
                          f"examples; (8.4) is X^T X / m, which compares features, (n, n)")
        got = array(out, "your covariance matrix", (n, n), "(n, n)", case)
        compare(got, X.T @ X / m, "your covariance matrix", case, [
            (X.T @ X / (m - 1), "divides by m - 1 (np.cov's default); (8.4) divides by m"),
        ], "(8.4)")
    return f"it is X^T X / m (8.4) on {len(cases)} cases"


def _signs_like(U, reference):
    """U with each column's sign flipped to point the way of the reference's column."""
    signs = np.sign(np.sum(U * reference, axis=0))
    return U * np.where(signs == 0, 1.0, signs)


@task("principal_components", LAB, ("X",))
def check_principal_components(reader):
    cases = [Case({"X": _cloud(250, 20, 3)}, "on m = 20 examples of n = 3 features", {"m": 20}),
             Case({"X": _cloud(251, 8, 2)}, "on m = 8 points in the plane", {"m": 8}),
             Case({"X": _cloud(252, 40, 5)}, "on m = 40 examples of n = 5 features", {"m": 40})]
    for case in cases:
        X = case["X"]
        m, n = X.shape
        mu, U, d = pair(reader(case), "your principal_components", ("mu", "U", "d"), case,
                        (X.mean(axis=0), np.eye(n), principal_components(_centred(X))[1]))
        mu = array(mu, "your mu", (n,), "(n,)", case)
        compare(mu, X.mean(axis=0), "your mu", case, equation="(8.1)")
        want_U, want_d = principal_components(_centred(X))
        raw_U, raw_d = np.linalg.svd(X, full_matrices=False)[2].T, None
        d = array(d, "your d", (n,), "(n,)", case)
        omega = np.sqrt(want_d * m)
        compare(d, want_d, "your d", case, [
            (want_d[::-1], "is in increasing order; (8.10) sorts the variances from the "
                           "largest, d_1 >= d_2 >= ..."),
            (omega, "holds the singular values omega_j; the variances are d_j = omega_j^2 / m "
                    "(8.10)"),
            (want_d * m / (m - 1), "divides by m - 1; the covariance of (8.4) divides by m"),
            (np.linalg.svd(X, compute_uv=False) ** 2 / m,
             "comes from the data without centring: subtract the mean first (8.1), or the "
             "first direction points at the mean instead of along the spread"),
        ], "(8.10)")
        U = array(U, "your U", (n, n), "(n, n)", case)
        if np.allclose(np.abs(U.T), np.abs(want_U), atol=1e-6) and not np.allclose(
                np.abs(U), np.abs(want_U), atol=1e-6):
            raise Mistake(f"your U holds the directions as rows {case.where}; (8.2) stacks "
                          f"them as the columns u_1, ..., u_k of U")
        if np.allclose(np.abs(U), np.abs(want_U[:, ::-1]), atol=1e-6):
            raise Mistake(f"your U has the directions in increasing order of variance "
                          f"{case.where}; u_1 is the direction of the largest (8.10)")
        if np.allclose(np.abs(U), np.abs(_signs_like(raw_U, want_U)), atol=1e-6):
            raise Mistake(f"your U is computed from the data without centring {case.where}: "
                          f"subtract the mean first (8.1)")
        compare(_signs_like(U, want_U), want_U, "your U (each column up to its sign)", case,
                equation="(8.10)", rtol=1e-6)
    return (f"mu, the directions U (up to the sign of each) and the variances d agree with "
            f"(8.10) on {len(cases)} cases")


@task("project_data", LAB, ("X", "U", "k"))
def check_project_data(reader):
    cases = []
    for seed, m, n, k in [(260, 10, 4, 2), (261, 6, 3, 3), (262, 1, 3, 1)]:
        X = _cloud(seed, max(m, n + 1), n)
        U, _ = principal_components(_centred(X))
        cases.append(Case({"X": _centred(X)[:m], "U": U, "k": k},
                          f"on m = {m} example{'s' * (m > 1)}, n = {n} and k = {k}", {"m": m}))
    for case in cases:
        X, U, k = case.args.values()
        m, n = X.shape
        out = reader(case)
        if np.shape(out) == (m, n) and k < n:
            raise Mistake(f"your Z keeps all n = {n} coordinates {case.where}; (8.11) keeps the "
                          f"first k = {k}")
        got = array(out, "your Z", (m, k), "(m, k)", case)
        compare(got, project_data(X, U, k), "your Z", case, [
            (X @ U[:k].T, "uses the first k rows of U; the directions are its columns, "
                          "U_k = U[:, :k] (8.11)"),
        ], "(8.11)")
    return f"Z = X U_k (8.11) on {len(cases)} cases"


@task("recover_data", LAB, ("Z", "U"))
def check_recover_data(reader):
    cases = []
    for seed, m, n, k in [(270, 10, 4, 2), (271, 5, 3, 3), (272, 1, 3, 1)]:
        X = _cloud(seed, max(m, n + 1), n)
        U, _ = principal_components(_centred(X))
        cases.append(Case({"Z": project_data(_centred(X)[:m], U, k), "U": U},
                          f"on m = {m} example{'s' * (m > 1)}, n = {n} and k = {k}", {"m": m}))
    for case in cases:
        Z, U = case.args.values()
        (m, k), n = Z.shape, U.shape[0]
        got = array(reader(case), "your X_approx", (m, n), "(m, n)", case)
        compare(got, recover_data(Z, U), "your X_approx", case, [
            (Z @ U[:k] if k == n else None, "uses the first k rows of U; the directions are "
                                            "its columns, X_approx = Z U_k^T (8.12)"),
        ], "(8.12)")
    return f"X_approx = Z U_k^T (8.12) on {len(cases)} cases"


@task("choose_k", LAB, ("d", "psi"))
def check_choose_k(reader):
    cases = [
        Case({"d": np.array([5.0, 2.0, 1.0, 0.5, 0.25]), "psi": 0.9},
             "on d = (5, 2, 1, 0.5, 0.25) and psi = 0.9", {}),
        Case({"d": np.array([3.0, 1.0]), "psi": 0.75},
             "on d = (3, 1) and psi = 0.75, where k = 1 retains exactly 0.75", {}),
        Case({"d": np.array([4.0, 3.0, 2.0, 1.0]), "psi": 0.99},
             "on d = (4, 3, 2, 1) and psi = 0.99", {}),
        Case({"d": np.array([1.0, 1e-3]), "psi": 0.5}, "on d = (1, 0.001) and psi = 0.5", {}),
    ]
    for case in cases:
        d, psi = case.args.values()
        retained = np.cumsum(d) / d.sum()  # (n,)
        want = int(np.argmax(retained >= psi)) + 1
        got = number(reader(case), "your k", case)
        if got != round(got):
            raise Mistake(f"your k is {got} {case.where}: a number of components is a whole "
                          f"number")
        if got == want:
            continue
        if got == want - 1:
            raise Mistake(f"your k is one too small {case.where}: numpy indexes from 0, so the "
                          f"position of the first retained(k) >= psi is k - 1")
        if np.isclose(retained[want - 1], psi) and got == want + 1:
            raise Mistake(f"your k is one too large {case.where}: (8.14) asks for at least psi "
                          f"(>=), and retained(k) equals psi there")
        raise Mistake(f"your k is {int(got)} {case.where}, but the smallest k that retains at "
                      f"least psi of the variance is different; see (8.14)")
    return f"it picks the smallest k of (8.14) on {len(cases)} cases, a tie with psi included"
