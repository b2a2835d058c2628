"""Exceptions and warnings raised by mlbook."""

__all__ = ["ConvergenceWarning", "NotFittedError"]


class NotFittedError(ValueError, AttributeError):
    """Raised when an estimator is used before ``fit``.

    It subclasses both ``ValueError`` and ``AttributeError``, as scikit-learn's
    exception of the same name does, so code written for either catches it.
    """


class ConvergenceWarning(UserWarning):
    """An iterative solver stopped before meeting its tolerance."""
