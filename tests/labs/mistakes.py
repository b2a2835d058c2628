"""Deliberately wrong solutions: the common mistakes each lab's checks must name.

Each function is registered with the task it attempts and a phrase that its
diagnosis must contain. ``MISTAKES`` lists ``(task, phrase, function)``.
"""

import numpy as np

from mlbook import sigmoid as g
from mlbook.optimize import minimize_lbfgs

MISTAKES = []


def diagnosed(task, phrase):
    def register(function):
        MISTAKES.append((task, phrase, function))
        return function

    return register


# --- linear regression ---------------------------------------------------------------------


@diagnosed("linear_cost", "m times too large")
def cost_without_the_mean(theta, X, y, lam=0.0):
    r = X @ theta - y
    return (r @ r + lam * theta[1:] @ theta[1:]) / 2


@diagnosed("linear_cost", "twice too large")
def cost_without_the_half(theta, X, y, lam=0.0):
    r = X @ theta - y
    return (r @ r + lam * theta[1:] @ theta[1:]) / len(y)


@diagnosed("linear_cost", "regularises theta_0")
def cost_penalising_the_intercept(theta, X, y, lam=0.0):
    r = X @ theta - y
    return (r @ r + lam * theta @ theta) / (2 * len(y))


@diagnosed("linear_cost", "is not regularised")
def cost_ignoring_lam(theta, X, y, lam=0.0):
    r = X @ theta - y
    return r @ r / (2 * len(y))


@diagnosed("linear_cost", "should be one number (a float), but it is an array of shape (1, 1)")
def cost_with_column_vectors(theta, X, y, lam=0.0):
    r = X @ theta[:, None] - y[:, None]  # (m, 1)
    return (r.T @ r + lam * theta[1:] @ theta[1:]) / (2 * len(y))


@diagnosed("linear_cost", "ends without a return statement")
def cost_without_return(theta, X, y, lam=0.0):
    r = X @ theta - y
    (r @ r + lam * theta[1:] @ theta[1:]) / (2 * len(y))


@diagnosed("linear_gradient", "m times too large")
def gradient_without_the_mean(theta, X, y, lam=0.0):
    grad = X.T @ (X @ theta - y)
    grad[1:] += lam * theta[1:]
    return grad


@diagnosed("linear_gradient", "regularises theta_0")
def gradient_penalising_the_intercept(theta, X, y, lam=0.0):
    return (X.T @ (X @ theta - y) + lam * theta) / len(y)


@diagnosed("linear_gradient", "penalty term half what it should be")
def gradient_with_the_costs_half_penalty(theta, X, y, lam=0.0):
    grad = X.T @ (X @ theta - y) / len(y)
    grad[1:] += lam / (2 * len(y)) * theta[1:]
    return grad


@diagnosed("linear_gradient", "penalty term m times too large")
def gradient_with_lam_without_m(theta, X, y, lam=0.0):
    grad = X.T @ (X @ theta - y) / len(y)
    grad[1:] += lam * theta[1:]
    return grad


@diagnosed("logistic_gradient", "penalty term half what it should be")
def logistic_gradient_with_the_costs_half_penalty(theta, X, y, lam=0.0):
    grad = X.T @ (g(X @ theta) - y) / len(y)
    grad[1:] += lam / (2 * len(y)) * theta[1:]
    return grad


@diagnosed("linear_gradient", "residual's sign flipped")
def gradient_with_target_minus_prediction(theta, X, y, lam=0.0):
    grad = X.T @ (y - X @ theta)
    grad[1:] += lam * theta[1:]
    return grad / len(y)


@diagnosed("linear_gradient", "where the flat vector (n+1,) was expected")
def gradient_as_a_column(theta, X, y, lam=0.0):
    grad = X.T @ (X @ theta - y)[:, None] / len(y)  # (n+1, 1)
    grad[1:, 0] += lam / len(y) * theta[1:]
    return grad


@diagnosed("linear_gradient", "changed its argument theta in place")
def gradient_zeroing_theta_0_in_place(theta, X, y, lam=0.0):
    data = X.T @ (X @ theta - y) / len(y)
    theta[0] = 0.0  # "so that theta_0 is not penalised": but this is the caller's theta
    return data + lam / len(y) * theta


@diagnosed("linear_gradient", "raised ValueError")
def gradient_without_the_transpose(theta, X, y, lam=0.0):
    return X @ (X @ theta - y) / len(y)


@diagnosed("gradient_descent", "every row of your path is the same array")
def descent_in_place(gradient, theta, alpha, num_iters):
    theta = theta.copy()
    path = [theta]
    for _ in range(num_iters):
        theta -= alpha * gradient(theta)
        path.append(theta)
    return np.array(path)


@diagnosed("gradient_descent", "climbs the cost")
def descent_uphill(gradient, theta, alpha, num_iters):
    path = [theta]
    for _ in range(num_iters):
        theta = theta + alpha * gradient(theta)
        path.append(theta)
    return np.array(path)


