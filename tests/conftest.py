"""Shared fixtures. Every random number comes from a seeded generator."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    """A fresh generator with a fixed seed, so every test is reproducible."""
    return np.random.default_rng(0)


@pytest.fixture
def regression_data():
    """A small noisy linear problem: ``X`` (m=50, n=3), ``y`` (50,), the true ``theta``.

    ``theta`` is ``[intercept, coef_1, coef_2, coef_3]``; the noise keeps the
    least-squares fit away from an exact (zero-cost) solution.
    """
    gen = np.random.default_rng(42)
    X = gen.normal(size=(50, 3))  # (m, n)
    theta = np.array([1.5, 2.0, -3.0, 0.5])
    y = theta[0] + X @ theta[1:] + 0.1 * gen.normal(size=50)  # (m,)
    return X, y, theta
