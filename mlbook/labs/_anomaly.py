r"""Checks of the anomaly detection lab (chapter 9)."""

import numpy as np

from ..anomaly import estimate_gaussian, log_multivariate_gaussian, select_threshold
from ..metrics import f1_score
from ._core import Case, Mistake, array, compare, number, pair, swapped_message, task

LAB = "anomaly-detection"


def _features(seed, m, n, where):
    gen = np.random.default_rng(seed)
    X = gen.normal(size=(m, n)) * np.geomspace(0.5, 20.0, n) + gen.normal(size=n) * 10
    return Case({"X": X}, where, {"m": m})


@task("estimate_gaussian", LAB, ("X",))
def check_estimate_gaussian(reader):
    cases = [_features(280, 10, 3, "on m = 10 examples of n = 3 features"),
             _features(281, 2, 4, "on m = 2 examples of n = 4 features"),
             _features(282, 25, 1, "on m = 25 examples of a single feature")]
    for case in cases:
        X = case["X"]
        m, n = X.shape
        mu, sigma2 = pair(reader(case), "your estimate_gaussian", ("mu", "sigma2"), case,
                          estimate_gaussian(X))
        if np.shape(mu) == (m,) and m != n:
            raise Mistake(f"your mu has one entry per example {case.where}: it averages each "
                          f"row; (9.6) averages each feature, a column of X")
        mu = array(mu, "your mu", (n,), "(n,)", case)
        want_mu, want_sigma2 = estimate_gaussian(X)
        compare(mu, want_mu, "your mu", case, equation="(9.6)")
        sigma2 = array(sigma2, "your sigma2", (n,), "(n,)", case)
        compare(sigma2, want_sigma2, "your sigma2", case, [
            (X.var(axis=0, ddof=1), "divides by m - 1 (the unbiased estimate); the maximum-"
                                    "likelihood variance (9.7) divides by m"),
            (X.std(axis=0), "holds the standard deviations sigma_j; (9.7) is their square, "
                            "the variances"),
        ], "(9.7)")
    return f"mu and sigma2 are the maximum-likelihood estimates (9.6), (9.7) on {len(cases)} cases"


def density_cases(many=False):
    cases = []
    for seed, m, n, where in [(290, 6, 2, "on m = 6 examples of n = 2 features"),
                              (291, 1, 3, "on a single example of n = 3 features"),
                              (292, 5, 4, "on m = 5 examples of n = 4 features")]:
        gen = np.random.default_rng(seed)
        cases.append(Case({"X": gen.normal(size=(m, n)) * 2, "mu": gen.normal(size=n),
                           "sigma2": gen.uniform(0.2, 3.0, size=n)}, where, {}))
    if many:
        gen = np.random.default_rng(293)
        n = 200
        cases.append(Case({"X": gen.normal(size=(4, n)) * 2.5, "mu": np.zeros(n),
                           "sigma2": np.full(n, 0.5)},
                          "on 4 examples of n = 200 features, whose densities are below "
                          "1e-308 and round to 0", {}))
    return cases


def _log_density_variants(X, mu, sigma2):
    squared = (X - mu) ** 2  # (m, n)
    return {
        "sigma": -0.5 * np.sum(np.log(2 * np.pi * sigma2**2) + squared / sigma2**2, axis=1),
        "no 2 pi": -0.5 * np.sum(np.log(sigma2) + squared / sigma2, axis=1),
        "no half": -np.sum(np.log(2 * np.pi * sigma2) + squared / sigma2, axis=1),
    }


@task("gaussian_density", LAB, ("X", "mu", "sigma2"))
def check_gaussian_density(reader):
    cases = density_cases()
    for case in cases:
        X, mu, sigma2 = case.args.values()
        m, n = X.shape
        out = reader(case)
        if np.shape(out) == (n,) and m != n:
            raise Mistake(f"your p has one entry per feature {case.where}: the product of (9.2) "
                          f"runs over the features of each example, giving one density per "
                          f"example")
        got = array(out, "your p", (m,), "(m,)", case)
        variants = _log_density_variants(X, mu, sigma2)
        compare(got, np.exp(log_multivariate_gaussian(X, mu, sigma2)), "your p", case, [
            (np.exp(variants["sigma"]), "treats sigma2 as a standard deviation: it is the "
                                        "variance sigma_j^2 already, so (9.2) uses it as it is"),
            (np.exp(variants["no 2 pi"]), "leaves 2 pi out of the factor 1/sqrt(2 pi "
                                          "sigma_j^2) (9.2)"),
            (np.prod(np.exp(-(X - mu) ** 2 / (2 * sigma2)) / (np.sqrt(2 * np.pi) * sigma2),
                     axis=1),
             "divides by sqrt(2 pi) sigma_j^2; the factor of (9.2) is 1/sqrt(2 pi sigma_j^2)"),
        ], "(9.2)", rtol=1e-9)
    return f"it agrees with (9.2) on {len(cases)} cases"


@task("log_density", LAB, ("X", "mu", "sigma2"))
def check_log_density(reader):
    cases = density_cases(many=True)
    for case in cases:
        X, mu, sigma2 = case.args.values()
        m, n = X.shape
        got = array(reader(case), "your log p", (m,), "(m,)", case)
        want = log_multivariate_gaussian(X, mu, sigma2)
        if np.any(np.isneginf(got)) and np.all(np.isfinite(want)):
            raise Mistake(
                f"your log p is -inf {case.where}: the log of a density that underflowed to 0; "
                f"sum the logs of the n factors instead (9.16), so that the density itself is "
                f"never formed")
        variants = _log_density_variants(X, mu, sigma2)
        compare(got, want, "your log p", case, [
            (variants["sigma"], "treats sigma2 as a standard deviation: it is the variance "
                                "sigma_j^2 already (9.16)"),
            (variants["no 2 pi"], "leaves out the log(2 pi) of each feature (9.16)"),
            (variants["no half"], "is missing the factor -1/2 in front of the sum (9.16)"),
        ], "(9.16)", rtol=1e-9)
    return f"it agrees with (9.16) on {len(cases)} cases, 200 features included"


