r"""The machinery of the labs' checks: calling the reader's function, reading its result.

A task's checker receives a :class:`Reader`, calls it on seeded cases, and
either returns a short summary of what passed or raises :class:`Mistake`
with a message in the reader's terms. Everything the reader's function can
do wrong in an ordinary way (raise, return ``None``, return the wrong shape,
change its arguments in place, warn) is turned into such a message here, so
that a check prints one line and never a traceback.
"""

import copy
import itertools
import linecache
import sys
import traceback
import warnings
from dataclasses import dataclass, field

import numpy as np

from ..gradcheck import numerical_gradient, relative_error
from ._messages import HINTS_ZH, language, text, translate

TASKS = {}


class Mistake(Exception):
    """What is wrong with the reader's function, as one sentence for the reader."""


class NotImplementedYet(Exception):
    """The reader's function (or one it calls) still raises NotImplementedError."""


@dataclass(frozen=True)
class Task:
    name: str
    lab: str
    checker: object
    params: tuple


def task(name, lab, params):
    """Register ``checker(reader) -> str`` as the check of task ``name``."""

    def register(checker):
        TASKS[name] = Task(name, lab, checker, tuple(params))
        return checker

    return register


@dataclass
class Case:
    """One seeded call: the arguments, in order, and how to name the case to the reader."""

    args: dict
    where: str
    sizes: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.args[name]


def _one_line(text, limit=160):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _reader_frame(exc, code):
    """The last frame of the traceback that ran the reader's own code (its file), if any."""
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if f.filename == code.co_filename]
    return mine[-1] if mine else None


def _raised_by(exc):
    """The name of the function whose body raised ``exc``."""
    frames = traceback.extract_tb(exc.__traceback__)
    return frames[-1].name if frames else None


def _equal(a, b):
    """Whether a data argument is unchanged: arrays entry by entry, lists recursively.

    Other arguments (functions, random generators) are not data the reader
    could have overwritten by mistake, and count as unchanged.
    """
    if isinstance(a, np.ndarray):
        b = np.asarray(b)
        if a.shape != b.shape:
            return False
        if a.dtype.kind in "fc":
            return bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))
        return bool(np.all(a == b))
    if isinstance(a, (list, tuple)):
        return (isinstance(b, (list, tuple)) and len(a) == len(b)
                and all(_equal(x, y) for x, y in zip(a, b)))
    return True


class Reader:
    """The reader's function, called on a :class:`Case` as the checks need it.

    Each call gets fresh copies of the case's arguments, so that a function
    that changes them cannot spoil the next case, and is then told if it did.
    Warnings are recorded, not shown: the check reports them in its line.
    """

    def __init__(self, function, spec):
        self.function = function
        self.spec = spec
        self.warnings = []

    def __call__(self, case):
        args = copy.deepcopy(case.args)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
                try:
                    out = self.function(*args.values())
                except NotImplementedError as exc:
                    raise NotImplementedYet(_raised_by(exc)) from None
                except Exception as exc:  # noqa: BLE001 (any error of the reader's code is the finding)
                    raise Mistake(self._error_message(exc, case)) from None
        for w in caught:
            self.warnings.append((_one_line(w.message, 80), case.where))
        for name in case.args:
            if not _equal(args[name], case.args[name]):
                raise Mistake(
                    f"your function changed its argument {name} in place {case.where}, so the "
                    f"caller's {name} is different after the call; compute on a copy, or build "
                    f"new arrays instead of assigning into {name}"
                )
        return out

    def _error_message(self, exc, case):
        message = f"your function raised {type(exc).__name__}: {_one_line(exc)}, {case.where}"
        code = getattr(self.function, "__code__", None)
        frame = _reader_frame(exc, code) if code is not None else None
        if frame is not None:
            line = frame.line or linecache.getline(frame.filename, frame.lineno).strip()
            message += f" (in {frame.name}, at `{_one_line(line, 70)}`)" if line else ""
        if isinstance(exc, ValueError) and "matmul" in str(exc):
            message += ("; a product (a, b) @ (c, d) needs b = c: write the shape of each "
                        "operand next to it and see which one needs .T")
        elif isinstance(exc, ValueError) and "could not be broadcast" in str(exc):
            message += ("; two arrays combined entry by entry need matching shapes: write "
                        "the shape of each next to it")
        return message


