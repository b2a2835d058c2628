"""Solutions of the logistic regression and one-vs-all lab."""

import numpy as np

from mlbook.optimize import minimize_lbfgs


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def logistic_cost(theta, X, y, lam=0.0):
    m = len(y)
    z = X @ theta  # (m,) logits
    # -log g(z) = log(1 + e^-z) and -log(1 - g(z)) = log(1 + e^z), equation (2.9)
    losses = y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    return (losses.sum() + lam / 2 * theta[1:] @ theta[1:]) / m


def logistic_gradient(theta, X, y, lam=0.0):
    m = len(y)
    grad = X.T @ (sigmoid(X @ theta) - y)
    grad[1:] += lam * theta[1:]
    return grad / m


def one_vs_all(X, y, K, lam):
    Theta = np.zeros((K, X.shape[1]))
    for k in range(K):
        yk = (y == k).astype(float)

        def cost_and_gradient(theta):
            return logistic_cost(theta, X, yk, lam), logistic_gradient(theta, X, yk, lam)

        Theta[k], _ = minimize_lbfgs(cost_and_gradient, np.zeros(X.shape[1]))
    return Theta


def predict_one_vs_all(Theta, X):
    return np.argmax(X @ Theta.T, axis=1)
