r"""Tables the chapters print: comparisons, timings, grids of results.

:func:`table` formats rows as a Markdown pipe table. Printed in a terminal or
a test it reads as text; printed in a chapter, the book's build shows it as a
real HTML table (any printed Markdown table is rendered, see the README's
"Writing a chapter"); in Jupyter it displays as a table.
"""

import numbers

__all__ = ["Table", "table"]


class Table:
    """A formatted table: ``str(t)`` is Markdown, and Jupyter displays it as a table."""

    def __init__(self, markdown):
        self.markdown = markdown

    def __str__(self):
        return self.markdown

    __repr__ = __str__

    def _repr_markdown_(self):
        return self.markdown


def table(columns, rows, formats=None):
    r"""A Markdown table of ``rows`` under the headers ``columns``.

    Parameters
    ----------
    columns : sequence of str
        The headers, one per column.
    rows : iterable of sequences
        One sequence of cells per row, as many cells as ``columns``.
    formats : sequence of str, or dict of str -> str, optional
        A format spec (as in ``format(value, spec)``, e.g. ``".3f"`` or
        ``".1e"``) per column, as a list in column order or a dict by header.
        Strings are never formatted; numbers without a spec use ``".6g"``
        (floats) or ``"d"`` (integers).

    Returns
    -------
    Table
        Its ``str`` is the Markdown; numeric columns are right-aligned.

    Examples
    --------
    >>> print(table(["model", "accuracy"], [["mlbook", 0.9733], ["sklearn", 0.9711]],
    ...             formats={"accuracy": ".3f"}))
    | model | accuracy |
    |:--|--:|
    | mlbook | 0.973 |
    | sklearn | 0.971 |
    """
    columns = [str(c) for c in columns]
    if not columns:
        raise ValueError("columns is empty; a table needs at least one header.")
    specs = _column_specs(columns, formats)
    rows = [list(row) for row in rows]
    for number, row in enumerate(rows):
        if len(row) != len(columns):
            raise ValueError(
                f"row {number} has {len(row)} cells but there are {len(columns)} columns "
                f"({columns}); give one cell per column."
            )
    numeric = [
        bool(rows) and all(_is_number(row[k]) for row in rows) for k in range(len(columns))
    ]
    lines = [
        _line(_escape(str(column)) for column in columns),
        "|" + "|".join("--:" if right else ":--" for right in numeric) + "|",
    ]
    lines += [_line(_cell(value, spec) for value, spec in zip(row, specs)) for row in rows]
    return Table("\n".join(lines))


def _column_specs(columns, formats):
    if formats is None:
        return [None] * len(columns)
    if isinstance(formats, dict):
        unknown = set(formats) - set(columns)
        if unknown:
            raise ValueError(
                f"formats names columns that do not exist: {sorted(unknown)}; "
                f"the columns are {columns}."
            )
        return [formats.get(c) for c in columns]
    formats = list(formats)
    if len(formats) != len(columns):
        raise ValueError(
            f"formats has {len(formats)} entries for {len(columns)} columns; give one "
            f"per column (None or '' for the default), or a dict by column name."
        )
    return [spec or None for spec in formats]


def _is_number(value):
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _cell(value, spec):
    if isinstance(value, str):
        text = value
    elif spec is not None:
        text = format(value, spec)
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
        text = format(value, "d")
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        text = format(value, ".6g")
    else:
        text = str(value)
    return _escape(text)


def _escape(text):
    # A pipe would end the cell, a newline the row.
    return text.replace("|", "\\|").replace("\n", " ")


def _line(cells):
    return "| " + " | ".join(cells) + " |"
