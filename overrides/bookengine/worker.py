"""Run one page's Python fences in this (fresh) interpreter and write what they did.

Usage: ``python -m bookengine.worker REQUEST.json RESULT.json``, started by
:mod:`bookengine.runner` with the repository root as the working directory,
so that ``import mlbook`` finds the code on disk, as it is now.

The request holds the page's path and Markdown. Every fence whose info string
is exactly ``python`` runs, in page order, in one namespace, with warnings
turned into errors and ``assert`` statements rewritten as pytest rewrites
them, so that a failing check says which values disagreed. The result holds,
per fence, what it printed and the figures it left open (as SVG, dense
artists rasterised), the first error if any (with the page's own line
numbers), and the versions of the libraries the code ran with.
"""

import ast
import contextlib
import importlib.metadata
import io
import json
import platform
import sys
import traceback
import warnings

from .fences import find_fences

# Collections with more paths than this are drawn as pixels inside the SVG:
# a scatter of thousands of points or a filled contour is lighter as an image.
_DENSE = 500
_DPI = 150


def _compile(source, path):
    tree = ast.parse(source, filename=path)
    try:
        from _pytest.assertion.rewrite import rewrite_asserts
    except ImportError:  # pytest is not installed: plain asserts still fail, tersely
        pass
    else:
        rewrite_asserts(tree, source.encode("utf-8"), module_path=path)
    return compile(tree, path, "exec")


def _rasterise_dense(fig):
    from matplotlib.collections import Collection
    from matplotlib.contour import ContourSet
    from matplotlib.image import AxesImage

    for ax in fig.axes:
        for artist in ax.get_children():
            if isinstance(artist, ContourSet) and artist.filled:
                artist.set_rasterized(True)
            elif isinstance(artist, Collection) and not isinstance(artist, AxesImage):
                if len(artist.get_paths()) > _DENSE or len(artist.get_offsets()) > _DENSE:
                    artist.set_rasterized(True)


def _figure(fig):
    label = fig.get_label()
    if not label:
        raise ValueError(
            "a figure has no label, which the book uses as its caption; create it with "
            "mlbook.plotting.new_figure('What the figure shows')"
        )
    alt = getattr(fig, "mlbook_alt", None)
    if not alt or alt.strip() == label.strip():
        raise ValueError(
            f"the figure {label!r} has no alt text of its own; pass "
            "new_figure(caption, alt='What it shows, beyond the caption') (see its docstring)"
        )
    from matplotlib.image import AxesImage

    from mlbook.plotting import fit_text

    fit_text(fig)  # no text under 9 px as the page shows it
    _rasterise_dense(fig)
    # A photograph (an RGB image) keeps its white ground; any other figure is
    # drawn on a transparent ground, and the dark scheme inverts its lightness
    # (docs/stylesheets/extra.css), so it sits on either page.
    photo = any(isinstance(artist, AxesImage) and artist.get_array() is not None
                and artist.get_array().ndim == 3
                for ax in fig.axes for artist in ax.get_children())
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", dpi=_DPI, transparent=not photo,
                **({"facecolor": "white"} if photo else {}), metadata={"Date": None})
    width, height = fig.get_size_inches()
    return {"caption": label, "alt": alt,
            "svg": buffer.getvalue().decode("utf-8"),
            "width": round(width * 96), "height": round(height * 96), "photo": photo}


def _error(exc, fence, path):
    frames = traceback.extract_tb(exc.__traceback__)
    line = next((f.lineno for f in reversed(frames) if f.filename == path), fence.start + 1)
    page_frames = [f for f in frames if f.filename == path]
    detail = "".join(traceback.format_list(page_frames[-3:] or frames[-3:]))
    detail += "".join(traceback.format_exception_only(exc))
    return {"block": fence.start, "line": line, "type": type(exc).__name__,
            "message": str(exc), "traceback": detail}


def versions():
    """The versions of Python and of the libraries a page's code ran with."""
    found = {"Python": platform.python_version()}
    for name, dist in [("mlbook", "mlbook"), ("numpy", "numpy"), ("scipy", "scipy"),
                       ("scikit-learn", "scikit-learn"), ("matplotlib", "matplotlib")]:
        module = sys.modules.get(name.replace("scikit-learn", "sklearn"))
        version = getattr(module, "__version__", None)
        if version is None:
            try:
                version = importlib.metadata.version(dist)
            except importlib.metadata.PackageNotFoundError:
                continue
        found[name] = version
    return found


def run(markdown, path):
    """Run the page's fences; return the result described in the module docstring."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "mlbook"  # reproducible SVG ids
    import matplotlib.pyplot as plt

    namespace = {"__name__": "__mlbook_page__"}
    blocks, error = {}, None
    for fence in find_fences(markdown):
        if not fence.runnable:
            continue
        # Line numbers in tracebacks and assertion messages are the page's own.
        source = "\n" * (fence.start + 1) + fence.code
        stdout = io.StringIO()
        try:
            with warnings.catch_warnings(), contextlib.redirect_stdout(stdout):
                warnings.simplefilter("error")
                exec(_compile(source, path), namespace)
            figures = [_figure(plt.figure(num)) for num in plt.get_fignums()]
        except Exception as exc:  # report it with the page and line; run no further
            blocks[str(fence.start)] = {"output": stdout.getvalue(), "figures": []}
            error = _error(exc, fence, path)
            break
        finally:
            plt.close("all")
        blocks[str(fence.start)] = {"output": stdout.getvalue(), "figures": figures}
    return {"blocks": blocks, "error": error, "versions": versions()}


def main(argv):
    request_path, result_path = argv
    with open(request_path, encoding="utf-8") as f:
        request = json.load(f)
    result = run(request["markdown"], request["path"])
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main(sys.argv[1:])
