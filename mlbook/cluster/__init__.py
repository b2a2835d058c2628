"""Clustering: K-means (Lloyd's algorithm with k-means++ seeding) and its steps as functions."""

from ._kmeans import KMeans, compute_centroids, find_closest_centroids, kmeans_init

__all__ = ["KMeans", "compute_centroids", "find_closest_centroids", "kmeans_init"]
