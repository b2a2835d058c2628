"""Gaussian anomaly detection (mlbook.anomaly): estimates, densities, threshold search, estimator."""

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from mlbook.anomaly import (
    GaussianAnomalyDetector,
    estimate_gaussian,
    log_multivariate_gaussian,
    multivariate_gaussian,
    select_threshold,
    threshold_curve,
)
from mlbook.base import clone
from mlbook.exceptions import NotFittedError
from mlbook.gradcheck import numerical_gradient, relative_error
from mlbook.metrics import f1_score, precision_score, recall_score

LOG_2PI = np.log(2 * np.pi)
# The same examples on every run, and no example database in the working tree.
deterministic = settings(derandomize=True, database=None, deadline=None)

# Toy data, by hand: x1 = (1, 3, 5), x2 = (0, 0, 3).
# mu = (3, 1); deviations x1: (-2, 0, 2), x2: (-1, -1, 2);
# sigma2 = ((4 + 0 + 4) / 3, (1 + 1 + 4) / 3) = (8/3, 2);
# Sigma_12 = ((-2)(-1) + 0 + (2)(2)) / 3 = 2.
X_TOY = np.array([[1.0, 0.0], [3.0, 0.0], [5.0, 3.0]])
MU_TOY = np.array([3.0, 1.0])
SIGMA2_TOY = np.array([8 / 3, 2.0])
SIGMA_TOY = np.array([[8 / 3, 2.0], [2.0, 2.0]])


def correlated(rng, m, n, decades=2.0):
    """m examples of n correlated features, scales spread over +-``decades`` decades."""
    A = rng.normal(size=(n, n))
    scales = 10.0 ** rng.uniform(-decades, decades, size=n)
    return (rng.normal(size=(m, n)) @ A) * scales + rng.normal(size=n)


def course_grid_search(y, p, steps=1000):
    """The classic course's selectThreshold: a loop over the grid, F1 from the metrics."""
    best_f1, best_eps = 0.0, 0.0
    for eps in np.linspace(p.min(), p.max(), steps + 1):
        f1 = f1_score(y, (p < eps).astype(int))
        if f1 > best_f1:  # strictly: the first of equal values is kept
            best_f1, best_eps = f1, eps
    return best_eps, best_f1


# --- estimates ---------------------------------------------------------------


def test_estimate_gaussian_hand_values():
    mu, sigma2 = estimate_gaussian(X_TOY)
    assert_allclose(mu, MU_TOY, rtol=1e-15)
    assert_allclose(sigma2, SIGMA2_TOY, rtol=1e-15)
    mu_full, Sigma = estimate_gaussian(X_TOY, covariance="full")
    assert_allclose(mu_full, MU_TOY, rtol=1e-15)
    assert_allclose(Sigma, SIGMA_TOY, rtol=1e-15)


def test_estimates_match_numpy_with_divisor_m(rng):
    X = correlated(rng, 200, 5)
    mu, sigma2 = estimate_gaussian(X)
    _, Sigma = estimate_gaussian(X, covariance="full")
    assert_allclose(mu, np.mean(X, axis=0), rtol=1e-13)
    assert_allclose(sigma2, np.var(X, axis=0), rtol=1e-12)  # ddof=0
    assert_allclose(Sigma, np.cov(X, rowvar=False, bias=True), rtol=1e-11, atol=1e-12)
    assert_array_equal(Sigma, Sigma.T)
    assert_allclose(np.diag(Sigma), sigma2, rtol=1e-12)


def test_estimate_gaussian_leaves_input_alone():
    X = X_TOY.copy()
    estimate_gaussian(X, covariance="full")
    assert_array_equal(X, X_TOY)


