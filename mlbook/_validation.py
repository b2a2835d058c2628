"""Input checks shared by every public function and estimator.

Public functions validate and then call private kernels that only compute.
Every message names the offending value and says how to fix it.
"""

import numbers

import numpy as np

from .exceptions import NotFittedError


def check_array(X, name="X", ndim=2):
    """Return ``X`` as a finite float64 array with ``ndim`` dimensions.

    Raises ``TypeError`` for non-numeric data and ``ValueError`` for a wrong
    number of dimensions, an empty array, NaN or infinity.
    """
    if np.iscomplexobj(X):
        raise TypeError(
            f"{name} is complex; mlbook works with real numbers. "
            f"Pass {name}.real if the imaginary part is meant to be zero."
        )
    try:
        arr = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must hold numbers, but converting it to float failed ({exc}). "
            f"Encode text or categories as numbers first."
        ) from None
    if arr.ndim != ndim:
        raise ValueError(_ndim_message(arr, name, ndim))
    if arr.size == 0 or arr.shape[0] == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); at least one sample is needed.")
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = ", ".join(str(i) for i in bad)
        raise ValueError(
            f"{name} contains NaN or infinity (first at index [{where}]: {arr[tuple(bad)]}). "
            f"Remove or impute those values before calling this function."
        )
    return arr


def _ndim_message(arr, name, ndim):
    if ndim == 2 and arr.ndim == 1:
        return (
            f"Expected a 2-D array for {name}, got a 1-D array of shape {arr.shape} instead. "
            f"Reshape it with {name}.reshape(-1, 1) if it holds a single feature, "
            f"or {name}.reshape(1, -1) if it holds a single sample."
        )
    if ndim == 2 and arr.ndim == 0:
        return f"Expected a 2-D array for {name}, got the scalar {arr!r} instead."
    if ndim == 1 and arr.ndim == 2 and 1 in arr.shape:
        return (
            f"Expected a 1-D array for {name}, got shape {arr.shape} instead. "
            f"Flatten it with {name}.ravel()."
        )
    return f"Expected a {ndim}-D array for {name}, got {arr.ndim}-D with shape {arr.shape} instead."


def check_X_y(X, y, X_name="X", y_name="y"):
    """Validate a design matrix ``X`` (m, n) and a numeric target ``y`` (m,)."""
    X = check_array(X, X_name, ndim=2)
    y = check_array(y, y_name, ndim=1)
    check_consistent_length(X, y, X_name, y_name)
    return X, y


def check_consistent_length(X, y, X_name="X", y_name="y"):
    """Raise if ``X`` and ``y`` do not have the same number of samples."""
    if X.shape[0] != len(y):
        raise ValueError(
            f"{X_name} has {X.shape[0]} rows (samples) but {y_name} has {len(y)} entries; "
            f"they must describe the same samples."
        )


def check_theta(theta, n_columns, name="theta"):
    """Validate a parameter vector for a design matrix with ``n_columns`` columns."""
    theta = check_array(theta, name, ndim=1)
    if theta.shape[0] != n_columns:
        raise ValueError(
            f"{name} has {theta.shape[0]} entries but X has {n_columns} columns. "
            f"X is the design matrix with its column of ones "
            f"(mlbook.preprocessing.add_intercept), so theta needs one entry per column."
        )
    return theta


def check_scalar(value, name, *, low=None, high=None, include_low=True, integer=False):
    """Validate a real (or integer) hyper-parameter and return it.

    ``low``/``high`` bound the value; ``include_low`` says whether ``low`` itself
    is allowed.
    """
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        what = "an integer" if integer else "a real number"
        raise TypeError(f"{name} must be {what}, got {value!r} of type {type(value).__name__}.")
    try:
        finite = np.isfinite(float(value))
    except OverflowError:
        finite = False
    if not finite:
        raise ValueError(f"{name} must be finite, got {value!r}.")
    if low is not None and (value < low or (value == low and not include_low)):
        bound = ">=" if include_low else ">"
        raise ValueError(f"{name} must be {bound} {low}, got {value!r}.")
    if high is not None and value > high:
        raise ValueError(f"{name} must be <= {high}, got {value!r}.")
    return value


def check_option(value, name, options):
    """Raise unless ``value`` is one of ``options``."""
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}.")
    return value


def check_is_fitted(estimator, attribute):
    """Raise ``NotFittedError`` unless ``estimator`` has the learned ``attribute``."""
    if not hasattr(estimator, attribute):
        name = type(estimator).__name__
        raise NotFittedError(
            f"This {name} instance is not fitted yet. Call 'fit' with appropriate "
            f"arguments before using this method."
        )


def check_n_features(estimator, X):
    """Raise if ``X`` does not have as many columns as the data ``estimator`` was fitted on."""
    if X.shape[1] != estimator.n_features_in_:
        name = type(estimator).__name__
        hint = (" If X has one column more, it may carry a column of ones: estimators add "
                "their own, so pass the features alone." if X.shape[1] == estimator.n_features_in_ + 1
                else "")
        raise ValueError(
            f"X has {X.shape[1]} features, but {name} was fitted with "
            f"{estimator.n_features_in_} features. Pass X with the same columns as in fit."
            + hint
        )


def check_classes(y, name="y"):
    """Validate class labels of any kind and encode them as 0, 1, ..., K - 1.

    ``y`` is 1-D and holds at least two distinct labels: numbers (integers,
    not necessarily contiguous, or whole floats) or strings.

    Returns
    -------
    classes : ndarray of shape (K,)
        The distinct labels, sorted.
    y_index : ndarray of shape (m,), dtype int
        ``classes[y_index]`` is ``y``.
    """
    y = np.asarray(y)
    if y.ndim != 1:
        hint = f" Flatten it with {name}.ravel()." if y.ndim == 2 and 1 in y.shape else ""
        raise ValueError(f"Expected a 1-D array of labels for {name}, got shape {y.shape}.{hint}")
    if y.size == 0:
        raise ValueError(f"{name} is empty; at least one sample of each of two classes is needed.")
    if y.dtype.kind == "c":
        raise TypeError(f"{name} is complex; class labels must be integers or strings.")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)):
            raise ValueError(f"{name} contains NaN or infinity; every sample needs a class label.")
        fractional = y[y != np.round(y)]
        if fractional.size:
            raise ValueError(
                f"{name} holds non-integer numbers such as {fractional[0].item()!r}: it looks "
                f"like a continuous target, but a classifier needs class labels. Use a "
                f"regressor, or encode the classes as integers or strings."
            )
    try:
        classes, y_index = np.unique(y, return_inverse=True)
    except TypeError:
        raise TypeError(
            f"{name} mixes label types that cannot be sorted together "
            f"(e.g. numbers and strings); use one type for all labels."
        ) from None
    if len(classes) < 2:
        raise ValueError(
            f"{name} holds a single class, {classes[0].item()!r}; a classifier needs "
            f"samples of at least two classes."
        )
    return classes, y_index.reshape(-1)
