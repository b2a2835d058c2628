"""MkDocs hook: serve MathJax 3 from the site itself.

MathJax comes from the PyPI package django-static-mathjax (installed by the
``docs`` extra), whose import package ``mathjax`` is a plain folder of
MathJax's files. The files the site needs are added to the build as if they
were in ``docs/assets/mathjax/``, so both ``mkdocs build`` and ``mkdocs serve``
serve them, and nothing is copied into the repository or fetched from a CDN.
"""

from importlib.util import find_spec
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

TARGET = "assets/mathjax"


def mathjax_root():
    """The folder holding MathJax's es5 build (startup.js and its components)."""
    spec = find_spec("mathjax")
    root = None
    if spec is not None and spec.submodule_search_locations:
        root = Path(list(spec.submodule_search_locations)[0]) / "static" / "mathjax" / "es5"
    if root is None or not (root / "startup.js").is_file():
        raise PluginError(
            "MathJax was not found. Install the docs extra: pip install -e '.[docs]' "
            "(it brings django-static-mathjax, which ships MathJax 3)."
        )
    return root


def on_files(files, config, **kwargs):
    root = mathjax_root()
    # The components docs/javascripts/mathjax.js loads, and their fonts.
    wanted = [root / name for name in ("startup.js", "core.js", "input/tex-base.js",
                                       "output/chtml.js", "output/chtml/fonts/tex.js",
                                       "a11y/assistive-mml.js")]
    wanted += sorted((root / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    # Without the extensions, a single \boldsymbol stops MathJax typesetting a page.
    wanted += sorted((root / "input" / "tex" / "extensions").rglob("*.js"))
    for path in wanted:
        src_uri = f"{TARGET}/{path.relative_to(root).as_posix()}"
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files
