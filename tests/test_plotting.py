"""The shared figures (mlbook.plotting).

The root conftest.py selects the Agg backend, so nothing opens a window.
"""

import matplotlib.axes
import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlbook.plotting import plot_cost_contours, plot_cost_history


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bowl(theta):
    """A cost with a positive minimum, 1 at (1, -2)."""
    return 1.0 + (theta[0] - 1.0) ** 2 + 3.0 * (theta[1] + 2.0) ** 2


def test_plot_cost_history_one_line_per_label():
    costs = {"alpha = 0.1": [3.0, 2.0, 1.5], "alpha = 0.01": [3.0, 2.9, 2.8, 2.7]}
    ax = plot_cost_history(costs)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert [line.get_label() for line in ax.lines] == list(costs)
    assert [text.get_text() for text in ax.get_legend().get_texts()] == list(costs)


def test_plot_cost_history_x_is_iteration():
    ax = plot_cost_history({"a": [3.0, 2.0, 1.5]})
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), [0, 1, 2])
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), [3.0, 2.0, 1.5])
    assert ax.get_xlabel() == "iteration"


def test_plot_cost_history_logy():
    assert plot_cost_history({"a": [3.0, 2.0]}, logy=True).get_yscale() == "log"


def test_plot_cost_history_draws_on_given_ax():
    fig, ax = plt.subplots()
    assert plot_cost_history({"a": [1.0, 0.5]}, ax=ax) is ax
    assert len(fig.axes) == 1


def test_plot_cost_contours_without_paths_has_no_lines_or_legend():
    ax = plot_cost_contours(bowl, np.linspace(-1, 3, 21), np.linspace(-4, 0, 21))
    assert isinstance(ax, matplotlib.axes.Axes)
    assert len(ax.lines) == 0
    assert ax.get_legend() is None
    assert ax.get_xlabel() == r"$\theta_0$"


def test_plot_cost_contours_one_line_per_path():
    paths = {
        "gradient descent": np.array([[3.0, 0.0], [2.0, -1.0], [1.0, -2.0]]),
        "L-BFGS": np.array([[3.0, 0.0], [1.0, -2.0]]),
    }
    ax = plot_cost_contours(bowl, np.linspace(-1, 3, 21), np.linspace(-4, 0, 21), paths=paths)
    assert len(ax.lines) == 2
    assert [text.get_text() for text in ax.get_legend().get_texts()] == list(paths)
    np.testing.assert_array_equal(ax.lines[1].get_xdata(), [3.0, 1.0])


def test_plot_cost_contours_marks_the_minimum():
    ax = plot_cost_contours(bowl, np.linspace(-1, 3, 21), np.linspace(-4, 0, 21), minimum=(1.0, -2.0))
    assert len(ax.lines) == 1
    np.testing.assert_array_equal(ax.lines[0].get_xydata(), [[1.0, -2.0]])
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["minimum"]


def test_plot_cost_contours_paths_and_minimum_share_the_legend():
    paths = {"gradient descent": np.array([[3.0, 0.0], [1.0, -2.0]])}
    ax = plot_cost_contours(bowl, np.linspace(-1, 3, 21), np.linspace(-4, 0, 21),
                            paths=paths, minimum=(1.0, -2.0))
    assert len(ax.lines) == 2
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["gradient descent", "minimum"]


def test_plot_cost_contours_draws_on_given_ax():
    fig, ax = plt.subplots()
    assert plot_cost_contours(bowl, np.linspace(-1, 3, 5), np.linspace(-4, 0, 5), ax=ax) is ax
    assert len(fig.axes) == 1