def test_gradient_of_log_likelihood_matches_the_derivation_and_vanishes_at_the_estimates(rng):
    # l(mu, v) = sum_i log p(x_i; mu, v) for one feature, equation (9.5):
    # dl/dmu = sum(x - mu) / v,  dl/dv = (S - m v) / (2 v^2), S = sum (x - mu)^2.
    x = rng.normal(3.0, 2.0, size=50)

    def loglik(t):
        return log_multivariate_gaussian(x[:, None], t[:1], t[1:]).sum()

    def gradient(t):
        mu, v = t
        S = np.sum((x - mu) ** 2)
        return np.array([np.sum(x - mu) / v, (S - len(x) * v) / (2 * v**2)])

    point = np.array([1.0, 2.5])
    assert relative_error(gradient(point), numerical_gradient(loglik, point)) < 1e-8
    mu, sigma2 = estimate_gaussian(x[:, None])
    at_estimate = np.r_[mu, sigma2]
    assert np.max(np.abs(numerical_gradient(loglik, at_estimate))) < 1e-6
    assert np.max(np.abs(gradient(at_estimate))) < 1e-12


def test_full_covariance_estimate_maximises_the_likelihood(rng):
    X = correlated(rng, 300, 3)
    mu, Sigma = estimate_gaussian(X, covariance="full")
    m, n = X.shape
    best = log_multivariate_gaussian(X, mu, Sigma).sum()
    # The maximum derived in the chapter: -m/2 (n log 2 pi + log det Sigma + n).
    assert best == pytest.approx(-m / 2 * (n * LOG_2PI + np.linalg.slogdet(Sigma)[1] + n),
                                 rel=1e-12)
    for _ in range(50):
        # A nearby covariance: B Sigma B^T with B close to the identity is positive
        # definite whatever the correlations (adding a symmetric perturbation to
        # Sigma can leave the positive definite matrices when features correlate).
        B = np.eye(n) + 0.02 * rng.normal(size=(n, n))
        other = B @ Sigma @ B.T
        assert log_multivariate_gaussian(X, mu, other).sum() < best
        assert log_multivariate_gaussian(X, mu + 0.01 * rng.normal(size=n) * np.sqrt(
            np.diag(Sigma)), Sigma).sum() < best
    assert log_multivariate_gaussian(X, mu, Sigma * m / (m - 1)).sum() < best


def test_unbiased_variance_changes_no_order(rng):
    # Scaling every variance by m / (m - 1) changes log p by a decreasing function
    # of the Mahalanobis distance: the ranking of examples is the same.
    X, X_new = correlated(rng, 40, 3), correlated(rng, 200, 3)
    for covariance in ("diag", "full"):
        mu, S = estimate_gaussian(X, covariance=covariance)
        a = log_multivariate_gaussian(X_new, mu, S)
        b = log_multivariate_gaussian(X_new, mu, S * 40 / 39)
        assert_array_equal(np.argsort(a), np.argsort(b))


# --- densities ------------------------------------------------------------------


def test_density_hand_values():
    # Standard normal: p(0) = 1 / sqrt(2 pi), p(1) = exp(-1/2) / sqrt(2 pi).
    p = multivariate_gaussian([[0.0], [1.0]], [0.0], [1.0])
    assert_allclose(p, [1 / np.sqrt(2 * np.pi), np.exp(-0.5) / np.sqrt(2 * np.pi)], rtol=1e-15)
    # Sigma = [[1, 1/2], [1/2, 1]]: det = 3/4, so p(mu) = 1 / (2 pi sqrt(3/4)).
    Sigma = np.array([[1.0, 0.5], [0.5, 1.0]])
    p_mu = multivariate_gaussian([[1.0, -1.0]], [1.0, -1.0], Sigma)
    assert_allclose(p_mu, [1 / (2 * np.pi * np.sqrt(0.75))], rtol=1e-14)
    # At x - mu = (1, 1): Sigma^-1 (1, 1) = (2/3, 2/3), so Delta^2 = 4/3.
    p_off = multivariate_gaussian([[2.0, 0.0]], [1.0, -1.0], Sigma)
    assert_allclose(p_off, p_mu * np.exp(-2 / 3), rtol=1e-14)


