"""constraints.txt: the versions the book was verified with, and the README installing them."""

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from ._hooks import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def pins():
    found = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep and version, f"not name==version: {line!r}"
            found[canonicalize_name(name)] = Version(version)
    return found


def test_every_dependency_is_pinned_within_its_bounds():
    pinned = pins()
    requirements = [Requirement(r) for r in PROJECT["dependencies"]]
    requirements += [Requirement(r) for extra in PROJECT["optional-dependencies"].values()
                     for r in extra]
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is not in constraints.txt"
        assert requirement.specifier.contains(pinned[name]), (requirement, pinned[name])


def test_mlbook_itself_is_not_pinned():
    # pip installs the clone itself (-e .); a pin of mlbook would conflict with it.
    assert "mlbook" not in pins()


def test_the_readme_installs_with_the_constraints():
    quick_start = (ROOT / "README.md").read_text().split("## Quick start", 1)[1].split("\n## ")[0]
    commands = re.findall(r"^```bash\n(.*?)^```", quick_start, flags=re.S | re.M)
    assert len(commands) == 2
    assert all("pip install -e" in c and "-c constraints.txt" in c for c in commands)