@diagnosed("gradient_descent", "num_iters + 1")
def descent_without_the_start(gradient, theta, alpha, num_iters):
    path = []
    for _ in range(num_iters):
        theta = theta - alpha * gradient(theta)
        path.append(theta)
    return np.array(path)


@diagnosed("feature_normalize", "divides by m - 1")
def normalize_with_the_sample_std(X):
    mu, sigma = X.mean(axis=0), X.std(axis=0, ddof=1)
    return (X - mu) / sigma, mu, sigma


@diagnosed("feature_normalize", "averages each row")
def normalize_the_examples(X):
    mu, sigma = X.mean(axis=1), X.std(axis=1)
    return (X - mu[:, None]) / sigma[:, None], mu, sigma


@diagnosed("normal_equation", "regularises theta_0")
def normal_equation_penalising_the_intercept(X, y, lam=0.0):
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


@diagnosed("normal_equation", "ignores lam")
def normal_equation_ignoring_lam(X, y, lam=0.0):
    return np.linalg.solve(X.T @ X, X.T @ y)


# --- logistic regression and one-vs-all ------------------------------------------------------


@diagnosed("sigmoid", "the sign of the exponent is flipped")
def sigmoid_of_minus_z(z):
    return 1 / (1 + np.exp(np.clip(z, -700, 700)))


@diagnosed("sigmoid", "needs parentheses")
def sigmoid_without_parentheses(z):
    return 1 / 1 + np.exp(-np.clip(z, -700, 700))


@diagnosed("logistic_cost", "log(1 - g(z)) is log 0")
def naive_logistic_cost(theta, X, y, lam=0.0):
    m = len(y)
    h = g(X @ theta)
    J = -(y @ np.log(h) + (1 - y) @ np.log(1 - h)) / m
    return J + lam / (2 * m) * theta[1:] @ theta[1:]


@diagnosed("logistic_cost", "clipping the predictions")
def clipped_logistic_cost(theta, X, y, lam=0.0):
    m = len(y)
    h = np.clip(g(X @ theta), 1e-15, 1 - 1e-15)
    J = -(y @ np.log(h) + (1 - y) @ np.log(1 - h)) / m
    return J + lam / (2 * m) * theta[1:] @ theta[1:]


@diagnosed("logistic_cost", "regularises theta_0")
def logistic_cost_penalising_the_intercept(theta, X, y, lam=0.0):
    z = X @ theta
    return (y @ np.logaddexp(0, -z) + (1 - y) @ np.logaddexp(0, z)
            + lam / 2 * theta @ theta) / len(y)


@diagnosed("logistic_gradient", "is linear regression's gradient")
def logistic_gradient_without_the_sigmoid(theta, X, y, lam=0.0):
    grad = X.T @ (X @ theta - y)
    grad[1:] += lam * theta[1:]
    return grad / len(y)


@diagnosed("logistic_gradient", "regularises theta_0")
def logistic_gradient_penalising_the_intercept(theta, X, y, lam=0.0):
    return (X.T @ (g(X @ theta) - y) + lam * theta) / len(y)


def _binary_fit(X, yk, lam):
    def fun(theta):
        z = X @ theta
        J = (yk @ np.logaddexp(0, -z) + (1 - yk) @ np.logaddexp(0, z)
             + lam / 2 * theta[1:] @ theta[1:]) / len(yk)
        grad = X.T @ (g(z) - yk)
        grad[1:] += lam * theta[1:]
        return J, grad / len(yk)

    return minimize_lbfgs(fun, np.zeros(X.shape[1]))[0]


@diagnosed("one_vs_all", "is the classifier of class 1")
def one_vs_all_from_one(X, y, K, lam):
    return np.array([_binary_fit(X, (y == k + 1).astype(float), lam) for k in range(K)])


@diagnosed("one_vs_all", "minimises the cost without its penalty")
def one_vs_all_unregularised(X, y, K, lam):
    return np.array([_binary_fit(X, (y == k).astype(float), 0.0) for k in range(K)])


@diagnosed("one_vs_all", "the transpose of the expected (K, n+1)")
def one_vs_all_transposed(X, y, K, lam):
    return np.array([_binary_fit(X, (y == k).astype(float), lam) for k in range(K)]).T


@diagnosed("predict_one_vs_all", "taken over the examples")
def predict_over_the_wrong_axis(Theta, X):
    return np.argmax(X @ Theta.T, axis=0)


@diagnosed("predict_one_vs_all", "one too large")
def predict_from_one(Theta, X):
    return np.argmax(X @ Theta.T, axis=1) + 1


# --- neural networks --------------------------------------------------------------------------


@diagnosed("sigmoid_gradient", "is z(1 - z)")
def sigmoid_gradient_of_z(z):
    return z * (1 - z)


