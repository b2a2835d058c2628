"""Feed-forward networks of sigmoid units, trained by backpropagation."""

from ._backprop import (
    backpropagate,
    cost_and_gradient,
    debug_weights,
    forward,
    init_weights,
    nn_cost,
    output_delta,
    roll,
    unroll,
)
from ._multilayer_perceptron import MLPClassifier

__all__ = [
    "MLPClassifier",
    "backpropagate",
    "cost_and_gradient",
    "debug_weights",
    "forward",
    "init_weights",
    "nn_cost",
    "output_delta",
    "roll",
    "unroll",
]