# --- reading what the reader's function returned ------------------------------------


def _numbers(out, what, expected, case):
    """The reader's result as a float array; a Mistake if it is nothing or not numbers.

    ``expected`` says what it should be, e.g. "one number" or "one array of shape (m,)".
    """
    if out is None:
        raise Mistake(f"{what} is None {case.where}: the function ends without a return statement")
    try:
        return np.asarray(out, dtype=np.float64)
    except (TypeError, ValueError):
        raise Mistake(f"{what} should be {expected}, but the function returned "
                      f"{type(out).__name__} {case.where}") from None


def number(out, what, case):
    """The reader's result as a float, or a Mistake that says why it is not one number."""
    if isinstance(out, tuple):
        raise Mistake(f"{what} should be one number, but the function returned a tuple of "
                      f"{len(out)} values {case.where}")
    arr = _numbers(out, what, "one number", case)
    if arr.ndim == 0:
        return float(arr)
    if arr.size == 1:
        raise Mistake(
            f"{what} should be one number (a float), but it is an array of shape {arr.shape} "
            f"{case.where}; a cost is a scalar, and column vectors make every product a matrix"
        )
    raise Mistake(f"{what} should be one number, but it is an array of shape {arr.shape} "
                  f"{case.where}: a sum or a mean is missing")


def _shape_hint(got, want, symbols, sizes):
    """What is wrong with shape ``got``, as the end of "the shape of ... is"."""
    if len(want) == 1 and got == (want[0], 1):
        return (f"{got}, a column, where the flat vector {symbols} was expected; keep vectors "
                f"1-D (an (m,) vector minus an (m, 1) column broadcasts to an (m, m) matrix)")
    if len(want) == 1 and got == (1, want[0]):
        return f"{got}, a row, where the flat vector {symbols} was expected"
    if len(want) == 2 and got == want[::-1] and want[0] != want[1]:
        return f"{got}, the transpose of the expected {symbols}"
    m = sizes.get("m")
    if m is not None and len(got) > len(want) and got.count(m) > want.count(m):
        return (f"{got} where {symbols} was expected: an extra dimension of size m, which is "
                f"what an (m, 1) column and an (m,) vector broadcast to")
    return f"{got} where {symbols} was expected"


def array(out, what, shape, symbols, case, integer=False):
    """The reader's result as an array of ``shape``, or a Mistake naming the shape problem.

    ``symbols`` is the shape as the chapter writes it, e.g. ``"(n+1,)"``.
    """
    if isinstance(out, tuple) and not (len(shape) == 1 and len(out) == shape[0]):
        raise Mistake(f"{what} should be one array of shape {symbols}, but the function "
                      f"returned a tuple of {len(out)} values {case.where}")
    raw = out
    arr = _numbers(out, what, f"an array of numbers of shape {symbols}", case)
    if arr.ndim == 0 and len(shape) >= 1:
        raise Mistake(f"{what} is one number where an array of shape {symbols} was expected "
                      f"{case.where}: a sum, mean or arg-min ran over the whole array; give it "
                      f"the axis to run over (axis=0 down the rows, axis=1 along each row)")
    if arr.shape != tuple(shape):
        raise Mistake(f"the shape of {what} is "
                      + _shape_hint(arr.shape, tuple(shape), symbols, case.sizes)
                      + f" ({case.where})")
    if integer and not np.all(arr == np.round(arr)):
        raise Mistake(f"{what} should hold whole numbers (indices), but it holds fractions "
                      f"{case.where}")
    kind = np.asarray(raw).dtype.kind
    if integer and kind not in "iu":
        raise Mistake(
            f"{what} holds whole numbers but its dtype is {np.asarray(raw).dtype} {case.where}: "
            f"numpy indexes only with integers, so using it as an index raises IndexError; "
            f"make it an integer array (np.zeros(m, dtype=int), or np.argmin, which returns "
            f"integers)")
    return arr


