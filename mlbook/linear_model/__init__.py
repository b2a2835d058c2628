"""Linear models: the cost and gradient functions, and the estimators built on them."""

from ._linear import LinearRegression, linear_cost, linear_gradient, normal_equation

__all__ = ["LinearRegression", "linear_cost", "linear_gradient", "normal_equation"]
