"""Support vector machines: kernels, the SMO solver, and the classifier built on them."""

from ._classes import SVC
from ._kernels import gaussian_kernel, linear_kernel, polynomial_kernel, rbf_kernel

__all__ = ["SVC", "gaussian_kernel", "linear_kernel", "polynomial_kernel", "rbf_kernel"]