def pair(out, what, names, case, expected=None):
    """The reader's result as a tuple of ``len(names)`` values, or a Mistake.

    ``expected``, the right values in order, lets it recognise the right
    values returned in another order (by shape, or by value when the shapes agree).
    """
    if out is None:
        raise Mistake(f"{what} is None {case.where}: the function ends without a return statement")
    if not isinstance(out, (tuple, list)) or len(out) != len(names):
        count = len(out) if isinstance(out, (tuple, list)) else 1
        raise Mistake(f"{what} should be the {len(names)} values {', '.join(names)} (a tuple), "
                      f"but the function returned {count} value{'s' * (count != 1)} "
                      f"{case.where}")
    if expected is not None:
        _check_order(tuple(out), tuple(expected), what, names, case)
    return tuple(out)


def _matches(got, want, by_value):
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    want = np.asarray(want, dtype=np.float64)
    return got.shape == want.shape and (not by_value or close(got, want, 1e-6))


def swapped_message(what, names, case, order=None):
    order = order or names[::-1]
    return (f"{what} returns its values in the wrong order {case.where}: it returns "
            f"({', '.join(order)}), the task asks for ({', '.join(names)}); put them in that "
            f"order in the return statement")


def _check_order(out, expected, what, names, case):
    """A Mistake if ``out`` is ``expected`` in another order.

    A value is recognised by its shape where no other value has that shape,
    and by its value where two share one.
    """
    shapes = [np.shape(value) for value in expected]

    def fits(i, j):
        return _matches(out[i], expected[j], by_value=shapes.count(shapes[j]) > 1)

    if all(fits(i, i) for i in range(len(out))):
        return
    for order in itertools.permutations(range(len(out))):
        if all(fits(i, j) for i, j in enumerate(order)):
            raise Mistake(swapped_message(what, names, case, [names[j] for j in order]))


# --- comparing it with mlbook's answer ----------------------------------------------------


def _scale(want):
    want = np.asarray(want, dtype=np.float64)
    return float(np.max(np.abs(want))) if want.size else 0.0


def close(got, want, rtol=1e-7):
    """Equal up to rounding: relative to the largest entry of ``want``."""
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return False
    if not np.all(np.isfinite(got) == np.isfinite(want)):
        return False
    finite = np.isfinite(want)
    atol = rtol * max(_scale(want[finite]) if finite.any() else 0.0, 1e-300)
    return bool(np.allclose(got[finite], want[finite], rtol=rtol, atol=atol)
                and np.array_equal(got[~finite], want[~finite]))


def factor(got, want):
    """The constant c with got = c * want (to 1e-6), or None."""
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    if got.shape != want.shape or not np.all(np.isfinite(got)) or not np.all(np.isfinite(want)):
        return None
    big = np.abs(want) > 1e-9 * max(_scale(want), 1e-300)
    if not big.any():
        return None
    c = float(np.median(got[big] / want[big]))
    if c == 0 or not close(got, c * want, rtol=1e-6):
        return None
    return c


def describe_factor(c, sizes):
    """``c`` in words, by the sizes of the case ("is m times too large (m = 7 here)"), or None.

    A factor is named only when the task's own constants can produce it: a
    size of the case (m, K, n, ...), 2, their products and their inverses,
    with either sign. Any other ratio says nothing about the constants (a
    square of a sum, a product where an elementwise one was meant, a broadcast
    to (m, m) all give one), so it is not reported.
    """
    if np.isclose(c, -1.0):
        return "has the opposite sign"
    sign, size = ("has the opposite sign and " if c < 0 else ""), abs(c)
    words = []
    for name, value in sizes.items():
        if value > 2:
            words += [(value, f"is {name} times too large ({name} = {value} here)"),
                      (1 / value, f"is {name} times too small ({name} = {value} here)"),
                      (2 * value, f"is 2{name} times too large ({name} = {value} here)"),
                      (1 / (2 * value), f"is 2{name} times too small ({name} = {value} here)"),
                      (value / 2, f"is {name}/2 times too large ({name} = {value} here)"),
                      (2 / value, f"is {name}/2 times too small ({name} = {value} here)")]
    words += [(2.0, "is twice too large"), (0.5, "is half what it should be")]
    for value, text in words:
        if np.isclose(size, value, rtol=1e-6):
            return sign + text
    return None


WHAT_TO_CHECK = ("check the shape of every intermediate result (an (m, 1) column against an "
                 "(m,) vector broadcasts to (m, m)), which axis each sum or mean runs over, "
                 "* against @, and which rows or columns each slice keeps")


