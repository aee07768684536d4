"""Suggested fixes: what a message proposes, as text and as concrete edits.

Every message renders its fix into the message text. Fixes that are concrete
edits also carry ``Edit`` objects (1-based lines, 0-based columns, as astroid
reports them) so that ``pylint-hybridize fix`` can apply them. ``safe`` fixes
keep behaviour apart from the bug they fix (``print`` -> ``tf.print``, an
argument rename) and are applied by default; the others need
``--unsafe-fixes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from astroid import nodes

from pylint_hybridize.model import names


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
