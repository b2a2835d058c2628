"""Figures the chapters share. Plotting lives here, never in algorithm code.

matplotlib is imported only when a function here is called, so the rest of
mlbook needs numpy and scipy alone (``pip install 'mlbook[plot]'`` adds it).
Every function draws on an ``ax`` (a new figure when none is given) and
returns it; nothing is shown or saved here.
"""

import itertools

import numpy as np

__all__ = [
    "fit_text",
    "image_grid",
    "new_figure",
    "plot_cost_contours",
    "plot_cost_history",
    "plot_decision_boundary",
]


_LINE_STYLES = ["-", "--", ":", "-."]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(
            "mlbook.plotting needs matplotlib; install it with pip install 'mlbook[plot]'."
        ) from None
    return plt


# The book's pages show a figure at most this wide on a 1280 px screen (the
# column of the text, in CSS px); a wider figure is scaled down into it.
BOOK_COLUMN_PX = 680
# No text smaller than this, in CSS px, as shown there.
MIN_TEXT_PX = 9


def fit_text(fig, shown_width_px=BOOK_COLUMN_PX, min_text_px=MIN_TEXT_PX):
    """Enlarge every text of ``fig`` that would be shown smaller than ``min_text_px``.

    A figure is drawn ``fig.get_size_inches()`` wide at 96 px per inch and
    scaled down to ``shown_width_px`` when it is wider; a font of ``s`` points
    is then ``s * 96/72 * scale`` px. Every text under the smallest legible
    size (tick labels, legends, titles, annotations) is raised to it, before
    the figure is drawn, so that its layout (``layout="constrained"``) makes
    room. The book's page engine calls this on every figure it saves; a
    reader's own figures are left alone unless they call it.

    Returns the smallest font size, in points, the figure now uses.
    """
    from matplotlib.text import Text

    width_px = fig.get_size_inches()[0] * 96
    scale = min(1.0, shown_width_px / width_px)
    min_points = min_text_px / (96 / 72 * scale)
    for ax in fig.axes:
        # Tick labels get their text only when drawn; their size is set now,
        # for the ticks there are and any made later (no drawing needed).
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            ticks = axis.get_major_ticks() + axis.get_minor_ticks()
            if any(tick.label1.get_fontsize() < min_points for tick in ticks):
                ax.tick_params(axis=name, which="both", labelsize=min_points)
        for label in (ax.xaxis.get_offset_text(), ax.yaxis.get_offset_text()):
            if label.get_fontsize() < min_points:
                label.set_fontsize(min_points)
    smallest = float("inf")
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        if text.get_fontsize() < min_points:
            text.set_fontsize(min_points)
        smallest = min(smallest, text.get_fontsize())
    return smallest


def new_figure(caption, nrows=1, ncols=1, figsize=(6, 4), *, alt=None):
    """A new figure and its axes, labelled with ``caption``.

    Parameters
    ----------
    caption : str
        What the figure is; the book prints it under the figure. Unlike
        ``plt.subplots(num=caption)``, calling this twice with the same caption
        (re-running a notebook cell) makes a second figure instead of failing.
    nrows, ncols : int, default=1
        The grid of axes.
    figsize : tuple (width, height), default=(6, 4)
        In inches.
    alt : str
        What the figure shows, for a reader who cannot see it: the image's alt
        text. A screen reader reads it and then the caption, so it adds to
        the caption instead of repeating it: what the reader should notice
        (which curve falls fastest, where the boundary bends, which points are
        flagged), in words that do not depend on colour. The book refuses a
        figure without it; outside the book it may be left out.

    Returns
    -------
    fig : matplotlib Figure
    axes : Axes, or ndarray of Axes when ``nrows * ncols > 1``
    """
    fig, axes = _pyplot().subplots(nrows, ncols, figsize=figsize, layout="constrained")
    fig.set_label(caption)
    fig.mlbook_alt = alt
    return fig, axes


def _new_ax(ax, label, alt):
    return ax if ax is not None else new_figure(label, alt=alt)[1]


def plot_cost_history(costs_by_label, ax=None, logy=False, label="Cost history", alt=None):
    """Plot cost against iteration, one line per entry of ``costs_by_label``.

    Parameters
    ----------
    costs_by_label : dict of str -> array_like
        For example ``{"alpha = 0.1": model.cost_history_}``.
    ax : matplotlib Axes, optional
    logy : bool, default=False
        A log scale for the cost, to show slow convergence.
    label, alt : str
        The caption and the alt text of the new figure when one is made (see
        `new_figure`); unused with ``ax``.
    """
    ax = _new_ax(ax, label, alt)
    # A line style per line as well as a colour, so that the legend can be
    # read without telling colours apart.
    for (name, costs), style in zip(costs_by_label.items(), itertools.cycle(_LINE_STYLES)):
        ax.plot(np.arange(len(costs)), costs, style, label=name)
    ax.set_xlabel("iteration")
    ax.set_ylabel(r"cost $J(\theta)$")
    if logy:
        ax.set_yscale("log")
    ax.legend()
    return ax