def relative_gap(got, want):
    """A bounded measure of how far apart two results are, in [0, 2]."""
    got, want = np.ravel(np.asarray(got, float)), np.ravel(np.asarray(want, float))
    scale = max(np.linalg.norm(got), np.linalg.norm(want))
    return 0.0 if scale == 0 else float(np.linalg.norm(got - want) / scale)


def compare(got, want, what, case, mistakes=(), equation="", rtol=1e-7, fallback=None):
    """Raise a Mistake unless ``got`` equals ``want``; name the mistake when it is a known one.

    ``mistakes`` lists ``(value, explanation)`` pairs: the result a known
    mistake gives on this case, and what to say when the reader's result
    equals it. ``fallback()``, if given, is called when no known mistake
    matches, before the generic diagnoses, and may raise a Mistake of its own.
    """
    if close(got, want, rtol):
        return
    got_arr = np.asarray(got, dtype=np.float64)
    if not np.all(np.isfinite(got_arr)) and np.all(np.isfinite(np.asarray(want, float))):
        raise Mistake(f"{what} holds nan or inf {case.where}, where every value should be "
                      f"finite{'; see ' + equation if equation else ''}")
    for value, explanation in mistakes:
        if value is not None and close(got, value, 1e-6) and not close(value, want, rtol):
            raise Mistake(f"{what} {explanation} ({case.where})")
    if fallback is not None:
        fallback()
    c = factor(got, want)
    words = None if c is None else describe_factor(c, case.sizes)
    if words is not None:
        raise Mistake(f"{what} {words} {case.where}"
                      + (f"; compare the constants with {equation}" if equation else ""))
    want_arr = np.asarray(want)
    if want_arr.dtype.kind in "iub" and got_arr.shape == want_arr.shape and want_arr.ndim == 1:
        wrong = np.flatnonzero(got_arr != want_arr)
        raise Mistake(f"{what} does not match {equation or 'the expected value'} {case.where}: "
                      f"{wrong.size} of its {want_arr.size} entries "
                      f"{'differs' if wrong.size == 1 else 'differ'}, the first at index "
                      f"{wrong[0]}")
    if c is not None and got_arr.size == 1:
        raise Mistake(f"{what} does not match {equation or 'the expected value'} {case.where}, "
                      f"and no constant of the task (m, 2, ...) accounts for the difference, so "
                      f"the structure is wrong, not a constant; " + WHAT_TO_CHECK)
    if c is not None:
        raise Mistake(f"{what} does not match {equation or 'the expected value'} {case.where}: "
                      f"every entry is {c:.3g} times the right one, a ratio that none of the "
                      f"task's constants gives, so the structure is wrong, not a constant; "
                      + WHAT_TO_CHECK)
    raise Mistake(f"{what} does not match {equation or 'the expected value'} {case.where} "
                  f"(relative difference {relative_gap(got, want):.2g}); " + WHAT_TO_CHECK)


def gradient_error(got, numeric, want, case, mistakes, equation, fallback=None, tolerance=1e-6):
    """The relative error of a gradient against central differences; a Mistake above ``tolerance``.

    On a failure the mistake is named as :func:`compare` names it, from
    ``mistakes()`` (called only then), and the relative error is added.
    """
    error = relative_error(got, numeric)
    if error > tolerance:
        try:
            compare(got, want, "your gradient", case, mistakes(), equation, fallback=fallback)
        except Mistake as exc:
            raise Mistake(f"{exc}; relative error against central differences "
                          f"{error:.2g}") from None
    return error


def check_theta_gradient(reader, cases, cost, gradient, mistakes, equation, fallback=None):
    """Check a gradient with respect to theta, (n+1,), on ``cases`` of (theta, X, y, lam).

    ``cost`` and ``gradient`` are mlbook's; ``mistakes(case)`` lists the known
    mistakes, ``fallback(case)`` is tried when none matches.
    """
    worst = 0.0
    for case in cases:
        theta, X, y, lam = case.args.values()
        got = array(reader(case), "your gradient", theta.shape, "(n+1,)", case)
        numeric = numerical_gradient(lambda t: cost(t, X, y, lam), theta)  # noqa: B023 (used at once)
        worst = max(worst, gradient_error(
            got, numeric, gradient(theta, X, y, lam), case, lambda: mistakes(case), equation,  # noqa: B023
            fallback=None if fallback is None else lambda: fallback(case)))  # noqa: B023
    return gradient_summary(cases, worst)


