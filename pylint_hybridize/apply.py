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
import difflib
import io
import os
import re
import stat
import sys
import tempfile
import tokenize
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import astroid
from astroid import nodes

from pylint_hybridize import fixes
from pylint_hybridize.engine import Engine, Finding, module_name_for
from pylint_hybridize.registry import all_rules, rule_named

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z0-9, ]+))?", re.IGNORECASE)
_PYLINT_PRAGMA = re.compile(r"#\s*pylint:\s*(?P<kind>disable-next|disable|enable)\s*=\s*(?P<names>[\w\-, ]+)")
_SKIP_FILE = re.compile(r"#\s*pylint:\s*skip-file\b")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LONE_LF = re.compile(r"(?<!\r)\n")
MAX_PASSES = 8
TF_IMPORT = "import tensorflow as tf"


class FixError(Exception):
    """A file that cannot be fixed (does not read, decode or parse; read-only); it is left untouched."""


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


# -- suppression ---------------------------------------------------------------------------------
def _names(finding: Finding) -> set[str]:
    return {finding.symbol, finding.msgid, "all"}


def _suppressed_on_line(line_text: str, finding: Finding) -> bool:
    noqa = _NOQA.search(line_text)
    if noqa:
        codes = noqa.group("codes")
        if not codes or finding.flake8_code in {c.strip() for c in codes.split(",")}:
            return True
    for pragma in _PYLINT_PRAGMA.finditer(line_text):
        listed = {n.strip() for n in pragma.group("names").split(",")}
        if pragma.group("kind") == "disable" and listed & _names(finding):
            return True
    return False


class Suppressions:
    """``# noqa`` and ``# pylint:`` pragmas of one file, on the tokenizer's lines."""

    def __init__(self, lines: fixes.SourceLines) -> None:
        self.lines = lines
        self.texts = [lines.line(n).decode("utf-8", "replace") for n in range(1, len(lines.starts) + 1)]
        self.skip_file = any(_SKIP_FILE.search(t) and t.lstrip().startswith("#") for t in self.texts)

    def suppressed(self, finding: Finding) -> bool:
        if self.skip_file:
            return True
        line = finding.line
        if 0 < line <= len(self.texts) and _suppressed_on_line(self.texts[line - 1], finding):
            return True
        if line >= 2 and self._pragma(self.texts[line - 2], "disable-next", finding):
            return True
        return self._block_disabled(line, finding)

    @staticmethod
    def _pragma(text: str, kind: str, finding: Finding) -> bool:
        return any(
            p.group("kind") == kind and {n.strip() for n in p.group("names").split(",")} & _names(finding)
            for p in _PYLINT_PRAGMA.finditer(text)
        )

    def _block_disabled(self, line: int, finding: Finding) -> bool:
        """A comment-only ``# pylint: disable=`` line disables the rest of its block (pylint's rule):
        from that line to the next code line indented less; at column 0, to the end of the module."""
        state = False
        depth: int | None = None
        for number in range(1, min(line, len(self.texts)) + 1):
            text = self.texts[number - 1]
            stripped = text.lstrip(" \t\f")
            indent = len(text) - len(stripped)
            if stripped and not stripped.startswith("#") and depth is not None and indent < depth:
                state, depth = False, None
            if stripped.startswith("#"):
                if self._pragma(text, "disable", finding):
                    state, depth = True, indent
                elif self._pragma(text, "enable", finding):
                    state, depth = False, None
            elif re.match(r"(async\s+def|def|class)\b", stripped) and self._pragma(text, "disable", finding):
                state, depth = True, indent + 1  # on a def/class line: its whole body
        return state


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
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise FixError(f"{path}: cannot read ({error.strerror})") from error
    return decode_source(data, path)


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


def _shadowed_prefix(module: nodes.Module, finding: Finding, fix: fixes.Fix) -> str | None:
    """A module-level name the edits use (``tf.``, ``sys.``) that a function around the finding
    binds to something else (a parameter ``tf``): the edit would not mean what it says."""
    used = set()
    for edit in fix.edits:
        used.update(_PREFIX.findall(edit.replacement))
    candidates = {n for n in used if n in module.locals or n in ("tf", "sys")}
    if not candidates:
        return None
    for function in module.nodes_of_class((nodes.FunctionDef, nodes.Lambda)):
        if function.lineno is None or function.end_lineno is None:
            continue
        if not function.lineno <= finding.line <= function.end_lineno:
            continue
        for name in candidates:
            if name in function.locals:
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


