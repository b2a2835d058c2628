"""Input checks shared by every public function and estimator.

Public functions validate and then call private kernels that only compute.
Every message names the offending value and says how to fix it.
"""

import math
import numbers
import sys

import numpy as np

from .exceptions import DataConversionWarning, NotFittedError, _sklearn_compatible, _warn

# Beyond this (times the square root of the array's longer side), squares of
# the values, and sums of them, would overflow float64 (about 1.8e308).
_LARGEST_VALUE = 1e150


def check_array(X, name="X", ndim=2, hint=None):
    """Return ``X`` as a finite float64 array with ``ndim`` dimensions.

    Lists, tuples and any other array-like are accepted. Raises
    ``TypeError`` for ``None``, sparse matrices and non-numeric data, and
    ``ValueError`` for complex data, a wrong number of dimensions (``hint``,
    if given, replaces the generic advice on reshaping), an array with no
    samples or no features, NaN or infinity. The result may be ``X`` itself
    (no copy for a float64 array): callers never modify it in place.
    """
    arr = _as_float_array(X, name, f"an array of numbers ({_shape_words(ndim)})")
    if arr.ndim != ndim:
        raise ValueError(_ndim_message(arr, name, ndim, hint))
    if arr.shape[0] == 0:
        raise ValueError(
            f"{name} has 0 sample(s) (shape={arr.shape}) while a minimum of 1 is required."
        )
    if arr.size == 0:
        raise ValueError(
            f"{name} has 0 feature(s) (shape={arr.shape}) while a minimum of 1 is required: "
            f"pass at least one column."
        )
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = ", ".join(str(i) for i in bad)
        raise ValueError(
            f"{name} contains NaN or infinity (first at index [{where}]: {arr[tuple(bad)]}). "
            f"Remove or impute those values before calling this function."
        )
    return arr


