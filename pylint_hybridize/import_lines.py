"""The one reader of a Python file's import lines, by regular expression and without astroid: the
words they spell, the top-level packages they name, and each import as an ``ImportSpec``
(module, level, names). A foundation, so that the model's package index and per-project gate
(``model.project.texts``) and the import-light result cache (``cache``) read files alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ImportSpec = tuple[str, int, "tuple[str, ...] | None"]
"""(module without its leading dots, relative level, the names of ``from ... import names`` or None)."""

_IMPORT_LINE = re.compile(
    r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)|import[ \t]+([^\n#]+))",
    re.MULTILINE,
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ImportLines:
    """What the import lines of one file say."""

    words: frozenset[str]
    """Every word of its import lines (``from pkg.model import step`` -> pkg, model, import... step)."""
    roots: frozenset[str]
    """The top-level packages its import lines name (``pkg``, ``tensorflow``)."""
    specs: tuple[ImportSpec, ...] = ()
    """Each import, in order: ``from ..a.b import c, d`` -> ("a.b", 2, ("c", "d")); ``import a.b`` ->
    ("a.b", 0, None)."""


NO_IMPORT_LINES = ImportLines(frozenset(), frozenset(), ())


def read_import_lines(text: str) -> ImportLines:
    """The words, top-level packages and specs of ``text``'s import lines."""
    words: set[str] = set()
    roots: set[str] = set()
    specs: list[ImportSpec] = []
    for match in _IMPORT_LINE.finditer(text):
        for group in match.groups():
            if group:
                words.update(_WORD.findall(group))
        if match.group(1):
            written = match.group(1)
            if not written.startswith("."):  # a relative import names no top-level package
                roots.add(written.split(".", 1)[0])
            level = len(written) - len(written.lstrip("."))
            pieces = (piece.split() for piece in match.group(2).strip("() \t\n").split(","))
            names = tuple(bits[0] for bits in pieces if bits and bits[0].isidentifier())
            specs.append((written.lstrip("."), level, names))
        elif match.group(3):
            for part in match.group(3).split(","):
                pieces = part.split()
                if pieces:
                    roots.add(pieces[0].split(".", 1)[0])
                    specs.append((pieces[0].rstrip(";"), 0, None))
    return ImportLines(frozenset(words), frozenset(roots), tuple(specs))
