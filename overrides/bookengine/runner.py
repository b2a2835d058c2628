"""Run pages in fresh interpreters, several at a time, and cache what ran.

Each page runs in its own ``python -m bookengine.worker`` process started in
the repository root, so it always runs the ``mlbook`` on disk: editing the
package while ``mkdocs serve`` runs takes effect at the next build, and no
state leaks from one page to the next. Pages run in parallel, one per core,
each with one BLAS thread so that they do not fight over the cores.

The cache (``.cache/execute/``, one file per page, so it never grows past the
book) is keyed on everything that decides what a page prints: its Markdown,
the ``mlbook`` code (without docstrings and comments, which print nothing),
this engine, the LaTeX macros, the benchmark results
the performance page reads, and the versions of Python and the libraries. The key is computed before the run and again after
it; if the sources changed while the page ran, the result is not stored.
"""

import ast
import functools
import hashlib
import importlib.metadata
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import notebook

ENGINE = Path(__file__).resolve().parent
LIBRARIES = ("numpy", "scipy", "scikit-learn", "matplotlib", "threadpoolctl")
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass
class Figure:
    caption: str
    svg: str
    width: int
    height: int
    alt: str = ""
    photo: bool = False  # an RGB image: kept on white, not inverted in the dark scheme


@dataclass
class Block:
    """What one runnable fence printed and drew."""

    output: str
    figures: list = field(default_factory=list)


@dataclass
class PageRun:
    """A page's run: ``blocks`` maps a fence's first line (0-based) to its Block."""

    blocks: dict
    error: dict = None
    versions: dict = field(default_factory=dict)

    @classmethod
    def from_json(cls, data):
        blocks = {int(start): Block(b["output"], [Figure(**f) for f in b["figures"]])
                  for start, b in data["blocks"].items()}
        return cls(blocks, data.get("error"), data.get("versions", {}))

    def to_json(self):
        return {
            "blocks": {str(start): {"output": b.output, "figures": [vars(f) for f in b.figures]}
                       for start, b in self.blocks.items()},
            "error": self.error,
            "versions": self.versions,
        }


def run_page(markdown, path, root, single_thread=True, timeout=900):
    """Run a page in a fresh interpreter in ``root``; return its :class:`PageRun`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ENGINE.parent), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["MPLBACKEND"] = "Agg"
    if single_thread:
        env.update({name: "1" for name in THREAD_VARIABLES})
    with tempfile.TemporaryDirectory(prefix="mlbook-page-") as tmp:
        request, result = Path(tmp) / "request.json", Path(tmp) / "result.json"
        request.write_text(json.dumps({"markdown": markdown, "path": str(path)}), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "bookengine.worker", str(request), str(result)],
            cwd=root, env=env, capture_output=True, text=True, timeout=timeout, check=False,
        )
        if done.returncode != 0 or not result.is_file():
            return PageRun({}, {"block": 0, "line": 1, "type": "WorkerError",
                                "message": "the page could not be run",
                                "traceback": done.stderr[-4000:]})
        return PageRun.from_json(json.loads(result.read_text(encoding="utf-8")))


def run_pages(pages, root, workers=None):
    """Run several pages at once: ``pages`` maps a path to Markdown; returns futures by path."""
    workers = workers or os.cpu_count() or 1
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mlbook-page")
    futures = {path: pool.submit(run_page, markdown, path, root, workers > 1)
               for path, markdown in pages.items()}
    pool.shutdown(wait=False)
    return futures


# --- the cache -----------------------------------------------------------------


def _versions():
    found = [platform.python_version()]
    for name in LIBRARIES:
        try:
            found.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}=absent")
    return found


def _code_of(path):
    """A module's code without its docstrings and comments (its AST), or its
    text if it does not parse (the page's run will show the error)."""
    stat = path.stat()
    return _code_of_version(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _code_of_version(path, mtime_ns, size):
    """:func:`_code_of` for one version of the file (every page's key reads
    every module: each is parsed once per version, not once per page)."""
    text = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree, include_attributes=False)


def cache_key(markdown, root):
    """A digest of everything that decides what the page prints (see the module)."""
    root = Path(root).resolve()  # the same key from `-f mkdocs.yml` and from the absolute path
    digest = hashlib.sha256(markdown.encode("utf-8"))
    sources = sorted((root / "mlbook").rglob("*.py")) + sorted(ENGINE.rglob("*.py"))
    sources += sorted((root / "benchmarks").glob("*.json"))  # the performance page reads them
    # The package is keyed on its code alone: a docstring or a comment cannot
    # change what a page prints, unless the page reads docstrings itself.
    reads_docs = "__doc__" in markdown or "help(" in markdown or "inspect." in markdown
    package = root / "mlbook"
    for path in sources:
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path.name).encode())
        if path.suffix == ".py" and path.is_relative_to(package) and not reads_docs:
            digest.update(_code_of(path).encode())
        else:
            digest.update(path.read_bytes())
    # Of the MathJax configuration only the macros reach a page's output (its
    # notebook defines them); a change to how pages typeset runs nothing again.
    mathjax = root / "docs" / "javascripts" / "mathjax.js"
    if mathjax.is_file():
        digest.update("\n".join(notebook.macros(root)).encode())
    digest.update("\n".join(_versions()).encode())
    return digest.hexdigest()


def _cache_file(root, path):
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(path))
    return Path(root) / ".cache" / "execute" / f"{slug}.json"


def cached(root, path, key):
    """The stored run of ``path`` if it was made under ``key``, else None."""
    file = _cache_file(root, path)
    if file.is_file():
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return PageRun.from_json(data["run"])
    return None


def store(root, path, key, run):
    """Keep ``run`` for ``path`` (replacing the page's previous entry)."""
    file = _cache_file(root, path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps({"key": key, "run": run.to_json()}), encoding="utf-8")


def prune(root, paths):
    """Delete cache entries of pages that no longer exist."""
    keep = {_cache_file(root, p).name for p in paths}
    folder = Path(root) / ".cache" / "execute"
    for file in folder.glob("*") if folder.is_dir() else []:
        if file.name not in keep:
            file.unlink()
