"""Solutions of the linear regression lab: what a careful reader writes."""

import numpy as np


def linear_cost(theta, X, y, lam=0.0):
    m = len(y)
    residual = X @ theta - y  # (m,)
    return (residual @ residual + lam * theta[1:] @ theta[1:]) / (2 * m)


def linear_gradient(theta, X, y, lam=0.0):
    m = len(y)
    grad = X.T @ (X @ theta - y)  # (n+1,) = (n+1, m) @ (m,)
    grad[1:] += lam * theta[1:]  # no penalty for theta_0
    return grad / m


def gradient_descent(gradient, theta, alpha, num_iters):
    path = [theta]
    for _ in range(num_iters):
        theta = theta - alpha * gradient(theta)  # a new array: the path keeps every step
        path.append(theta)
    return np.array(path)


def feature_normalize(X):
    mu = X.mean(axis=0)
    sigma = X.std(axis=0)
    return (X - mu) / sigma, mu, sigma


def normal_equation(X, y, lam=0.0):
    I0 = np.eye(X.shape[1])
    I0[0, 0] = 0.0
    return np.linalg.solve(X.T @ X + lam * I0, X.T @ y)
