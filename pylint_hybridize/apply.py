"""Apply the fixes attached to findings: ``pylint-hybridize fix``.

How the text is edited (the splicer; LibCST was weighed and not used, see docs/CONTRIBUTING.md):

- Positions are astroid's (``ast``'s): 1-based lines in the *tokenizer's* line model (a line ends
  at ``\\r\\n``, ``\\r`` or ``\\n``; a form feed does not end one) and UTF-8 byte columns. They are
  turned into offsets by ``fixes.SourceLines`` only, and the same lines serve the ``# noqa`` and
  ``# pylint: disable`` lookups.
- Only the edited spans change. Edits insert and delete text around the original
  (``tf.constant(`` ... ``)``); an edit whose span would swallow a comment is not applied.
- Every pass is checked: the result must compile, or the pass is dropped and the file keeps the
  text of the last good pass. Passes repeat (at most ``MAX_PASSES``) until nothing changes, so
  fixes that expose other fixes (``.numpy()`` removed, then ``np.matmul`` on the tensor) are done
  in one run and a second run changes nothing.
- Files keep their encoding (PEP 263 cookie, UTF-8 BOM), their line endings, their links
  (a symlink is written through to its target; a file with hard links is rewritten in place) and
  their mode. A read-only file is not written: it is reported and left as it is.
- One file's failure (cannot read, decode, parse; read-only) is reported and the others are fixed.
- ``fix`` obeys what ``check`` obeys: the project's pylint configuration (``disable``/``enable``,
  ``hybridize-extra-decorators``), ``# pylint: disable=`` (on the line, ``disable-next``, and
  block/module-level comment lines), ``# noqa``; ``--select``/``--ignore`` narrow it further.
"""

from __future__ import annotations

import ast
import bisect
import dataclasses
import difflib
import hashlib
import io
import os
import re
import stat
import sys
import tempfile
import tokenize
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import astroid
from astroid import nodes

from pylint_hybridize import fixes, trace_record
from pylint_hybridize.engine import Engine, Finding, import_root_on_sys_path, module_name_for
from pylint_hybridize.files import ignored_by
from pylint_hybridize.model import traces
from pylint_hybridize.registry import all_rules, rule_named

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_LF = re.compile(r"(?<!\r)\n")
MAX_PASSES = 8
TF_IMPORT = "import tensorflow as tf"


class FixError(Exception):
    """A file that cannot be fixed (does not read, decode or parse; read-only); it is left untouched."""


class ChangedWhileFixing(FixError):
    """The file on disk is no longer what fix read: an edit saved meanwhile is kept, the fix is dropped."""


@dataclass
class FileResult:  # pylint: disable=too-many-instance-attributes
    path: str
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    passes: int = 0
    read_digest: str | None = None  # sha256 of the bytes fix read: write_file replaces only those
    reported: int = 0  # the findings of the text as read (what check reports)
    left: int = 0  # the findings of the fixed text

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """A unified diff ``git apply`` accepts (``a/<path relative to the working directory>``)."""
        name = diff_path(self.path)
        out = []
        for line in difflib.unified_diff(
            _lines(self.original), _lines(self.fixed), fromfile=f"a/{name}", tofile=f"b/{name}"
        ):
            if line.endswith(("\n", "\r")):
                out.append(line)
            else:
                out.append(line + "\n\\ No newline at end of file\n")
        return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines with their ends, split as the tokenizer does (not at form feeds)."""
    lines, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def diff_path(path: str) -> str:
    relative = os.path.relpath(os.path.abspath(path))
    if relative.startswith(os.pardir):
        relative = os.path.abspath(path).lstrip(os.sep)
    return relative.replace(os.sep, "/")


# -- one file ------------------------------------------------------------------------------------
def decode_source(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding) as Python reads the file: PEP 263 cookie or BOM, else UTF-8."""
    if b"\0" in data:
        raise FixError(f"{path}: binary file, left untouched")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding), encoding
    except (SyntaxError, LookupError) as error:
        raise FixError(f"{path}: unknown or wrong source encoding, left untouched ({error})") from error
    except UnicodeDecodeError as error:
        raise FixError(f"{path}: does not decode as its declared encoding, left untouched") from error