@task("f1_score", LAB, ("y", "flagged"))
def check_f1_score(reader):
    y = np.array([1, 0, 0, 1, 0, 0, 0, 1, 0, 0])
    cases = [
        Case({"y": y, "flagged": np.array([1, 1, 0, 0, 0, 0, 0, 1, 0, 0])},
             "on 10 examples with 3 anomalies, 3 flagged", {}),
        Case({"y": y, "flagged": np.zeros(10, dtype=int)},
             "on a case where nothing is flagged", {}),
        Case({"y": y, "flagged": np.ones(10, dtype=int)},
             "on a case where everything is flagged", {}),
        Case({"y": np.array([0, 1, 0, 0]), "flagged": np.array([0, 1, 0, 0])},
             "on a case where the flags are exactly the anomalies", {}),
    ]
    for case in cases:
        y, flagged = case.args.values()
        got = number(reader(case), "your F1", case)
        want = f1_score(y, flagged)
        if np.isnan(got) and not np.any(flagged):
            raise Mistake(
                f"your F1 is nan {case.where}: precision is 0/0 there; the last form of (9.12), "
                f"2 tp / ((tp + fp) + (tp + fn)), has no 0/0 when there are anomalies, and "
                f"gives 0")
        tp = np.sum((y == 1) & (flagged == 1))
        compare(got, want, "your F1", case, [
            (np.mean(y == flagged), "is the accuracy; (9.12) is the harmonic mean of precision "
                                    "and recall"),
            (tp / max(np.sum(flagged), 1), "is the precision alone (9.11)"),
            (tp / np.sum(y), "is the recall alone (9.11)"),
        ], "(9.12)", rtol=1e-12)
    return f"it agrees with (9.12) on {len(cases)} cases, nothing flagged included"


def threshold_cases():
    gen = np.random.default_rng(300)
    y = (gen.uniform(size=40) < 0.2).astype(int)
    y[:2] = 1
    log_p = np.where(y == 1, gen.normal(-12, 3, size=40), gen.normal(-3, 2, size=40))
    return [
        Case({"y_val": np.array([1, 1, 0, 0, 0, 0]),
              "p_val": np.array([1e-5, 2e-5, 3e-5, 0.2, 0.5, 1.0])},
             "on the chapter's toy case, densities 1e-5, 2e-5, 3e-5, 0.2, 0.5, 1 with the two "
             "smallest anomalies", {}),
        Case({"y_val": y, "p_val": np.exp(log_p)},
             "on 40 validation densities spanning many decades", {}),
        Case({"y_val": np.array([0, 1, 0, 1, 0]), "p_val": np.array([0.3, 0.1, 0.1, 0.05, 0.4])},
             "on a case where an anomaly and a normal example have the same density", {}),
        Case({"y_val": np.array([1, 0, 0, 0]), "p_val": np.array([1e-5, 1.000001e-5, 0.5, 1.0])},
             "on densities 1e-5, 1.000001e-5, 0.5, 1 with the first one an anomaly: only a "
             "threshold in the narrow gap between the two smallest reaches the best F1", {}),
    ]


def _f1_at(y, p, tau, strict=True):
    flagged = (p < tau) if strict else (p <= tau)
    return f1_score(y, flagged.astype(int))


@task("select_threshold", LAB, ("y_val", "p_val"))
def check_select_threshold(reader):
    cases = threshold_cases()
    for case in cases:
        y, p = case.args.values()
        out = pair(reader(case), "your select_threshold", ("tau", "f1"), case)
        tau = number(out[0], "your tau", case)
        f1 = number(out[1], "your F1", case)
        if (not np.isclose(f1, _f1_at(y, p, tau)) and 0 <= tau <= 1
                and np.isclose(tau, _f1_at(y, p, f1))):
            raise Mistake(swapped_message("your select_threshold", ("tau", "f1"), case))
        best = select_threshold(y, p)[1]
        reached = _f1_at(y, p, tau)
        if not np.isclose(f1, reached):
            if np.isclose(f1, _f1_at(y, p, tau, strict=False)):
                raise Mistake(f"your F1 counts the examples with p <= tau as flagged "
                              f"{case.where}; the rule (9.10) flags p < tau, strictly")
            raise Mistake(f"your F1 is not the F1 of flagging p < tau at your tau {case.where} "
                          f"(9.10), (9.12)")
        if np.isclose(reached, best):
            continue
        grid = select_threshold(y, p, n_steps=1000)[1]
        if np.isclose(reached, grid):
            raise Mistake(
                f"your threshold's F1 is {reached:.3f} {case.where}, but a better one exists: a "
                f"grid of thresholds, evenly spaced (9.15) or log-spaced, steps right over "
                f"densities that span decades or lie close together; the flagged set changes "
                f"only at the densities themselves, so try every distinct density as a "
                f"threshold (9.14)")
        raise Mistake(f"your threshold's F1 is {reached:.3f} {case.where}, but a better one "
                      f"exists among the candidates of (9.14): the flagged set changes only "
                      f"at the densities themselves, and a grid of thresholds, evenly or "
                      f"log-spaced, can step over the gap between two of them; try every "
                      f"distinct density as a threshold")
    return f"it finds a threshold with the best F1 of (9.14) on {len(cases)} cases"