def plot_cost_contours(cost, theta0, theta1, paths=None, minimum=None, ax=None, levels=20,
                       contour_labels=False, label="Cost contours", alt=None):
    r"""Contours of a cost of two parameters, with optional optimiser paths.

    Parameters
    ----------
    cost : callable
        ``cost(theta) -> float`` for ``theta`` of shape (2,).
    theta0, theta1 : array_like of shape (g0,) and (g1,)
        The grid of each parameter.
    paths : dict of str -> ndarray of shape (k, 2), optional
        Iterates to draw over the contours.
    minimum : array_like of shape (2,), optional
        A point to mark with a star, usually the minimiser.
    levels : int, default=20
        The number of contour levels.
    contour_labels : bool, default=False
        Write the cost on every third contour line.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.
    label, alt : str
        The caption and the alt text of the new figure when one is made (see
        `new_figure`); unused with ``ax``.
    """
    ax = _new_ax(ax, label, alt)
    theta0, theta1 = np.asarray(theta0), np.asarray(theta1)
    # A loop over grid points, not samples: each call is vectorised over the data.
    J = np.array([[cost(np.array([a, b])) for a in theta0] for b in theta1])  # (g1, g0)
    # Levels evenly spaced in log(J - min J), so that both the valley floor and
    # the walls show, even when the grid's lowest cost is exactly 0.
    span = J.max() - J.min()
    lines = ax.contour(theta0, theta1, J, levels=J.min() + np.geomspace(1e-3 * span, span, levels),
                       cmap="viridis", linewidths=0.8)
    if contour_labels:
        ax.clabel(lines, lines.levels[::3], fmt="%.3g", fontsize="x-small")
    for name, path in (paths or {}).items():
        path = np.asarray(path)
        ax.plot(path[:, 0], path[:, 1], ".-", ms=5, lw=1.6, label=name)
    if minimum is not None:
        ax.plot(*np.asarray(minimum), "k*", ms=10, label="minimum")
    if paths or minimum is not None:
        ax.legend()
    ax.set_xlabel(r"$\theta_0$")
    ax.set_ylabel(r"$\theta_1$")
    return ax


def plot_decision_boundary(decision, X, y, ax=None, resolution=200, margin=0.1,
                           class_names=None, legend=True, label="Decision boundary", alt=None):
    r"""Two-feature data by class, and the curve where ``decision`` is zero.

    Parameters
    ----------
    decision : callable
        ``decision(points) -> z`` for ``points`` of shape (k, 2), returning
        shape (k,): a logit $\theta^\mathsf{T} x$, positive on the side of
        the second class. For a fitted binary classifier on the raw
        features that is ``model.decision_function``; with derived features,
        a function that maps the points first.
    X : array_like of shape (m, 2)
    y : array_like of shape (m,)
        Two classes; each gets its own marker, labelled with its value.
    resolution : int, default=200
        Grid points along each axis.
    margin : float, default=0.1
        Extra room around the data, as a fraction of its range.
    class_names : sequence of two str, optional
        The legend's words for the two classes, in sorted order of their
        labels (by default the labels themselves).
    legend : bool, default=True
        Draw the legend, outside the plotting area on the right. A grid of
        panels can pass ``False`` and draw one legend for the figure.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.
    label, alt : str
        The caption and the alt text of the new figure when one is made (see
        `new_figure`); unused with ``ax``.

    Returns
    -------
    ax : matplotlib Axes
    """
    ax = _new_ax(ax, label, alt)
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (m, 2) to be drawn in the plane, got {X.shape}.")
    classes = np.unique(y)
    if len(classes) != 2:
        raise ValueError(
            f"y must hold exactly two classes, got {len(classes)}: {classes.tolist()}."
        )
    low, high = X.min(axis=0), X.max(axis=0)
    pad = margin * (high - low)
    u = np.linspace(low[0] - pad[0], high[0] + pad[0], resolution)
    v = np.linspace(low[1] - pad[1], high[1] + pad[1], resolution)
    U, V = np.meshgrid(u, v)  # (resolution, resolution) each
    # One call on all grid points at once, not one per point.
    Z = np.asarray(decision(np.column_stack([U.ravel(), V.ravel()]))).reshape(U.shape)
    ax.contourf(U, V, Z > 0, levels=[-0.5, 0.5, 1.5], colors=["#dde6f5", "#f8e0d0"])
    if Z.min() < 0 < Z.max():
        ax.contour(U, V, Z, levels=[0.0], colors="black", linewidths=1.2)
    names = [str(c) for c in classes] if class_names is None else list(class_names)
    if len(names) != 2:
        raise ValueError(f"class_names must name the two classes, got {class_names!r}.")
    for cls, name, marker, color in zip(classes, names, ["o", "^"], ["#1f5fbf", "#d2601a"]):
        mask = y == cls
        ax.scatter(X[mask, 0], X[mask, 1], marker=marker, s=18, color=color,
                   edgecolors="white", linewidths=0.4, label=name)
    ax.set_xlim(u[0], u[-1])
    ax.set_ylim(v[0], v[-1])
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    return ax


