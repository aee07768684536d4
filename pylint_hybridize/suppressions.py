"""The one suppression matcher: which findings the user silenced, meaning exactly what the hosts mean.

Every path (pylint, flake8, ``check``, ``fix``, the pytest plugin's findings through them) honours
both conventions, so that one comment silences a finding everywhere:

- ``# noqa`` / ``# noqa: HYB101`` (a code or a prefix of it) and ``# flake8: noqa`` for the file:
  parsed with flake8's own ``flake8.defaults.NOQA_INLINE_REGEXP`` and ``NOQA_FILE``, matched with
  flake8's rule (``Violation.is_inline_ignored``: the code, or a code that starts with a listed one),
  on flake8's lines (a finding inside a multi-line statement or string is silenced by a ``# noqa``
  on any physical line of it: ``FileProcessor._noqa_line_mapping``). Note flake8's grammar: ``# noqa:
  HYB`` (a prefix without digits) is a blanket ``# noqa``, ``#noqa`` is no ``noqa`` at all.
- ``# pylint: disable=<symbol or id>`` with pylint's scopes (the line, the block, ``disable-next``,
  the module, ``skip-file``): under pylint, pylint itself; in the engine (flake8, ``fix``), pylint's
  own ``PyLinter.process_tokens`` and ``FileState`` on the engine's linter (``engine.py``), which
  parse with ``pylint.utils.pragma_parser.parse_pragma``.

flake8 is an optional dependency: without it, the two patterns below are copies of flake8's
(identical from flake8 6.0 to 7.5; ``tests/test_suppressions.py`` holds the copy to flake8's when
flake8 is installed).
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Any

# Copies of flake8.defaults (6.0 .. 7.5), used only when flake8 is not importable.
_NOQA_INLINE_COPY = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)
_NOQA_FILE_COPY = re.compile(r"\s*# flake8[:=]\s*noqa", re.I)
_COMMA_SEPARATED_LIST_COPY = re.compile(r"[,\s]")  # flake8.utils.COMMA_SEPARATED_LIST_RE

try:
    from flake8.defaults import NOQA_FILE, NOQA_INLINE_REGEXP
    from flake8.utils import COMMA_SEPARATED_LIST_RE as _COMMA_SEPARATED_LIST
except ImportError:  # flake8 is optional: the plugin works for pylint alone
    NOQA_INLINE_REGEXP, NOQA_FILE = _NOQA_INLINE_COPY, _NOQA_FILE_COPY
    _COMMA_SEPARATED_LIST = _COMMA_SEPARATED_LIST_COPY


def noqa_silences(noqa_text: str | None, code: str) -> bool:
    """flake8's ``Violation.is_inline_ignored``: whether the text flake8 searches for a finding's line
    silences ``code`` (``# noqa`` alone, or a listed code that ``code`` equals or starts with)."""
    if not noqa_text:
        return False
    match = NOQA_INLINE_REGEXP.search(noqa_text)
    if match is None:
        return False
    codes_text = match.groupdict()["codes"]
    if codes_text is None:
        return True
    codes = {item.strip() for item in _COMMA_SEPARATED_LIST.split(codes_text) if item.strip()}
    return code in codes or code.startswith(tuple(codes))


def flake8_lines(text: str) -> list[str]:
    """The lines flake8 reads (``tokenize.open(...).readlines()``: universal newlines)."""
    return io.StringIO(text, newline=None).readlines()


class NoqaLines:
    """flake8's view of one file's ``# noqa`` comments: for each line, the text it searches."""

    def __init__(self, text: str) -> None:
        self.lines = flake8_lines(text) if "noqa" in text.lower() else []
        self.whole_file = any(NOQA_FILE.match(line) for line in self.lines)
        self._ranges: dict[int, tuple[int, int]] | None = None

    def _mapping(self) -> dict[int, tuple[int, int]]:
        """FileProcessor._noqa_line_mapping, as (first, last) line ranges: every physical line of a
        logical line (or of a multi-line string) maps to all of them."""
        if self._ranges is None:
            ranges: dict[int, tuple[int, int]] = {}
            lowest, highest = len(self.lines) + 2, -1
            try:
                for kind, _text, start, end, _line in tokenize.generate_tokens(iter(self.lines).__next__):
                    if kind in (tokenize.ENDMARKER, tokenize.DEDENT):
                        continue
                    lowest, highest = min(lowest, start[0]), max(highest, end[0])
                    if kind in (tokenize.NL, tokenize.NEWLINE):
                        for number in range(lowest, highest + 1):
                            ranges[number] = (lowest, highest)
                        lowest, highest = len(self.lines) + 2, -1
            except (tokenize.TokenError, SyntaxError, StopIteration):
                ranges = {}
            self._ranges = ranges
        return self._ranges

    def span(self, line: int) -> tuple[int, int]:
        """The physical lines flake8 searches for a finding on ``line`` (first, last)."""
        return self._mapping().get(line, (line, line))

    def text_for(self, line: int) -> str | None:
        first, last = self.span(line)
        if first < 1 or first > len(self.lines):
            return None
        return "".join(self.lines[first - 1 : last])

    def silences(self, line: int, code: str) -> bool:
        if not self.lines:
            return False
        return self.whole_file or noqa_silences(self.text_for(line), code)


_NOQA_KEY = "_hybridize_noqa_lines"


def noqa_lines_of(module: Any) -> NoqaLines:
    """The ``NoqaLines`` of an astroid module, computed once and kept on the module (its text never
    changes: a changed file is a new tree)."""
    known = module.__dict__.get(_NOQA_KEY)
    if known is None:
        known = NoqaLines(module_text(module))
        module.__dict__[_NOQA_KEY] = known
    return known


def module_text(module: Any) -> str:
    """The text astroid parsed (a string given to it, or the file), as pylint's tokenizer reads it."""
    try:
        with module.stream() as stream:
            data = stream.read()
    except Exception:  # pylint: disable=broad-except  # no source at all: nothing to silence
        return ""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return data.decode("utf-8", "replace")


def finding_line(node: Any, line: int | None = None) -> int | None:
    """The line pylint files a message on (``PyLinter._add_one_message``): the given line, else the
    node's ``position`` (a def's name), else its ``fromlineno``."""
    if line is not None or node is None:
        return line
    position = getattr(node, "position", None)
    return position.lineno if position else node.fromlineno


def silenced_by_noqa(node: Any, code: str, line: int | None = None) -> bool:
    """Whether a ``# noqa`` silences ``code`` reported at ``node`` (or ``line`` of its module)."""
    number = finding_line(node, line)
    if number is None or node is None:
        return False
    return noqa_lines_of(node.root()).silences(number, code)
