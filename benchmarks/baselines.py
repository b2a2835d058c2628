"""What the vectorised backpropagation is measured against.

- :func:`looped_cost_and_gradient`: the classic course's loop over examples
  (forward, output error and backward pass for one example at a time, the
  gradient accumulated as outer products), written with numpy as a reader
  would first write it. It computes the same cost and gradient as
  ``mlbook.neural_network.cost_and_gradient``; the benchmark checks that.
- :func:`matrix_products`: the five matrix products of one vectorised
  evaluation of a one-hidden-layer network, and nothing else: the floor that
  elementwise work and Python can only add to.
"""

import numpy as np

from mlbook import sigmoid, softplus


def looped_cost_and_gradient(Theta1, Theta2, X, Y, lam):
    """Cost and gradient of a 3-layer sigmoid network, one example at a time."""
    m = X.shape[0]
    J = 0.0
    grad1, grad2 = np.zeros_like(Theta1), np.zeros_like(Theta2)
    for i in range(m):
        a1 = np.concatenate(([1.0], X[i]))  # (s1 + 1,), the bias unit first
        z2 = Theta1 @ a1  # (s2,)
        a2 = np.concatenate(([1.0], sigmoid(z2)))  # (s2 + 1,)
        z3 = Theta2 @ a2  # (K,)
        a3 = sigmoid(z3)
        J += np.sum(softplus(z3) - Y[i] * z3)  # cross-entropy from the logits
        delta3 = a3 - Y[i]  # (K,)
        delta2 = (Theta2[:, 1:].T @ delta3) * a2[1:] * (1 - a2[1:])  # (s2,)
        grad2 += np.outer(delta3, a2)  # (K, s2 + 1)
        grad1 += np.outer(delta2, a1)  # (s2, s1 + 1)
    J += lam / 2 * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))
    grad1[:, 1:] += lam * Theta1[:, 1:]
    grad2[:, 1:] += lam * Theta2[:, 1:]
    return J / m, [grad1 / m, grad2 / m]


def matrix_products(Theta1, Theta2, X, A2, Delta3, Delta2):
    """The five products of one evaluation, on operands of the right shapes."""
    Z2 = X @ Theta1[:, 1:].T  # forward, layer 2: (m, s2)
    Z3 = A2 @ Theta2[:, 1:].T  # forward, layer 3: (m, K)
    G2 = Delta3.T @ A2  # gradient of Theta2: (K, s2)
    D2 = Delta3 @ Theta2[:, 1:]  # error sent back to layer 2: (m, s2)
    G1 = Delta2.T @ X  # gradient of Theta1: (s2, n)
    return Z2, Z3, G2, D2, G1