def _as_float_array(X, name, wanted):
    """``X`` as a float64 array of any shape; what is not numbers is refused, saying so.

    ``wanted`` says what to pass instead of ``None``.
    """
    if X is None:
        raise TypeError(f"{name} is None; pass {wanted}.")
    sparse = sys.modules.get("scipy.sparse")  # if scipy.sparse is not loaded, X is not sparse
    if sparse is not None and sparse.issparse(X):
        raise TypeError(
            f"{name} is a sparse matrix ({type(X).__name__}); sparse input is not supported: "
            f"mlbook works with dense arrays. Convert it with {name}.toarray() if it fits in "
            f"memory."
        )
    try:
        arr = np.asarray(X)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(
            f"{name} could not be made into an array ({exc}). Every row must have the same "
            f"number of entries."
        ) from None
    if arr.dtype.kind == "c":
        raise ValueError(
            f"Complex data not supported: {name} is complex, and mlbook works with real "
            f"numbers. Pass {name}.real if the imaginary part is meant to be zero."
        )
    if arr.dtype.kind in "mM":
        raise TypeError(
            f"{name} holds dates or times (dtype {arr.dtype}); convert them to numbers first, "
            f"e.g. seconds since a reference time."
        )
    try:
        return np.asarray(arr, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        missing = _first_missing(arr)
        if missing is not None:
            where, value = missing
            raise ValueError(
                f"{name} contains a missing value (first at index [{where}]: {value!r}). "
                f"Remove or impute the missing values before calling this function."
            ) from None
        raise TypeError(
            f"{name} must hold numbers, but converting it to float failed ({exc}). "
            f"Encode text or categories as numbers first."
        ) from None


def _first_missing(arr):
    """The index and value of the first missing entry (None, pandas' NA or NaT) of an object array."""
    if arr.dtype != object:
        return None
    for index, value in np.ndenumerate(arr):
        if value is None or type(value).__name__ in ("NAType", "NaTType"):
            return ", ".join(map(str, index)), value
    return None


def check_numbers(z, name="z", allow_inf=False, allow_nan=False):
    r"""``z`` as a float64 array of any shape (a number gives a 0-d array).

    For elementwise functions and parameter vectors of any shape. ``None``,
    text and ragged lists raise ``TypeError`` or ``ValueError``, complex
    numbers and NaN ``ValueError``; infinity too, unless ``allow_inf`` (where
    the function has a limit there, such as $g(\pm\infty)$). ``allow_nan``
    leaves NaN to the caller, which says what it means there.
    """
    z = _as_float_array(z, name, "a number or an array of numbers")
    bad = np.isnan(z) if allow_inf else ~np.isfinite(z)
    if allow_nan:
        bad &= ~np.isnan(z)
    if bad.any():
        where = f" (first at index [{', '.join(map(str, np.argwhere(bad)[0]))}])" if z.ndim else ""
        what = "NaN" if allow_inf else "NaN or infinity"
        raise ValueError(
            f"{name} contains {what}{where}, and the result would not be a number. Remove or "
            f"impute those values first."
        )
    return z


def check_labels(y, name="y"):
    """Labels of any kind as a 1-D array: numbers must be real and finite.

    Labels are compared, not computed with, so strings and integers in any
    order are fine; a NaN or infinite label, or a complex one, is refused.
    """
    if y is None:
        raise TypeError(f"{name} is None; pass one label per sample.")
    y = np.asarray(y)
    if y.ndim != 1:
        hint = f" Flatten it with {name}.ravel()." if y.ndim == 2 and 1 in y.shape else ""
        raise ValueError(f"Expected a 1-D array of labels for {name}, got shape {y.shape}.{hint}")
    if y.dtype.kind == "c":
        raise ValueError(
            f"Complex data not supported: {name} is complex; labels must be integers or strings."
        )
    if y.dtype.kind == "f" and not np.all(np.isfinite(y)):
        i = int(np.argmax(~np.isfinite(y)))
        raise ValueError(
            f"{name} contains NaN or infinity (first at index [{i}]: {y[i]}); every sample "
            f"needs a label."
        )
    return y


def _shape_words(ndim):
    return {1: "shape (m,)", 2: "shape (m, n)"}.get(ndim, f"{ndim} dimensions")


def _ndim_message(arr, name, ndim, hint=None):
    if hint is not None:
        return f"Expected a {ndim}-D array for {name}, got shape {arr.shape} instead. {hint}"
    if ndim == 2 and arr.ndim == 1:
        return (
            f"Expected a 2-D array for {name}, got a 1-D array of shape {arr.shape} instead. "
            f"Reshape your data with {name}.reshape(-1, 1) if it holds a single feature, "
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


def check_scale(X, name="X"):
    r"""Raise if the squares of ``X``'s values, or sums of them, would overflow float64.

    Distances, variances and $X^\mathsf{T} X$ all square the data; values
    beyond about $10^{150}$ make them infinite. The direction of the data
    does not depend on its unit, so the fix is to change the unit.
    """
    largest = float(np.max(np.abs(X)))
    if largest * math.sqrt(max(X.shape)) > _LARGEST_VALUE:
        raise ValueError(
            f"{name} holds values as large as {largest:.3g}, whose squares overflow float64 "
            f"(beyond about 1.8e308). Divide {name} by a constant, or standardise it with "
            f"mlbook.preprocessing.StandardScaler, first."
        )
    return X


def check_X_y(X, y, X_name="X", y_name="y", estimator=False):
    """Validate a design matrix ``X`` (m, n) and a numeric target ``y`` (m,).

    With ``estimator=True`` (an estimator's ``fit``), ``y`` goes through
    :func:`check_target` first: a column vector is flattened with a warning,
    as scikit-learn does.
    """
    X = check_array(X, X_name, ndim=2)
    if estimator:
        y = check_target(y, y_name)
    y = check_array(y, y_name, ndim=1)
    check_consistent_length(X, y, X_name, y_name)
    return X, y


def check_target(y, name="y"):
    """The target of an estimator's ``fit``: ``None`` refused, a column vector flattened.

    A ``y`` of shape (m, 1) is what a reader gets from ``df[["price"]]`` or
    ``y.reshape(-1, 1)``; it is accepted as shape (m,) with a
    ``DataConversionWarning``, as scikit-learn accepts it; the warning
    points at the reader's line that called ``fit``.
    """
    if y is None:
        raise ValueError(
            f"fit requires y to be passed, but the target y is None. Pass the targets, one "
            f"per row of X, as fit(X, {name})."
        )
    y = np.asarray(y)
    shape = y.shape
    if len(shape) == 2 and shape[1] == 1:
        _warn(
            f"A column-vector y was passed when a 1d array was expected: {name} has shape "
            f"{shape}. It is used as shape ({shape[0]},); pass {name}.ravel() to silence "
            f"this warning.",
            DataConversionWarning,
        )
        return y.reshape(-1)
    return y


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
        raise _sklearn_compatible(NotFittedError)(
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
            f"X has {X.shape[1]} features, but {name} is expecting "
            f"{estimator.n_features_in_} features as input (the number it was fitted with). "
            f"Pass X with the same columns as in fit." + hint
        )


def _feature_names(X):
    """The column names of a DataFrame ``X`` as an object array, or None.

    None for anything without string column names (an array, a list, a
    DataFrame whose columns are the integers 0, 1, ...), as scikit-learn
    decides; a mix of string and other names is refused.
    """
    columns = getattr(X, "columns", None)
    if columns is None or isinstance(X, np.ndarray):
        return None
    names = np.asarray(list(columns), dtype=object)
    strings = np.array([isinstance(name, str) for name in names], dtype=bool)
    if names.size and strings.all():
        return names
    if strings.any():
        kinds = sorted({type(name).__name__ for name in names})
        raise TypeError(
            f"Feature names are only supported if all input features have string names, but "
            f"X has {kinds} as column name types. Convert them all to strings, e.g. with "
            f"X.columns = X.columns.astype(str)."
        )
    return None


def check_feature_names(estimator, X, reset, name="X"):
    """Record (``reset``, in ``fit``) or compare the column names of a DataFrame ``X``.

    The convention of scikit-learn: ``fit`` on a DataFrame with string column
    names sets ``feature_names_in_``; afterwards a DataFrame whose columns
    differ (other names, missing ones, another order) is refused, since its
    columns would be read in the wrong places, and a mismatch between a
    DataFrame and an array warns. Called on the input as given, before it
    becomes an array.
    """
    names = _feature_names(X)
    if reset:
        if names is None:
            estimator.__dict__.pop("feature_names_in_", None)
        else:
            estimator.feature_names_in_ = names
        return
    fitted = getattr(estimator, "feature_names_in_", None)
    cls = type(estimator).__name__
    if names is None and fitted is None:
        return
    if fitted is None:
        if hasattr(estimator, "n_features_in_"):
            _warn(f"{name} has feature names, but {cls} was fitted without feature names.",
                  UserWarning)
        return
    if names is None:
        _warn(f"{name} does not have valid feature names, but {cls} was fitted with feature "
              f"names. Pass a DataFrame with the columns {list(fitted)[:5]}"
              f"{'...' if len(fitted) > 5 else ''}, or fit on an array.", UserWarning)
        return
    if len(names) == len(fitted) and np.all(names == fitted):
        return
    unseen = sorted(set(names) - set(fitted))
    missing = sorted(set(fitted) - set(names))

    def listing(values):
        shown = [f"- {value}\n" for value in values[:5]]
        return "".join(shown) + ("- ...\n" if len(values) > 5 else "")

    message = "The feature names should match those that were passed during fit.\n"
    if unseen:
        message += "Feature names unseen at fit time:\n" + listing(unseen)
    if missing:
        message += "Feature names seen at fit time, yet now missing:\n" + listing(missing)
    if not unseen and not missing:
        message += "Feature names must be in the same order as they were in fit.\n"
    message += (f"Select the columns in fit's order, {name}[model.feature_names_in_]: each "
                f"column is read by its position, so other columns would give wrong results.")
    raise ValueError(message)


def check_random_state(random_state, name="random_state"):
    """``np.random.default_rng(random_state)``, with a message that names the parameter.

    ``random_state`` is None, a non-negative integer (a seed), or a
    ``numpy.random.Generator``, which is used as it is (it continues its
    stream); whatever else numpy accepts as a seed works too.
    """
    try:
        return np.random.default_rng(random_state)
    except (TypeError, ValueError) as exc:
        raise type(exc)(
            f"{name} must be None, a non-negative integer or a numpy.random.Generator, got "
            f"{random_state!r} (numpy: {exc}). Pass e.g. {name}=0."
        ) from None


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
    y = check_labels(check_target(y, name), name)
    if y.size == 0:
        raise ValueError(
            f"{name} has 0 sample(s) (shape={y.shape}); at least one sample of each of two "
            f"classes is needed."
        )
    if y.dtype.kind == "f":
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
            f"{name} holds one class only, {classes[0].item()!r}; a classifier needs "
            f"samples of at least two classes."
        )
    return classes, y_index.reshape(-1)