def gradient_summary(cases, worst, cost=""):
    return (f"on {len(cases)} cases it agrees with central differences of the cost{cost} "
            f"(largest relative error {worst:.1e})")


# --- the check itself ----------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """The outcome of a check: ``status`` is "passed", "not implemented" or "failed"."""

    task: str
    status: str
    message: str

    @property
    def line(self):
        """The one line :func:`check` prints."""
        return f"{self.task}: {self.message}"


def diagnose(task_name, function, lang=None):
    """Run the checks of ``task_name`` on ``function`` and return a :class:`Result`.

    Parameters
    ----------
    task_name : str
        The task, as the lab's check cell names it (``"linear_cost"``).
    function : callable
        The reader's function.
    lang : {"en", "zh"}, optional
        The language of the message; by default the lab's own: Chinese when
        the function or its notebook's task functions have Chinese docstrings
        (the Chinese labs), English otherwise.

    Returns
    -------
    Result
    """
    result = _diagnose(task_name, function)
    lang = language(function if callable(function) else None, lang=lang)
    if lang == "en":
        return result
    return Result(result.task, result.status, translate(result.message, lang))


def _diagnose(task_name, function):
    """:func:`diagnose` in English, the language the checks are written in."""
    if task_name not in TASKS:
        known = ", ".join(sorted(TASKS))
        return Result(str(task_name), "failed",
                      f"there is no task called {task_name!r}; the tasks are {known}")
    spec = TASKS[task_name]
    if not callable(function):
        return Result(task_name, "failed",
                      f"pass the function itself, check({task_name!r}, {task_name}), not "
                      f"a {type(function).__name__} (its result)")
    helper = _failing_helper(task_name, function)
    if helper is not None:
        name, result = helper
        return Result(task_name, "failed",
                      f"not right yet: your {task_name} calls your {name}, which is not right "
                      f"yet, so check {name} first (check(\"{name}\", {name})): "
                      + result.message.removeprefix("not right yet: "))
    reader = Reader(function, spec)
    try:
        summary = spec.checker(reader)
    except NotImplementedYet as exc:
        own = getattr(function, "__name__", None)
        if exc.args[0] not in (None, own, "<module>"):
            return Result(task_name, "not implemented",
                          f"not implemented yet: it calls {exc.args[0]}, which still raises "
                          f"NotImplementedError")
        return Result(task_name, "not implemented",
                      "not implemented yet: replace the line raise NotImplementedError(...) "
                      "with your code, run the cell, then run this check again")
    except Mistake as exc:
        more = (f"; for what to check step by step, run hint(\"{task_name}\")"
                if task_name in HINTS and "does not match" in str(exc) else "")
        return Result(task_name, "failed", "not right yet: " + str(exc) + more)
    note = ""
    if reader.warnings:
        text, where = reader.warnings[0]
        note = f" (numpy warned \"{text}\" {where})"
    return Result(task_name, "passed", f"passed: {summary}{note}")


def _failing_helper(task_name, function, _seen=None):
    """The reader's own earlier task that ``function`` calls and that fails, with its Result.

    A task may call the reader's function of an earlier task (``nn_cost``
    calls ``forward``); when that one is wrong, the later one cannot be right,
    and blaming it would send the reader to the wrong place. Only functions
    of the same lab, found under their task's name among the reader's globals
    and not mlbook's own, count.
    """
    code, namespace = getattr(function, "__code__", None), getattr(function, "__globals__", {})
    if code is None:
        return None
    seen = (_seen or set()) | {task_name}
    lab = TASKS[task_name].lab
    for name in code.co_names:
        helper = namespace.get(name)
        if (name in seen or name not in TASKS or TASKS[name].lab != lab or not callable(helper)
                or helper is function
                or str(getattr(helper, "__module__", "")).partition(".")[0] == "mlbook"):
            continue
        deeper = _failing_helper(name, helper, seen)
        if deeper is not None:
            return deeper
        result = _diagnose(name, helper)
        if result.status == "failed":
            return name, result
    return None