def read_source(path: str) -> str:
    return read_file(path)[0]


def read_file(path: str) -> tuple[str, str]:
    return decode_source(_read_bytes(path), path)


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise FixError(f"{path}: cannot read ({error.strerror})") from error


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _newline(text: str) -> str:
    match = _LINE_BREAK.search(text)
    return match.group(0) if match else "\n"


def _compiles(text: str, path: str) -> bool:
    try:
        compile(text, path, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _comment_starts(text: str, lines: fixes.SourceLines) -> list[tuple[int, bytes]]:
    """(byte offset, text) of every comment (the tokenizer's view; lone CRs count as line ends)."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    starts = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(normalized).readline):
            if token.type == tokenize.COMMENT:
                line_text = lines.line(token.start[0]).decode("utf-8", "replace")
                at = lines.offset(token.start[0], len(line_text[: token.start[1]].encode("utf-8")))
                starts.append((at, token.string.encode("utf-8")))
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return starts


def _bound_names(module: nodes.Module) -> set[str]:
    """Every name bound anywhere in the module (parameters, locals, imports, defs, globals)."""
    bound: set[str] = set()
    for node in module.nodes_of_class((nodes.AssignName, nodes.FunctionDef, nodes.ClassDef)):
        bound.add(node.name)
    for node in module.nodes_of_class((nodes.Import, nodes.ImportFrom)):
        for name, alias in node.names:
            bound.add(alias or name.split(".")[0])
    return bound


_PREFIX = re.compile(r"(?<![\w.'\"])([A-Za-z_]\w*)\.")


class _EnclosingFunctions:
    """For each line of a module, the functions and lambdas whose lines hold it: computed once per
    module (each function's lines painted once), not a walk over every function per finding."""

    def __init__(self, module: nodes.Module) -> None:
        self.covering: dict[int, list[nodes.NodeNG]] = {}
        for function in module.nodes_of_class((nodes.FunctionDef, nodes.Lambda)):
            if function.lineno is None or function.end_lineno is None:
                continue
            for line in range(function.lineno, function.end_lineno + 1):
                self.covering.setdefault(line, []).append(function)

    def bind(self, line: int, name: str) -> bool:
        return any(name in function.locals for function in self.covering.get(line, ()))


def _shadowed_prefix(module: nodes.Module, functions: _EnclosingFunctions, finding: Finding, fix: fixes.Fix) -> str | None:
    """A module-level name the edits use (``tf.``, ``sys.``) that a function around the finding
    binds to something else (a parameter ``tf``): the edit would not mean what it says."""
    used = set()
    for edit in fix.edits:
        used.update(_PREFIX.findall(edit.replacement))
    for name in sorted(used):
        if (name in module.locals or name in ("tf", "sys")) and functions.bind(finding.line, name):
            return name
    return None


def _module_binds(module: nodes.Module, name: str, target: str) -> bool:
    """The module binds ``name`` by ``import <target>`` (or ``import <target> as <name>``)."""
    for assignment in module.locals.get(name, ()):
        if isinstance(assignment, nodes.Import) and any(
            real == target and (alias or real) == name for real, alias in assignment.names
        ):
            return True
    return False


def _import_line(statement: str) -> tuple[str, str]:
    """(section, module) of ``import x [as y]``: isort's sections, first-party counted third-party."""
    module = statement.split()[1]
    top = module.split(".")[0]
    if top == "__future__":
        return "future", module
    if top in getattr(sys, "stdlib_module_names", ()):
        return "stdlib", module
    return "thirdparty", module


def _import_section(node: nodes.NodeNG) -> str:
    if isinstance(node, nodes.ImportFrom):
        if node.level:
            return "local"
        return _import_line(f"import {node.modname}")[0]
    return _import_line(f"import {node.names[0][0]}")[0]


def _import_offset(module: nodes.Module, lines: fixes.SourceLines, statement: str) -> tuple[int, str, str]:
    """Where a new top-level import goes, isort-style: (byte offset, text before, text after).

    After a shebang/encoding comment, the module docstring and ``from __future__`` imports; in its
    own section of the leading import block (stdlib or third-party), sorted among the plain
    ``import`` lines; a new section gets a blank line before it.
    """
    section, name = _import_line(statement)
    body = list(module.body)
    first = 0
    if body and module.doc_node is not None and getattr(body[0], "value", None) is module.doc_node:
        first = 1
    header_end = module.doc_node.end_lineno if module.doc_node is not None else 0
    block: list[nodes.NodeNG] = []
    for statement_node in body[first:]:
        if not isinstance(statement_node, (nodes.Import, nodes.ImportFrom)) or statement_node.col_offset != 0:
            break
        block.append(statement_node)
    futures = [n for n in block if isinstance(n, nodes.ImportFrom) and n.modname == "__future__"]
    if futures:
        header_end = max(header_end, futures[-1].end_lineno)
    same = [n for n in block if _import_section(n) == section]
    for node in same:
        if isinstance(node, nodes.ImportFrom) or node.names[0][0].lower() > name.lower():
            return lines.starts[node.lineno - 1], "", ""
    if same:
        return _line_after(lines, same[-1].end_lineno), "", ""
    order = ("future", "stdlib", "thirdparty", "local")
    before = [n for n in block if order.index(_import_section(n)) < order.index(section)]
    if before:
        return _line_after(lines, before[-1].end_lineno), "blank", ""
    after = [n for n in block if order.index(_import_section(n)) > order.index(section)]
    if after and after[0].lineno > header_end:
        return lines.starts[after[0].lineno - 1], "", "blank"
    if header_end == 0:  # no docstring: after the leading comment lines (shebang, encoding, licence)
        line = 1
        while line <= len(lines.starts) and lines.line(line).lstrip().startswith(b"#"):
            line += 1
        return lines.starts[line - 1] if line <= len(lines.starts) else len(lines.data), "", ""
    return _line_after(lines, header_end), "", ""


def _line_after(lines: fixes.SourceLines, line: int) -> int:
    return lines.starts[line] if line < len(lines.starts) else len(lines.data)


@dataclass
class Policy:
    """What to fix: the tier, and which rules (symbols; empty ``select`` = every enabled one)."""

    unsafe: bool = False
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def wants(self, finding: Finding) -> bool:
        keys = {finding.symbol, finding.msgid, finding.flake8_code}
        if self.select and not keys & self.select:
            return False
        return not keys & self.ignore


Span = tuple[int, int, bytes]
"""(start, end, replacement): byte offsets into the text a pass read, and the bytes put there."""


class LineMap:
    """Where each line of a spliced text came from: a line outside the spans maps to its old line,
    the lines of a span's replacement map to the old line the span started on."""

    def __init__(self, old: fixes.SourceLines, spans: Sequence[Span]) -> None:
        self.firsts: list[int] = []  # the first new line of each replaced region
        self.regions: list[tuple[int, int, int]] = []  # (last new line, old first line, new - old after it)
        delta = 0
        for start, end, replacement in sorted(spans):
            first, _ = old.position(start)
            last, end_col = old.position(end)
            added = len(fixes.LINE_BREAK.findall(replacement))
            self.firsts.append(first + delta)
            region_last = first + delta + added
            if end_col == 0 and last > first and (not replacement or replacement.endswith((b"\n", b"\r"))):
                region_last -= 1  # whole lines replaced: the next line is old line ``last`` itself
            delta += added - (last - first)
            self.regions.append((region_last, first, delta))

    def old_line(self, line: int) -> int:
        index = bisect.bisect_right(self.firsts, line) - 1
        if index < 0:
            return line
        last, old_first, delta = self.regions[index]
        return old_first if line <= last else line - delta


@dataclass
class Plan:
    """The fixes one pass applies to one text, and the text they make."""

    applied: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    text: str = ""


def plan_fixes(  # pylint: disable=too-many-locals,too-many-branches,too-many-arguments
    module: nodes.Module,
    source: str,
    findings: Iterable[Finding],
    policy: Policy,
    notes: list[str],
    silenced_lines: Iterable[int] = (),
    eligible_line: Callable[[int], bool] | None = None,
) -> Plan:
    """Choose, among the fixes ``findings`` carry, those one pass applies to ``source`` (the text of
    ``module``), and splice them in. Linear in the findings: the module's comments, bound names and
    enclosing functions are computed once.

    Not chosen: findings ``policy`` does not want (or unsafe ones without ``--unsafe-fixes``), fixes
    whose edits would delete a comment, touch a line where a finding was silenced (``silenced_lines``:
    ``fix`` never rewrites what the user silenced) or use a name that means something else there,
    and fixes overlapping one already chosen (the next pass takes them). ``eligible_line``: in a later
    pass, only findings on lines that carried a reported finding are fixed."""
    path = module.file or "<string>"
    plan = Plan(text=source)
    data = source.encode("utf-8")
    lines = fixes.SourceLines(data)
    silenced = set(silenced_lines)
    comments: list[tuple[int, bytes]] | None = None
    bound: set[str] | None = None
    functions: _EnclosingFunctions | None = None
    chosen: list[Span] = []  # in the order the fixes made them (inserts at one offset keep it)
    chosen_sorted: list[Span] = []
    chosen_set: set[Span] = set()
    imports: list[str] = []
    newline = _newline(source)
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.edits or not policy.wants(finding):
            continue
        if (not fix.safe and not policy.unsafe) or (eligible_line is not None and not eligible_line(finding.line)):
            plan.skipped.append(finding)
            continue
        try:
            spans = [
                (lines.offset(e.line, e.col), lines.offset(e.end_line, e.end_col),
                 _LONE_LF.sub(newline, e.replacement).encode("utf-8"))
                for e in fix.edits
            ]
        except ValueError:
            plan.skipped.append(finding)
            continue
        if silenced and any(_touched_lines(edit) & silenced for edit in fix.edits):
            notes.append(f"{path}:{finding.line}: {finding.symbol}: the edit would change a line whose finding is silenced; not fixed")
            plan.skipped.append(finding)
            continue
        if comments is None:
            comments = _comment_starts(source, lines)
        # a replaced span may hold a comment only if the replacement carries it (an operand's own text)
        if any(start <= at < end and comment not in replacement
               for start, end, replacement in spans for at, comment in comments):
            notes.append(f"{path}:{finding.line}: {finding.symbol}: the edit would delete a comment; not fixed")
            plan.skipped.append(finding)
            continue
        functions = functions or _EnclosingFunctions(module)
        shadowed = _shadowed_prefix(module, functions, finding, fix)
        if shadowed is not None:
            notes.append(f"{path}:{finding.line}: {finding.symbol}: '{shadowed}' names something else here; not fixed")
            plan.skipped.append(finding)
            continue
        wanted = ([TF_IMPORT] if fix.needs_tf_import else []) + list(fix.imports)
        missing = []
        conflict = None
        for statement in wanted:
            name = statement.split()[-1]
            if _module_binds(module, name, statement.split()[1]):
                continue
            bound = bound if bound is not None else _bound_names(module)
            if name in bound:
                conflict = name  # the name means something else here: no fix
                break
            missing.append(statement)
        if conflict is not None:
            notes.append(f"{path}:{finding.line}: {finding.symbol}: '{conflict}' names something else; not fixed")
            plan.skipped.append(finding)
            continue
        fresh = [span for span in spans if span not in chosen_set]
        # an edit another finding already makes (one decorator fixed for several call sites) is shared
        if any(_overlaps_any(span, chosen_sorted) for span in fresh):
            plan.skipped.append(finding)  # the next pass picks it up
            continue
        for span in fresh:
            chosen.append(span)
            bisect.insort(chosen_sorted, span)
            chosen_set.add(span)
        plan.applied.append(finding)
        imports.extend(s for s in missing if s not in imports)
    if not chosen:
        return plan
    order = ("future", "stdlib", "thirdparty", "local")
    inserts: list[Span] = []
    for statement in sorted(imports, key=lambda s: (order.index(_import_line(s)[0]), s)):
        at, before, after = _import_offset(module, lines, statement)
        if at == len(data) and data and not data.endswith((b"\n", b"\r")):
            before = before or "line"
        text = ("" if before != "blank" else newline) + statement + newline + (newline if after else "")
        if before == "line":
            text = newline + text
        inserts.append((at, at, text.encode("utf-8")))
    plan.spans = chosen + inserts
    plan.text = _splice(data, plan.spans).decode("utf-8")
    return plan


def _splice(data: bytes, spans: Sequence[Span]) -> bytes:
    """``data`` with every span replaced; inserts at one offset keep their order (imports go after
    the edits made at the same place). One pass over the text."""
    ordered = sorted(enumerate(spans), key=lambda item: (item[1][0], item[1][1], item[0]))
    pieces, at = [], 0
    for _index, (start, end, replacement) in ordered:
        pieces.append(data[at:start])
        pieces.append(replacement)
        at = max(at, end)
    pieces.append(data[at:])
    return b"".join(pieces)


def _touched_lines(edit: fixes.Edit) -> set[int]:
    """The lines whose text an edit changes (an insertion at a line's start changes none of it)."""
    if edit.line == edit.end_line and edit.col == edit.end_col:
        return set() if edit.col == 0 else {edit.line}
    last = edit.end_line - 1 if edit.end_col == 0 and edit.end_line > edit.line else edit.end_line
    return set(range(edit.line, last + 1))


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1] or (a[0] == a[1] == b[0] == b[1])


def _overlaps_any(span: Span, chosen: list[Span]) -> bool:
    """Whether ``span`` overlaps a span of ``chosen`` (sorted, pairwise disjoint): its neighbours."""
    index = bisect.bisect_left(chosen, span)
    return any(_overlaps(span, chosen[i]) for i in (index - 1, index) if 0 <= i < len(chosen))


def fix_source(
    source: str,
    path: str,
    engine: Engine,
    unsafe: bool = False,
    policy: Policy | None = None,
) -> FileResult:
    """Fixed text of one file (nothing written), iterated to a fixed point, then linted again.

    A later pass fixes only findings on lines that carried a reported finding (a cascade: ``.numpy()``
    removed, then ``np.matmul`` on the now visible tensor), never lines nobody was told about. The
    result is linted once more: a fix after which the file has a finding it did not have (``np.dot(a,
    b)`` once ``.numpy()`` is gone), or that does not compile, is withdrawn, and the file is fixed
    without it (nothing at all when the culprit cannot be told)."""
    policy = policy or Policy(unsafe=unsafe)
    withdrawn: set[tuple[int, str]] = set()
    told: list[str] = []
    for _attempt in range(3):
        result, original, maps = _fix_passes(source, path, engine, policy, withdrawn)
        result.notes[:0] = told
        result.reported = result.left = len(original)
        culprits = _new_findings(result, original, maps, engine) if result.changed else set()
        if not culprits:
            return result
        blamed = {
            (finding.line, finding.symbol) for finding in result.applied
            if finding.line in culprits or any(_touched_lines(edit) & culprits for edit in finding.fix.edits)
        }
        told = [f"{path}:{line}: a fix here would leave a finding the file did not have; withdrawn" for line in sorted(culprits)]
        if not blamed or blamed <= withdrawn:
            break
        withdrawn |= blamed
    result.notes.extend(told)
    result.notes.append(f"{path}: its fixes would add findings; nothing fixed")
    return FileResult(path, source, source, skipped=result.applied + result.skipped, notes=result.notes,
                      reported=result.reported, left=result.reported)


def _fix_passes(
    source: str, path: str, engine: Engine, policy: Policy, withdrawn: set[tuple[int, str]]
) -> tuple[FileResult, list[Finding], list[LineMap]]:
    """The passes to a fixed point: (result, the findings of ``source``, the line maps of the passes)."""
    result = FileResult(path, source, source)
    text = source
    maps: list[LineMap] = []
    original: list[Finding] = []
    reported_lines: set[int] = set()

    def original_line(line: int) -> int:
        for line_map in reversed(maps):
            line = line_map.old_line(line)
        return line

    for number in range(MAX_PASSES):
        module, findings = lint_text(text, path, engine)
        if number == 0:
            original = findings
            reported_lines = {finding.line for finding in findings}
            _record_judged_as_read(module, engine)
        held = [f for f in findings if withdrawn and (original_line(f.line), f.symbol) in withdrawn]
        if held:
            held_ids = {id(f) for f in held}
            findings = [f for f in findings if id(f) not in held_ids]
        plan = plan_fixes(
            module, text, findings, policy, result.notes, engine.silenced_lines,
            None if number == 0 else lambda line: original_line(line) in reported_lines,
        )
        result.skipped = plan.skipped + held
        if not plan.spans:
            break
        new, cuts = _drop_unused_imports(module, plan.text, path)
        if not _compiles(new, path):
            result.notes.append(f"{path}: the fixes of pass {number + 1} would not compile; not applied")
            result.skipped.extend(plan.applied)
            break
        lines = fixes.SourceLines(text.encode("utf-8"))
        maps.append(LineMap(lines, plan.spans))
        if cuts:
            maps.append(LineMap(fixes.SourceLines(plan.text.encode("utf-8")), cuts))
        if number == 0:
            result.applied.extend(plan.applied)
        else:  # a cascade: the finding is told where it was reported
            result.applied.extend(_at_line(f, original_line(f.line)) for f in plan.applied)
        result.passes = number + 1
        text = new
    else:
        result.notes.append(f"{path}: still changing after {MAX_PASSES} passes; stopped")
    result.fixed = text
    return result, original, maps


def _record_judged_as_read(module: nodes.Module, engine: Engine) -> None:
    """A trace record's definitions are judged on the text as read (as traced): once the first pass
    has said which changed since, a later pass sees only fix's own changes, which are not news (the
    record was said to have "changed since its traces were recorded" after fix's own edits)."""
    option = getattr(getattr(getattr(engine, "linter", None), "config", None), "hybridize_traces", None) or None
    try:
        record = traces.record_for(module, option)
    except Exception:  # pylint: disable=broad-except  # no record: nothing to say
        return
    if record is not None:
        record.stale_noted = True


def carry_trace_record(path: str, before: str, after: str, option: str | None) -> None:
    """After ``path`` was rewritten by fix: its entries in the trace record that matched the text as
    read now match the fixed text (``trace_record.carry_over``); a user's own change still shows."""
    record_path = option or traces.find_record_file(path)
    if not record_path:
        return
    try:
        data = trace_record.load(record_path)
        if trace_record.carry_over(data, record_path, path, before, after):
            trace_record.write(data, record_path)
    except (trace_record.RecordError, OSError):
        return


def _at_line(finding: Finding, line: int) -> Finding:
    return dataclasses.replace(finding, line=line)


def _new_findings(result: FileResult, original: list[Finding], maps: list[LineMap], engine: Engine) -> set[int]:
    """Original lines of the findings the fixed text has and the original did not have."""
    before = {(finding.line, finding.symbol) for finding in original}
    culprits = set()
    after = lint_text(result.fixed, result.path, engine)[1]
    result.left = len(after)
    for finding in after:
        line = finding.line
        for line_map in reversed(maps):
            line = line_map.old_line(line)
        if (line, finding.symbol) not in before:
            culprits.add(line)
    return culprits


def lint_text(text: str, path: str, engine: Engine) -> tuple[nodes.Module, list[Finding]]:
    """The module ``text`` parses to and its findings, its imports resolved as pylint resolves them."""
    with import_root_on_sys_path(path):
        try:
            module = astroid.parse(text, module_name=module_name_for(path), path=path)
        except (astroid.AstroidSyntaxError, ValueError, RecursionError, SyntaxError) as error:
            raise FixError(f"{path}: cannot parse, left untouched ({error.__class__.__name__})") from error
        return module, engine.check_module(module, text)


def _used_names(module: nodes.Module) -> dict[str, int]:
    used: dict[str, int] = {}
    for node in module.nodes_of_class(nodes.Name):
        used[node.name] = used.get(node.name, 0) + 1
    for node in module.nodes_of_class(nodes.Const):  # __all__ = ["name"] and string annotations
        if isinstance(node.value, str) and node.value.isidentifier():
            used[node.value] = used.get(node.value, 0) + 1
    return used


def _drop_unused_imports(before: nodes.Module, text: str, path: str) -> tuple[str, list[Span]]:
    """Remove a top-level ``import x`` line that the applied edits left unused (and nothing else):
    the text, and the cuts made (spans of ``text`` replaced by nothing)."""
    try:
        after = astroid.parse(text, module_name=module_name_for(path), path=path)
    except (astroid.AstroidSyntaxError, ValueError, RecursionError, SyntaxError):
        return text, []
    used_before, used_after = _used_names(before), _used_names(after)
    lines = fixes.SourceLines(text.encode("utf-8"))
    cuts: list[Span] = []
    for statement in after.body:
        single = isinstance(statement, nodes.Import) and len(statement.names) == 1
        if not single or statement.lineno != statement.end_lineno:
            continue
        real, alias = statement.names[0]
        name = alias or real.split(".")[0]
        if used_before.get(name) and not used_after.get(name) and len(after.locals.get(name, ())) == 1:
            line_text = lines.line(statement.lineno)
            if line_text.strip() != statement.as_string().encode() and b"#" in line_text:
                continue  # a comment on the line: keep it
            if b";" in line_text:
                continue
            start = lines.starts[statement.lineno - 1]
            end_line = statement.lineno
            if statement.lineno == 1 or not lines.line(statement.lineno - 1).strip():
                # first in its block: the blank lines after it went with it (no doubled blank lines)
                while end_line < len(lines.starts) and not lines.line(end_line + 1).strip():
                    end_line += 1
            cuts.append((start, _line_after(lines, end_line), b""))
    if not cuts:
        return text, []
    return _splice(lines.data, cuts).decode("utf-8"), cuts


# -- files ---------------------------------------------------------------------------------------
def write_file(path: str, text: str, encoding: str = "utf-8", read_digest: str | None = None) -> None:
    """Write ``text`` back as the file it came from.

    With ``read_digest`` (the sha256 of the bytes the fix was computed from), the file is replaced
    only if it still holds those bytes: an edit saved while fix ran (an editor, a second fix run)
    raises ``ChangedWhileFixing`` and is kept. The check is made as late as possible, just before
    the replacement, so the window left for a lost edit is a rename, not the whole analysis.

    A symlink is written through to its target (the link stays a link); a file with other hard
    links is rewritten in place (the links keep sharing it); any other file is replaced atomically
    (temporary file + ``os.replace``). The mode is kept. A read-only file raises ``FixError``.
    """
    real = os.path.realpath(path)
    info = os.stat(real)
    data = text.encode(encoding)
    if not os.access(real, os.W_OK) or not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FixError(f"{path}: read-only, left untouched")

    def still_as_read(current: bytes) -> None:
        if read_digest is not None and digest(current) != read_digest:
            raise ChangedWhileFixing(f"{path}: changed while fix ran, left untouched (run fix again)")

    if info.st_nlink > 1:
        with open(real, "r+b") as handle:
            still_as_read(handle.read())
            handle.seek(0)
            handle.write(data)
            handle.truncate()
        return
    directory = os.path.dirname(real)
    # not *.py: a walker listing the folder meanwhile (another fix, a test runner) must not pick it up
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".hybridize-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        still_as_read(_read_bytes(real))
        os.replace(temporary, real)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def fix_files(
    paths: Iterable[str], unsafe: bool = False, engine: Engine | None = None, policy: Policy | None = None,
    cache: Any = None,
) -> tuple[list[FileResult], list[str]]:
    """Results for every file, and the errors of files that were refused; one file's failure,
    whatever it is, does not stop the others.

    ``cache``: the result cache (``pylint_hybridize.cache.FindingsCache``). It only says which files
    had no finding at all, keyed by their exact bytes (and those of the modules they depend on): such
    a file is left as it is without analysis. A fix is always computed from the text being fixed."""
    engine = engine or Engine()
    policy = policy or Policy(unsafe=unsafe)
    results, errors = [], []
    seen: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:
            continue  # a link and its target named in one run: fixed once
        seen.add(real)
        try:
            data = _read_bytes(path)
            text, encoding = decode_source(data, path)
            key, cached = cache.lookup(path, data) if cache is not None else (None, None)
            if cached == []:
                result = FileResult(path, text, text)  # no finding in exactly these bytes: nothing to fix
            else:
                result = fix_source(text, path, engine, policy=policy)
                if cache is not None and result.reported == 0:
                    cache.store(path, key, [])
            result.encoding = encoding
            result.read_digest = digest(data)
            results.append(result)
        except FixError as error:
            errors.append(str(error))
        except Exception as error:  # pylint: disable=broad-except  # never lose the other files
            errors.append(f"{path}: internal error, left untouched ({error.__class__.__name__}: {error})")
    return results, errors


# -- configuration -------------------------------------------------------------------------------
def our_symbols() -> dict[str, tuple[str, bool]]:
    """{symbol: (msgid, on by default)} of this plugin's messages, from the rule records."""
    return {rule.symbol: (rule.msgid, rule.default_enabled) for rule in all_rules()}


def configured_engine(
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    enable: Sequence[str] = (),
    extra_decorators: Sequence[str] | None = None,
    rcfile: str | None = None,
    use_config: bool = True,
) -> Configured:
    """The engine ``fix`` runs, from the project's pylint configuration and the command line.

    The configuration is read by pylint itself (pylintrc, pyproject.toml, setup.cfg, found from the
    working directory as ``check`` finds it): its ``disable``/``enable`` decide which messages are
    fixed, its ``hybridize-extra-decorators`` what counts as tf.function. ``select`` (only these),
    ``ignore`` and ``enable`` (off-by-default ones to add) take symbols, ids or HYB codes.
    Returns the engine, the policy, warnings (a configuration pylint could not read) and the files
    the configuration leaves out (``Configured``).
    """
    warnings: list[str] = []
    probe = Engine()
    table = our_symbols()
    enabled = {symbol for symbol, (_msgid, default) in table.items() if default}
    configured_extra = None
    configured_keras = "auto"
    if use_config:
        try:
            from pylint.config.config_initialization import (  # pylint: disable=import-outside-toplevel
                _config_initialization,
            )

            from pylint.config import find_default_config_files  # pylint: disable=import-outside-toplevel

            probe.linter.load_default_plugins()  # pylint's own options, which a configuration may set
            # found as pylint's Run finds it: the first of pylintrc, .pylintrc, pyproject.toml, setup.cfg...
            config_file = rcfile or next(find_default_config_files(), None)
            _config_initialization(probe.linter, [], config_file=config_file)
            enabled = {symbol for symbol in table if probe.linter.is_message_enabled(symbol)}
            configured_extra = tuple(getattr(probe.linter.config, "hybridize_extra_decorators", ()) or ())
            configured_keras = getattr(probe.linter.config, "hybridize_keras", "auto") or "auto"
        except (Exception, SystemExit) as error:  # pylint: disable=broad-except
            warnings.append(f"the pylint configuration could not be read ({error}); using the defaults")

    def symbols(given: Sequence[str]) -> set[str]:
        found = set()
        for item in given:
            rule = rule_named(item)
            if rule is None or item not in rule.names:
                raise ValueError(f"unknown message {item!r}")
            found.add(rule.symbol)
        return found

    selected = symbols(select)
    enabled |= symbols(enable) | selected
    if selected:
        enabled &= selected
    enabled -= symbols(ignore)
    extra = extra_decorators if extra_decorators is not None else configured_extra
    engine = Engine(extra_decorators=extra, enabled=enabled, disabled=set(table) - enabled)
    engine.linter.config.hybridize_keras = configured_keras
    return Configured(engine, Policy(select=frozenset(enabled)), warnings, ignored_by(probe.linter.config))


@dataclass
class Configured:
    """What ``fix`` runs with: the engine, what to fix, the configuration's warnings, and which files
    pylint's ``ignore``/``ignore-patterns``/``ignore-paths`` leave out."""

    engine: Engine
    policy: Policy
    warnings: list[str]
    ignored: Callable[[str], bool]
