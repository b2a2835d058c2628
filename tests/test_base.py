"""BaseEstimator, clone and scikit-learn compatibility (mlbook.base)."""

import numpy as np
import pytest
import sklearn.base

from mlbook.base import BaseEstimator, clone
from mlbook.linear_model import LinearRegression


class Toy(BaseEstimator):
    def __init__(self, alpha=1.0, beta=None, name="toy"):
        self.alpha = alpha
        self.beta = beta
        self.name = name

    def fit(self, X, y=None):
        self.coef_ = np.zeros(2)
        return self


def test_get_params_lists_init_arguments():
    assert Toy(alpha=2.0).get_params() == {"alpha": 2.0, "beta": None, "name": "toy"}


def test_get_params_accepts_deep():
    assert Toy().get_params(deep=False) == Toy().get_params(deep=True)


def test_set_params_sets_and_returns_self():
    toy = Toy()
    assert toy.set_params(alpha=0.5, name="x") is toy
    assert toy.get_params() == {"alpha": 0.5, "beta": None, "name": "x"}


def test_set_params_invalid_name_raises():
    message = r"Invalid parameter 'gamma' for Toy; valid parameters are \['alpha', 'beta', 'name'\]"
    with pytest.raises(ValueError, match=message):
        Toy().set_params(gamma=1.0)


def test_repr_of_defaults_is_empty():
    assert repr(Toy()) == "Toy()"


def test_repr_shows_only_changed_params():
    assert repr(Toy(alpha=2.0, name="toy")) == "Toy(alpha=2.0)"
    assert repr(Toy(beta=3, name="b")) == "Toy(beta=3, name='b')"


def test_repr_handles_array_params():
    assert repr(Toy(beta=np.array([1, 2]))) == "Toy(beta=array([1, 2]))"


def test_clone_is_unfitted_copy_with_same_params():
    toy = Toy(alpha=3.0).fit(None)
    copy = clone(toy)
    assert copy is not toy
    assert type(copy) is Toy
    assert copy.get_params() == toy.get_params()
    assert not hasattr(copy, "coef_")


def test_sklearn_clone_works_on_linear_regression():
    model = LinearRegression(solver="normal_equation", lam=0.5, max_iter=10, tol=1e-6)
    copy = sklearn.base.clone(model)
    assert copy is not model
    assert copy.get_params() == model.get_params()


def test_sklearn_clone_drops_fitted_state(regression_data):
    X, y, _ = regression_data
    model = LinearRegression(solver="normal_equation").fit(X, y)
    assert not hasattr(sklearn.base.clone(model), "coef_")


def test_linear_regression_repr():
    assert repr(LinearRegression()) == "LinearRegression()"
    assert repr(LinearRegression(lam=1.0, solver="gradient_descent")) == (
        "LinearRegression(lam=1.0, solver='gradient_descent')"
    )


def test_transformer_and_cluster_mixins_chain_fit():
    from mlbook.base import ClusterMixin, TransformerMixin

    class Doubler(TransformerMixin, BaseEstimator):
        def fit(self, X, y=None):
            self.fitted_ = True
            return self

        def transform(self, X):
            return [2 * x for x in X]

    class Halves(ClusterMixin, BaseEstimator):
        def fit(self, X, y=None):
            self.labels_ = [int(x > 0.5) for x in X]
            return self

    assert Doubler().fit_transform([1, 2]) == [2, 4]
    assert Halves().fit_predict([0.2, 0.9]) == [0, 1]
