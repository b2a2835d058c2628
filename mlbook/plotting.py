"""Figures the chapters share. Plotting lives here, never in algorithm code.

matplotlib is imported only when a function here is called, so the rest of
mlbook needs numpy and scipy alone (``pip install 'mlbook[plot]'`` adds it).
Every function draws on an ``ax`` (a new figure when none is given) and
returns it; nothing is shown or saved here.
"""

import numpy as np

__all__ = ["plot_cost_contours", "plot_cost_history"]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(
            "mlbook.plotting needs matplotlib; install it with pip install 'mlbook[plot]'."
        ) from None
    return plt


def _new_ax(ax, label):
    if ax is not None:
        return ax
    fig, ax = _pyplot().subplots(figsize=(6, 4), layout="constrained", num=label)
    return ax


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


def plot_cost_contours(cost, theta0, theta1, paths=None, ax=None, levels=20,
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
    levels : int, default=20
        Contour levels, spaced evenly in log(J) so that both the valley floor
        and the walls show.
    """
    ax = _new_ax(ax, label)
    theta0, theta1 = np.asarray(theta0), np.asarray(theta1)
    # A loop over grid points, not samples: each call is vectorised over the data.
    J = np.array([[cost(np.array([a, b])) for a in theta0] for b in theta1])  # (g1, g0)
    ax.contour(theta0, theta1, J, levels=np.geomspace(J.min() * 1.01, J.max(), levels),
               cmap="viridis", linewidths=0.8)
    for name, path in (paths or {}).items():
        path = np.asarray(path)
        ax.plot(path[:, 0], path[:, 1], ".-", ms=3, lw=1, label=name)
    if paths:
        ax.legend()
    ax.set_xlabel(r"$\theta_0$")
    ax.set_ylabel(r"$\theta_1$")
    return ax
