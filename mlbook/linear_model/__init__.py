"""Linear models: the cost and gradient functions, and the estimators built on them."""

from ._linear import LinearRegression, linear_cost, linear_gradient, normal_equation
from ._logistic import (
    LogisticRegression,
    logistic_cost,
    logistic_gradient,
    softmax_cost,
    softmax_gradient,
)

__all__ = [
    "LinearRegression",
    "LogisticRegression",
    "linear_cost",
    "linear_gradient",
    "logistic_cost",
    "logistic_gradient",
    "normal_equation",
    "softmax_cost",
    "softmax_gradient",
]
