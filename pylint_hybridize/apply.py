"""Apply the fixes attached to findings: ``pylint-hybridize fix``.

Guarantees: only the edited spans change (everything else, comments and
formatting included, stays byte-identical); a file that does not parse or
decode is refused and left untouched; writes are atomic (temporary file +
``os.replace``); a second run changes nothing; overlapping edits keep the
first and leave the rest for the next run. Findings on a line carrying
``# noqa`` (bare, or naming the HYB code) or ``# pylint: disable=<symbol or
id>`` are not fixed, as they are not reported.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field

import astroid
from astroid import nodes

from pylint_hybridize.engine import Engine, Finding, flake8_code, module_name_for

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z0-9, ]+))?", re.IGNORECASE)
_PYLINT_DISABLE = re.compile(r"#\s*pylint:\s*disable\s*=\s*(?P<names>[\w\-, ]+)")
TF_IMPORT = "import tensorflow as tf\n"


class FixError(Exception):
    """A file that cannot be fixed (does not decode or parse); it is left untouched."""


@dataclass
class FileResult:
    path: str
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.fixed.splitlines(keepends=True),
                fromfile=f"a/{self.path}",
                tofile=f"b/{self.path}",
            )
        )


def _suppressed(line_text: str, finding: Finding) -> bool:
    noqa = _NOQA.search(line_text)
    if noqa:
        codes = noqa.group("codes")
        if not codes or flake8_code(finding.msgid) in {c.strip() for c in codes.split(",")}:
            return True
    disable = _PYLINT_DISABLE.search(line_text)
    if disable:
        names = {n.strip() for n in disable.group("names").split(",")}
        if names & {finding.symbol, finding.msgid, "all"}:
            return True
    return False


def _line_offsets(data: bytes) -> list[int]:
    """Byte offset of the start of every line (1-based line n at index n - 1)."""
    offsets = [0]
    for index, byte in enumerate(data):
        if byte == 0x0A:
            offsets.append(index + 1)
    return offsets


def _import_insertion_offset(module: nodes.Module, data: bytes, offsets: list[int]) -> int:
    """Where ``import tensorflow as tf`` goes: after the docstring and ``from __future__`` imports."""
    line = 0
    if module.doc_node is not None:
        line = module.doc_node.end_lineno or 0
    for statement in module.body:
        if isinstance(statement, nodes.ImportFrom) and statement.modname == "__future__":
            line = statement.end_lineno or line
        else:
            break
    if line >= len(offsets):
        return len(data)
    return offsets[line]


def fix_source(
    source: str,
    path: str,
    engine: Engine,
    unsafe: bool = False,
) -> FileResult:
    """Fixed text of one file (nothing written)."""
    try:
        module = astroid.parse(source, module_name=module_name_for(path), path=path)
    except (astroid.AstroidSyntaxError, ValueError, RecursionError) as error:
        raise FixError(f"{path}: cannot parse, left untouched ({error.__class__.__name__})") from error
    findings = engine.check_module(module)
    lines = source.splitlines()
    data = source.encode("utf-8")
    offsets = _line_offsets(data)
    result = FileResult(path, source, source)
    chosen: list[tuple[int, int, bytes, Finding]] = []
    needs_import = False
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.edits:
            continue
        line_text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        if _suppressed(line_text, finding) or (not fix.safe and not unsafe):
            result.skipped.append(finding)
            continue
        spans = []
        for edit in fix.edits:
            start = offsets[edit.line - 1] + edit.col
            end = offsets[edit.end_line - 1] + edit.end_col
            spans.append((start, end, edit.replacement.encode("utf-8")))
        already = {(s, e, r) for s, e, r, _f in chosen}
        fresh = [span for span in spans if span not in already]
        # an edit another finding already makes (one decorator fixed for several call sites) is shared
        if any(_overlaps(span, (s, e)) for span in fresh for s, e, _r, _f in chosen):
            result.skipped.append(finding)  # the next run picks it up
            continue
        chosen.extend((s, e, r, finding) for s, e, r in fresh)
        result.applied.append(finding)
        needs_import = needs_import or fix.needs_tf_import
    if not chosen:
        return result
    chosen.sort(key=lambda item: item[0], reverse=True)
    new = data
    for start, end, replacement, _finding in chosen:
        new = new[:start] + replacement + new[end:]
    if needs_import:
        at = _import_insertion_offset(module, data, offsets)
        # every edit is after the docstring/__future__ block, so ``at`` is still valid in ``new``
        new = new[:at] + TF_IMPORT.encode() + new[at:]
    result.fixed = new.decode("utf-8")
    return result


def _overlaps(a: tuple[int, int, bytes], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1] or (a[0] == a[1] == b[0] == b[1])


def read_source(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise FixError(f"{path}: cannot read ({error.strerror})") from error
    if b"\0" in data:
        raise FixError(f"{path}: binary file, left untouched")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FixError(f"{path}: not UTF-8, left untouched") from error


def write_atomically(path: str, text: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    mode = stat.S_IMODE(os.stat(path).st_mode)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".hybridize-", suffix=".py")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def fix_files(paths: Iterable[str], unsafe: bool = False, engine: Engine | None = None) -> tuple[list[FileResult], list[str]]:
    """Results for every file, and the errors of files that were refused."""
    engine = engine or Engine()
    results, errors = [], []
    for path in paths:
        try:
            results.append(fix_source(read_source(path), path, engine, unsafe))
        except FixError as error:
            errors.append(str(error))
    return results, errors
