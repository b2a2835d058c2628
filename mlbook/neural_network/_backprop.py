r"""Forward propagation, the cost, and backpropagation for sigmoid networks.

Derived in the chapter [Neural networks](../neural-networks/neural-networks.md)
and, for the output layer, on the page
[The output-layer delta](../neural-networks/output-delta.md).

Conventions, as in the text:

- ``weights`` is the list $[\Theta^{(1)}, \dots, \Theta^{(L-1)}]$;
  $\Theta^{(l)}$ maps layer $l$ to layer $l + 1$ and has shape
  $(s_{l+1}, s_l + 1)$, its first column multiplying the bias unit
  $a_0 = 1$.
- ``X`` is $(m, n)$ **without** the column of ones; ``Y`` is one-hot
  $(m, K)$.
- The activations $A^{(l)}$ and weighted inputs $Z^{(l)}$ of all $m$
  examples are dicts keyed by the layer number, as in the text: ``A[1]`` is
  $X$, ``A[L]`` the output, ``Z[l]`` exists for $l = 2, \dots, L$. Row $i$
  is example $i$: ``A[l]`` has shape $(m, s_l)$.

Every unit is a sigmoid. The cross-entropy cost is computed from the
output logits $z^{(L)}$ with softplus, so it is finite for any weights.
"""

import numbers

import numpy as np

# The kernels below get checked input: they use the unchecked g, g' and softplus.
from .._special import _sigmoid as sigmoid
from .._special import _sigmoid_gradient as sigmoid_gradient
from .._special import _softplus as softplus
from .._validation import (
    check_array,
    check_consistent_length,
    check_option,
    check_random_state,
    check_scalar,
)

LOSSES = ("cross_entropy", "squared_error")


# --- validation --------------------------------------------------------------


def _check_layer_sizes(layer_sizes):
    sizes = list(layer_sizes) if not isinstance(layer_sizes, (str, bytes)) else None
    if (sizes is None or len(sizes) < 2
            or not all(isinstance(s, numbers.Integral) and not isinstance(s, bool) and s >= 1
                       for s in sizes)):
        raise ValueError(
            f"layer_sizes must list the units of every layer, input and output included, "
            f"as at least two positive integers, e.g. [64, 25, 10]; got {layer_sizes!r}."
        )
    return [int(s) for s in sizes]


def _check_weights(weights, n_features=None):
    if isinstance(weights, np.ndarray) or not isinstance(weights, (list, tuple)) or not weights:
        raise TypeError(
            "weights must be a non-empty list of matrices [Theta1, Theta2, ...], Theta^(l) "
            "of shape (s_{l+1}, s_l + 1); got "
            f"{type(weights).__name__}. Use init_weights(layer_sizes) to make one."
        )
    weights = [check_array(T, f"weights[{k}]") for k, T in enumerate(weights)]
    for k in range(1, len(weights)):
        if weights[k].shape[1] != weights[k - 1].shape[0] + 1:
            raise ValueError(
                f"weights[{k}] has shape {weights[k].shape}, but weights[{k - 1}] has "
                f"{weights[k - 1].shape[0]} rows (units), so weights[{k}] needs "
                f"{weights[k - 1].shape[0] + 1} columns: one per unit plus the bias."
            )
    if n_features is not None and weights[0].shape[1] != n_features + 1:
        raise ValueError(
            f"weights[0] has shape {weights[0].shape}, so it expects "
            f"{weights[0].shape[1] - 1} features, but X has {n_features} columns. "
            f"Pass X without the column of ones: the bias is the first column of each Theta."
        )
    return weights