@pytest.mark.parametrize("n", [1, 2, 5, 64])
def test_densities_match_scipy(rng, n):
    # scipy.stats.multivariate_normal(mean=mu, cov=Sigma) is the same density:
    # its cov is our Sigma, and a diagonal covariance is passed as np.diag(sigma2).
    # (scipy calls a covariance singular when its eigenvalues span more than
    # about 1e10, so the scales stay moderate here.)
    X = correlated(rng, 4 * n + 20, n, decades=0.5)
    X_new = correlated(rng, 100, n, decades=0.5)
    for covariance in ("diag", "full"):
        mu, S = estimate_gaussian(X, covariance=covariance)
        ref = scipy.stats.multivariate_normal(mean=mu, cov=S if S.ndim == 2 else np.diag(S))
        log_p = ref.logpdf(X_new)
        assert_allclose(log_multivariate_gaussian(X_new, mu, S), log_p, rtol=1e-10)
        if n <= 5:  # densities are representable
            # An error delta in log p is a relative error delta in p, and delta is
            # 1e-10 of |log p|, which reaches hundreds where p is near 1e-300.
            rtol = 1e-10 * max(1.0, np.abs(log_p).max())
            assert_allclose(multivariate_gaussian(X_new, mu, S), ref.pdf(X_new), rtol=rtol)


def test_diagonal_as_vector_or_matrix_and_product_of_one_dimensional_densities(rng):
    X = correlated(rng, 30, 4)
    mu, sigma2 = estimate_gaussian(X)
    as_vector = log_multivariate_gaussian(X, mu, sigma2)
    assert_allclose(as_vector, log_multivariate_gaussian(X, mu, np.diag(sigma2)), rtol=1e-13)
    product = np.sum(scipy.stats.norm.logpdf(X, loc=mu, scale=np.sqrt(sigma2)), axis=1)
    assert_allclose(as_vector, product, rtol=1e-13)


def test_density_is_exp_of_log_density(rng):
    X = correlated(rng, 30, 3)
    mu, Sigma = estimate_gaussian(X, covariance="full")
    assert_allclose(multivariate_gaussian(X, mu, Sigma),
                    np.exp(log_multivariate_gaussian(X, mu, Sigma)), rtol=1e-15)


@pytest.mark.parametrize("covariance", ["diag", "full"])
def test_no_underflow_in_200_dimensions(rng, covariance):
    # Features of standard deviation 20: every density is below 1e-308.
    X = 20.0 * rng.normal(size=(400, 200))
    mu, S = estimate_gaussian(X, covariance=covariance)
    log_p = log_multivariate_gaussian(X, mu, S)
    p = multivariate_gaussian(X, mu, S)
    assert np.all(p == 0.0)  # the density itself underflows ...
    assert np.all(np.isfinite(log_p)) and np.all(log_p < -745)  # ... its log does not
    assert len(np.unique(log_p)) == len(X)  # and keeps every example apart
    cov = S if S.ndim == 2 else np.diag(S)
    ref = scipy.stats.multivariate_normal(mean=mu, cov=cov).logpdf(X)
    assert_allclose(log_p, ref, rtol=1e-10)


def test_overflowing_density_is_inf_without_a_warning(rng):
    # Standard deviation 0.005 in 200 dimensions: every density is above 1e308.
    X = 0.005 * rng.normal(size=(300, 200))
    mu, sigma2 = estimate_gaussian(X)
    assert np.all(np.isinf(multivariate_gaussian(X, mu, sigma2)))
    assert np.all(log_multivariate_gaussian(X, mu, sigma2) > 709)


def test_change_of_units_shifts_the_log_density(rng):
    # x -> c x multiplies the density by c^-n: log p shifts by -n log c.
    X = correlated(rng, 100, 6)
    for covariance in ("diag", "full"):
        mu, S = estimate_gaussian(X, covariance=covariance)
        mu_c, S_c = estimate_gaussian(1e3 * X, covariance=covariance)
        shift = log_multivariate_gaussian(1e3 * X, mu_c, S_c) - log_multivariate_gaussian(X, mu, S)
        assert_allclose(shift, -6 * np.log(1e3), rtol=1e-9)


