"""Solutions of the K-means and image compression lab."""

import numpy as np


def find_closest_centroids(X, centroids):
    D = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)  # (m, K)
    return np.argmin(D, axis=1)


def compute_centroids(X, idx, K):
    counts = np.bincount(idx, minlength=K)  # (K,), N_k
    empty = np.flatnonzero(counts == 0)
    if empty.size:  # the chapter's rule: the farthest examples move to the empty clusters
        means = np.array([X[idx == k].mean(axis=0) if counts[k] else X[0] for k in range(K)])
        d2 = np.sum((X - means[idx]) ** 2, axis=1)  # (m,), to the own cluster's mean
        far = np.lexsort((np.arange(len(X)), -d2))[:empty.size]  # farthest first
        idx = idx.copy()
        idx[far] = empty
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
    distinct = np.unique(X, axis=0)  # (m', n), each value once
    return distinct[rng.permutation(len(distinct))[:K]]
