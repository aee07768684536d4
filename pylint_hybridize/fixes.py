"""Suggested fixes: what a message proposes, as text and as concrete edits.

Every message renders its fix into the message text. Fixes that are concrete
edits also carry ``Edit`` objects (1-based lines, 0-based columns, as astroid
reports them) so that ``pylint-hybridize fix`` can apply them. ``safe`` fixes
keep behaviour apart from the bug they fix (``print`` -> ``tf.print``, an
argument rename) and are applied by default; the others need
``--unsafe-fixes``.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

from astroid import nodes

from pylint_hybridize.model import names
from pylint_hybridize.suppressions import module_text


@dataclass(frozen=True)
class Edit:
    line: int
    col: int
    end_line: int
    end_col: int
    replacement: str

    @classmethod
    def replace_node(cls, node: nodes.NodeNG, replacement: str) -> Edit:
        return cls(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, replacement)

    @classmethod
    def insert_before(cls, node: nodes.NodeNG, text: str) -> Edit:
        return cls(node.lineno, node.col_offset, node.lineno, node.col_offset, text)

    @classmethod
    def insert_after(cls, node: nodes.NodeNG, text: str) -> Edit:
        return cls(node.end_lineno, node.end_col_offset, node.end_lineno, node.end_col_offset, text)


@dataclass(frozen=True)
class Fix:
    description: str
    """Rendered into the message, e.g. ``use tf.print(...)``."""
    edits: tuple[Edit, ...] = ()
    safe: bool = False
    needs_tf_import: bool = False
    """The edits use ``tf`` but the module does not import tensorflow as ``tf``."""
    notes: tuple[str, ...] = field(default=())
    imports: tuple[str, ...] = ()
    """Other module-level imports the edits need (``import sys``), added when the name is unbound."""

    @property
    def applicable(self) -> bool:
        return bool(self.edits)


def add_tf_function_option(creation: nodes.NodeNG, option: str) -> Edit | None:
    """The edit that adds ``option`` (``reduce_retracing=True``) to a tf.function decorator or call.

    ``creation`` is a hybrid's ``creation``: the bare ``tf.function`` decorator, or the call that
    carries tf.function's options. The new keyword goes after the last argument given, so line
    breaks, trailing commas and comments inside the parentheses stay where they are.
    """
    if isinstance(creation, (nodes.Name, nodes.Attribute)):
        return Edit.insert_after(creation, f"({option})")
    if not isinstance(creation, nodes.Call):
        return None
    given = [*creation.args, *(creation.keywords or ())]
    if not given:  # tf.function(): a Call always ends with its closing parenthesis
        return Edit(creation.end_lineno, creation.end_col_offset - 1, creation.end_lineno,
                    creation.end_col_offset - 1, option)
    if any(getattr(node, "end_lineno", None) is None for node in given):
        return None
    last = max(given, key=lambda node: (node.end_lineno, node.end_col_offset))
    return Edit.insert_after(last, f", {option}")


def tensorflow_alias(module: nodes.Module) -> str | None:
    """The module-level name bound to the ``tensorflow`` package, if any (``tf``)."""
    preferred = None
    for local, assignments in module.locals.items():
        for assignment in assignments:
            if isinstance(assignment, nodes.Import):
                for name, alias in assignment.names:
                    if names.canonical(name) == "tensorflow" and (alias or name) == local:
                        if local == "tf":
                            return local
                        preferred = preferred or local
            elif isinstance(assignment, nodes.ImportFrom) and not assignment.level:
                for name, alias in assignment.names:
                    dotted = f"{assignment.modname}.{name}"
                    if names.canonical(dotted) == "tensorflow" and (alias or name) == local:
                        preferred = preferred or local
    return preferred


def tf_prefix(node: nodes.NodeNG) -> tuple[str, bool]:
    """(``"tf"`` or the module's own alias, whether an ``import tensorflow as tf`` must be added)."""
    alias = tensorflow_alias(node.root())
    if alias is not None:
        return alias, False
    return "tf", True


# -- the source text under the tree: the tokenizer's own line model ----------------------------

LINE_BREAK = re.compile(rb"\r\n|\r|\n")


class SourceLines:
    """UTF-8 bytes of a module with Python's line model: a line ends at ``\\r\\n``, ``\\r`` or ``\\n``.

    ``str.splitlines`` also breaks at form feeds, ``\\v``, ``\\x1c``-``\\x1e``, ``\\x85`` and
    ``\\u2028``/``\\u2029``, which the tokenizer keeps inside a line; and counting ``\\n`` alone misses
    a lone ``\\r``. astroid's (``ast``'s) line numbers follow the tokenizer, and its columns are UTF-8
    byte offsets into the line, so offsets are computed here and nowhere else.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = [0] + [match.end() for match in LINE_BREAK.finditer(data)]

    def offset(self, line: int, col: int) -> int:
        """Byte offset of (1-based line, 0-based UTF-8 column); ValueError outside the text."""
        if not 0 < line <= len(self.starts) or col < 0:
            raise ValueError(f"position {line}:{col} outside the source")
        at = self.starts[line - 1] + col
        if at > len(self.data):
            raise ValueError(f"position {line}:{col} outside the source")
        return at

    def line(self, line: int) -> bytes:
        """The text of a 1-based line without its line break (b'' outside the text)."""
        if not 0 < line <= len(self.starts):
            return b""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.data)
        return self.data[start:end].rstrip(b"\r\n")

    def span(self, node: nodes.NodeNG) -> tuple[int, int] | None:
        if None in (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset):
            return None
        try:
            return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)
        except ValueError:
            return None

    def position(self, offset: int) -> tuple[int, int]:
        """(1-based line, byte column) of a byte offset."""
        import bisect  # pylint: disable=import-outside-toplevel

        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index]


_SOURCES: weakref.WeakKeyDictionary[nodes.Module, SourceLines] = weakref.WeakKeyDictionary()


def source_lines(node: nodes.NodeNG) -> SourceLines | None:
    """The source of ``node``'s module as astroid parsed it (None when astroid has no text for it)."""
    module = node.root()
    cached = _SOURCES.get(module)
    if cached is None:
        data = getattr(module, "file_bytes", None)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(data, bytes) and module.file:
            # pylint parses files from disk and keeps no text: read what it read, as UTF-8 (the columns')
            data = module_text(module).encode("utf-8") or None
        if not isinstance(data, bytes):
            return None
        cached = _SOURCES[module] = SourceLines(data)
    return cached


def commented(function: nodes.FunctionDef) -> bool:
    """A comment on a decorator line of ``function``, between its decorators, or on the line right
    above them (a ``#`` anywhere there: a decorator the author explains is not ours to remove).
    True when the text is unknown."""
    lines = source_lines(function)
    if lines is None:
        return True
    decorators = function.decorators.nodes if function.decorators else []
    def_line = function.position.lineno if function.position is not None else function.fromlineno
    first = min([d.lineno for d in decorators] + [def_line])
    if lines.line(first - 1).lstrip().startswith(b"#"):
        return True
    return any(b"#" in lines.line(number) for number in range(first, def_line))


def segment(node: nodes.NodeNG) -> str | None:
    """The exact source text of ``node`` (comments and spacing inside it kept), or None."""
    lines = source_lines(node)
    span = lines.span(node) if lines is not None else None
    if span is None:
        return None
    return lines.data[span[0]:span[1]].decode("utf-8")


def _edit(lines: SourceLines, start: int, end: int, text: str) -> Edit:
    (line, col), (end_line, end_col) = lines.position(start), lines.position(end)
    return Edit(line, col, end_line, end_col, text)


def wrap(node: nodes.NodeNG, before: str, after: str) -> tuple[Edit, ...]:
    """Insert text around ``node``, leaving its own text (comments inside it) as it is."""
    return (Edit.insert_before(node, before), Edit.insert_after(node, after))


def remove_call_suffix(call: nodes.Call) -> tuple[Edit, ...]:
    """``<receiver>.method()`` -> ``<receiver>``: delete from the dot to the closing parenthesis.

    The receiver keeps its own text, parentheses included (``(a + b).numpy() * 2``), so precedence is
    kept. Nothing when a comment or anything but closing parentheses and spaces sits before the dot.
    """
    func = call.func
    lines = source_lines(call)
    if lines is None or not isinstance(func, nodes.Attribute) or call.args or call.keywords:
        return ()
    receiver, whole = lines.span(func.expr), lines.span(call)
    if receiver is None or whole is None:
        return ()
    between = lines.data[receiver[1]:whole[1]]
    match = re.match(rb"^([)\s]*)\.\s*" + re.escape(func.attrname.encode()) + rb"\s*\(\s*\)$", between)
    if match is None or b"\\" in match.group(1):
        return ()
    return (_edit(lines, receiver[1] + len(match.group(1)), whole[1], ""),)


def remove_decorator(decorator: nodes.NodeNG) -> tuple[Edit, ...]:
    """Delete a decorator line (``@tf.function``, ``@ tf.function``, ``@(tf.function)``).

    A comment after it on the same line stays, on a line of its own; nothing else on the line is
    touched. Nothing when the line holds anything else (``@a @b`` cannot be written; ``x = 1; @f``
    neither) or the decorator spans several lines with a comment inside.
    """
    lines = source_lines(decorator)
    span = lines.span(decorator) if lines is not None else None
    if span is None:
        return ()
    data = lines.data
    line_start = lines.starts[decorator.lineno - 1]
    head = re.match(rb"^([ \t\f]*)@([ \t\f(]*)$", data[line_start:span[0]])
    if head is None:
        return ()
    opened = head.group(2).count(b"(")
    tail = re.match(
        rb"^((?:[ \t\f]*\)){%d}[ \t\f]*)(#[^\r\n]*)?(\r\n|\r|\n|$)" % opened, data[span[1]:]
    )
    if tail is None or b"#" in data[span[0]:span[1]]:
        return ()
    at = line_start + len(head.group(1))
    if tail.group(2):  # keep the comment where the decorator was
        return (_edit(lines, at, span[1] + len(tail.group(1)), ""),)
    return (_edit(lines, line_start, span[1] + tail.end(), ""),)


# -- print(...) / tf.print(...) of formatted text -> tf.print's own arguments ------------------------
def _quoted(text: str, quote: str) -> str:
    shown = repr(text)
    if quote == '"' and shown.startswith("'") and '"' not in text:
        shown = '"' + shown[1:-1].replace("\\'", "'") + '"'
    return shown


def _quote_of(node: nodes.NodeNG) -> str:
    text = segment(node) or ""
    match = re.match(r"^[A-Za-z]*(['\"])", text)
    return match.group(1) if match else '"'


def _split_on_spaces(pieces: list, quote: str) -> list[str] | None:
    """tf.print(items..., sep=" ") text for the pieces, or None when the spacing cannot be kept."""
    items: list[str] = []
    last = len(pieces) - 1
    for index, piece in enumerate(pieces):
        if piece.text is None:
            if index > 0 and pieces[index - 1].text is None:
                return None  # f"{a}{b}": no space between the two values
            shown = segment(piece.value)
            if shown is None:
                return None
            items.append(shown)
            continue
        text = piece.text
        before, after = index > 0, index < last
        if before and after and text == " ":
            continue  # the one separator between two values
        if before:
            if not text.startswith(" "):
                return None
            text = text[1:]
        if after:
            if not text.endswith(" "):
                return None
            text = text[:-1]
        items.append(_quoted(text, quote))
    return items


def tf_print_rewrite(
    call: nodes.Call, prefix: str, is_print: bool
) -> tuple[tuple[Edit, ...], bool, tuple[str, ...]] | None:
    """The edits that turn ``print(...)`` (or a ``tf.print(...)`` of formatted text) into a
    ``tf.print`` that prints the same text with the values of tensors: (edits, safe, imports).

    - A formatted argument (``f"d {x}"``, ``"d %s" % x``, ``"d {}".format(x)``, ``str(x)``) becomes
      tf.print's own arguments (``"d", x``): the separating space is tf.print's ``sep``; a lone
      argument whose spacing cannot be kept gets ``sep=""``. A format spec or ``!r`` cannot be kept
      (``{loss:.3f}``): the value is passed as it is, and the fix is unsafe.
    - ``print`` wrote to standard output, ``tf.print`` writes to standard error: the rewrite keeps
      standard output (``output_stream=sys.stdout``), and ``file=sys.stderr`` becomes
      ``output_stream=sys.stderr``. Another ``file=``, or ``sep=`` with a formatted argument: no edit.
    - ``flush=`` is dropped (tf.print has none): unsafe.
    None when no edit can be made.
    """
    from pylint_hybridize.model import strings  # pylint: disable=import-outside-toplevel

    edits: list[Edit] = []
    safe = True
    imports: tuple[str, ...] = ()
    keywords = {keyword.arg: keyword for keyword in call.keywords or ()}
    if None in keywords:
        return None  # **kwargs
    rewritten = []
    for argument in call.args:
        found = strings.formatted(argument)
        if found is not None:
            rewritten.append((argument, found))
    if rewritten and "sep" in keywords:
        return None
    for argument, found in rewritten:
        pieces = list(found.pieces)
        quote = _quote_of(argument)
        items = _split_on_spaces(pieces, quote)
        extra = ""
        if items is None:
            if len(call.args) != 1:
                return None
            items = [segment(p.value) if p.text is None else _quoted(p.text, quote) for p in pieces]
            if None in items:
                return None
            extra = 'sep=""' if quote == '"' else "sep=''"
        safe = safe and all(p.exact for p in found.values)
        edits.append(Edit.replace_node(argument, ", ".join(items)))
        if extra:
            edits.append(Edit.insert_after(argument, f", {extra}"))
    if is_print:
        edits.insert(0, Edit.replace_node(call.func, f"{prefix}.print"))
        stream = keywords.get("file")
        if stream is not None:
            spelled = isinstance(stream.value, (nodes.Name, nodes.Attribute))
            target = names.qualified_name(stream.value) if spelled else None
            if target not in ("sys.stdout", "sys.stderr"):
                return None
            edits.append(Edit(stream.lineno, stream.col_offset, stream.lineno, stream.col_offset + len("file"),
                              "output_stream"))
        else:
            sys_name = _module_alias(call.root(), "sys")
            if sys_name is None:
                sys_name, imports = "sys", ("import sys",)
            given = [*call.args, *(call.keywords or ())]
            if given:
                edits.append(Edit.insert_after(max(given, key=lambda n: (n.end_lineno, n.end_col_offset)),
                                               f", output_stream={sys_name}.stdout"))
            elif call.end_lineno is not None:
                edits.append(Edit(call.end_lineno, call.end_col_offset - 1, call.end_lineno, call.end_col_offset - 1,
                                  f"output_stream={sys_name}.stdout"))
        flush = keywords.get("flush")
        if flush is not None:
            given = [*call.args, *(call.keywords or ())]
            position = given.index(flush)
            if position == 0:
                return None
            previous = given[position - 1]
            edits.append(Edit(previous.end_lineno, previous.end_col_offset, flush.end_lineno, flush.end_col_offset, ""))
            safe = False
    if not edits or any(e.line is None or e.end_line is None for e in edits):
        return None
    return tuple(edits), safe, imports


def _module_alias(module: nodes.Module, target: str) -> str | None:
    """The module-level name bound to ``import <target>`` (``sys``), if any."""
    return _module_aliases(module).get(target)


_ALIASES: dict[int, tuple[nodes.Module, int, dict[str, str]]] = {}


def _module_aliases(module: nodes.Module) -> dict[str, str]:
    """{imported module: the first module-level name ``import`` binds it to}, one scan per module
    (a module with a finding on every line asks once per finding)."""
    cached = _ALIASES.get(id(module))
    if cached is not None and cached[0] is module and cached[1] == len(module.locals):
        return cached[2]
    aliases: dict[str, str] = {}
    for local, assignments in module.locals.items():
        for assignment in assignments:
            if isinstance(assignment, nodes.Import):
                for real, alias in assignment.names:
                    if (alias or real) == local:
                        aliases.setdefault(real, local)
    if len(_ALIASES) > 64:
        _ALIASES.clear()
    _ALIASES[id(module)] = (module, len(module.locals), aliases)
    return aliases


def add_decorator(function: nodes.FunctionDef, text: str) -> tuple[Edit, ...]:
    """Insert ``text`` (``@tf.function``) as the first decorator line, indented like the function
    (tabs stay tabs). ``\\n`` in edits is written with the file's own line ending by the applier."""
    lines = source_lines(function)
    first = function.decorators.nodes[0] if function.decorators else None
    line = first.lineno if first is not None else function.lineno
    if lines is None or line is None:
        return ()
    line_text = lines.line(line)
    indent = line_text[: len(line_text) - len(line_text.lstrip(b" \t\f"))]
    if not line_text[len(indent):].startswith((b"@", b"def", b"async")):
        return ()
    return (Edit(line, 0, line, 0, f"{indent.decode()}{text}\n"),)