def test_badly_scaled_full_covariance_is_not_called_singular():
    # Variances 1e12 and 1e-4 with correlation 0.9: log p is the log-density of
    # the standardised point under the correlation matrix, minus sum log s_j.
    s = np.array([1e6, 1e-2])
    R = np.array([[1.0, 0.9], [0.9, 1.0]])
    Sigma = R * np.outer(s, s)
    x = np.array([[2e6, -1e-2], [0.0, 0.0], [-5e5, 3e-2]])
    expected = scipy.stats.multivariate_normal(cov=R).logpdf(x / s) - np.sum(np.log(s))
    assert_allclose(log_multivariate_gaussian(x, [0.0, 0.0], Sigma), expected, rtol=1e-12)


@pytest.mark.parametrize("covariance", ["diag", "full"])
def test_absurdly_far_point_has_log_density_minus_inf_without_a_warning(covariance):
    mu, S = estimate_gaussian(X_TOY, covariance=covariance)
    log_p = log_multivariate_gaussian([[1e200, 0.0], [3.0, 1.0]], mu, S)
    assert log_p[0] == -np.inf and np.isfinite(log_p[1])


# --- density input checks -----------------------------------------------------------


@pytest.mark.parametrize(
    ("mu", "sigma2", "match"),
    [
        ([0.0], [1.0, 1.0], "mu has 1 entries but X has 2 columns"),
        ([0.0, 0.0], [1.0, 1.0, 1.0], r"sigma2 has shape \(3,\), but X has 2 features"),
        ([0.0, 0.0], np.eye(3), r"sigma2 has shape \(3, 3\)"),
        ([0.0, 0.0], [1.0, 0.0], "variance of feature 1 is 0.0"),
        ([0.0, 0.0], [[1.0, 0.0], [0.0, -2.0]], "variance of feature 1 is -2.0"),
        ([0.0, 0.0], [[1.0, 0.5], [0.2, 1.0]], "sigma2 is not symmetric"),
        ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], "not positive semi-definite"),
        ([0.0, 0.0], [[1.0, 1.0], [1.0, 1.0]], "feature 1 is, up to rounding, a linear "
                                               "combination of feature 0"),
        ([0.0, np.nan], [1.0, 1.0], "mu contains NaN"),
    ],
)
def test_density_bad_parameters_raise(mu, sigma2, match):
    with pytest.raises(ValueError, match=match):
        log_multivariate_gaussian(X_TOY, mu, sigma2)


def test_density_1d_X_gives_reshape_hint():
    with pytest.raises(ValueError, match=r"reshape\(-1, 1\)"):
        multivariate_gaussian([1.0, 2.0], [0.0], [1.0])


def test_estimate_gaussian_bad_covariance_option():
    with pytest.raises(ValueError, match="covariance must be one of 'diag', 'full'"):
        estimate_gaussian(X_TOY, covariance="spherical")


# --- threshold search: by hand ----------------------------------------------------------