def _forward(Theta1, Theta2, X):
    ones = np.ones((X.shape[0], 1))
    Z2 = np.hstack([ones, X]) @ Theta1.T
    A2 = g(Z2)
    Z3 = np.hstack([ones, A2]) @ Theta2.T
    return Z2, A2, Z3, g(Z3)


@diagnosed("forward", "has s_2 + 1")
def forward_keeping_the_bias_column(Theta1, Theta2, X):
    ones = np.ones((X.shape[0], 1))
    A2 = np.hstack([ones, g(np.hstack([ones, X]) @ Theta1.T)])
    return A2, g(A2 @ Theta2.T)


@diagnosed("forward", "see which one needs .T")
def forward_without_the_transposes(Theta1, Theta2, X):
    ones = np.ones((X.shape[0], 1))
    A2 = g(np.hstack([ones, X]) @ Theta1)  # (m, n+1) @ (s2, n+1): no transpose, no fit
    return A2, g(np.hstack([ones, A2]) @ Theta2)


@diagnosed("forward", "is Z^(3)")
def forward_without_the_output_sigmoid(Theta1, Theta2, X):
    _, A2, Z3, _ = _forward(Theta1, Theta2, X)
    return A2, Z3


@diagnosed("nn_cost", "regularises the bias columns")
def nn_cost_penalising_the_biases(Theta1, Theta2, X, Y, lam=0.0):
    m = len(X)
    A3 = _forward(Theta1, Theta2, X)[3]
    data = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
    return data + lam / (2 * m) * (np.sum(Theta1**2) + np.sum(Theta2**2))


@diagnosed("nn_cost", "K times too small")
def nn_cost_averaged_over_the_classes(Theta1, Theta2, X, Y, lam=0.0):
    m = len(X)
    A3 = _forward(Theta1, Theta2, X)[3]
    data = -np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))
    return data + lam / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)) / Y.shape[1]


@diagnosed("output_delta", "multiplies A^(3) - Y by g'(Z^(3))")
def output_delta_with_a_stray_sigmoid_gradient(A3, Y, Z3):
    return (A3 - Y) * g(Z3) * (1 - g(Z3))


@diagnosed("output_delta", "opposite sign")
def output_delta_flipped(A3, Y, Z3):
    return Y - A3


def _gradients(Theta1, Theta2, X, Y, lam, stray=False, slope_of_a=False, bias=False, m_factor=1):
    m = len(X)
    Z2, A2, Z3, A3 = _forward(Theta1, Theta2, X)
    Delta3 = A3 - Y
    if stray:
        Delta3 = Delta3 * A3 * (1 - A3)
    slope = g(A2) * (1 - g(A2)) if slope_of_a else A2 * (1 - A2)
    Delta2 = (Delta3 @ Theta2[:, 1:]) * slope
    ones = np.ones((m, 1))
    grads = []
    for Delta, A, Theta in [(Delta2, X, Theta1), (Delta3, A2, Theta2)]:
        penalty = Theta.copy()
        if not bias:
            penalty[:, 0] = 0.0
        grads.append((Delta.T @ np.hstack([ones, A]) + lam * penalty) / m * m_factor)
    return tuple(grads)


@diagnosed("backprop", "multiplies A^(3) - Y by g'(Z^(3))")
def backprop_with_a_stray_sigmoid_gradient(Theta1, Theta2, X, Y, lam=0.0):
    return _gradients(Theta1, Theta2, X, Y, lam, stray=True)


@diagnosed("backprop", "applies g' to A^(2)")
def backprop_with_the_slope_at_a(Theta1, Theta2, X, Y, lam=0.0):
    return _gradients(Theta1, Theta2, X, Y, lam, slope_of_a=True)


@diagnosed("backprop", "regularises the bias columns")
def backprop_penalising_the_biases(Theta1, Theta2, X, Y, lam=0.0):
    return _gradients(Theta1, Theta2, X, Y, lam, bias=True)


@diagnosed("backprop", "penalty term half what it should be")
def backprop_with_the_costs_half_penalty(Theta1, Theta2, X, Y, lam=0.0):
    return _gradients(Theta1, Theta2, X, Y, lam / 2)


@diagnosed("backprop", "penalty term m times too large")
def backprop_with_lam_without_m(Theta1, Theta2, X, Y, lam=0.0):
    return _gradients(Theta1, Theta2, X, Y, lam * len(X))


@diagnosed("backprop", "returns its values in the wrong order")
def backprop_returning_grad2_first(Theta1, Theta2, X, Y, lam=0.0):
    return _gradients(Theta1, Theta2, X, Y, lam)[::-1]


@diagnosed("backprop", "the transpose of the expected (s_2, n+1)")
def backprop_with_grad1_transposed(Theta1, Theta2, X, Y, lam=0.0):
    grad1, grad2 = _gradients(Theta1, Theta2, X, Y, lam)
    return grad1.T, grad2


