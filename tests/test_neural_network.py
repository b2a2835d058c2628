"""Forward propagation, the costs, backpropagation and MLPClassifier (mlbook.neural_network)."""

import numpy as np
import pytest
import sklearn.datasets
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.model_selection import train_test_split

from mlbook import sigmoid, sigmoid_gradient
from mlbook.base import clone
from mlbook.exceptions import NotFittedError
from mlbook.gradcheck import numerical_gradient, relative_error
from mlbook.linear_model import LogisticRegression, logistic_cost
from mlbook.neural_network import (
    MLPClassifier,
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
from mlbook.preprocessing import add_intercept

LOSSES = ["cross_entropy", "squared_error"]


def problem(sizes, m=7, seed=0):
    gen = np.random.default_rng(seed)
    X = gen.normal(size=(m, sizes[0]))
    Y = np.eye(sizes[-1])[gen.integers(0, sizes[-1], m)]
    return init_weights(sizes, seed), X, Y


@pytest.fixture(scope="module")
def digits():
    data = sklearn.datasets.load_digits()
    return train_test_split(data.data / 16, data.target, test_size=0.25,
                            stratify=data.target, random_state=0)


# --- gradient checks ---------------------------------------------------------------


@pytest.mark.parametrize("sizes", [[3, 5, 3], [4, 6, 5, 3], [2, 4]], ids=str)
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("lam", [0.0, 3.0])
def test_backpropagation_passes_the_gradient_check(sizes, loss, lam):
    weights, X, Y = problem(sizes)
    _, grads = cost_and_gradient(weights, X, Y, lam, loss)
    # eps = 1e-5 balances truncation (eps^2) against rounding (1e-16 / eps) near
    # the cube root of machine precision, as a 1e-9 target needs.
    numeric = numerical_gradient(lambda w: nn_cost(w, X, Y, lam, loss), weights, eps=1e-5)
    assert [g.shape for g in grads] == [w.shape for w in weights]
    assert relative_error(grads, numeric) < 1e-9


@pytest.mark.parametrize("loss", LOSSES)
def test_gradient_check_at_the_course_debug_set_up(loss):
    # The course's check: a 3-5-3 network, 5 examples, sin-based weights and inputs.
    weights = debug_weights([3, 5, 3])
    X = debug_weights([2, 5])[0]  # (5, 3), sin-based like the weights
    Y = np.eye(3)[np.arange(1, 6) % 3]
    _, grads = cost_and_gradient(weights, X, Y, 3.0, loss)
    numeric = numerical_gradient(lambda w: nn_cost(w, X, Y, 3.0, loss), weights)
    assert relative_error(grads, numeric) < 1e-9


@pytest.mark.parametrize("cost_loss,delta_loss", [("cross_entropy", "squared_error"),
                                                   ("squared_error", "cross_entropy")])
def test_a_mismatched_output_delta_fails_the_check(cost_loss, delta_loss):
    weights, X, Y = problem([3, 5, 3])
    A, Z = forward(weights, X)
    grads = backpropagate(weights, A, output_delta(A[3], Y, Z[3], delta_loss))
    numeric = numerical_gradient(lambda w: nn_cost(w, X, Y, 0.0, cost_loss), weights)
    assert relative_error(grads, numeric) > 0.1


def test_forgetting_to_leave_the_bias_out_of_the_penalty_fails_the_check():
    weights, X, Y = problem([3, 5, 3])
    _, grads = cost_and_gradient(weights, X, Y, 3.0)
    wrong = [g + 3.0 / len(X) * np.c_[w[:, 0], np.zeros_like(w[:, 1:])]
             for g, w in zip(grads, weights)]  # the bias column penalised too
    numeric = numerical_gradient(lambda w: nn_cost(w, X, Y, 3.0), weights)
    assert relative_error(wrong, numeric) > 1e-3


# --- the costs by hand -------------------------------------------------------------


def test_forward_by_hand():
    # One hidden unit with weights [0, 1] on x = 2, one output with weights [1, -2].
    weights = [np.array([[0.0, 1.0]]), np.array([[1.0, -2.0]])]
    A, Z = forward(weights, [[2.0]])
    assert_allclose(Z[2], [[2.0]])
    assert_allclose(A[2], [[sigmoid(2.0)]])
    assert_allclose(Z[3], [[1.0 - 2.0 * sigmoid(2.0)]])
    assert_allclose(A[3], sigmoid(Z[3]))
    assert sorted(A) == [1, 2, 3] and sorted(Z) == [2, 3]


def test_cross_entropy_cost_by_hand():
    # No hidden layer: weights [[b, w]]; two examples, one output unit.
    weights = [np.array([[0.5, -1.0]])]
    X, Y = np.array([[1.0], [-2.0]]), np.array([[1.0], [0.0]])
    a = sigmoid(np.array([0.5 - 1.0, 0.5 + 2.0]))
    by_hand = -(np.log(a[0]) + np.log(1 - a[1])) / 2
    assert nn_cost(weights, X, Y) == pytest.approx(by_hand, rel=1e-14)
    # lam = 4 adds 4 / (2 * 2) * (-1)^2, the bias left out.
    assert nn_cost(weights, X, Y, lam=4.0) == pytest.approx(by_hand + 1.0, rel=1e-14)


def test_squared_error_cost_by_hand():
    weights = [np.array([[0.5, -1.0]])]
    X, Y = np.array([[1.0], [-2.0]]), np.array([[1.0], [0.0]])
    a = sigmoid(np.array([-0.5, 2.5]))
    by_hand = ((a[0] - 1) ** 2 + a[1] ** 2) / (2 * 2)
    assert nn_cost(weights, X, Y, loss="squared_error") == pytest.approx(by_hand, rel=1e-14)


def test_cross_entropy_is_finite_for_saturated_wrong_outputs():
    weights = [np.array([[-1000.0, 0.0]])]  # every output g(-1000) = 0
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        J = nn_cost(weights, [[1.0]], [[1.0]])
    assert J == pytest.approx(1000.0)


def test_output_deltas_by_hand():
    Z = np.array([[0.3, -2.0]])
    A, Y = sigmoid(Z), np.array([[1.0, 0.0]])
    assert_allclose(output_delta(A, Y, Z, "cross_entropy"), A - Y)
    assert_allclose(output_delta(A, Y, Z, "squared_error"), (A - Y) * sigmoid_gradient(Z))


def test_a_network_without_hidden_layer_is_one_vs_all_logistic_regression(rng):
    # K sigmoid outputs with the summed binary cross-entropy are K logistic regressions.
    X = rng.normal(size=(20, 3))
    Y = np.eye(4)[rng.integers(0, 4, 20)]
    (Theta,) = init_weights([3, 4], 1)
    total = sum(logistic_cost(Theta[k], add_intercept(X), Y[:, k], 2.0) for k in range(4))
    assert nn_cost([Theta], X, Y, lam=2.0) == pytest.approx(total, rel=1e-13)


# --- initialisation and unrolling --------------------------------------------------


def test_init_weights_shapes_range_and_determinism():
    weights = init_weights([64, 25, 10], random_state=3)
    assert [w.shape for w in weights] == [(25, 65), (10, 26)]
    for w, (s_in, s_out) in zip(weights, [(64, 25), (25, 10)]):
        bound = np.sqrt(6) / np.sqrt(s_in + s_out)
        assert np.abs(w).max() <= bound and np.abs(w).max() > 0.9 * bound
    again = init_weights([64, 25, 10], random_state=3)
    assert all(np.array_equal(a, b) for a, b in zip(weights, again))


def test_debug_weights_are_the_course_s_column_major_sines():
    (W,) = debug_weights([2, 3])  # shape (3, 3)
    assert_allclose(W[:, 0], np.sin([1, 2, 3]) / 10)  # filled down the first column first
    assert_allclose(W[0], np.sin([1, 4, 7]) / 10)


def test_roll_undoes_unroll_without_copying():
    weights = init_weights([3, 5, 2], 0)
    theta = unroll(weights)
    assert theta.shape == (5 * 4 + 2 * 6,)
    back = roll(theta, [3, 5, 2])
    assert all(np.array_equal(a, b) for a, b in zip(weights, back))
    assert all(np.shares_memory(b, theta) for b in back)


# --- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize("sizes", [[3], [3, 0, 2], [3.0, 2], "35", [True, 2]])
def test_init_weights_refuses_bad_layer_sizes(sizes):
    with pytest.raises(ValueError, match="layer_sizes must list the units of every layer"):
        init_weights(sizes)


def test_weights_that_do_not_chain_are_refused():
    weights = [np.zeros((5, 4)), np.zeros((3, 7))]
    with pytest.raises(ValueError, match=r"weights\[1\] has shape \(3, 7\).*needs 6 columns"):
        forward(weights, np.zeros((2, 3)))


def test_x_with_the_column_of_ones_is_refused_with_the_fix():
    weights = init_weights([3, 5, 3], 0)
    with pytest.raises(ValueError, match="Pass X without the column of ones"):
        forward(weights, np.ones((2, 4)))


def test_y_that_is_not_one_hot_width_is_refused():
    weights, X, _ = problem([3, 5, 3])
    with pytest.raises(ValueError, match=r"Y has 1 columns but the last Theta has 3 rows"):
        cost_and_gradient(weights, X, np.zeros((len(X), 1)))


def test_unknown_loss_is_refused():
    weights, X, Y = problem([3, 5, 3])
    with pytest.raises(ValueError, match="loss must be one of 'cross_entropy', 'squared_error'"):
        cost_and_gradient(weights, X, Y, loss="hinge")


def test_roll_refuses_a_vector_of_the_wrong_length():
    with pytest.raises(ValueError, match=r"theta has 3 entries, but layer_sizes=\[3, 5, 2\] has 32"):
        roll(np.zeros(3), [3, 5, 2])


def test_weights_are_not_modified():
    weights, X, Y = problem([3, 5, 3])
    before = [w.copy() for w in weights]
    cost_and_gradient(weights, X, Y, 1.0)
    assert all(np.array_equal(a, b) for a, b in zip(weights, before))


# --- the estimator ------------------------------------------------------------------


def test_digits_held_out_accuracy_with_25_hidden_units(digits):
    X, X_test, y, y_test = digits
    model = MLPClassifier(hidden_layer_sizes=(25,), random_state=0).fit(X, y)
    assert model.score(X_test, y_test) >= 0.95
    assert [T.shape for T in model.coefs_] == [(25, 65), (10, 26)]
    assert model.n_layers_ == 3 and model.n_iter_ == len(model.cost_history_) - 1
    assert np.all(np.diff(model.cost_history_) <= 1e-12)


def test_fit_is_deterministic_for_a_fixed_random_state(digits):
    X, _, y, _ = digits
    first = MLPClassifier(hidden_layer_sizes=(5,), random_state=7).fit(X, y)
    second = clone(first).fit(X, y)
    assert all(np.array_equal(a, b) for a, b in zip(first.coefs_, second.coefs_))


def test_two_hidden_layers_and_string_labels():
    X, y = sklearn.datasets.make_classification(n_samples=120, n_features=4, n_informative=3,
                                                n_redundant=0, n_classes=3, random_state=0)
    names = np.array(["ant", "bee", "cat"])[y]
    model = MLPClassifier(hidden_layer_sizes=(6, 5), lam=0.1, random_state=0).fit(X, names)
    assert [T.shape for T in model.coefs_] == [(6, 5), (5, 7), (3, 6)]
    assert set(model.predict(X)) <= set(names)
    assert model.score(X, names) > 0.8


def test_predict_proba_rows_sum_to_one_even_when_every_output_underflows(digits):
    X, _, y, _ = digits
    model = MLPClassifier(hidden_layer_sizes=(3,), random_state=0).fit(X, y)
    model.coefs_[-1][:, 0] = -2000.0  # every output g(z) underflows to 0
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        P = model.predict_proba(X[:5])
    assert_allclose(P.sum(axis=1), 1.0)
    assert np.all((P >= 0) & (P <= 1))


def test_the_default_fit_converges_on_digits_without_warning(digits):
    X, _, y, _ = digits
    model = MLPClassifier(random_state=1).fit(X, y)  # warnings are errors in the tests
    assert model.n_iter_ < model.max_iter


def test_use_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError, match="MLPClassifier instance is not fitted yet"):
        MLPClassifier().predict(np.zeros((2, 3)))