def _check_targets(Y, X, weights):
    Y = check_array(Y, "Y")
    check_consistent_length(X, Y, "X", "Y")
    K = weights[-1].shape[0]
    if Y.shape[1] != K:
        raise ValueError(
            f"Y has {Y.shape[1]} columns but the last Theta has {K} rows (output units); "
            f"Y must be one-hot with one column per output unit, e.g. np.eye(K)[y]."
        )
    if Y.min() < 0 or Y.max() > 1:
        raise ValueError(
            f"Y must hold targets in [0, 1] (one-hot), got values from {Y.min()} to "
            f"{Y.max()}. Build it from integer labels y in 0..K-1 with np.eye(K)[y]."
        )
    return Y


def _check_problem(weights, X, Y, lam, loss):
    X = check_array(X, "X")
    weights = _check_weights(weights, X.shape[1])
    Y = _check_targets(Y, X, weights)
    check_scalar(lam, "lam", low=0)
    check_option(loss, "loss", LOSSES)
    return weights, X, Y


# --- initialisation ----------------------------------------------------------


def init_weights(layer_sizes, random_state=None):
    r"""Random weights, uniform in $[-\varepsilon_{\text{init}}, \varepsilon_{\text{init}}]$, equation (4.14).

    $\varepsilon_{\text{init}} = \sqrt{6} / \sqrt{s_l + s_{l+1}}$ for
    $\Theta^{(l)}$, so that every unit starts with a different, small weight
    vector (zero weights would keep all hidden units identical).

    Parameters
    ----------
    layer_sizes : sequence of int
        $[s_1, \dots, s_L]$: the units of every layer, input and output
        included, bias units not counted. ``[64, 25, 10]`` is a network with
        one hidden layer of 25 units.
    random_state : int, numpy Generator or None, default=None
        Seed for ``np.random.default_rng``.

    Returns
    -------
    list of ndarray
        $\Theta^{(l)}$ of shape $(s_{l+1}, s_l + 1)$, $l = 1, \dots, L - 1$.
    """
    sizes = _check_layer_sizes(layer_sizes)
    rng = check_random_state(random_state)
    weights = []
    for s_in, s_out in zip(sizes[:-1], sizes[1:]):
        eps_init = np.sqrt(6) / np.sqrt(s_in + s_out)
        weights.append(rng.uniform(-eps_init, eps_init, size=(s_out, s_in + 1)))
    return weights


def debug_weights(layer_sizes):
    r"""Deterministic weights for gradient checks, as the classic course made them.

    $\Theta^{(l)}$ holds $\sin(1), \sin(2), \dots$ divided by 10, filled
    column by column (as MATLAB's ``reshape`` fills): small, varied, and the
    same on every machine, so a check's printed numbers can be compared.

    Parameters
    ----------
    layer_sizes : sequence of int
        $[s_1, \dots, s_L]$, as for :func:`init_weights`.

    Returns
    -------
    list of ndarray
        $\Theta^{(l)}$ of shape $(s_{l+1}, s_l + 1)$.
    """
    sizes = _check_layer_sizes(layer_sizes)
    weights = []
    for s_in, s_out in zip(sizes[:-1], sizes[1:]):
        values = np.sin(np.arange(1, s_out * (s_in + 1) + 1)) / 10
        weights.append(np.ascontiguousarray(values.reshape((s_out, s_in + 1), order="F")))
    return weights


# --- unrolling: the weights as one vector, for an optimiser ------------------


def unroll(weights):
    r"""All the weights as one vector, $\Theta^{(1)}$ row by row, then $\Theta^{(2)}$, ...

    Optimisers such as L-BFGS work on a single parameter vector; a network's
    parameters are a list of matrices. :func:`roll` undoes this.

    Parameters
    ----------
    weights : list of ndarray
        $\Theta^{(l)}$ of shape $(s_{l+1}, s_l + 1)$.

    Returns
    -------
    ndarray of shape (p,)
        $p = \sum_l s_{l+1}(s_l + 1)$ entries.
    """
    return _unroll(_check_weights(weights))


def _unroll(matrices):
    return np.concatenate([M.ravel() for M in matrices])


