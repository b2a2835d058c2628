"""Fenced code blocks of a Markdown page, found the way pytest-codeblocks finds them."""

import re
from dataclasses import dataclass

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})(?P<info>.*)$")
_SNIPPET = re.compile(r"^\s*-{1,}8<-{1,}\s")


@dataclass
class Fence:
    """A fenced block: ``start``/``end`` are 0-based line indices of its fence lines."""

    start: int
    end: int
    indent: str
    info: str
    code: str

    @property
    def runnable(self):
        return self.info.strip() == "python"

    @property
    def is_listing(self):
        """A ``python title=...`` fence holding only snippet directives."""
        lines = [line for line in self.code.splitlines() if line.strip()]
        return (
            self.info.strip().startswith("python ")
            and bool(lines)
            and all(_SNIPPET.match(line) for line in lines)
        )


def _closes(stripped, ticks):
    return len(stripped) >= len(ticks) and set(stripped) == {ticks[0]}


def find_fences(markdown):
    """All fenced blocks of a Markdown text, nested in admonitions or tabs or not."""
    lines = markdown.split("\n")
    fences, i = [], 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        indent, ticks = match["indent"], match["ticks"]
        j = i + 1
        while j < len(lines) and not _closes(lines[j].strip(), ticks):
            j += 1
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip()
                for line in lines[i + 1:j]]
        fences.append(Fence(i, j, indent, match["info"], "\n".join(body) + "\n"))
        i = j + 1
    return fences