@diagnosed("forward", "returns its values in the wrong order")
def forward_returning_the_output_first(Theta1, Theta2, X):
    _, A2, _, A3 = _forward(Theta1, Theta2, X)
    return A3, A2


@diagnosed("nn_cost", "log(1 - A^(3)) is log 0")
def nn_cost_with_the_naive_log(Theta1, Theta2, X, Y, lam=0.0):
    m = len(X)
    A3 = _forward(Theta1, Theta2, X)[3]
    data = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
    return data + lam / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))


@diagnosed("nn_cost", "clipping A^(3)")
def nn_cost_with_clipped_outputs(Theta1, Theta2, X, Y, lam=0.0):
    m = len(X)
    A3 = np.clip(_forward(Theta1, Theta2, X)[3], 1e-12, 1 - 1e-12)
    data = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
    return data + lam / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))


def forward(Theta1, Theta2, X):  # a reader's wrong forward, under the task's name
    _, A2, Z3, _ = _forward(Theta1, Theta2, X)
    return A2, Z3


@diagnosed("nn_cost", "calls your forward, which is not right yet")
def nn_cost_calling_a_wrong_forward(Theta1, Theta2, X, Y, lam=0.0):
    m = len(X)
    A2, _ = forward(Theta1, Theta2, X)
    Z3 = np.column_stack([np.ones(m), A2]) @ Theta2.T
    data = np.sum(np.logaddexp(0, Z3) - Y * Z3) / m
    return data + lam / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))


@diagnosed("backprop", "m times too large")
def backprop_without_the_mean(Theta1, Theta2, X, Y, lam=0.0):
    return _gradients(Theta1, Theta2, X, Y, lam, m_factor=len(X))


# --- support vector machines ---------------------------------------------------------------------


@diagnosed("svm_objective", "without max(0, .)")
def objective_without_the_hinge(w, b, X, y, C):
    return C * np.sum(1 - y * (X @ w + b)) + w @ w / 2


@diagnosed("svm_objective", "penalises the bias")
def objective_penalising_b(w, b, X, y, C):
    return C * np.sum(np.maximum(0, 1 - y * (X @ w + b))) + (w @ w + b**2) / 2


@diagnosed("gaussian_kernel", "scikit-learn's gamma is 1/(2 sigma^2), not 1/sigma^2")
def kernel_with_gamma_one_over_sigma_squared(x1, x2, sigma):
    return np.exp(-np.sum((x1 - x2) ** 2) / sigma**2)


@diagnosed("gram_matrix", "scikit-learn's gamma is 1/(2 sigma^2), not 1/sigma^2")
def gram_with_gamma_one_over_sigma_squared(X1, X2, sigma):
    D2 = ((X1[:, None, :] - X2[None, :, :]) ** 2).sum(axis=2)
    return np.exp(-D2 / sigma**2)


@diagnosed("gram_matrix", "the transpose of the expected (m1, m2)")
def gram_transposed(X1, X2, sigma):
    D2 = ((X2[:, None, :] - X1[None, :, :]) ** 2).sum(axis=2)
    return np.exp(-D2 / (2 * sigma**2))


@diagnosed("decision_values", "leave out the labels")
def decision_without_labels(beta, y, b, G):
    return G @ beta + b


@diagnosed("dual_objective", "no 1/2")
def dual_without_the_half(beta, y, G):
    v = beta * y
    return beta.sum() - v @ G @ v


# --- K-means ----------------------------------------------------------------------------------------


@diagnosed("find_closest_centroids", "taken over the examples")
def closest_over_the_wrong_axis(X, centroids):
    D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return np.argmin(D, axis=0)


@diagnosed("find_closest_centroids", "one too large")
def closest_from_one(X, centroids):
    D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return np.argmin(D, axis=1) + 1


@diagnosed("find_closest_centroids", "the lower index")
def closest_with_ties_to_the_last(X, centroids):
    idx = np.zeros(len(X), dtype=int)
    for i, x in enumerate(X):
        best = np.inf
        for k, c in enumerate(centroids):
            d = np.sum((x - c) ** 2)
            if d <= best:
                best, idx[i] = d, k
    return idx


@diagnosed("compute_centroids", "averages over the examples (axis 0)")
def centroids_from_all_numbers(X, idx, K):
    centroids = np.zeros((K, X.shape[1]))
    for k in range(K):
        centroids[k] = np.mean(X[idx == k])  # the mean of every number of the cluster
    return centroids


@diagnosed("compute_centroids", "the transpose of the expected (K, n)")
def centroids_as_columns(X, idx, K):
    return np.array([X[idx == k].mean(axis=0) for k in range(K)]).T


