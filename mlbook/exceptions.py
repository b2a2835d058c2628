"""Exceptions and warnings raised by mlbook.

scikit-learn is not a dependency of mlbook, so these classes cannot inherit
from scikit-learn's classes of the same names. Yet code written for
scikit-learn (``except sklearn.exceptions.NotFittedError``, a
``warnings.filterwarnings`` for scikit-learn's ``ConvergenceWarning``) should
treat mlbook's exceptions as its own. So mlbook raises and warns through
``_sklearn_compatible``: while scikit-learn is not imported, the class
itself; once it is (and code that names scikit-learn's class must have
imported it), a subclass of both mlbook's class and scikit-learn's, with the
same name and message. ``except mlbook.exceptions.NotFittedError`` catches
either, and so does ``except sklearn.exceptions.NotFittedError`` whenever
scikit-learn is loaded. The one difference that remains:
``type(error) is mlbook.exceptions.NotFittedError`` is false for the subclass;
test with ``isinstance`` or ``except``.
"""

import sys
import warnings

__all__ = ["ConvergenceWarning", "DataConversionWarning", "NotFittedError"]


class NotFittedError(ValueError, AttributeError):
    """Raised when an estimator is used before ``fit``.

    It subclasses both ``ValueError`` and ``AttributeError``, as scikit-learn's
    exception of the same name does, so code written for either catches it.
    """


class ConvergenceWarning(UserWarning):
    """An iterative solver stopped before meeting its tolerance."""


class DataConversionWarning(UserWarning):
    """The input had to be converted: for example ``y`` of shape (m, 1) to shape (m,)."""


_TWINS = {}


def _sklearn_compatible(cls):
    """``cls``, or once scikit-learn is imported, a subclass of ``cls`` and of its namesake there.

    Parameters
    ----------
    cls : type
        :class:`NotFittedError`, :class:`ConvergenceWarning` or
        :class:`DataConversionWarning`.

    Returns
    -------
    type
        The class to raise or warn with. It is ``cls`` itself while
        ``sklearn.exceptions`` is not imported (nothing is imported here), and
        otherwise a subclass of ``cls`` and of ``sklearn.exceptions.<name>``,
        made once and kept.

    Examples
    --------
    >>> import sklearn.exceptions
    >>> error = _sklearn_compatible(NotFittedError)("call fit first")
    >>> isinstance(error, NotFittedError), isinstance(error, sklearn.exceptions.NotFittedError)
    (True, True)
    """
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    theirs = getattr(sklearn_exceptions, cls.__name__, None)
    if theirs is None:
        return cls
    twin = _TWINS.get(cls)
    if twin is None or theirs not in twin.__bases__:
        twin = _TWINS[cls] = type(cls.__name__, (cls, theirs), {
            "__module__": cls.__module__,
            "__doc__": cls.__doc__,
            # Pickled (e.g. by joblib between processes) as mlbook's own class,
            # which needs no scikit-learn to load.
            "__reduce__": lambda self: (cls, self.args),
        })
    return twin


def _stacklevel():
    """The ``stacklevel`` for a ``warnings.warn`` in the caller: the first frame outside mlbook.

    A fixed ``stacklevel`` counts frames, and the frames between the reader's
    call and the warning vary (a decorator, ``fit`` calling an optimiser, a
    method calling another), so a fixed count points into mlbook's own files.
    Walking the stack to the first frame of another module points at the
    reader's line, as scikit-learn's warnings do.
    """
    level, frame = 1, sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").partition(".")[0] == "mlbook":
        frame, level = frame.f_back, level + 1
    return level


def _warn(message, category):
    """``warnings.warn`` with ``category`` made scikit-learn compatible, pointed at the reader's line."""
    warnings.warn(message, _sklearn_compatible(category), stacklevel=_stacklevel())
