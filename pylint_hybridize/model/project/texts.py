"""What a Python file's text says, read with regular expressions and without astroid: its import lines
(``import_lines.read_import_lines``, kept per file version by ``file_imports``), the defs that may be
project wrappers, and the spellings of tf.function. The package index
(``project.index``) and the per-project gate (``project.gate``) read files only through it.
"""

from __future__ import annotations

import os
import re

from pylint_hybridize.import_lines import NO_IMPORT_LINES, ImportLines, read_import_lines

# ``def name(`` and the lines of its block (up to the next line indented as much or less): a text-level
# superset of ``hybrids.wrappers`` (a def with a ``return`` whose block calls a tf.function spelling)
_DEF = re.compile(r"^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(", re.MULTILINE)
_RETURN = re.compile(r"^[ \t]*return\b([^\n]*(?:\n[ \t]+[^\n]*)*)", re.MULTILINE)
_BOUND_CALL = re.compile(r"^[ \t]*(\w+)[ \t]*=([^\n]*)", re.MULTILINE)


# path as asked -> ((st_mtime_ns, st_size), its ImportLines)
_FILE_IMPORTS: dict[str, tuple[tuple[int, int], ImportLines]] = {}


def file_imports(path: str) -> ImportLines:
    """``read_import_lines`` of the file ``path``, kept per file version (its mtime and size): a file the
    package index already read is not read again."""
    try:
        status = os.stat(path)
    except OSError:
        return NO_IMPORT_LINES
    version = (status.st_mtime_ns, status.st_size)
    kept = _FILE_IMPORTS.get(path)
    if kept is not None and kept[0] == version:
        return kept[1]
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return NO_IMPORT_LINES
    found = read_import_lines(text)
    _FILE_IMPORTS[path] = (version, found)
    return found


def wrapper_candidates(text: str, calls: re.Pattern[str]) -> set[str]:
    """The names of the defs of ``text`` that may be project wrappers (``hybrids.wrappers``): a ``return``
    of the call of a tf.function spelling (``calls``), of ``partial(``, or of a name bound on a line
    that calls one. A superset: the model proves each one."""
    found: set[str] = set()
    matches = list(_DEF.finditer(text))
    for position, match in enumerate(matches):
        name = match.group(2)
        if name.startswith("__"):
            continue
        indent = len(match.group(1).expandtabs())
        end = len(text)
        for later in matches[position + 1:]:
            if len(later.group(1).expandtabs()) <= indent:
                end = later.start()
                break
        block = text[match.end():end]
        if not calls.search(block):
            continue
        bound = {m.group(1) for m in _BOUND_CALL.finditer(block) if calls.search(m.group(2))}
        for returned in _RETURN.finditer(block):
            value = returned.group(1)
            if calls.search(value) or "partial(" in value or value.strip() in bound:
                found.add(name)
                break
    return found


def remember_imports(path: str, version: tuple[int, int], imports: ImportLines) -> None:
    """Keep what a caller that read ``path`` itself found (the package index), for ``file_imports``."""
    _FILE_IMPORTS[path] = (version, imports)


def hybrid_markers(extra_wrappers: tuple[str, ...]) -> re.Pattern[str]:
    """A spelling of tf.function or a configured wrapper (``.function``, ``import function``): a file
    without one defines no hybrid of its own."""
    words = {"function"} | {wrapper.rsplit(".", 1)[-1] for wrapper in extra_wrappers}
    alternatives = "|".join(sorted(re.escape(w) for w in words))
    return re.compile(rf"(?:\.|\bimport\s+)(?:{alternatives})\b")


def wrapper_calls(extra_wrappers: tuple[str, ...]) -> re.Pattern[str]:
    """A call of tf.function or a configured wrapper, as spelled: ``function(``, ``common.function(``."""
    words = {"function"} | {wrapper.rsplit(".", 1)[-1] for wrapper in extra_wrappers}
    return re.compile(rf"\b(?:{'|'.join(sorted(re.escape(w) for w in words))})\s*\(")