def fix_source(
    source: str,
    path: str,
    engine: Engine,
    unsafe: bool = False,
    policy: Policy | None = None,
) -> FileResult:
    """Fixed text of one file (nothing written), iterated to a fixed point."""
    policy = policy or Policy(unsafe=unsafe)
    result = FileResult(path, source, source)
    text = source
    for number in range(MAX_PASSES):
        applied, skipped, new = _one_pass(text, path, engine, policy, result.notes)
        result.skipped = skipped
        if new == text:
            break
        if not _compiles(new, path):
            result.notes.append(f"{path}: the fixes of pass {number + 1} would not compile; not applied")
            result.skipped.extend(applied)
            break
        result.applied.extend(applied)
        result.passes = number + 1
        text = new
    else:
        result.notes.append(f"{path}: still changing after {MAX_PASSES} passes; stopped")
    result.fixed = text
    return result


def _one_pass(  # pylint: disable=too-many-locals,too-many-branches
    source: str, path: str, engine: Engine, policy: Policy, notes: list[str]
) -> tuple[list[Finding], list[Finding], str]:
    try:
        module = astroid.parse(source, module_name=module_name_for(path), path=path)
    except (astroid.AstroidSyntaxError, ValueError, RecursionError, SyntaxError) as error:
        raise FixError(f"{path}: cannot parse, left untouched ({error.__class__.__name__})") from error
    findings = engine.check_module(module)
    data = source.encode("utf-8")
    lines = fixes.SourceLines(data)
    suppressions = Suppressions(lines)
    comments: list[int] | None = None
    bound: set[str] | None = None
    applied: list[Finding] = []
    skipped: list[Finding] = []
    chosen: list[tuple[int, int, bytes]] = []
    imports: list[str] = []
    newline = _newline(source)
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.edits or not policy.wants(finding):
            continue
        if suppressions.suppressed(finding) or (not fix.safe and not policy.unsafe):
            skipped.append(finding)
            continue
        try:
            spans = [
                (lines.offset(e.line, e.col), lines.offset(e.end_line, e.end_col),
                 _LONE_LF.sub(newline, e.replacement).encode("utf-8"))
                for e in fix.edits
            ]
        except ValueError:
            skipped.append(finding)
            continue
        if comments is None:
            comments = _comment_starts(source, lines)
        # a replaced span may hold a comment only if the replacement carries it (an operand's own text)
        if any(start <= at < end and comment not in replacement
               for start, end, replacement in spans for at, comment in comments):
            notes.append(f"{path}:{finding.line}: {finding.symbol}: the edit would delete a comment; not fixed")
            skipped.append(finding)
            continue
        shadowed = _shadowed_prefix(module, finding, fix)
        if shadowed is not None:
            notes.append(f"{path}:{finding.line}: {finding.symbol}: '{shadowed}' names something else here; not fixed")
            skipped.append(finding)
            continue
        wanted = ([TF_IMPORT] if fix.needs_tf_import else []) + list(fix.imports)
        missing = []
        for statement in wanted:
            name = statement.split()[-1]
            if _module_binds(module, name, statement.split()[1]):
                continue
            bound = bound if bound is not None else _bound_names(module)
            if name in bound:
                break  # the name means something else here: no fix
            missing.append(statement)
        else:
            fresh = [span for span in spans if span not in chosen]
            # an edit another finding already makes (one decorator fixed for several call sites) is shared
            if any(_overlaps(span, other) for span in fresh for other in chosen):
                skipped.append(finding)  # the next pass picks it up
                continue
            chosen.extend(fresh)
            applied.append(finding)
            imports.extend(s for s in missing if s not in imports)
            continue
        notes.append(f"{path}:{finding.line}: {finding.symbol}: '{name}' names something else; not fixed")
        skipped.append(finding)
    if not chosen:
        return applied, skipped, source
    order = ("future", "stdlib", "thirdparty", "local")
    for statement in sorted(imports, key=lambda s: (order.index(_import_line(s)[0]), s)):
        at, before, after = _import_offset(module, lines, statement)
        if at == len(data) and data and not data.endswith((b"\n", b"\r")):
            before = before or "line"
        text = ("" if before != "blank" else newline) + statement + newline + (newline if after else "")
        if before == "line":
            text = newline + text
        chosen.append((at, at, text.encode("utf-8")))
    # inserts at one offset keep their order (imports go after the edits made at the same place)
    chosen = sorted(enumerate(chosen), key=lambda item: (item[1][0], item[1][1], item[0]), reverse=True)
    new = data
    for _index, (start, end, replacement) in chosen:
        new = new[:start] + replacement + new[end:]
    text = new.decode("utf-8")
    return applied, skipped, _drop_unused_imports(module, text, path)


