"""Dimensionality reduction: principal component analysis.

The plain functions mirror the chapter's equations (the principal directions
of centred data, projecting onto the first $k$ of them, and recovering an
approximation); :class:`PCA` is the scikit-learn-style estimator built on them.
"""

from ._pca import PCA, principal_components, project_data, recover_data

__all__ = ["PCA", "principal_components", "project_data", "recover_data"]
