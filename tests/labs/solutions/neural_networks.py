"""Solutions of the neural network lab."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_gradient(z):
    g = sigmoid(z)
    return g * (1 - g)


def forward(Theta1, Theta2, X):
    m = X.shape[0]
    A2 = sigmoid(np.column_stack([np.ones(m), X]) @ Theta1.T)  # (m, s2)
    A3 = sigmoid(np.column_stack([np.ones(m), A2]) @ Theta2.T)  # (m, K)
    return A2, A3


def nn_cost(Theta1, Theta2, X, Y, lam=0.0):
    m = X.shape[0]
    A2, _ = forward(Theta1, Theta2, X)
    Z3 = np.column_stack([np.ones(m), A2]) @ Theta2.T  # (m, K)
    # -y log g(z) - (1 - y) log(1 - g(z)) = log(1 + e^z) - y z: never log(0)
    data = np.sum(np.logaddexp(0, Z3) - Y * Z3) / m
    penalty = np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2)
    return data + lam / (2 * m) * penalty


def output_delta(A3, Y, Z3):
    return A3 - Y  # the g'(z) of the chain rule cancels (5.4)


def backprop(Theta1, Theta2, X, Y, lam=0.0):
    m = X.shape[0]
    A1 = np.column_stack([np.ones(m), X])  # (m, n+1)
    Z2 = A1 @ Theta1.T
    A2 = np.column_stack([np.ones(m), sigmoid(Z2)])  # (m, s2+1)
    Z3 = A2 @ Theta2.T
    Delta3 = output_delta(sigmoid(Z3), Y, Z3)  # (m, K)
    Delta2 = (Delta3 @ Theta2[:, 1:]) * sigmoid_gradient(Z2)  # (m, s2)
    grad1 = Delta2.T @ A1 / m
    grad2 = Delta3.T @ A2 / m
    grad1[:, 1:] += lam / m * Theta1[:, 1:]
    grad2[:, 1:] += lam / m * Theta2[:, 1:]
    return grad1, grad2
