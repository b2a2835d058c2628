r"""Feature scaling, the column of ones, and polynomial features."""

import numpy as np

from ._validation import check_array, check_is_fitted, check_n_features, check_scalar
from .base import BaseEstimator, TransformerMixin

__all__ = ["StandardScaler", "add_intercept", "map_feature"]


class StandardScaler(TransformerMixin, BaseEstimator):
    r"""Scale each feature to zero mean and unit standard deviation.

    $x_j := (x_j - \mu_j) / s_j$ with $\mu_j$ the mean of column $j$ and
    $s_j = \sqrt{\sum_i (x^{(i)}_j - \mu_j)^2 / (m - \mathrm{ddof})}$.

    Parameters
    ----------
    ddof : int, default=0
        Delta degrees of freedom. ``0`` matches scikit-learn's ``StandardScaler``;
        ``1`` matches MATLAB's ``std``, which the classic course used.
    with_mean : bool, default=True
        Subtract $\mu_j$. ``False`` leaves the mean where it is (scikit-learn's
        parameter of the same name, which its sparse-input checks set).
    with_std : bool, default=True
        Divide by $s_j$. ``False`` only centres.

    Attributes
    ----------
    mean_ : ndarray of shape (n,)
        The means, learned whatever ``with_mean`` says; ``transform`` subtracts
        them only with ``with_mean=True``.
    scale_ : ndarray of shape (n,)
        The standard deviations, with 1.0 in place of a zero one, so that a
        constant column maps to zeros instead of dividing by zero; all 1.0
        with ``with_std=False``.
    n_features_in_ : int

    Notes
    -----
    A constant feature (every value equal, tested exactly) has no spread to
    divide by: it gets ``scale_`` 1.0 and ``mean_`` its value, so the training
    column is transformed to exact zeros, silently, as scikit-learn's
    ``StandardScaler`` transforms it (up to the rounding of its mean). Such a feature carries no
    information; a model that needs invertible $X^\mathsf{T} X$ (the normal
    equation, a full covariance) then says which feature is constant.

    Values of any finite size are accepted: beyond $10^{150}$, where squares
    overflow, the statistics are computed from ``X`` divided by each
    column's largest absolute value, and scaled back, and ``transform``
    divides before it subtracts.
    """

    _one_to_one_features = True  # get_feature_names_out: the input's names

    def __init__(self, ddof=0, with_mean=True, with_std=True):
        self.ddof = ddof
        self.with_mean = with_mean
        self.with_std = with_std

    def fit(self, X, y=None):
        """Learn ``mean_`` and ``scale_`` from ``X`` of shape (m, n); ``y`` is ignored."""
        check_scalar(self.ddof, "ddof", low=0, integer=True)
        for name in ("with_mean", "with_std"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}.")
        X = check_array(X)
        if X.shape[0] <= self.ddof:
            raise ValueError(
                f"X has {X.shape[0]} samples, but ddof={self.ddof} needs more than {self.ddof}."
            )
        largest = np.max(np.abs(X), axis=0)  # (n,)
        if np.max(largest) > 1e150:  # squares would overflow: work in units of the largest
            unit = np.where(largest > 0, largest, 1.0)
            self.mean_ = (X / unit).mean(axis=0) * unit
            std = (X / unit).std(axis=0, ddof=self.ddof) * unit
        else:
            self.mean_ = X.mean(axis=0)
            std = X.std(axis=0, ddof=self.ddof)
        # Test constancy exactly: a column of 0.1s has a rounded mean and so a
        # std of about 1e-17, not 0, and dividing by it would give +-1, not 0.
        constant = np.all(X == X[0], axis=0)  # (n,); max - min could overflow
        # Its mean is its value, exactly (the computed mean may be rounded), so
        # the training column transforms to exact zeros.
        self.mean_ = np.where(constant, X[0], self.mean_)
        self.scale_ = np.where(constant | (std == 0) | (not self.with_std), 1.0, std)
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X):
        """Scale ``X`` of shape (m, n) with the learned mean and scale."""
        check_is_fitted(self, "scale_")
        X = check_array(X)
        check_n_features(self, X)
        mean = self.mean_ if self.with_mean else np.zeros_like(self.mean_)
        if np.max(np.abs(X)) > 1e150:  # X - mean could overflow; the quotients cannot
            return X / self.scale_ - mean / self.scale_
        return (X - mean) / self.scale_

    def inverse_transform(self, X):
        """Map scaled data back to the original units."""
        check_is_fitted(self, "scale_")
        X = check_array(X)
        check_n_features(self, X)
        return X * self.scale_ + (self.mean_ if self.with_mean else 0.0)


def add_intercept(X):
    r"""Prepend the column of ones: the design matrix $[\mathbf{1}, X]$.

    Parameters
    ----------
    X : array_like of shape (m, n)

    Returns
    -------
    ndarray of shape (m, n + 1)
        Column 0 is all ones, so $\theta_0$ acts as the intercept. Stored
        column by column (Fortran order).
    """
    X = check_array(X)
    # Column-major, because the optimisers read X twice per step, as X theta
    # and X^T r: for rows as short as these, BLAS streams a column-major
    # matrix through both products about twice as fast (the performance page).
    Xb = np.empty((X.shape[0], X.shape[1] + 1), order="F")
    Xb[:, 0] = 1.0
    Xb[:, 1:] = X
    return Xb


def map_feature(x1, x2, degree=6):
    r"""All monomials $x_1^{i-j} x_2^{j}$ for $i = 1..\text{degree}$, $j = 0..i$.

    The columns come in that order, without the constant column, so
    ``degree=6`` gives $2 + 3 + \dots + 7 = 27$ columns (add the column of ones
    with :func:`add_intercept`).

    Parameters
    ----------
    x1, x2 : array_like of shape (m,)
    degree : int, default=6

    Returns
    -------
    ndarray of shape (m, degree * (degree + 3) / 2)
    """
    check_scalar(degree, "degree", low=1, integer=True)
    x1 = check_array(x1, "x1", ndim=1)
    x2 = check_array(x2, "x2", ndim=1)
    if x1.shape != x2.shape:
        raise ValueError(f"x1 has {x1.size} entries but x2 has {x2.size}; pass one pair per sample.")
    columns = [x1 ** (i - j) * x2**j for i in range(1, degree + 1) for j in range(i + 1)]
    return np.column_stack(columns)
