"""Solutions of the K-means and image compression lab."""

import numpy as np


def find_closest_centroids(X, centroids):
    D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)  # (m, K)
    return np.argmin(D, axis=1)


def compute_centroids(X, idx, K):
    return np.array([X[idx == k].mean(axis=0) for k in range(K)])


def distortion(X, idx, centroids):
    return np.mean(np.sum((X - centroids[idx]) ** 2, axis=1))


def run_kmeans(X, initial_centroids, max_iters):
    centroids = initial_centroids
    for _ in range(max_iters):
        idx = find_closest_centroids(X, centroids)
        centroids = compute_centroids(X, idx, len(centroids))
    return centroids, idx


def init_centroids(X, K, rng):
    return X[rng.permutation(len(X))[:K]]