def test_f1_by_hand_on_a_toy_case():
    # Sorted p: 0.01 (y=0), 0.05 (1), 0.2 (1), 0.3 (0), 0.4 (0), 0.5 (1); 3 anomalies.
    # Candidates and the flagged count k, tp, F1 = 2 tp / (k + 3):
    #   tau = 0.01: k=0, tp=0, F1 = 0
    #   tau = 0.05: k=1, tp=0, F1 = 0
    #   tau = 0.2:  k=2, tp=1, F1 = 2/5
    #   tau = 0.3:  k=3, tp=2, F1 = 4/6
    #   tau = 0.4:  k=4, tp=2, F1 = 4/7
    #   tau = 0.5:  k=5, tp=2, F1 = 4/8
    #   tau = inf:  k=6, tp=3, F1 = 6/9
    y = np.array([1, 0, 1, 0, 0, 1])
    p = np.array([0.05, 0.01, 0.2, 0.3, 0.4, 0.5])
    taus, precision, recall, f1 = threshold_curve(y, p)
    assert_array_equal(taus, [0.01, 0.05, 0.2, 0.3, 0.4, 0.5, np.inf])
    assert_allclose(f1, [0, 0, 2 / 5, 4 / 6, 4 / 7, 4 / 8, 6 / 9], rtol=1e-15)
    assert_allclose(precision, [0, 0, 1 / 2, 2 / 3, 2 / 4, 2 / 5, 3 / 6], rtol=1e-15)
    assert_allclose(recall, [0, 0, 1 / 3, 2 / 3, 2 / 3, 2 / 3, 1], rtol=1e-15)
    # F1 = 2/3 at tau = 0.3 and at +inf: the smallest is returned.
    assert select_threshold(y, p) == (0.3, pytest.approx(2 / 3, rel=1e-15))


def test_perfect_separation_gives_f1_one():
    assert select_threshold([1, 0, 1, 0, 0], [0.01, 0.2, 0.02, 0.3, 0.25]) == (0.2, 1.0)


def test_all_anomalies_flags_everything():
    tau, f1 = select_threshold([1, 1, 1], [0.5, 0.1, 0.3])
    assert tau == np.inf and f1 == 1.0


def test_ties_are_flagged_together():
    # Two examples share p = 0.1, one anomaly and one normal: no threshold splits them.
    y = np.array([1, 0, 0, 0])
    p = np.array([0.1, 0.1, 0.5, 0.9])
    taus, _, _, f1 = threshold_curve(y, p)
    assert_array_equal(taus, [0.1, 0.5, 0.9, np.inf])
    assert_allclose(f1, [0.0, 2 / 3, 2 / 4, 2 / 5])


def test_minus_infinity_is_a_valid_log_density():
    tau, f1 = select_threshold([1, 0, 0], [-np.inf, -3.0, -1.0])
    assert (tau, f1) == (-3.0, 1.0)


def test_scores_agree_with_mlbook_metrics(rng):
    y = (rng.uniform(size=300) < 0.1).astype(int)
    y[0] = 1
    p = rng.exponential(size=300) * np.where(y, 0.2, 1.0)
    for n_steps in (None, 50):
        taus, precision, recall, f1 = threshold_curve(y, p, n_steps=n_steps)
        for t, P, R, F in zip(taus, precision, recall, f1):
            flagged = (p < t).astype(int)
            if flagged.any():
                assert P == pytest.approx(precision_score(y, flagged), abs=1e-15)
            assert R == pytest.approx(recall_score(y, flagged), abs=1e-15)
            assert F == pytest.approx(f1_score(y, flagged), abs=1e-15)


# --- threshold search: exact against grid ----------------------------------------------


def test_grid_is_the_course_loop(rng):
    y = (rng.uniform(size=400) < 0.05).astype(int)
    y[:2] = 1
    p = rng.lognormal(sigma=3.0, size=400) * np.where(y, 1e-2, 1.0)
    assert select_threshold(y, p, n_steps=1000) == pytest.approx(course_grid_search(y, p))


def test_exact_search_is_the_best_threshold_of_all(rng):
    # An independent brute force: every midpoint between distinct values, and
    # values below and above all of them.
    y = (rng.uniform(size=120) < 0.1).astype(int)
    y[0] = 1
    p = np.round(rng.exponential(size=120), 2)  # with ties
    u = np.unique(p)
    trial = np.r_[u[0] - 1, (u[:-1] + u[1:]) / 2, u[-1] + 1]
    brute = max(f1_score(y, (p < t).astype(int)) for t in trial)
    assert select_threshold(y, p)[1] == pytest.approx(brute, rel=1e-15)


