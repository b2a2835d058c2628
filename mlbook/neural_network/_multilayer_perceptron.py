r"""A classifier made of a sigmoid network, trained with L-BFGS.

Derived in the chapter [Neural networks](../neural-networks/neural-networks.md).
"""

import numbers

import numpy as np

from .._special import _softplus as softplus
from .._threads import one_blas_thread
from .._validation import (
    check_array,
    check_classes,
    check_consistent_length,
    check_is_fitted,
    check_n_features,
    check_option,
    check_scalar,
    check_scale,
)
from ..base import BaseEstimator, ClassifierMixin
from ..optimize import minimize_lbfgs
from ._backprop import LOSSES, _cost_and_gradient, _forward, _roll, _unroll, init_weights


class MLPClassifier(ClassifierMixin, BaseEstimator):
    r"""A feed-forward network of sigmoid units, with one output unit per class.

    Minimises :func:`mlbook.neural_network.nn_cost` with L-BFGS
    (:func:`mlbook.optimize.minimize_lbfgs`), from random weights
    (:func:`mlbook.neural_network.init_weights`), with the gradient from
    backpropagation (:func:`mlbook.neural_network.cost_and_gradient`).

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=(25,)
        The units of each hidden layer; ``()`` gives no hidden layer
        (one-vs-all logistic regression, trained jointly).
    lam : float, default=1.0
        The L2 penalty $\lambda \ge 0$ on every weight but the biases.
        scikit-learn's ``MLPClassifier(alpha=lam)`` penalises its weights the
        same way (see the chapter).
    loss : {"cross_entropy", "squared_error"}, default="cross_entropy"
    max_iter : int, default=1000
        The most L-BFGS iterations; reaching it raises a ``ConvergenceWarning``.
    tol : float, default=1e-5
        L-BFGS stops once an iteration lowers the cost by less than ``tol``
        relative to ``max(J, 1)``, or every gradient entry is below ``tol``.
    random_state : int, numpy Generator or None, default=None
        Seed for the initial weights.

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
        The labels seen in ``fit``; output unit $k$ stands for ``classes_[k]``.
    coefs_ : list of ndarray
        $\Theta^{(l)}$ of shape $(s_{l+1}, s_l + 1)$, bias column first.
        (scikit-learn's ``coefs_[l]`` is ``coefs_[l][:, 1:].T`` here and its
        ``intercepts_[l]`` is ``coefs_[l][:, 0]``.)
    n_layers_ : int
        $L$, input and output layers included.
    n_iter_ : int
        L-BFGS iterations made.
    cost_history_ : ndarray of shape (n_iter_ + 1,)
        The training cost at the start and after each iteration.
    n_features_in_ : int

    Examples
    --------
    See the [neural network chapter](../neural-networks/neural-networks.md).
    """

    def __init__(self, hidden_layer_sizes=(25,), lam=1.0, loss="cross_entropy", max_iter=1000,
                 tol=1e-5, random_state=None):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.lam = lam
        self.loss = loss
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _check_params(self):
        hidden = self.hidden_layer_sizes
        if isinstance(hidden, numbers.Integral) and not isinstance(hidden, bool):
            hidden = (hidden,)
        if (not isinstance(hidden, (tuple, list))
                or not all(isinstance(s, numbers.Integral) and not isinstance(s, bool) and s >= 1
                           for s in hidden)):
            raise ValueError(
                f"hidden_layer_sizes must be a tuple of positive integers, one per hidden "
                f"layer, e.g. (25,) or (25, 10); got {self.hidden_layer_sizes!r}."
            )
        check_scalar(self.lam, "lam", low=0)
        check_option(self.loss, "loss", LOSSES)
        check_scalar(self.max_iter, "max_iter", low=1, integer=True)
        check_scalar(self.tol, "tol", low=0, include_low=False)
        return [int(s) for s in hidden]

    @one_blas_thread
    def fit(self, X, y):
        """Learn the weights from ``X`` (m, n), without the column of ones, and labels ``y`` (m,).

        There is no ``sample_weight``: the chapter derives backpropagation for
        the unweighted cost, and a weighted one would scale each example's
        error term in every layer, a derivation the book does not make.
        """
        hidden = self._check_params()
        X = check_scale(check_array(X))
        classes, y_index = check_classes(y)
        check_consistent_length(X, y_index)
        K = len(classes)
        Y = np.eye(K)[y_index]  # (m, K), one-hot
        weights = init_weights([X.shape[1], *hidden, K], self.random_state)
        shapes = [Theta.shape for Theta in weights]
        lam, loss = self.lam, self.loss

        def cost_and_gradient(theta):  # L-BFGS works on one unrolled vector
            J, grads = _cost_and_gradient(_roll(theta, shapes), X, Y, lam, loss)
            return J, _unroll(grads)

        theta, costs = minimize_lbfgs(cost_and_gradient, _unroll(weights), self.max_iter, self.tol)
        self.classes_ = classes
        self.coefs_ = [Theta.copy() for Theta in _roll(theta, shapes)]
        self.n_layers_ = len(shapes) + 1
        self.n_iter_ = len(costs) - 1
        self.cost_history_ = costs
        self.n_features_in_ = X.shape[1]
        return self

    def _output_logits(self, X):
        check_is_fitted(self, "coefs_")
        X = check_array(X)
        check_n_features(self, X)
        _, Z = _forward(self.coefs_, X)
        return Z[self.n_layers_]  # (m, K), Z^(L)

    def predict_proba(self, X):
        r"""Class probabilities of shape (m, K), columns in the order of ``classes_``.

        The $K$ sigmoid outputs $a^{(L)}_k = g(z^{(L)}_k)$ estimate each
        class's probability separately; they are divided by their sum so that
        each row sums to 1, and the largest stays the largest. The division is
        done in log space, so a row whose outputs all underflow to 0 is still
        a distribution.
        """
        log_a = -softplus(-self._output_logits(X))  # log g(z), (m, K)
        A = np.exp(log_a - log_a.max(axis=1, keepdims=True))
        return A / A.sum(axis=1, keepdims=True)

    def predict(self, X):
        """The class of the largest output unit, as a label from ``classes_``."""
        # g is increasing: the largest logit is the largest output, and it
        # stays distinguishable where several outputs round to 1.0.
        Z_out = self._output_logits(X)  # checks that the model is fitted
        return self.classes_[np.argmax(Z_out, axis=1)]
