r"""What to check, step by step, for each task: the tier between a check's line and the chapter.

Each entry lists the steps of a task with the shape every intermediate result
should have and the slip most often made at that step, naming the equation of
each step. It comes close to the code on purpose: a reader who has followed
the steps and still fails has a shape or a slip to find, not a derivation.
"""

from ._core import HINTS

SHAPES = ("print the .shape of every intermediate array and compare it with the shape given "
          "here; an (m, 1) column next to an (m,) vector broadcasts to (m, m) without an error")

HINTS.update({
    # --- linear regression (chapter 1)
    "linear_cost": [
        "the predictions X @ theta: shape (m,); the residuals r = X @ theta - y: shape (m,)",
        "the data term is r @ r / (2m): one number; (r @ r) is the sum of squares, not "
        "np.sum(r) ** 2",
        "the penalty is lam / (2m) times the sum of theta[1:] ** 2: theta[0] is left out (1.11)",
        SHAPES,
    ],
    "linear_gradient": [
        "the residuals r = X @ theta - y: shape (m,), prediction minus target",
        "the data term is X.T @ r / m: shape (n+1,); X @ r does not fit, X.T does",
        "the penalty adds lam / m * theta to entries 1, ..., n only, entry 0 stays (1.12); "
        "change a copy of theta, never theta itself",
        "a numerical check: (J(theta + h e_j) - J(theta - h e_j)) / (2h) with h = 1e-6 should "
        "agree with your entry j",
    ],
    "gradient_descent": [
        "row 0 of the path is the start theta; each step is theta - alpha * gradient(theta) "
        "(1.7), a new array",
        "append a new array every step (theta = theta - ..., not theta -= ...), or every row "
        "is the same object",
        "num_iters steps give num_iters + 1 rows",
    ],
    "feature_normalize": [
        "mu = the mean of each column, axis=0: shape (n,)",
        "sigma = the standard deviation of each column with ddof=0 (divide by m), shape (n,)",
        "X_norm = (X - mu) / sigma: shape (m, n), each column now mean 0 and spread 1 (1.9)",
    ],
    "normal_equation": [
        "A = X.T @ X + lam * I_0, shape (n+1, n+1), where I_0 is the identity with its "
        "entry (0, 0) set to 0 (1.13)",
        "b = X.T @ y, shape (n+1,)",
        "solve A theta = b with np.linalg.solve (or lstsq when A is singular), rather than "
        "forming the inverse",
    ],
    # --- logistic regression (chapter 2)
    "sigmoid": [
        "g(z) = 1 / (1 + e^(-z)) entry by entry (2.1): the parentheses around 1 + e^(-z) matter",
        "for z = -1000, e^(-z) overflows: np.exp(-np.clip(z, -500, 500)) or scipy's expit "
        "avoid the warning",
        "a number in gives a number out; an array in gives the same shape out",
    ],
    "logistic_cost": [
        "the logits z = X @ theta: shape (m,)",
        "each example costs log(1 + e^(-z)) if y = 1 and log(1 + e^z) if y = 0 (2.9); "
        "np.logaddexp(0, z) is log(1 + e^z) without overflow, and never log(0)",
        "average over the m examples, then add lam / (2m) times the sum of theta[1:] ** 2 "
        "(2.13)",
    ],
    "logistic_gradient": [
        "the residuals g(X @ theta) - y: shape (m,), prediction minus target",
        "X.T @ residuals / m: shape (n+1,)",
        "the penalty adds lam / m * theta[1:] to entries 1, ..., n only (2.14)",
    ],
    "one_vs_all": [
        "for each class k = 0, ..., K-1, the binary targets (y == k) as floats: shape (m,)",
        "train one regularised logistic regression per class with the lam given (your cost "
        "and gradient, or the optimiser the lab provides)",
        "stack the K parameter vectors as rows: shape (K, n+1)",
    ],
    "predict_one_vs_all": [
        "the scores X @ Theta.T: shape (m, K), one column per class",
        "the largest score of each row, np.argmax(..., axis=1): shape (m,), classes 0, ..., K-1",
    ],
    # --- neural networks (chapters 4 and 5)
    "sigmoid_gradient": [
        "compute g = sigmoid(z) first",
        "then g * (1 - g), entry by entry (2.4): the sigmoid applied, not z itself",
    ],
    "forward": [
        "A1 = [1, X]: np.column_stack([np.ones(m), X]), shape (m, n+1), the ones first",
        "Z2 = A1 @ Theta1.T: shape (m, s2); A2 = g(Z2) (4.4)",
        "[1, A2]: shape (m, s2+1); Z3 = [1, A2] @ Theta2.T: shape (m, K); A3 = g(Z3)",
        "return A2 without its column of ones, then A3",
    ],
    "nn_cost": [
        "check forward first: its A2 has shape (m, s2), without the ones",
        "Z3 = [1, A2] @ Theta2.T: shape (m, K)",
        "the data term: the sum over all m * K entries of log(1 + e^z) - y z (2.9), divided "
        "by m only (4.5)",
        "the penalty: lam / (2m) times the squares of Theta1[:, 1:] and Theta2[:, 1:], the "
        "first column (the bias weights) left out",
    ],
    "output_delta": [
        "the shape is (m, K), one row per example",
        "differentiate -y log g(z) - (1 - y) log(1 - g(z)) with respect to z, using "
        "g'(z) = g(z)(1 - g(z)): what is left? (5.4)",
    ],
    "backprop": [
        "forward once: A1 = [1, X] (m, n+1), Z2 (m, s2), A2 = [1, g(Z2)] (m, s2+1), A3 (m, K)",
        "Delta3 = your output_delta: shape (m, K)",
        "Delta2 = (Delta3 @ Theta2[:, 1:]) * g'(Z2): shape (m, s2); the bias column of Theta2 "
        "is dropped, and g' is taken at Z2 (4.10)",
        "grad1 = Delta2.T @ A1 / m: shape (s2, n+1); grad2 = Delta3.T @ A2 / m: shape (K, s2+1)",
        "add lam / m * Theta to every column but the first (4.12)",
    ],
    # --- support vector machines (chapter 6)
    "svm_objective": [
        "the margins y * (X @ w + b): shape (m,)",
        "the hinge losses max(0, 1 - margin): np.maximum, entry by entry, shape (m,)",
        "C times their sum, plus w @ w / 2; b is not penalised (6.2)",
    ],
    "gaussian_kernel": [
        "the squared distance sum((x1 - x2) ** 2): one number",
        "exp(-distance / (2 sigma^2)) (6.16): the 2 and the square of sigma both belong",
    ],
    "gram_matrix": [
        "the squared distances of every pair: X1[:, None, :] - X2[None, :, :] has shape "
        "(m1, m2, n); sum over axis 2 gives (m1, m2)",
        "G = exp(-D / (2 sigma^2)): shape (m1, m2), row i for X1[i] (6.14)",
    ],
    "decision_values": [
        "beta * y: shape (m,), each multiplier with its label",
        "G @ (beta * y) + b: shape (m_new,) (6.18)",
    ],
    "dual_objective": [
        "v = beta * y: shape (m,)",
        "the sum of beta minus one half of v @ G @ v: one number (6.17)",
    ],
    # --- K-means (chapter 7)
    "find_closest_centroids": [
        "the squared distances D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2): "
        "shape (m, K)",
        "idx = np.argmin(D, axis=1): shape (m,), integers; axis=1 takes the smallest over the "
        "K centroids, for each example (7.1)",
    ],
    "compute_centroids": [
        "for each k, the mask idx == k (booleans, not 0/1 integers) selects the examples of "
        "cluster k",
        "their mean over axis 0: shape (n,) (7.6)",
        "an empty cluster: take the means of the other clusters, find the example farthest "
        "from its own cluster's mean, move it into the empty cluster (a copy of idx), then "
        "take all the means again",
    ],
    "distortion": [
        "centroids[idx]: shape (m, n), each example's own centroid (not the nearest one)",
        "the squared distances, summed over axis 1: shape (m,); their mean is J (7.2)",
    ],
    "run_kmeans": [
        "check find_closest_centroids and compute_centroids first",
        "each of the max_iters iterations: idx from the current centroids (7.1), then new "
        "centroids from idx (7.6); both inside the loop",
        "return after the loop, not inside it: (centroids, idx)",
    ],
    "init_centroids": [
        "the distinct rows np.unique(X, axis=0): two equal rows would be two centroids on "
        "one point",
        "a random choice of K of them without replacement, with rng (rng.permutation or "
        "rng.choice(..., replace=False)), never np.random's global functions",
    ],
    # --- PCA (chapter 8)
    "covariance_matrix": [
        "X is centred already; X.T @ X: shape (n, n)",
        "divide by m, not m - 1 (8.4)",
    ],
    "principal_components": [
        "mu = X.mean(axis=0): shape (n,); centre X - mu",
        "the SVD of the centred data: np.linalg.svd(X - mu, full_matrices=False) gives "
        "U_svd, omega, Vt; the directions are the rows of Vt, so U = Vt.T, columns",
        "the variances d = omega ** 2 / m, largest first (8.10)",
    ],
    "project_data": [
        "U[:, :k]: the first k columns, shape (n, k)",
        "Z = X @ U[:, :k]: shape (m, k) (8.11)",
    ],
    "recover_data": [
        "k = Z.shape[1]; U[:, :k]: shape (n, k)",
        "Z @ U[:, :k].T: shape (m, n) (8.12)",
    ],
    "choose_k": [
        "the retained shares np.cumsum(d) / np.sum(d): shape (n,), entry j for k = j + 1",
        "the first k whose share is at least psi (>=), counted from 1 (8.14)",
    ],
    # --- anomaly detection (chapter 9)
    "estimate_gaussian": [
        "mu = X.mean(axis=0): shape (n,), one mean per feature (9.6)",
        "sigma2 = the mean of (X - mu) ** 2 over axis 0, dividing by m: the variances, not "
        "their square roots (9.7)",
    ],
    "gaussian_density": [
        "the factor of each feature exp(-(x - mu)^2 / (2 sigma2)) / sqrt(2 pi sigma2): "
        "shape (m, n); sigma2 is a variance already",
        "the product over the features, axis=1: shape (m,) (9.2)",
    ],
    "log_density": [
        "the log of each factor: -(1/2) (log(2 pi sigma2) + (x - mu)^2 / sigma2), shape (m, n)",
        "their sum over axis 1: shape (m,) (9.16); never form the density itself",
    ],
    "f1_score": [
        "tp = the number of examples with y == 1 and flagged == 1",
        "F1 = 2 tp / (number flagged + number of anomalies) (9.12): no 0/0 when nothing is "
        "flagged",
    ],
    "select_threshold": [
        "the candidates: every distinct density np.unique(p_val), and one above them all "
        "(9.14)",
        "for each candidate tau, flag p_val < tau (strictly) and compute F1",
        "keep the tau with the largest F1, return (tau, f1) in that order",
    ],
})
