"""Tables printed by the chapters (mlbook.report)."""

import numpy as np
import pytest

from mlbook.report import Table, table


def test_table_is_markdown_with_numeric_columns_right_aligned():
    t = table(["model", "accuracy", "iterations"], [["mlbook", 0.97333, 19], ["sklearn", 0.9711, np.int64(7)]],
              formats={"accuracy": ".3f"})
    assert isinstance(t, Table)
    assert str(t).split("\n") == [
        "| model | accuracy | iterations |",
        "|:--|--:|--:|",
        "| mlbook | 0.973 | 19 |",
        "| sklearn | 0.971 | 7 |",
    ]
    assert t._repr_markdown_() == str(t)


def test_default_float_format_and_list_of_formats():
    t = table(["a", "b"], [[1 / 3, 2e-9]], formats=[None, ".1e"])
    assert str(t).split("\n")[2] == "| 0.333333 | 2.0e-09 |"


def test_pipes_in_cells_and_headers_are_escaped():
    # The site renders the table with Python-Markdown's tables extension: a
    # stray pipe in a header (a norm, |theta_j|) made the whole table a paragraph.
    import markdown

    t = table(["lambda", "largest |theta_j|"], [[0.1, "a | b"]])
    html = markdown.markdown(str(t), extensions=["tables"])
    assert html.count("</th>") == 2 and html.count("</td>") == 2, html
    assert ">largest |theta_j|</th>" in html and ">a | b</td>" in html


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match=r"row 1 has 1 cells but there are 2 columns"):
        table(["a", "b"], [[1, 2], [3]])


def test_formats_naming_an_unknown_column_are_refused():
    with pytest.raises(ValueError, match=r"formats names columns that do not exist: \['c'\]"):
        table(["a", "b"], [[1, 2]], formats={"c": ".2f"})


def test_formats_of_the_wrong_length_are_refused():
    with pytest.raises(ValueError, match="formats has 1 entries for 2 columns"):
        table(["a", "b"], [[1, 2]], formats=[".2f"])
