"""Figures the chapters share. Plotting lives here, never in algorithm code.

matplotlib is imported only when a function here is called, so the rest of
mlbook needs numpy and scipy alone (``pip install 'mlbook[plot]'`` adds it).
Every function draws on an ``ax`` (a new figure when none is given) and
returns it; nothing is shown or saved here.
"""

import numpy as np

__all__ = ["new_figure", "plot_cost_contours", "plot_cost_history"]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(
            "mlbook.plotting needs matplotlib; install it with pip install 'mlbook[plot]'."
        ) from None
    return plt


def new_figure(caption, nrows=1, ncols=1, figsize=(6, 4)):
    """A new figure and its axes, labelled with ``caption``.

    The book prints the label under the figure as its caption and uses it as
    the image's alt text, so say what the figure shows. Unlike
    ``plt.subplots(num=caption)``, calling this twice with the same caption
    (re-running a notebook cell) makes a second figure instead of failing.

    Returns
    -------
    fig : matplotlib Figure
    axes : Axes, or ndarray of Axes when ``nrows * ncols > 1``
    """
    fig, axes = _pyplot().subplots(nrows, ncols, figsize=figsize, layout="constrained")
    fig.set_label(caption)
    return fig, axes


def _new_ax(ax, label):
    return ax if ax is not None else new_figure(label)[1]


def plot_cost_history(costs_by_label, ax=None, logy=False, label="Cost history"):
    """Plot cost against iteration, one line per entry of ``costs_by_label``.

    Parameters
    ----------
    costs_by_label : dict of str -> array_like
        For example ``{"alpha = 0.1": model.cost_history_}``.
    ax : matplotlib Axes, optional
    logy : bool, default=False
        A log scale for the cost, to show slow convergence.
    label : str
        The figure's label (its caption in the book) when a new figure is made.
    """
    ax = _new_ax(ax, label)
    for name, costs in costs_by_label.items():
        ax.plot(np.arange(len(costs)), costs, label=name)
    ax.set_xlabel("iteration")
    ax.set_ylabel(r"cost $J(\theta)$")
    if logy:
        ax.set_yscale("log")
    ax.legend()
    return ax


def plot_cost_contours(cost, theta0, theta1, paths=None, minimum=None, ax=None, levels=20,
                       label="Cost contours"):
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
    """
    ax = _new_ax(ax, label)
    theta0, theta1 = np.asarray(theta0), np.asarray(theta1)
    # A loop over grid points, not samples: each call is vectorised over the data.
    J = np.array([[cost(np.array([a, b])) for a in theta0] for b in theta1])  # (g1, g0)
    # Levels evenly spaced in log(J - min J), so that both the valley floor and
    # the walls show, even when the grid's lowest cost is exactly 0.
    span = J.max() - J.min()
    ax.contour(theta0, theta1, J, levels=J.min() + np.geomspace(1e-3 * span, span, levels),
               cmap="viridis", linewidths=0.8)
    for name, path in (paths or {}).items():
        path = np.asarray(path)
        ax.plot(path[:, 0], path[:, 1], ".-", ms=3, lw=1, label=name)
    if minimum is not None:
        ax.plot(*np.asarray(minimum), "k*", ms=10, label="minimum")
    if paths or minimum is not None:
        ax.legend()
    ax.set_xlabel(r"$\theta_0$")
    ax.set_ylabel(r"$\theta_1$")
    return ax