@diagnosed("compute_centroids", "divides by N_k")
def centroids_as_sums(X, idx, K):
    return np.array([X[idx == k].sum(axis=0) for k in range(K)])


@diagnosed("distortion", "m times too large")
def inertia_for_distortion(X, idx, centroids):
    return np.sum((X - centroids[idx]) ** 2)


@diagnosed("run_kmeans", "one iteration")
def kmeans_one_step_short(X, initial_centroids, max_iters):
    centroids = initial_centroids
    idx = np.zeros(len(X), dtype=int)
    for _ in range(max_iters - 1):
        D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
        idx = np.argmin(D, axis=1)
        centroids = np.array([X[idx == k].mean(axis=0) for k in range(len(centroids))])
    D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return centroids, np.argmin(D, axis=1)


@diagnosed("init_centroids", "two of your centroids are the same point")
def init_with_replacement(X, K, rng):
    distinct = np.unique(X, axis=0)
    return distinct[rng.integers(0, len(distinct), size=K)]


@diagnosed("init_centroids", "two of your centroids are the same point")
def init_with_k_rows_that_may_be_equal(X, K, rng):
    # K different rows, but two rows can hold the same colour: a cluster that empties
    return X[rng.permutation(len(X))[:K]]


@diagnosed("init_centroids", "the same examples for every seed")
def init_with_the_first_examples(X, K, rng):
    return np.unique(X, axis=0)[:K]


@diagnosed("init_centroids", "np.random's global state")
def init_with_the_global_generator(X, K, rng):
    distinct = np.unique(X, axis=0)
    return distinct[np.random.permutation(len(distinct))[:K]]


@diagnosed("init_centroids", "a generator made without a seed")
def init_with_a_fresh_unseeded_generator(X, K, rng):
    distinct = np.unique(X, axis=0)
    return distinct[np.random.default_rng().permutation(len(distinct))[:K]]


def _closest(X, centroids):
    return np.argmin(((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2), axis=1)


def _means(X, idx, K):
    return np.array([X[idx == k].mean(axis=0) for k in range(K)])


@diagnosed("find_closest_centroids", "its dtype is float64")
def closest_filled_into_a_float_array(X, centroids):
    idx = np.zeros(len(X))  # float: np.zeros makes float64 unless told dtype=int
    for k, d in enumerate(_closest(X, centroids)):
        idx[k] = d
    return idx


@diagnosed("find_closest_centroids", "give it the axis")
def closest_without_axis(X, centroids):
    D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return np.argmin(D)


@diagnosed("compute_centroids", "hold nan")
def centroids_without_the_empty_rule(X, idx, K):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.array([X[idx == k].sum(axis=0) / np.sum(idx == k) for k in range(K)])


@diagnosed("compute_centroids", "leaves that example's old cluster as it was")
def centroids_with_the_farthest_example_not_relabelled(X, idx, K):
    counts = np.bincount(idx, minlength=K)
    means = np.array([X[idx == k].mean(axis=0) if counts[k] else X[0] for k in range(K)])
    d2 = np.sum((X - means[idx]) ** 2, axis=1)
    far = np.lexsort((np.arange(len(X)), -d2))
    for k, i in zip(np.flatnonzero(counts == 0), far):
        means[k] = X[i]
    return means


@diagnosed("compute_centroids", "are not the chapter's")
def centroids_reseeded_at_the_first_example(X, idx, K):
    counts = np.bincount(idx, minlength=K)
    return np.array([X[idx == k].mean(axis=0) if counts[k] else X[0] for k in range(K)])


@diagnosed("distortion", "ignores idx")
def distortion_to_the_nearest_centroid(X, idx, centroids):
    D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)  # (m, K)
    return np.mean(D.min(axis=1))


@diagnosed("run_kmeans", "after the first iteration, whatever max_iters is")
def kmeans_returning_inside_the_loop(X, initial_centroids, max_iters):
    centroids = initial_centroids
    for _ in range(max_iters):
        idx = _closest(X, centroids)
        centroids = _means(X, idx, len(centroids))
        return centroids, idx


@diagnosed("run_kmeans", "after the first iteration, whatever max_iters is")
def kmeans_assigning_once_before_the_loop(X, initial_centroids, max_iters):
    centroids = initial_centroids
    idx = _closest(X, centroids)
    for _ in range(max_iters):
        centroids = _means(X, idx, len(centroids))
    return centroids, idx


@diagnosed("run_kmeans", "returns its values in the wrong order")
def kmeans_returning_idx_first(X, initial_centroids, max_iters):
    centroids = initial_centroids
    for _ in range(max_iters):
        idx = _closest(X, centroids)
        centroids = _means(X, idx, len(centroids))
    return idx, centroids


def find_closest_centroids(X, centroids):  # a reader's wrong helper, under the task's name
    return _closest(X, centroids) + 1