@pytest.mark.parametrize("params,match", [
    ({"hidden_layer_sizes": (0,)}, "hidden_layer_sizes must be a tuple of positive integers"),
    ({"hidden_layer_sizes": "25"}, "hidden_layer_sizes must be a tuple of positive integers"),
    ({"lam": -1.0}, "lam must be >= 0"),
    ({"loss": "mse"}, "loss must be one of"),
    ({"max_iter": 0}, "max_iter must be >= 1"),
    ({"tol": 0.0}, "tol must be > 0"),
])
def test_bad_hyper_parameters_are_refused(params, match):
    with pytest.raises(ValueError, match=match):
        MLPClassifier(**params).fit(np.zeros((4, 2)), [0, 1, 0, 1])


def test_wrong_number_of_features_at_predict_time(digits):
    X, _, y, _ = digits
    model = MLPClassifier(hidden_layer_sizes=(3,), random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="X has 10 features, but MLPClassifier is expecting 64"):
        model.predict(np.zeros((2, 10)))


def test_no_hidden_layer_trained_jointly_matches_one_vs_all_logistic_regression(digits):
    X, X_test, y, _ = digits
    # The same minimiser: one-vs-all's solution makes the network's gradient vanish.
    net = MLPClassifier(hidden_layer_sizes=(), lam=1.0, random_state=0).fit(X, y)
    ova = LogisticRegression(lam=1.0).fit(X, y)
    Y = np.eye(10)[y]
    Theta = np.c_[ova.intercept_, ova.coef_]
    start = np.abs(cost_and_gradient([np.zeros_like(Theta)], X, Y, 1.0)[1][0]).max()
    assert np.abs(cost_and_gradient([Theta], X, Y, 1.0)[1][0]).max() < 1e-6 * start
    assert np.mean(net.predict(X_test) == ova.predict(X_test)) > 0.99
