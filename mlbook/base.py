"""The estimator base class: parameters, ``repr`` and cloning, as in scikit-learn.

mlbook's estimators work inside scikit-learn's tools (``cross_val_score``,
``GridSearchCV``, ``Pipeline``, ``OneVsRestClassifier``...) without
scikit-learn being a dependency: those tools ask an estimator for its
``__sklearn_tags__()``, and each class here answers, importing scikit-learn
only inside that method, which only scikit-learn calls. The mixins set the
estimator type as scikit-learn's mixins of the same names do.
"""

import copy
import functools
import inspect
import sys
import threading

import numpy as np

__all__ = ["BaseEstimator", "ClassifierMixin", "ClusterMixin", "RegressorMixin", "TransformerMixin", "clone"]


class BaseEstimator:
    """Gives ``get_params``, ``set_params`` and a readable ``repr``.

    Hyper-parameters are the keyword arguments of ``__init__``, stored
    unchanged under the same names; learned attributes end in ``_``.

    Column names, as scikit-learn keeps them: ``fit`` on a pandas DataFrame
    whose columns are strings sets ``feature_names_in_``, and the methods that
    take new examples (``predict``, ``transform``...) refuse a DataFrame whose
    columns differ from fit's, which would otherwise be read in the wrong
    places. Every subclass gets this from ``__init_subclass__``, which wraps
    the methods of :data:`_NAMED_METHODS` that the class defines.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name, reset in _NAMED_METHODS.items():
            method = cls.__dict__.get(name)
            if callable(method) and not hasattr(method, "_mlbook_names"):
                setattr(cls, name, _checking_feature_names(method, reset))

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


# The methods that take examples X, and whether they record X's column names
# (fit) or compare them with the recorded ones.
_NAMED_METHODS = {
    "fit": True, "fit_transform": True, "predict": False, "predict_proba": False,
    "predict_log_proba": False, "decision_function": False, "transform": False,
    "score": False, "score_samples": False, "fit_threshold": False,
}
_OUTPUT_METHODS = ("transform", "fit_transform")
_inside = threading.local()  # calls of those methods running in this thread


def _checking_feature_names(method, reset):
    """``method`` with the column-name convention, and pandas output for ``transform``.

    Only the outermost such call on a thread checks and converts: inside it,
    the methods call each other with X already an array.
    """
    parameters = list(inspect.signature(method).parameters)
    x_name = parameters[1] if len(parameters) > 1 else None
    wraps_output = method.__name__ in _OUTPUT_METHODS

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if getattr(_inside, "depth", 0) or x_name is None:
            return method(self, *args, **kwargs)
        X = args[0] if args else kwargs.get(x_name)
        from ._validation import check_feature_names

        check_feature_names(self, X, reset, "X" if x_name == "X" else x_name)
        _inside.depth = 1
        try:
            out = method(self, *args, **kwargs)
        finally:
            _inside.depth = 0
        return _as_output(self, out, X) if wraps_output else out

    wrapper._mlbook_names = True
    return wrapper


def _output_config(estimator):
    """"default" or "pandas": the estimator's ``set_output``, else scikit-learn's global setting."""
    own = getattr(estimator, "_sklearn_output_config", {}).get("transform")
    if own is not None:
        return own
    config = sys.modules.get("sklearn._config")  # not loaded: nobody can have changed it
    return config.get_config().get("transform_output", "default") if config else "default"


def _as_output(estimator, Z, X):
    """``Z`` as ``set_output`` asked: unchanged, or a DataFrame named by ``get_feature_names_out``."""
    how = _output_config(estimator)
    if how == "default":
        return Z
    if how != "pandas":
        raise ValueError(f"transform output {how!r} is not supported by mlbook; use 'default' or "
                         f"'pandas'.")
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(f"set_output(transform='pandas') needs pandas, which is not installed. "
                          f"Install it (pip install pandas), or use set_output(transform="
                          f"'default').") from None
    columns = estimator.get_feature_names_out()
    if isinstance(Z, pd.DataFrame):
        Z.columns = columns
        return Z
    index = X.index if isinstance(X, pd.DataFrame) else None
    return pd.DataFrame(Z, index=index, columns=columns, copy=False)


class _FeaturesOutMixin:
    """``get_feature_names_out`` and ``set_output``, scikit-learn's API for transformers' outputs."""

    # One output column per input column (a scaler), or new columns named
    # <class name><index> (PCA's pca0, pca1..., KMeans's kmeans0...), as scikit-learn names them.
    _one_to_one_features = False

    def get_feature_names_out(self, input_features=None):
        """The names of ``transform``'s output columns, as an object array.

        For a one-to-one transformer, the input names: ``feature_names_in_``
        (from a DataFrame in ``fit``), else ``input_features``, else x0, x1, ...
        Otherwise the lowercase class name and the output's index: pca0, pca1, ...
        """
        from ._validation import check_is_fitted

        check_is_fitted(self, "n_features_in_")
        n = self.n_features_in_
        fitted = getattr(self, "feature_names_in_", None)
        if input_features is not None:
            input_features = np.asarray(input_features, dtype=object)
            if fitted is not None and not np.array_equal(input_features, fitted):
                raise ValueError(f"input_features is not equal to feature_names_in_: got "
                                 f"{list(input_features)}, fitted with {list(fitted)}.")
            if len(input_features) != n:
                raise ValueError(f"input_features should have length equal to number of "
                                 f"features ({n}), got {len(input_features)}.")
        if self._one_to_one_features:
            if input_features is not None:
                return input_features
            if fitted is not None:
                return fitted.copy()
            return np.asarray([f"x{j}" for j in range(n)], dtype=object)
        outputs = next(len(getattr(self, attribute)) for attribute in
                       ("components_", "cluster_centers_") if hasattr(self, attribute))
        prefix = type(self).__name__.lower()
        return np.asarray([f"{prefix}{k}" for k in range(outputs)], dtype=object)

    def set_output(self, *, transform=None):
        """Choose what ``transform`` and ``fit_transform`` return: "default" (an array) or "pandas".

        ``None`` leaves the choice as it is. Without a choice here, scikit-learn's
        ``config_context(transform_output=...)`` / ``set_config`` decides.
        pandas is needed only for "pandas".
        """
        if transform is None:
            return self
        if transform not in ("default", "pandas"):
            raise ValueError(f"transform must be 'default', 'pandas' or None, got {transform!r} "
                             f"(mlbook does not produce polars output).")
        self._sklearn_output_config = {**getattr(self, "_sklearn_output_config", {}),
                                       "transform": transform}
        return self


def clone(estimator):
    """A new, unfitted estimator with the same hyper-parameters, deep-copied as scikit-learn's clone.

    A parameter that is an estimator is cloned; any other is deep-copied, so
    that two clones given one ``numpy.random.Generator`` as ``random_state``
    start from the same state (and fit the same model) instead of sharing
    one stream, and an ``init`` array is not shared. The choice of
    ``set_output`` is kept, as scikit-learn keeps it.
    """
    params = {name: clone(value) if isinstance(value, BaseEstimator) else copy.deepcopy(value)
              for name, value in estimator.get_params().items()}
    new = type(estimator)(**params)
    if hasattr(estimator, "_sklearn_output_config"):
        new._sklearn_output_config = copy.deepcopy(estimator._sklearn_output_config)
    return new


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


class TransformerMixin(_FeaturesOutMixin):
    """``fit_transform``: ``fit`` then ``transform`` on the same data; output names and types."""

    def __sklearn_tags__(self):
        from sklearn.utils import TransformerTags

        tags = super().__sklearn_tags__()
        tags.transformer_tags = TransformerTags()  # float64 in, float64 out
        return tags

    def fit_transform(self, X, y=None):
        """``fit(X)`` then ``transform(X)``; ``y`` is ignored."""
        return self.fit(X).transform(X)


class ClusterMixin(_FeaturesOutMixin):
    """``fit_predict``: ``fit`` then the cluster index of each training example.

    A clusterer with ``transform`` (distances to the K centres) names its
    output columns and chooses their type as a transformer does.
    """

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "clusterer"
        return tags

    def fit_predict(self, X, y=None):
        """``fit(X)`` and return ``labels_``; ``y`` is ignored."""
        return self.fit(X).labels_