@diagnosed("run_kmeans", "calls your find_closest_centroids, which is not right yet")
def kmeans_calling_a_wrong_helper(X, initial_centroids, max_iters):
    centroids = initial_centroids
    for _ in range(max_iters):
        idx = find_closest_centroids(X, centroids)
        centroids = _means(X, idx, len(centroids))
    return centroids, idx


# --- principal component analysis -------------------------------------------------------------------


@diagnosed("covariance_matrix", "is (m, m)")
def covariance_of_the_examples(X):
    return X @ X.T / X.shape[0]


@diagnosed("covariance_matrix", "divides by m - 1")
def covariance_unbiased(X):
    return np.cov(X, rowvar=False)


@diagnosed("principal_components", "without centring")
def pca_without_centring(X):
    _, omega, Ut = np.linalg.svd(X, full_matrices=False)
    return X.mean(axis=0), Ut.T, omega**2 / len(X)


@diagnosed("principal_components", "increasing order")
def pca_from_eigh(X):
    mu = X.mean(axis=0)
    d, U = np.linalg.eigh((X - mu).T @ (X - mu) / len(X))  # ascending
    return mu, U, d


@diagnosed("principal_components", "as rows")
def pca_directions_as_rows(X):
    mu = X.mean(axis=0)
    _, omega, Ut = np.linalg.svd(X - mu, full_matrices=False)
    return mu, Ut, omega**2 / len(X)


@diagnosed("principal_components", "singular values")
def pca_with_singular_values(X):
    mu = X.mean(axis=0)
    _, omega, Ut = np.linalg.svd(X - mu, full_matrices=False)
    return mu, Ut.T, omega


@diagnosed("project_data", "first k rows of U")
def project_with_rows(X, U, k):
    return X @ U[:k].T


@diagnosed("choose_k", "one too small")
def choose_k_zero_based(d, psi):
    return int(np.argmax(np.cumsum(d) / np.sum(d) >= psi))


@diagnosed("choose_k", "at least psi (>=)")
def choose_k_strictly_above(d, psi):
    return int(np.argmax(np.cumsum(d) / np.sum(d) > psi)) + 1


# --- anomaly detection ----------------------------------------------------------------------------------


@diagnosed("estimate_gaussian", "divides by m - 1")
def estimate_unbiased(X):
    return X.mean(axis=0), X.var(axis=0, ddof=1)


@diagnosed("estimate_gaussian", "standard deviations")
def estimate_the_standard_deviation(X):
    return X.mean(axis=0), X.std(axis=0)


@diagnosed("gaussian_density", "treats sigma2 as a standard deviation")
def density_with_sigma2_squared(X, mu, sigma2):
    factors = np.exp(-(X - mu) ** 2 / (2 * sigma2**2)) / np.sqrt(2 * np.pi * sigma2**2)
    return np.prod(factors, axis=1)


@diagnosed("log_density", "underflowed to 0")
def log_of_the_density(X, mu, sigma2):
    factors = np.exp(-(X - mu) ** 2 / (2 * sigma2)) / np.sqrt(2 * np.pi * sigma2)
    return np.log(np.prod(factors, axis=1))


@diagnosed("f1_score", "is nan")
def f1_from_precision_and_recall(y, flagged):
    tp = np.sum((y == 1) & (flagged == 1))
    precision = tp / np.sum(flagged == 1)
    recall = tp / np.sum(y == 1)
    return 2 * precision * recall / (precision + recall)


@diagnosed("f1_score", "is the accuracy")
def f1_as_accuracy(y, flagged):
    return np.mean(y == flagged)


def _f1(y, flagged):
    tp = np.sum((y == 1) & (flagged == 1))
    return 2 * tp / (np.sum(flagged == 1) + np.sum(y == 1))


@diagnosed("select_threshold", "evenly spaced (9.15) or log-spaced")
def threshold_on_the_course_grid(y_val, p_val):
    best_tau, best_f1 = None, -1.0
    for tau in np.linspace(p_val.min(), p_val.max(), 1001):
        f1 = _f1(y_val, (p_val < tau).astype(int))
        if f1 > best_f1:
            best_tau, best_f1 = tau, f1
    return best_tau, best_f1


@diagnosed("select_threshold", "p <= tau")
def threshold_flagging_equal_values(y_val, p_val):
    best_tau, best_f1 = None, -1.0
    for tau in np.unique(p_val):
        f1 = _f1(y_val, (p_val <= tau).astype(int))
        if f1 > best_f1:
            best_tau, best_f1 = tau, f1
    return best_tau, best_f1


@diagnosed("select_threshold", "evenly spaced (9.15) or log-spaced")
def threshold_on_a_log_grid(y_val, p_val):
    best_tau, best_f1 = None, -1.0
    for tau in np.geomspace(p_val.min(), p_val.max(), 1000):
        f1 = _f1(y_val, (p_val < tau).astype(int))
        if f1 > best_f1:
            best_tau, best_f1 = tau, f1
    return best_tau, best_f1