def test_exact_beats_grid_where_densities_span_decades():
    y = np.array([1, 1, 0, 0, 0, 0])
    p = np.array([1e-5, 2e-5, 3e-5, 0.2, 0.5, 1.0])
    assert select_threshold(y, p) == (3e-5, 1.0)
    tau, f1 = select_threshold(y, p, n_steps=1000)
    assert f1 == pytest.approx(0.8) and tau == pytest.approx(1e-5 + (1 - 1e-5) / 1000)


def test_exact_search_on_log_densities_returns_log_tau(rng):
    y = (rng.uniform(size=200) < 0.1).astype(int)
    y[0] = 1
    p = rng.lognormal(sigma=4.0, size=200)
    tau, f1 = select_threshold(y, p)
    log_tau, log_f1 = select_threshold(y, np.log(p))
    assert log_tau == pytest.approx(np.log(tau), rel=1e-15) and log_f1 == f1


probabilities = st.floats(min_value=1e-300, max_value=1e300)


@deterministic
@given(st.lists(st.tuples(st.booleans(), st.floats(-1e6, 1e6)), min_size=1, max_size=60),
       st.integers(1, 2000))
def test_property_scores_in_unit_interval_and_exact_at_least_grid(pairs, n_steps):
    y = np.array([int(a) for a, _ in pairs])
    p = np.array([b for _, b in pairs])
    if not y.any():
        y[0] = 1
    taus, precision, recall, f1 = threshold_curve(y, p)
    for score in (precision, recall, f1):
        assert np.all((0 <= score) & (score <= 1))
    assert np.all(np.diff(recall) >= 0)  # more flagged, never fewer caught
    tau, best = select_threshold(y, p)
    assert best == pytest.approx(f1_score(y, (p < tau).astype(int)), abs=1e-15)
    assert best >= select_threshold(y, p, n_steps=n_steps)[1]


@deterministic
@given(st.lists(probabilities, min_size=2, max_size=40), st.data())
def test_property_exact_search_is_invariant_under_log(p, data):
    p = np.array(p)
    y = np.array(data.draw(st.lists(st.booleans(), min_size=len(p), max_size=len(p))), int)
    y[0] = 1
    tau, f1 = select_threshold(y, p)
    log_tau, log_f1 = select_threshold(y, np.log(p))
    assert log_f1 == f1
    assert log_tau == (np.inf if tau == np.inf else np.log(tau))


# --- threshold search: input checks ---------------------------------------------------


@pytest.mark.parametrize(
    ("y", "p", "kwargs", "error", "match"),
    [
        ([0, 0, 0], [0.1, 0.2, 0.3], {}, ValueError, "y_val holds no anomaly"),
        ([0, 2, 1], [0.1, 0.2, 0.3], {}, ValueError, r"got the values \[0, 1, 2\]"),
        (["a", "b", "a"], [0.1, 0.2, 0.3], {}, TypeError, "Encode the labels first"),
        ([[1, 0]], [0.1, 0.2], {}, ValueError, "1-D array of labels for y_val"),
        ([1, 0], [0.1, 0.2, 0.3], {}, ValueError, "p_val has 3 rows .* but y_val has 2"),
        ([1, 0], [[0.1, 0.2]], {}, ValueError, "p_val must be 1-D"),
        ([1, 0], [np.nan, 0.2], {}, ValueError, "p_val contains NaN or \\+inf"),
        ([1, 0], [np.inf, 0.2], {}, ValueError, "p_val contains NaN or \\+inf"),
        ([1, 0], [-np.inf, 0.2], {"n_steps": 10}, ValueError, "needs finite ends"),
        ([1, 0], [0.1, 0.2], {"n_steps": 0}, ValueError, "n_steps must be >= 1"),
        ([1, 0], [0.1, 0.2], {"n_steps": 2.5}, TypeError, "n_steps must be an integer"),
    ],
)
def test_threshold_bad_input_raises(y, p, kwargs, error, match):
    with pytest.raises(error, match=match):
        select_threshold(y, p, **kwargs)


def test_boolean_labels_are_accepted():
    assert select_threshold([True, False], [0.1, 0.2]) == (0.2, 1.0)


