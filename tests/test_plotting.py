"""The shared figures (mlbook.plotting).

The root conftest.py selects the Agg backend, so nothing opens a window.
"""

import matplotlib.axes
import matplotlib.collections
import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlbook.plotting import (
    image_grid,
    new_figure,
    plot_cost_contours,
    plot_cost_history,
    plot_decision_boundary,
)


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


# --- plot_decision_boundary ----------------------------------------------------


def disc(points):
    """A circle of radius 1: positive outside, negative inside."""
    return np.hypot(points[:, 0], points[:, 1]) - 1.0


CIRCLE_X = np.array([[0.0, 0.0], [0.5, 0.0], [2.0, 0.0], [0.0, -2.0]])
CIRCLE_Y = np.array(["in", "in", "out", "out"])


def test_plot_decision_boundary_one_scatter_per_class():
    ax = plot_decision_boundary(disc, CIRCLE_X, CIRCLE_Y)
    assert isinstance(ax, matplotlib.axes.Axes)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels == ["in", "out"]
    scatters = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)]
    offsets = [c.get_offsets() for c in scatters]
    assert len(offsets) == 2
    np.testing.assert_array_equal(offsets[0], CIRCLE_X[:2])
    np.testing.assert_array_equal(offsets[1], CIRCLE_X[2:])


def test_plot_decision_boundary_draws_the_zero_contour_on_the_circle():
    ax = plot_decision_boundary(disc, CIRCLE_X, CIRCLE_Y, resolution=300)
    zero_level = [c for c in ax.collections if hasattr(c, "levels") and list(c.levels) == [0.0]]
    assert len(zero_level) == 1
    vertices = np.concatenate([p.vertices for p in zero_level[0].get_paths()])
    np.testing.assert_allclose(np.hypot(vertices[:, 0], vertices[:, 1]), 1.0, atol=0.02)


def test_plot_decision_boundary_calls_decision_once_on_the_whole_grid():
    calls = []

    def recording(points):
        calls.append(points.shape)
        return disc(points)

    plot_decision_boundary(recording, CIRCLE_X, CIRCLE_Y, resolution=50)
    assert calls == [(2500, 2)]


def test_plot_decision_boundary_without_a_sign_change_has_no_curve():
    ax = plot_decision_boundary(lambda p: -np.ones(len(p)), CIRCLE_X, CIRCLE_Y)
    assert not [c for c in ax.collections if hasattr(c, "levels") and list(c.levels) == [0.0]]


def test_plot_decision_boundary_draws_on_given_ax():
    fig, ax = plt.subplots()
    assert plot_decision_boundary(disc, CIRCLE_X, CIRCLE_Y, ax=ax) is ax
    assert len(fig.axes) == 1


@pytest.mark.parametrize(
    ("X", "y", "match"),
    [
        (np.zeros((4, 3)), CIRCLE_Y, r"X must have shape \(m, 2\)"),
        (CIRCLE_X, np.array(["a", "b", "c", "a"]), "exactly two classes, got 3"),
    ],
)
def test_plot_decision_boundary_bad_input_raises(X, y, match):
    with pytest.raises(ValueError, match=match):
        plot_decision_boundary(disc, X, y)


# --- image_grid ------------------------------------------------------------------


def canvas_of(ax):
    return ax.images[0].get_array()


def test_image_grid_tiles_with_one_pixel_gaps():
    images = np.arange(6 * 2 * 3, dtype=float).reshape(6, 2, 3)
    ax = image_grid(images, ncols=4)
    canvas = canvas_of(ax)
    # 2 rows of (2 + 1) pixels plus 1; 4 columns of (3 + 1) pixels plus 1.
    assert canvas.shape == (7, 17)
    np.testing.assert_array_equal(canvas[1:3, 1:4], images[0])
    np.testing.assert_array_equal(canvas[4:6, 5:8], images[5])  # row 1, column 1
    assert canvas.mask[0].all()  # the gap is blank (NaN, drawn white)
    assert not ax.axison


def test_image_grid_flat_rows_with_image_shape():
    flat = np.arange(2 * 8 * 8, dtype=float).reshape(2, 64)
    canvas = canvas_of(image_grid(flat, image_shape=(8, 8)))
    np.testing.assert_array_equal(canvas[1:9, 1:9], flat[0].reshape(8, 8))  # row-major


def test_image_grid_titles_one_per_image_below_it():
    ax = image_grid(np.zeros((3, 8, 8)), titles=["a", "b", "c"])
    assert [t.get_text() for t in ax.texts] == ["a", "b", "c"]
    assert ax.texts[1].get_position() == (1 + 9 + 3.5, 1 + 8)