@diagnosed("select_threshold", "returns its values in the wrong order")
def threshold_returning_f1_first(y_val, p_val):
    best_tau, best_f1 = None, -1.0
    for tau in np.append(np.unique(p_val), np.inf):
        f1 = _f1(y_val, (p_val < tau).astype(int))
        if f1 > best_f1:
            best_tau, best_f1 = tau, f1
    return best_f1, best_tau


@diagnosed("estimate_gaussian", "returns its values in the wrong order")
def estimate_returning_sigma2_first(X):
    return X.var(axis=0), X.mean(axis=0)


# --- structural mistakes: a ratio to the right value exists, but no constant of the task gives it

STRUCTURE = "check the shape of every intermediate result"


@diagnosed("linear_cost", STRUCTURE)
def cost_squaring_the_sum(theta, X, y, lam=0.0):
    r = X @ theta - y
    return (np.sum(r) ** 2 + lam * theta[1:] @ theta[1:]) / (2 * len(y))


@diagnosed("linear_cost", "an (m, 1) column against an (m,) vector broadcasts to (m, m)")
def cost_with_y_as_a_column(theta, X, y, lam=0.0):
    r = X @ theta - y[:, None]  # (m,) - (m, 1) broadcasts to (m, m)
    return (np.sum(r**2) / len(y) + lam * theta[1:] @ theta[1:] / len(y)) / 2


@diagnosed("nn_cost", "* against @")
def nn_cost_with_a_matrix_product(Theta1, Theta2, X, Y, lam=0.0):
    m = len(X)
    _, A2, Z3, _ = _forward(Theta1, Theta2, X)
    data = np.sum(np.logaddexp(0, Z3)) - np.sum(Y @ Z3.T)  # (m, K) @ (K, m): every pair
    return data / m + lam / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))


@diagnosed("nn_cost", "which rows or columns each slice keeps")
def nn_cost_dropping_a_row_from_the_penalty(Theta1, Theta2, X, Y, lam=0.0):
    m = len(X)
    Z3 = _forward(Theta1, Theta2, X)[2]
    data = np.sum(np.logaddexp(0, Z3) - Y * Z3) / m
    return data + lam / (2 * m) * (np.sum(Theta1[1:] ** 2) + np.sum(Theta2[1:] ** 2))


@diagnosed("compute_centroids", STRUCTURE)
def centroids_with_an_integer_mask(X, idx, K):
    return np.array([X[(idx == k).astype(int)].mean(axis=0) for k in range(K)])


@diagnosed("find_closest_centroids", ", the first at index")
def closest_by_the_largest_coordinate_gap(X, centroids):
    return np.argmin(np.abs(X[:, None, :] - centroids[None, :, :]).max(axis=2), axis=1)


# --- shortcuts: code that skips the task's defining step; every check must fail each one

SHORTCUTS = []


def shortcut(task):
    def register(function):
        SHORTCUTS.append((task, function))
        return function

    return register


@shortcut("linear_cost")
def cost_without_its_penalty(theta, X, y, lam=0.0):
    r = X @ theta - y
    return r @ r / (2 * len(y))


@shortcut("linear_gradient")
def gradient_without_its_penalty(theta, X, y, lam=0.0):
    return X.T @ (X @ theta - y) / len(y)


@shortcut("gradient_descent")
def descent_that_never_steps(gradient, theta, alpha, num_iters):
    return np.array([theta] * (num_iters + 1))


@shortcut("feature_normalize")
def normalize_by_the_range(X):
    mu, spread = X.mean(axis=0), X.max(axis=0) - X.min(axis=0)
    return (X - mu) / spread, mu, spread


@shortcut("normal_equation")
def least_squares_ignoring_the_penalty(X, y, lam=0.0):
    return np.linalg.lstsq(X, y, rcond=None)[0]


@shortcut("sigmoid")
def sigmoid_as_a_clipped_line(z):
    return np.clip(0.5 + np.asarray(z) / 4, 0.0, 1.0)


@shortcut("logistic_cost")
def logistic_cost_from_the_probabilities(theta, X, y, lam=0.0):
    return naive_logistic_cost(theta, X, y, lam)


@shortcut("logistic_gradient")
def logistic_gradient_of_the_linear_model(theta, X, y, lam=0.0):
    return logistic_gradient_without_the_sigmoid(theta, X, y, lam)


@shortcut("one_vs_all")
def one_vs_all_with_ten_steps(X, y, K, lam):
    Theta = np.zeros((K, X.shape[1]))
    for _ in range(10):  # a few steps of gradient descent, not the minimiser
        for k in range(K):
            Theta[k] -= X.T @ (g(X @ Theta[k]) - (y == k)) / len(y)
    return Theta


