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


_UNREADABLE = object()
# (what is kept, path as asked) -> ((st_mtime_ns, st_size), what the file's text gave)
_BY_FILE_VERSION: dict[tuple[str, str], tuple[tuple[int, int], object]] = {}


def _kept_per_version(kind: str, path: str, read):
    """``read(text)`` of the file ``path``, kept per file version (its mtime and size): a file the
    package index already read is not read again. ``_UNREADABLE`` when the file cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return _UNREADABLE
    version = (status.st_mtime_ns, status.st_size)
    kept = _BY_FILE_VERSION.get((kind, path))
    if kept is not None and kept[0] == version:
        return kept[1]
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return _UNREADABLE
    found = read(text)
    _BY_FILE_VERSION[(kind, path)] = (version, found)
    return found


def file_imports(path: str) -> ImportLines:
    """``read_import_lines`` of the file ``path``, kept per file version."""
    found = _kept_per_version("imports", path, read_import_lines)
    return NO_IMPORT_LINES if found is _UNREADABLE else found


_WORD = re.compile(r"\w+")


def file_words(path: str) -> frozenset[str] | None:
    """Every word (``\\w+``: identifiers, keywords, numbers, the words of strings and comments) of the
    file ``path``'s text, kept per file version; None when it cannot be read. A call, an attribute or an
    import of a name spells the name as a word: a file whose words miss a name has no call of it (the
    lazy cross-module look-ups build a sibling only when it may have one)."""
    # not UTF-8 (a declared coding): astroid may read words this reading does not see
    found = _kept_per_version("words", path, lambda text: None if "\ufffd" in text else frozenset(_WORD.findall(text)))
    return None if found is _UNREADABLE else found


def wrapper_candidates(text: str, calls: re.Pattern[str] | _Spelling) -> set[str]:
    """The names of the defs of ``text`` that may be project wrappers (``hybrids.wrappers``): a ``return``
    of the call of a tf.function spelling (``calls``), of ``partial(``, or of a name bound on a line
    that calls one. A superset: the model proves each one."""
    found: set[str] = set()
    matches = list(_DEF.finditer(text))
    indents = [len(match.group(1).expandtabs()) for match in matches]
    ends = _block_ends(matches, indents, len(text))
    for position, match in enumerate(matches):
        name = match.group(2)
        if name.startswith("__"):
            continue
        block = text[match.end():ends[position]]
        if not calls.search(block):
            continue
        bound = {m.group(1) for m in _BOUND_CALL.finditer(block) if calls.search(m.group(2))}
        for returned in _RETURN.finditer(block):
            value = returned.group(1)
            if calls.search(value) or "partial(" in value or value.strip() in bound:
                found.add(name)
                break
    return found


def _block_ends(matches: list[re.Match[str]], indents: list[int], size: int) -> list[int]:
    """Where each def's block ends: the start of the next def indented as much or less (else the
    text's end), found in one pass (a stack of the defs whose end is not known yet)."""
    ends = [size] * len(matches)
    open_defs: list[int] = []
    for position, indent in enumerate(indents):
        while open_defs and indents[open_defs[-1]] >= indent:
            ends[open_defs.pop()] = matches[position].start()
        open_defs.append(position)
    return ends


def remember_imports(path: str, version: tuple[int, int], imports: ImportLines) -> None:
    """Keep what a caller that read ``path`` itself found (the package index), for ``file_imports``."""
    _BY_FILE_VERSION[("imports", path)] = (version, imports)


def hybrid_markers(extra_wrappers: tuple[str, ...]) -> _Markers:
    r"""A spelling of tf.function or a configured wrapper (``.function``, ``import function``): a file
    without one defines no hybrid of its own. ``.search(text)`` as the pattern
    ``(?:\.|\bimport\s+)(?:<words>)\b`` would."""
    words = {"function"} | {wrapper.rsplit(".", 1)[-1] for wrapper in extra_wrappers}
    return _Markers(words)


def wrapper_calls(extra_wrappers: tuple[str, ...]) -> _Spelling:
    """A call of tf.function or a configured wrapper, as spelled: ``function(``, ``common.function(``."""
    words = {"function"} | {wrapper.rsplit(".", 1)[-1] for wrapper in extra_wrappers}
    return _Spelling(words, re.compile(rf"\b(?:{'|'.join(sorted(re.escape(w) for w in words))})\s*\("))


class _Spelling:
    """A pattern that needs one of ``words`` in the text: a text without any is not searched (a
    substring test is far cheaper than the pattern's scan from every position)."""

    def __init__(self, words: set[str], pattern: re.Pattern[str]) -> None:
        self.words = tuple(sorted(words))
        self.pattern = pattern

    def search(self, text: str) -> re.Match[str] | None:
        if not any(word in text for word in self.words):
            return None
        return self.pattern.search(text)


class _Markers:
    r"""``(?:\.|\bimport\s+)(?:<words>)\b`` found from the words: each place one of them stands
    (with a word boundary after it) is checked for a ``.`` or ``import`` and whitespace before it."""

    def __init__(self, words: set[str]) -> None:
        self.words = tuple(sorted(words))
        self.pattern = re.compile(rf"(?:{'|'.join(sorted(re.escape(w) for w in words))})\b")

    def search(self, text: str) -> bool:
        if not any(word in text for word in self.words):
            return False
        position = 0
        while True:
            found = self.pattern.search(text, position)
            if found is None:
                return False
            start = found.start()
            if _marked(text, start):
                return True
            position = start + 1


def _marked(text: str, start: int) -> bool:
    """``.`` right before ``start``, or ``import`` (a whole word's end) and whitespace."""
    if start and text[start - 1] == ".":
        return True
    space = start
    while space and text[space - 1].isspace():
        space -= 1
    if space == start or space < 6 or text[space - 6:space] != "import":
        return False
    return space == 6 or not _is_word(text[space - 7])


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"
