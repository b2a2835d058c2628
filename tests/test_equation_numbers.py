"""Published equation numbers never disappear or move (tests/published_equations.txt)."""

import sys

from ._hooks import ROOT

sys.path.insert(0, str(ROOT / "overrides"))
from bookengine.checks import equations  # noqa: E402

PUBLISHED = ROOT / "tests" / "published_equations.txt"


def current():
    found = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        src = page.relative_to(ROOT / "docs").as_posix()
        for eq in equations(page.read_text(encoding="utf-8"), src):
            found[eq.tag] = src
    return found


def published():
    entries = {}
    for line in PUBLISHED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            tag, src = line.split()
            entries[tag] = src
    return entries


def test_no_published_equation_disappeared_or_moved():
    now = current()
    lost = [f"({tag}) on {src}" for tag, src in published().items() if now.get(tag) != src]
    assert not lost, (
        "Published equation numbers must keep pointing at the same page; these are "
        "gone or moved (give a new equation a new number instead):\n" + "\n".join(lost))


def test_every_equation_is_recorded():
    new = {tag: src for tag, src in current().items() if tag not in published()}
    assert not new, (
        "New equations: append them to tests/published_equations.txt once they are "
        "published:\n" + "\n".join(f"{tag} {src}" for tag, src in new.items()))