@shortcut("predict_one_vs_all")
def predict_the_first_class(Theta, X):
    return np.zeros(len(X), dtype=int)


@shortcut("sigmoid_gradient")
def sigmoid_gradient_at_zero(z):
    return np.full_like(np.asarray(z, dtype=float), 0.25)


@shortcut("forward")
def forward_without_the_sigmoids(Theta1, Theta2, X):
    ones = np.ones((X.shape[0], 1))
    Z2 = np.hstack([ones, X]) @ Theta1.T
    return Z2, np.hstack([ones, Z2]) @ Theta2.T


@shortcut("nn_cost")
def nn_cost_without_its_penalty(Theta1, Theta2, X, Y, lam=0.0):
    Z3 = _forward(Theta1, Theta2, X)[2]
    return np.sum(np.logaddexp(0, Z3) - Y * Z3) / len(X)


@shortcut("output_delta")
def output_delta_without_the_targets(A3, Y, Z3):
    return A3


@shortcut("backprop")
def backprop_of_the_output_layer_only(Theta1, Theta2, X, Y, lam=0.0):
    grad1, grad2 = _gradients(Theta1, Theta2, X, Y, lam)
    return np.zeros_like(grad1), grad2


@shortcut("svm_objective")
def objective_of_the_margin_only(w, b, X, y, C):
    return w @ w / 2


@shortcut("gaussian_kernel")
def linear_kernel(x1, x2, sigma):
    return float(x1 @ x2)


@shortcut("gram_matrix")
def gram_of_inner_products(X1, X2, sigma):
    return np.exp(-np.abs(X1 @ X2.T) / (2 * sigma**2))


@shortcut("decision_values")
def decision_of_the_bias_only(beta, y, b, G):
    return np.full(G.shape[0], float(b))


@shortcut("dual_objective")
def dual_without_the_quadratic_term(beta, y, G):
    return float(np.sum(beta))


@shortcut("find_closest_centroids")
def closest_by_the_first_feature(X, centroids):
    return np.argmin(np.abs(X[:, :1] - centroids[:, 0][None, :]), axis=1)


@shortcut("compute_centroids")
def centroids_as_medians(X, idx, K):
    return np.array([np.median(X[idx == k], axis=0) if np.any(idx == k) else X[0]
                     for k in range(K)])


@shortcut("distortion")
def distortion_ignoring_the_assignment(X, idx, centroids):
    return distortion_to_the_nearest_centroid(X, idx, centroids)


@shortcut("run_kmeans")
def kmeans_of_one_iteration(X, initial_centroids, max_iters):
    return kmeans_returning_inside_the_loop(X, initial_centroids, max_iters)


@shortcut("init_centroids")
def init_from_the_first_rows(X, K, rng):
    return init_with_the_first_examples(X, K, rng)


@shortcut("covariance_matrix")
def covariance_of_the_variances_only(X):
    return np.diag(np.mean(X**2, axis=0))


@shortcut("principal_components")
def pca_along_the_axes(X):
    mu = X.mean(axis=0)
    var = X.var(axis=0)
    order = np.argsort(-var, kind="stable")
    return mu, np.eye(X.shape[1])[:, order], var[order]


@shortcut("project_data")
def project_by_keeping_the_first_features(X, U, k):
    return X[:, :k]


@shortcut("recover_data")
def recover_by_padding_with_zeros(Z, U):
    return np.column_stack([Z, np.zeros((len(Z), U.shape[0] - Z.shape[1]))])


@shortcut("choose_k")
def choose_every_component(d, psi):
    return len(d)


@shortcut("estimate_gaussian")
def estimate_with_the_median(X):
    return np.median(X, axis=0), X.var(axis=0)


@shortcut("gaussian_density")
def density_of_the_first_feature(X, mu, sigma2):
    return np.exp(-(X[:, 0] - mu[0]) ** 2 / (2 * sigma2[0])) / np.sqrt(2 * np.pi * sigma2[0])


@shortcut("log_density")
def log_density_by_taking_the_log(X, mu, sigma2):
    return log_of_the_density(X, mu, sigma2)


@shortcut("f1_score")
def f1_by_the_accuracy(y, flagged):
    return f1_as_accuracy(y, flagged)


@shortcut("select_threshold")
def threshold_by_a_grid_search(y_val, p_val):
    return threshold_on_a_log_grid(y_val, p_val)


@diagnosed("feature_normalize", "it returns (mu, sigma, X_norm)")
def normalize_returning_the_statistics_first(X):
    mu, sigma = X.mean(axis=0), X.std(axis=0)
    return mu, sigma, (X - mu) / sigma


@diagnosed("principal_components", "it returns (mu, d, U)")
def pca_returning_the_variances_before_the_directions(X):
    mu = X.mean(axis=0)
    _, omega, Ut = np.linalg.svd(X - mu, full_matrices=False)
    return mu, omega**2 / len(X), Ut.T