def roll(theta, layer_sizes):
    r"""The weight matrices back from :func:`unroll`'s vector, as views of it (no copy).

    Parameters
    ----------
    theta : array_like of shape (p,)
    layer_sizes : sequence of int
        $[s_1, \dots, s_L]$, as for :func:`init_weights`.

    Returns
    -------
    list of ndarray
        $\Theta^{(l)}$ of shape $(s_{l+1}, s_l + 1)$.
    """
    sizes = _check_layer_sizes(layer_sizes)
    shapes = [(s_out, s_in + 1) for s_in, s_out in zip(sizes[:-1], sizes[1:])]
    theta = check_array(theta, "theta", ndim=1)
    p = sum(rows * cols for rows, cols in shapes)
    if theta.shape[0] != p:
        raise ValueError(
            f"theta has {theta.shape[0]} entries, but layer_sizes={sizes} has {p} weights "
            f"(sum of s_(l+1) * (s_l + 1)); pass the vector unroll made for this network."
        )
    return _roll(theta, shapes)


def _roll(theta, shapes):
    matrices, start = [], 0
    for rows, cols in shapes:
        matrices.append(theta[start:start + rows * cols].reshape(rows, cols))
        start += rows * cols
    return matrices


# --- forward propagation -----------------------------------------------------


def forward(weights, X):
    r"""Forward propagation for all $m$ examples at once, equation (4.4).

    $z^{(l+1)} = [\mathbf{1}, a^{(l)}]\,\Theta^{(l)\mathsf{T}}$ and
    $a^{(l+1)} = g(z^{(l+1)})$, starting from $a^{(1)} = X$.

    Parameters
    ----------
    weights : list of ndarray
        $\Theta^{(l)}$ of shape $(s_{l+1}, s_l + 1)$.
    X : array_like of shape (m, n)
        Without the column of ones; $n = s_1$.

    Returns
    -------
    A : dict of int -> ndarray
        $A^{(l)}$ = ``A[l]`` of shape $(m, s_l)$ for $l = 1, \dots, L$;
        ``A[L]`` is the output.
    Z : dict of int -> ndarray
        $Z^{(l)}$ = ``Z[l]`` of shape $(m, s_l)$ for $l = 2, \dots, L$.
    """
    X = check_array(X, "X")
    return _forward(_check_weights(weights, X.shape[1]), X)


# --8<-- [start:forward]
def _forward(weights, X):
    A, Z = {1: X}, {}
    for l, Theta in enumerate(weights, start=1):
        # [1, A] @ Theta.T without copying A to prepend the ones:
        # the bias column Theta[:, 0] is added to every row instead.
        Z[l + 1] = A[l] @ Theta[:, 1:].T + Theta[:, 0]  # (m, s_{l+1}) = (m, s_l) @ (s_l, s_{l+1})
        A[l + 1] = sigmoid(Z[l + 1])
    return A, Z
# --8<-- [end:forward]


# --- the cost ----------------------------------------------------------------


def nn_cost(weights, X, Y, lam=0.0, loss="cross_entropy"):
    r"""The cost of a network, equation (4.5) (cross-entropy) or (4.6) (squared error).

    $$J = \frac{1}{m}\sum_{i=1}^{m}\sum_{k=1}^{K}\Bigl[-Y_{ik}\log a^{(L)}_{ik}
          - (1 - Y_{ik})\log\bigl(1 - a^{(L)}_{ik}\bigr)\Bigr]
          + \frac{\lambda}{2m}\sum_{l=1}^{L-1}\sum_{j=1}^{s_{l+1}}\sum_{k=1}^{s_l}
          \bigl(\Theta^{(l)}_{jk}\bigr)^2$$

    or, with ``loss="squared_error"``, $\frac{1}{2m}\sum_{i,k}(a^{(L)}_{ik} -
    Y_{ik})^2$ plus the same penalty. The bias columns are not penalised.

    Parameters
    ----------
    weights : list of ndarray
        $\Theta^{(l)}$ of shape $(s_{l+1}, s_l + 1)$.
    X : array_like of shape (m, n)
    Y : array_like of shape (m, K)
        One-hot targets.
    lam : float, default=0.0
    loss : {"cross_entropy", "squared_error"}, default="cross_entropy"

    Returns
    -------
    float
    """
    weights, X, Y = _check_problem(weights, X, Y, lam, loss)
    A, Z = _forward(weights, X)
    return float(_cost(weights, A, Z, Y, lam, loss))


