"""The estimator base class: parameters, ``repr`` and cloning, as in scikit-learn.

mlbook's estimators work inside scikit-learn's tools (``cross_val_score``,
``GridSearchCV``, ``Pipeline``, ``OneVsRestClassifier``...) without
scikit-learn being a dependency: those tools ask an estimator for its
``__sklearn_tags__()``, and each class here answers, importing scikit-learn
only inside that method, which only scikit-learn calls. The mixins set the
estimator type as scikit-learn's mixins of the same names do.
"""

import inspect

__all__ = ["BaseEstimator", "ClassifierMixin", "ClusterMixin", "RegressorMixin", "TransformerMixin", "clone"]


class BaseEstimator:
    """Gives ``get_params``, ``set_params`` and a readable ``repr``.

    Hyper-parameters are the keyword arguments of ``__init__``, stored
    unchanged under the same names; learned attributes end in ``_``.
    """

    @classmethod
    def _param_names(cls):
        signature = inspect.signature(cls.__init__)
        return sorted(p for p in signature.parameters if p != "self")

    def get_params(self, deep=True):
        """The hyper-parameters as a dict (``deep`` is accepted for scikit-learn compatibility)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set hyper-parameters by name; unknown names raise ``ValueError``."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for {type(self).__name__}; "
                    f"valid parameters are {valid}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self):
        defaults = {
            name: p.default
            for name, p in inspect.signature(type(self).__init__).parameters.items()
        }
        changed = [
            f"{name}={value!r}"
            for name, value in self.get_params().items()
            if not _same(value, defaults.get(name))
        ]
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_tags__(self):
        """scikit-learn's description of this estimator (scikit-learn is imported here only).

        The defaults of ``sklearn.utils.Tags``: dense 2-D numeric input, no
        NaN, no sparse matrices; the mixins add the estimator type.
        """
        from sklearn.utils import Tags, TargetTags

        return Tags(estimator_type=None, target_tags=TargetTags(required=False))


def _same(a, b):
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # e.g. arrays, whose == is elementwise
        return False


def clone(estimator):
    """A new, unfitted estimator with the same hyper-parameters."""
    return type(estimator)(**estimator.get_params())


def _supervised(tags, estimator_type, **type_tags):
    """scikit-learn's tags of a supervised estimator: its type, that type's own tags, y required."""
    tags.estimator_type = estimator_type
    for name, value in type_tags.items():
        setattr(tags, name, value)
    tags.target_tags.required = True
    return tags


class RegressorMixin:
    """``score`` as the coefficient of determination $R^2$ of ``predict``."""

    def __sklearn_tags__(self):
        from sklearn.utils import RegressorTags

        return _supervised(super().__sklearn_tags__(), "regressor", regressor_tags=RegressorTags())

    def score(self, X, y):
        r"""$R^2 = 1 - \sum (y - \hat y)^2 / \sum (y - \bar y)^2$ on ``(X, y)``."""
        from .metrics import r2_score

        return r2_score(y, self.predict(X))


class ClassifierMixin:
    """``score`` as the accuracy of ``predict``: the fraction of correct labels."""

    def __sklearn_tags__(self):
        from sklearn.utils import ClassifierTags

        return _supervised(super().__sklearn_tags__(), "classifier",
                           classifier_tags=ClassifierTags())

    def score(self, X, y):
        """The fraction of samples of ``(X, y)`` whose label ``predict`` gets right."""
        from .metrics import accuracy_score

        return accuracy_score(y, self.predict(X))


class TransformerMixin:
    """``fit_transform``: ``fit`` then ``transform`` on the same data."""

    def __sklearn_tags__(self):
        from sklearn.utils import TransformerTags

        tags = super().__sklearn_tags__()
        tags.transformer_tags = TransformerTags()  # float64 in, float64 out
        return tags

    def fit_transform(self, X, y=None):
        """``fit(X)`` then ``transform(X)``; ``y`` is ignored."""
        return self.fit(X).transform(X)


class ClusterMixin:
    """``fit_predict``: ``fit`` then the cluster index of each training example."""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "clusterer"
        return tags

    def fit_predict(self, X, y=None):
        """``fit(X)`` and return ``labels_``; ``y`` is ignored."""
        return self.fit(X).labels_
