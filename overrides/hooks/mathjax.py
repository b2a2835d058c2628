"""MkDocs hook: serve MathJax 3 from the site itself.

MathJax comes from the PyPI package django-static-mathjax (installed by the
``docs`` extra), whose import package ``mathjax`` is a plain folder of
MathJax's files. The files the site needs are added to the build as if they
were in ``docs/assets/mathjax/``, so both ``mkdocs build`` and ``mkdocs serve``
serve them, and nothing is copied into the repository or fetched from a CDN.

The components every page needs are also joined, at build time, into two
files (PARTS), which docs/javascripts/mathjax.js loads from the page's head:
with thirteen files, each run in a task of its own, the browser read on between
them, and Material's scripts at the end of a long chapter often ran (for about
a second on a phone) before MathJax was ready. Each part ends by telling
MathJax's loader that its components are there, so the loader fetches only
what a page asks for later (an extension that \require or autoload brings).
"""

from importlib.util import find_spec
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

TARGET = "assets/mathjax"
# The two parts: the TeX input, then the HTML output, each about 100-150 ms of
# running with the CPU slowed 4x (a task over 200 ms would freeze the page).
# The file each component comes from is its name: "[tex]/x" is an extension.
PARTS = {
    "mlbook-input.js": ["startup", "core", "input/tex-base", "[tex]/ams", "[tex]/newcommand",
                        "[tex]/noundefined", "[tex]/configmacros", "[tex]/require",
                        "[tex]/autoload", "[tex]/tagformat"],
    "mlbook-output.js": ["output/chtml", "output/chtml/fonts/tex", "a11y/assistive-mml"],
}


def component_path(root, name):
    return root / (name.replace("[tex]", "input/tex/extensions") + ".js")


def part(root, names):
    """One file running the components ``names`` in order, then telling MathJax's
    loader they are loaded ("startup" is the loader itself)."""
    code = [component_path(root, name).read_text(encoding="utf-8") for name in names]
    loaded = ", ".join(f'"{name}"' for name in names if name != "startup")
    code.append(f"MathJax.loader.preLoad({loaded});\n")
    return ";\n".join(code)


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
    # The fonts, and the TeX extensions one by one, as MathJax's loader may ask
    # for them; the other components are only in the parts (below).
    wanted = sorted((root / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    # Without the extensions, a single \boldsymbol stops MathJax typesetting a page.
    wanted += sorted((root / "input" / "tex" / "extensions").rglob("*.js"))
    for path in wanted:
        src_uri = f"{TARGET}/{path.relative_to(root).as_posix()}"
        files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    for name, names in PARTS.items():
        files.append(File.generated(config, f"{TARGET}/{name}", content=part(root, names)))
    return files
