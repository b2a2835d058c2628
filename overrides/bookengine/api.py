r"""Links between the chapters and the API reference.

The API reference (``docs/api/*.md``, one ``::: mlbook.module`` page per
module, rendered by mkdocstrings) and the chapters point at each other:

- in the reference, a docstring's "equation (1.11)" becomes a link to the
  equation, and a Sphinx-style role such as ``:func:`normal_equation``` a
  link to that entry;
- each chapter ends with links to the reference entries its code imports.
"""

import importlib
import inspect
import posixpath
import re

from .fences import find_fences

_DIRECTIVE = re.compile(r"^:::\s+(\S+)\s*$", re.M)
_ROLE = re.compile(r":(?:func|class|meth|mod|attr|obj):<code>~?([\w.]+)</code>")
_EQUATION = re.compile(r"(equations?) \((\d{1,2}\.\d{1,2}[a-z]?)\)")
_IMPORT = re.compile(r"^\s*from\s+(mlbook(?:\.\w+)*)\s+import\s+\(?([\w\s,]+)\)?", re.M)


def reference_pages(pages):
    """``{module: docs path}`` for the API pages among ``pages`` (docs path -> Markdown)."""
    return {module: path for path, text in pages.items() for module in _DIRECTIVE.findall(text)}


def entries(modules):
    """``{name: (module, anchor)}`` for every public object and method of ``modules``.

    Each object is known by its full name (``mlbook.svm.SVC``), its short name
    (``SVC``) and, for methods, ``Class.method``; the anchor is the full name,
    which is the id mkdocstrings gives the entry.
    """
    found = {}
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            full = f"{module_name}.{name}"
            for key in (full, name):
                found.setdefault(key, (module_name, full))
            if inspect.isclass(obj):
                for attr, _ in inspect.getmembers(obj, callable):
                    if not attr.startswith("_"):
                        for key in (f"{full}.{attr}", f"{name}.{attr}"):
                            found.setdefault(key, (module_name, f"{full}.{attr}"))
    return found


def _relative(from_page_url, to_page_url):
    start = posixpath.dirname(from_page_url) or "."
    return posixpath.relpath(to_page_url, start) if to_page_url else ""


def link_reference(html, page_url, index, module_urls, equation_urls):
    """A reference page's HTML with its roles and equation numbers as links.

    ``module_urls`` maps a module to its reference page's URL, and
    ``equation_urls`` an equation number to its chapter's URL (site-relative).
    """
    def role(match):
        target = index.get(match[1])
        if target is None:
            return f"<code>{match[1]}</code>"
        module, anchor = target
        href = _relative(page_url, module_urls[module]) + "#" + anchor
        return f'<a href="{href}"><code>{match[1]}</code></a>'

    def equation(match):
        url = equation_urls.get(match[2])
        if url is None:
            return match[0]
        href = _relative(page_url, url) + f"#eq-{match[2]}"
        return f'{match[1]} <a href="{href}">({match[2]})</a>'

    return _EQUATION.sub(equation, _ROLE.sub(role, html))


def used_entries(markdown, index):
    """The reference entries a page's code imports from mlbook, in order of first use."""
    names = []
    for fence in find_fences(markdown):
        if not fence.runnable:
            continue
        for module, imported in _IMPORT.findall(fence.code):
            for name in (n.strip() for n in imported.replace("\n", ",").split(",")):
                key = f"{module}.{name}" if module != "mlbook" else f"mlbook.{name}"
                if name and (key in index or name in index) and key not in names:
                    names.append(key if key in index else name)
    return names


def uses_lines(markdown, page_url, index, module_urls):
    """A closing paragraph linking the reference entries the page's code uses."""
    names = used_entries(markdown, index)
    if not names:
        return []
    links = []
    for name in names:
        module, anchor = index[name]
        href = _relative(page_url, module_urls[module]) + "#" + anchor
        links.append(f'<a href="{href}"><code>{anchor.removeprefix("mlbook.")}</code></a>')
    return ['<p class="mlbook-uses">The API reference of what this page uses: '
            + ", ".join(links) + ".</p>"]
