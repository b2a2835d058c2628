"""The extras in pyproject.toml: what a fresh install of each one brings."""

import tomllib

from ._hooks import ROOT

EXTRAS = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]


def names(extra):
    return {req.split(">")[0].split("=")[0].split("[")[0].strip() for req in EXTRAS[extra]}


def test_no_extra_refers_to_mlbook_itself():
    # pip 23 silently drops the packages of a nested self-referencing extra.
    assert not any(req.startswith("mlbook") for reqs in EXTRAS.values() for req in reqs)


def test_the_site_build_has_what_the_chapters_import():
    assert {"matplotlib", "scikit-learn", "mkdocs", "mkdocs-material",
            "pymdown-extensions", "django-static-mathjax"} <= names("docs")


def test_test_and_dev_extras_include_the_docs_extra():
    assert names("docs") <= names("test")
    assert names("docs") | names("test") | names("labs") == names("dev")
