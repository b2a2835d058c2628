"""Solutions of the principal component analysis lab."""

import numpy as np


def covariance_matrix(X):
    return X.T @ X / X.shape[0]


def principal_components(X):
    mu = X.mean(axis=0)
    _, omega, Ut = np.linalg.svd(X - mu, full_matrices=False)
    return mu, Ut.T, omega**2 / X.shape[0]


def project_data(X, U, k):
    return X @ U[:, :k]


def recover_data(Z, U):
    k = Z.shape[1]
    return Z @ U[:, :k].T


def choose_k(d, psi):
    retained = np.cumsum(d) / np.sum(d)
    return int(np.argmax(retained >= psi)) + 1
