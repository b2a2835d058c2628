"""mlbook: the classic machine-learning algorithms, derived and run.

A pure-function core that mirrors the book's equations (costs, gradients),
with scikit-learn-style estimators on top. See the book for the derivations.
"""

from ._special import sigmoid, sigmoid_cross_entropy, sigmoid_gradient, softplus

__version__ = "0.1.0"

__all__ = ["sigmoid", "sigmoid_cross_entropy", "sigmoid_gradient", "softplus", "__version__"]