# --- the estimator ------------------------------------------------------------------


@pytest.fixture
def servers():
    """Correlated normal data, and a validation set with two kinds of anomalies."""
    gen = np.random.default_rng(7)
    cov = np.array([[1.0, 0.9], [0.9, 1.0]])
    X = gen.multivariate_normal([0.0, 0.0], cov, size=400)
    normal_val = gen.multivariate_normal([0.0, 0.0], cov, size=200)
    # Off the correlation (inside each feature's range) and far out in both.
    anomalies = np.array([[1.5, -1.5], [-1.4, 1.6], [1.2, -1.0], [5.0, 5.0], [-4.5, -5.0]])
    X_val = np.vstack([normal_val, anomalies])
    y_val = np.r_[np.zeros(200, int), np.ones(5, int)]
    return X, X_val, y_val


def test_estimator_stores_hyper_parameters_unchanged():
    model = GaussianAnomalyDetector(covariance="full", reg_covar=0.5)
    assert model.get_params() == {"covariance": "full", "reg_covar": 0.5}
    assert repr(model) == "GaussianAnomalyDetector(covariance='full', reg_covar=0.5)"
    assert repr(GaussianAnomalyDetector()) == "GaussianAnomalyDetector()"
    assert clone(model).get_params() == model.get_params()


@pytest.mark.parametrize("covariance", ["diag", "full"])
def test_fit_sets_attributes_and_returns_self(servers, covariance):
    X, _, _ = servers
    model = GaussianAnomalyDetector(covariance=covariance)
    assert model.fit(X) is model
    mu, S = estimate_gaussian(X, covariance=covariance)
    assert_array_equal(model.mean_, mu)
    assert_array_equal(model.covariance_, S)
    assert model.n_features_in_ == 2
    assert_allclose(model.score_samples(X), log_multivariate_gaussian(X, mu, S), rtol=1e-14)


def test_fit_ignores_y_and_leaves_input_alone(servers):
    X, _, _ = servers
    copy = X.copy()
    a = GaussianAnomalyDetector(covariance="full").fit(X, y=np.zeros(len(X)))
    b = GaussianAnomalyDetector(covariance="full").fit(X)
    assert_array_equal(X, copy)
    assert_array_equal(a.score_samples(X), b.score_samples(X))


@pytest.mark.parametrize("covariance", ["diag", "full"])
def test_fit_threshold_and_predict(servers, covariance):
    X, X_val, y_val = servers
    model = GaussianAnomalyDetector(covariance=covariance).fit(X)
    assert model.fit_threshold(X_val, y_val) is model
    tau, f1 = select_threshold(y_val, model.score_samples(X_val))
    assert model.threshold_ == tau and model.validation_f1_ == f1
    predicted = model.predict(X_val)
    assert predicted.dtype.kind == "i" and set(np.unique(predicted)) <= {0, 1}
    assert_array_equal(predicted, (model.score_samples(X_val) < tau).astype(int))
    assert f1_score(y_val, predicted) == pytest.approx(f1, rel=1e-15)


def test_full_covariance_catches_anomalies_off_the_correlation(servers):
    X, X_val, y_val = servers
    diag = GaussianAnomalyDetector().fit(X).fit_threshold(X_val, y_val)
    full = GaussianAnomalyDetector(covariance="full").fit(X).fit_threshold(X_val, y_val)
    assert full.validation_f1_ == 1.0 > diag.validation_f1_
    assert_array_equal(full.predict(X_val[-5:]), np.ones(5))


def test_refit_forgets_the_old_threshold(servers):
    X, X_val, y_val = servers
    model = GaussianAnomalyDetector().fit(X).fit_threshold(X_val, y_val)
    model.fit(2 * X)
    assert not hasattr(model, "threshold_") and not hasattr(model, "validation_f1_")
    with pytest.raises(NotFittedError, match="fit_threshold"):
        model.predict(X_val)