def _overlaps(a: tuple[int, int, bytes], b: tuple[int, int, bytes]) -> bool:
    return a[0] < b[1] and b[0] < a[1] or (a[0] == a[1] == b[0] == b[1])


def _used_names(module: nodes.Module) -> dict[str, int]:
    used: dict[str, int] = {}
    for node in module.nodes_of_class(nodes.Name):
        used[node.name] = used.get(node.name, 0) + 1
    for node in module.nodes_of_class(nodes.Const):  # __all__ = ["name"] and string annotations
        if isinstance(node.value, str) and node.value.isidentifier():
            used[node.value] = used.get(node.value, 0) + 1
    return used


def _drop_unused_imports(before: nodes.Module, text: str, path: str) -> str:
    """Remove a top-level ``import x`` line that the applied edits left unused (and nothing else)."""
    try:
        after = astroid.parse(text, module_name=module_name_for(path), path=path)
    except (astroid.AstroidSyntaxError, ValueError, RecursionError, SyntaxError):
        return text
    used_before, used_after = _used_names(before), _used_names(after)
    lines = fixes.SourceLines(text.encode("utf-8"))
    cuts = []
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
            cuts.append((start, _line_after(lines, end_line)))
    data = lines.data
    for start, end in reversed(cuts):
        data = data[:start] + data[end:]
    return data.decode("utf-8")


# -- files ---------------------------------------------------------------------------------------
def write_file(path: str, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` back as the file it came from.

    A symlink is written through to its target (the link stays a link); a file with other hard
    links is rewritten in place (the links keep sharing it); any other file is replaced atomically
    (temporary file + ``os.replace``). The mode is kept. A read-only file raises ``FixError``.
    """
    real = os.path.realpath(path)
    info = os.stat(real)
    data = text.encode(encoding)
    if not os.access(real, os.W_OK) or not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FixError(f"{path}: read-only, left untouched")
    if info.st_nlink > 1:
        with open(real, "r+b") as handle:
            handle.write(data)
            handle.truncate()
        return
    directory = os.path.dirname(real)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".hybridize-", suffix=".py")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        os.replace(temporary, real)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def fix_files(
    paths: Iterable[str], unsafe: bool = False, engine: Engine | None = None, policy: Policy | None = None
) -> tuple[list[FileResult], list[str]]:
    """Results for every file, and the errors of files that were refused; one file's failure,
    whatever it is, does not stop the others."""
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
            text, encoding = read_file(path)
            result = fix_source(text, path, engine, policy=policy)
            result.encoding = encoding
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
) -> tuple[Engine, Policy, list[str]]:
    """The engine ``fix`` runs, from the project's pylint configuration and the command line.

    The configuration is read by pylint itself (pylintrc, pyproject.toml, setup.cfg, found from the
    working directory as ``check`` finds it): its ``disable``/``enable`` decide which messages are
    fixed, its ``hybridize-extra-decorators`` what counts as tf.function. ``select`` (only these),
    ``ignore`` and ``enable`` (off-by-default ones to add) take symbols, ids or HYB codes.
    Returns the engine, the policy and warnings (a configuration pylint could not read).
    """
    warnings: list[str] = []
    probe = Engine()
    table = our_symbols()
    enabled = {symbol for symbol, (_msgid, default) in table.items() if default}
    configured_extra = None
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
    return engine, Policy(select=frozenset(enabled)), warnings