def test_image_grid_symmetric_scale_is_centred_on_zero():
    ax = image_grid(np.array([[[-1.0, 3.0]], [[0.5, 2.0]]]), symmetric=True, cmap="RdBu_r")
    assert ax.images[0].get_clim() == (-3.0, 3.0)


def test_image_grid_default_scale_is_the_data_range():
    ax = image_grid(np.array([[[-1.0, 3.0]], [[0.5, 2.0]]]))
    assert ax.images[0].get_clim() == (-1.0, 3.0)


def test_image_grid_per_image_scales_each_to_its_peak():
    images = np.array([[[-1.0, 4.0]], [[0.5, -0.25]]])
    canvas = canvas_of(image_grid(images, ncols=2, per_image=True))
    np.testing.assert_array_equal(canvas[1, 1:3], [-0.25, 1.0])
    np.testing.assert_array_equal(canvas[1, 4:6], [1.0, -0.5])


def test_image_grid_colorbar():
    ax = image_grid(np.zeros((2, 3, 3)), colorbar=True)
    assert len(ax.figure.axes) == 2


def test_image_grid_new_figure_has_the_label():
    ax = image_grid(np.zeros((4, 8, 8)), label="Four blank images")
    assert ax.figure.get_label() == "Four blank images"


@pytest.mark.parametrize(
    ("images", "kwargs", "match"),
    [
        (np.zeros((2, 64)), {}, r"images must have shape \(N, h, w\)"),
        (np.zeros((2, 64)), {"image_shape": (8, 7)},
         r"each image has 64 pixels, which image_shape=\(8, 7\)"),
        (np.zeros((2, 8, 8)), {"titles": ["only one"]}, "titles has 1 entries for 2 images"),
    ],
)
def test_image_grid_bad_input_raises(images, kwargs, match):
    with pytest.raises(ValueError, match=match):
        image_grid(images, **kwargs)


def test_cost_contours_can_label_their_lines():
    ax = plot_cost_contours(bowl, np.linspace(-2, 4, 30), np.linspace(-5, 1, 30), levels=9,
                            contour_labels=True)
    assert len(ax.texts) >= 2  # every third of nine levels that falls inside the grid


def test_plot_decision_boundary_names_the_classes_in_the_legend_or_draws_none():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    y = np.array([0, 1, 1])
    ax = plot_decision_boundary(lambda P: P[:, 0] + P[:, 1] - 1, X, y,
                                class_names=["outside", "inside"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["outside", "inside"]
    ax = plot_decision_boundary(lambda P: P[:, 0] + P[:, 1] - 1, X, y, legend=False)
    assert ax.get_legend() is None


def test_new_figure_keeps_caption_and_alt_text_apart():
    fig, ax = new_figure("Cost against iteration",
                         alt="The cost falls steeply, then levels off by iteration 50.")
    assert fig.get_label() == "Cost against iteration"
    assert fig.mlbook_alt.startswith("The cost falls")


def test_helpers_pass_caption_and_alt_text_to_the_figure_they_make():
    ax = plot_cost_history({"a": [3, 2, 1]}, label="Caption", alt="Falls to one.")
    assert ax.figure.get_label() == "Caption" and ax.figure.mlbook_alt == "Falls to one."
    ax = image_grid(np.zeros((2, 3, 3)), label="Two blank images", alt="Both white.")
    assert ax.figure.mlbook_alt == "Both white."


def test_plot_cost_history_lines_differ_in_style_not_only_in_colour():
    ax = plot_cost_history({name: [3, 2, 1] for name in "abcd"})
    assert len({line.get_linestyle() for line in ax.get_lines()}) == 4


def test_fit_text_raises_every_text_to_the_smallest_legible_size():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.text import Text

    from mlbook.plotting import fit_text, new_figure

    fig, ax = new_figure("Wide", figsize=(12, 4), alt="A wide figure with small text.")
    ax.plot([0, 1], [0, 1], label="line")
    ax.set_title("title", fontsize=6)
    ax.legend(fontsize="x-small")
    ax.tick_params(labelsize=5)
    smallest = fit_text(fig, shown_width_px=680, min_text_px=9)
    # 12 in at 96 px/in is 1152 px, shown at 680 px: 9 px is 9 / (4/3 * 680/1152) pt.
    expected = 9 / (96 / 72 * 680 / 1152)
    assert smallest == pytest.approx(expected)
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert min(sizes) >= expected - 1e-9
    assert min(label.get_fontsize() for label in ax.get_xticklabels()) >= expected - 1e-9
    import matplotlib.pyplot as plt

    plt.close(fig)