def test_fit_is_deterministic(servers):
    X, X_val, y_val = servers
    a = GaussianAnomalyDetector(covariance="full").fit(X).fit_threshold(X_val, y_val)
    b = GaussianAnomalyDetector(covariance="full").fit(X).fit_threshold(X_val, y_val)
    assert a.threshold_ == b.threshold_
    assert_array_equal(a.score_samples(X_val), b.score_samples(X_val))


def test_methods_before_fit_raise():
    model = GaussianAnomalyDetector()
    for method, args in [("score_samples", (X_TOY,)), ("predict", (X_TOY,)),
                         ("fit_threshold", (X_TOY, [1, 0, 0]))]:
        with pytest.raises(NotFittedError, match="not fitted yet"):
            getattr(model, method)(*args)


def test_predict_before_fit_threshold_raises(servers):
    X, _, _ = servers
    with pytest.raises(NotFittedError, match=r"no threshold yet\. Call fit_threshold"):
        GaussianAnomalyDetector().fit(X).predict(X)


def test_wrong_number_of_features_raises(servers):
    X, _, _ = servers
    model = GaussianAnomalyDetector().fit(X)
    with pytest.raises(ValueError, match="X has 3 features, but GaussianAnomalyDetector is "
                                         "expecting 2"):
        model.score_samples(np.c_[X, X[:, 0]])


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"covariance": "spherical"}, ValueError, "covariance must be one of 'diag', 'full'"),
        ({"reg_covar": -1.0}, ValueError, "reg_covar must be >= 0"),
        ({"reg_covar": "small"}, TypeError, "reg_covar must be a real number"),
    ],
)
def test_bad_hyper_parameters_raise(params, error, match):
    with pytest.raises(error, match=match):
        GaussianAnomalyDetector(**params).fit(X_TOY)


def test_constant_feature_raises_and_reg_covar_fixes_it():
    X = np.c_[X_TOY, np.full(3, 7.0)]
    for covariance in ("diag", "full"):
        with pytest.raises(ValueError, match="variance of feature 2 is 0.0.*set reg_covar > 0"):
            GaussianAnomalyDetector(covariance=covariance).fit(X)
    model = GaussianAnomalyDetector(reg_covar=0.1).fit(X)
    assert_allclose(model.covariance_, np.r_[SIGMA2_TOY, 0.0] + 0.1, rtol=1e-15)


def test_singular_full_covariance_raises_and_reg_covar_fixes_it(rng):
    X = rng.normal(size=(50, 3))
    copied = np.c_[X, X[:, 0] - 2 * X[:, 2]]  # feature 3 is a combination of 0 and 2
    with pytest.raises(ValueError, match="feature 3 is, up to rounding, a linear combination "
                                         "of features 0 to 2"):
        GaussianAnomalyDetector(covariance="full").fit(copied)
    model = GaussianAnomalyDetector(covariance="full", reg_covar=1e-3).fit(copied)
    _, Sigma = estimate_gaussian(copied, covariance="full")
    assert_allclose(model.covariance_, Sigma + 1e-3 * np.eye(4), rtol=1e-15)
    assert np.all(np.isfinite(model.score_samples(copied)))
    # The diagonal model never looks at the correlation, so it fits the same data.
    GaussianAnomalyDetector().fit(copied)


def test_fewer_examples_than_features_says_so(rng):
    with pytest.raises(ValueError, match="With m = 5 examples and n = 8 features the "
                                         "estimate is always singular"):
        GaussianAnomalyDetector(covariance="full").fit(rng.normal(size=(5, 8)))


def test_fit_threshold_bad_labels_raise(servers):
    X, X_val, y_val = servers
    model = GaussianAnomalyDetector().fit(X)
    with pytest.raises(ValueError, match="no anomaly"):
        model.fit_threshold(X_val, np.zeros_like(y_val))
    with pytest.raises(ValueError, match="X_val has 205 rows .* but y_val has 204"):
        model.fit_threshold(X_val, y_val[:-1])