def image_grid(images, image_shape=None, ncols=10, titles=None, cmap="gray_r",
               symmetric=False, per_image=False, colorbar=False, ax=None, label="Images",
               alt=None):
    """Tile small images into one picture, optionally with a title under each.

    Every chapter's image grid: digits, their weights, faces, principal
    components. The images are tiled into one array and drawn with a single
    ``imshow``, so a hundred of them draw as fast as one.

    Parameters
    ----------
    images : array_like of shape (N, h, w), or (N, h * w) with ``image_shape``
        Row-major pixels, as ``load_digits().data`` stores them.
    image_shape : tuple (h, w), optional
        Needed when each image is a flat row.
    ncols : int, default=10
        Images per row of the grid.
    titles : sequence of str, optional
        One short text per image, printed under it.
    cmap : str, default="gray_r"
        Dark ink on a light background for digits.
    symmetric : bool, default=False
        Centre the colour scale on 0 (for weights, which take both signs):
        use a diverging ``cmap`` such as ``"RdBu_r"`` with it.
    per_image : bool, default=False
        Scale each image by its own largest absolute value, so that each uses
        the whole colour range (for weights of very different sizes). By
        default all images share one scale, so that their values compare.
    colorbar : bool, default=False
        Draw the colour scale beside the grid.
    ax : matplotlib Axes, optional
    label, alt : str
        The caption and the alt text of the new figure when one is made (see
        `new_figure`); unused with ``ax``.

    Returns
    -------
    ax : matplotlib Axes
    """
    images = np.asarray(images, dtype=float)
    if images.ndim == 2 and image_shape is not None:
        if int(np.prod(image_shape)) != images.shape[1]:
            raise ValueError(
                f"each image has {images.shape[1]} pixels, which image_shape={tuple(image_shape)} "
                f"cannot hold; pass the (height, width) of one image."
            )
        images = images.reshape(len(images), *image_shape)
    if images.ndim != 3:
        raise ValueError(
            f"images must have shape (N, h, w), or (N, h * w) with image_shape=(h, w); "
            f"got shape {images.shape}."
        )
    count, h, w = images.shape
    if per_image:
        peaks = np.abs(images).reshape(count, -1).max(axis=1)  # (N,)
        images = images / np.where(peaks > 0, peaks, 1.0)[:, None, None]
    if titles is not None and len(titles) != count:
        raise ValueError(
            f"titles has {len(titles)} entries for {count} images; give one per image."
        )
    ncols = min(ncols, count)
    nrows = -(-count // ncols)  # ceiling division
    gap = 1  # one blank pixel between images
    cell_h = h + gap + (max(2, round(0.3 * h)) if titles is not None else 0)  # room for a title
    canvas = np.full((nrows * cell_h + gap, ncols * (w + gap) + gap), np.nan)
    for k in range(count):  # a loop over images, each placed with one slice
        row, col = divmod(k, ncols)
        top, left = gap + row * cell_h, gap + col * (w + gap)
        canvas[top:top + h, left:left + w] = images[k]
    if ax is None:
        height, width = canvas.shape
        ax = new_figure(label, figsize=(6, max(1.0, 6 * height / width)), alt=alt)[1]
    finite = images[np.isfinite(images)]
    if symmetric:
        vmax = np.abs(finite).max() or 1.0
        vmin = -vmax
    else:
        vmin, vmax = finite.min(), finite.max()
    colormap = _pyplot().get_cmap(cmap).with_extremes(bad="white")
    picture = ax.imshow(canvas, cmap=colormap, vmin=vmin, vmax=vmax, interpolation="nearest")
    if colorbar:
        ax.figure.colorbar(picture, ax=ax, shrink=0.8)
    for k, title in enumerate(titles if titles is not None else []):
        row, col = divmod(k, ncols)
        ax.text(gap + col * (w + gap) + (w - 1) / 2, gap + row * cell_h + h,
                title, ha="center", va="top", fontsize="x-small")
    ax.set_axis_off()
    return ax