# --8<-- [start:cost]
def _cost(weights, A, Z, Y, lam, loss):
    m, L = Y.shape[0], len(weights) + 1
    if loss == "cross_entropy":
        # -y log g(z) - (1 - y) log(1 - g(z)) = softplus(z) - y z: never log(0)
        data = np.sum(softplus(Z[L]) - Y * Z[L])
    else:
        data = 0.5 * np.sum((A[L] - Y) ** 2)
    # No bias columns; lam = 0 means no penalty, even for huge weights (0 * inf is nan).
    penalty = 0.5 * lam * sum(np.sum(Theta[:, 1:] ** 2) for Theta in weights) if lam else 0.0
    return (data + penalty) / m
# --8<-- [end:cost]


# --- backpropagation ---------------------------------------------------------


def output_delta(A, Y, Z, loss="cross_entropy"):
    r"""The error of the output layer, $\Delta^{(L)} = \partial \ell / \partial Z^{(L)}$.

    Row $i$ is $\delta^{(L)}$ of example $i$, the derivative of its loss with
    respect to the output layer's weighted inputs:

    - cross-entropy with sigmoid outputs: $\Delta^{(L)} = A^{(L)} - Y$,
      equation (5.4): the $g'(z)$ of the chain rule cancels;
    - squared error with sigmoid outputs: $\Delta^{(L)} = (A^{(L)} - Y)
      \odot g'(Z^{(L)})$, equation (5.6).

    Parameters
    ----------
    A : array_like of shape (m, K)
        The output activations $A^{(L)} = g(Z^{(L)})$.
    Y : array_like of shape (m, K)
        The one-hot targets.
    Z : array_like of shape (m, K)
        The output layer's weighted inputs $Z^{(L)}$.
    loss : {"cross_entropy", "squared_error"}, default="cross_entropy"

    Returns
    -------
    ndarray of shape (m, K)
    """
    check_option(loss, "loss", LOSSES)
    A, Y, Z = (check_array(v, name) for v, name in ((A, "A"), (Y, "Y"), (Z, "Z")))
    if not A.shape == Y.shape == Z.shape:
        raise ValueError(
            f"A, Y and Z must have the same shape (m, K), got {A.shape}, {Y.shape} and "
            f"{Z.shape}."
        )
    return _output_delta(A, Y, Z, loss)


# --8<-- [start:output-delta]
def _output_delta(A, Y, Z, loss):
    if loss == "cross_entropy":
        return A - Y  # g'(z) cancels against the derivative of the log
    return (A - Y) * sigmoid_gradient(Z)  # squared error keeps g'(z)
# --8<-- [end:output-delta]