def check(task_name, function, lang=None):
    """Check the reader's ``function`` for a lab task and print one line: the verdict.

    The function is run on several seeded cases, edge cases included, and
    compared with mlbook's own implementation; gradients are also compared
    with central differences (:mod:`mlbook.gradcheck`). The line says that it
    passed, that it is not implemented yet, or what is wrong, naming the
    equation of the chapter to compare with. Nothing is random: the same
    function always gets the same line.

    Parameters
    ----------
    task_name : str
        The task, as the lab names it (``"linear_cost"``).
    function : callable
        Your function.
    lang : {"en", "zh"}, optional
        The language of the line; by default the lab's own (see :func:`diagnose`).

    Examples
    --------
    >>> from mlbook.labs import check
    >>> def sigmoid(z):
    ...     raise NotImplementedError("your code here")
    >>> check("sigmoid", sigmoid)  # doctest: +ELLIPSIS
    sigmoid: not implemented yet: ...
    """
    print(diagnose(task_name, function, lang).line)


HINTS = {}


def hint(task_name, lang=None):
    """Print what to check, step by step, when a task's check says only "does not match".

    Between the one line of :func:`check` and the chapter's own code: the
    steps of the task with the shape of each intermediate result and the
    usual slip at each step, without the answer.

    Parameters
    ----------
    task_name : str
        The task, as the lab names it (``"nn_cost"``).
    lang : {"en", "zh"}, optional
        The language; by default the lab's own, found among the caller's globals.
    """
    lang = language(namespace=sys._getframe(1).f_globals, lang=lang)  # noqa: SLF001 (the notebook)
    if task_name not in TASKS:
        known = ", ".join(sorted(TASKS))
        print(f"there is no task called {task_name!r}; the tasks are {known}")
        return
    steps = HINTS.get(task_name, ()) if lang == "en" else HINTS_ZH.get(task_name, ())
    print(translate(f"{task_name}: what to check, step by step", lang))
    for number, step in enumerate(steps, start=1):
        print(f"  {number}. {step}")


def progress(lab, namespace, lang=None):
    """Print the progress of a whole lab: one line per task, then how many passed.

    Each task's function is looked up by its name in ``namespace`` (a
    notebook passes ``globals()``) and checked as :func:`check` does; a line
    says "passed", "not right yet" with the reason's first words, "not
    implemented yet", or that the task's cell has not been run.

    Parameters
    ----------
    lab : str
        The lab, as its file is named (``"k-means"``).
    namespace : dict
        Where the reader's functions are, ``globals()`` in a notebook.
    lang : {"en", "zh"}, optional
        The language; by default the lab's own (see :func:`diagnose`).
    """
    lang = language(namespace=namespace, lang=lang)
    tasks = [name for name, spec in TASKS.items() if spec.lab == lab]
    if not tasks:
        labs = ", ".join(sorted({spec.lab for spec in TASKS.values()}))
        print(f"there is no lab called {lab!r}; the labs are {labs}")
        return
    passed = 0
    for name in tasks:
        function = namespace.get(name)
        if function is None:
            line = translate("not run yet: run the task's cell, then this one again", lang)
        else:
            result = diagnose(name, function, lang)
            passed += result.status == "passed"
            line = {"passed": text("word-passed", lang),
                    "not implemented": text("word-not-implemented", lang)}.get(
                result.status, _one_line(result.message, 110 if lang == "en" else 70))
        print(f"{name}: {line}")
    print(translate(f"{passed} of {len(tasks)} tasks passed", lang))


class your_code:  # noqa: N801 (used as a context manager, like a function)
    """A context for a cell that runs the reader's functions on real data.

    Until the functions it calls are written, the cell prints one line
    instead of a traceback::

        with your_code():
            theta = gradient_descent(...)
    """

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if kind is not None and issubclass(kind, NotImplementedError):
            name = _raised_by(exc) or "a function it uses"
            frame = tb
            while frame.tb_next is not None:
                frame = frame.tb_next
            lang = language(namespace=frame.tb_frame.f_globals)
            print(translate(f"This cell runs your functions: finish {name} above first "
                            f"(it is not implemented yet).", lang))
            return True
        return False