def backpropagate(weights, A, Delta_out, lam=0.0):
    r"""The gradient of the cost from the output error, equations (4.11) and (4.12).

    Propagates $\Delta^{(l)} = (\Delta^{(l+1)}\Theta^{(l)}_{:,1:}) \odot
    g'(Z^{(l)})$ from $\Delta^{(L)}$ = ``Delta_out`` down to $l = 2$, and
    returns

    $$\frac{\partial J}{\partial \Theta^{(l)}} = \frac{1}{m}\,
      \Delta^{(l+1)\mathsf{T}}\,[\mathbf{1}, A^{(l)}]
      + \frac{\lambda}{m}\,[\mathbf{0}, \Theta^{(l)}_{:,1:}].$$

    Parameters
    ----------
    weights : list of ndarray
        $\Theta^{(l)}$ of shape $(s_{l+1}, s_l + 1)$.
    A : dict of int -> ndarray
        The activations of :func:`forward`.
    Delta_out : array_like of shape (m, K)
        $\Delta^{(L)}$, usually from :func:`output_delta`.
    lam : float, default=0.0

    Returns
    -------
    list of ndarray
        The gradient, one matrix per $\Theta^{(l)}$, of the same shapes.
    """
    weights = _check_weights(weights)
    L = len(weights) + 1
    if not isinstance(A, dict) or set(A) != set(range(1, L + 1)):
        raise ValueError(
            f"A must be the dict of activations that forward returns, with keys 1..{L} "
            f"for these {L - 1} weight matrices."
        )
    A = {l: check_array(A[l], f"A[{l}]") for l in range(1, L + 1)}  # a copy of the dict
    for l in range(2, L + 1):
        if A[l].shape != (A[1].shape[0], weights[l - 2].shape[0]):
            raise ValueError(
                f"A[{l}] has shape {A[l].shape}, but the weights make layer {l} of "
                f"{weights[l - 2].shape[0]} units for {A[1].shape[0]} examples; pass the A "
                f"that forward returns for these weights."
            )
    Delta_out = check_array(Delta_out, "Delta_out")
    if Delta_out.shape != A[L].shape:
        raise ValueError(
            f"Delta_out has shape {Delta_out.shape} but the output layer A[{L}] has shape "
            f"{A[L].shape}; they must match."
        )
    check_scalar(lam, "lam", low=0)
    return _backpropagate(weights, A, Delta_out, lam)


# --8<-- [start:backpropagate]
def _backpropagate(weights, A, Delta, lam):
    m, L = Delta.shape[0], len(weights) + 1
    grads = [None] * (L - 1)
    for l in range(L - 1, 0, -1):  # l = L-1, ..., 1; Delta is Delta^(l+1)
        Theta = weights[l - 1]
        grad = np.empty_like(Theta)
        grad[:, 0] = Delta.sum(axis=0)  # the bias unit's activation is 1
        grad[:, 1:] = Delta.T @ A[l] + lam * Theta[:, 1:]  # (s_{l+1}, s_l) = (s_{l+1}, m) @ (m, s_l)
        grads[l - 1] = grad / m
        if l > 1:  # Delta^(l); g'(Z^(l)) = A^(l) (1 - A^(l)), already at hand
            Delta = (Delta @ Theta[:, 1:]) * A[l] * (1 - A[l])  # (m, s_l) = (m, s_{l+1}) @ (s_{l+1}, s_l)
    return grads
# --8<-- [end:backpropagate]


def cost_and_gradient(weights, X, Y, lam=0.0, loss="cross_entropy"):
    r"""The cost and its gradient in one forward and one backward pass.

    Parameters
    ----------
    weights : list of ndarray
        $\Theta^{(l)}$ of shape $(s_{l+1}, s_l + 1)$, bias column first.
    X : array_like of shape (m, n)
        Without the column of ones.
    Y : array_like of shape (m, K)
        One-hot targets.
    lam : float, default=0.0
        $\lambda \ge 0$; the bias columns are not penalised.
    loss : {"cross_entropy", "squared_error"}, default="cross_entropy"

    Returns
    -------
    J : float
        :func:`nn_cost`.
    grads : list of ndarray
        $\partial J / \partial \Theta^{(l)}$, shaped like ``weights``.
    """
    weights, X, Y = _check_problem(weights, X, Y, lam, loss)
    return _cost_and_gradient(weights, X, Y, lam, loss)


# --8<-- [start:cost-and-gradient]
def _cost_and_gradient(weights, X, Y, lam, loss):
    L = len(weights) + 1
    A, Z = _forward(weights, X)
    J = _cost(weights, A, Z, Y, lam, loss)
    Delta = _output_delta(A[L], Y, Z[L], loss)  # (m, K)
    return float(J), _backpropagate(weights, A, Delta, lam)
# --8<-- [end:cost-and-gradient]
