"""Python side effects in traced code: they run once per trace, not once per call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages

from pylint_hybridize import fixes
from pylint_hybridize.checkers.base import HybridizeChecker, confidence_for, guarded
from pylint_hybridize.model import names

if TYPE_CHECKING:
    from pylint.lint import PyLinter


class SideEffectsChecker(HybridizeChecker):
    name = "hybridize-side-effects"
    msgs = {
        "W9101": (
            "print() runs only while %s, not on every call; fix: %s",
            "print-at-trace-time",
            "Python's print() inside a tf.function (or a function it calls) runs "
            "while TensorFlow traces the function, not when the graph runs: it "
            "prints once per trace instead of once per call. tf.print() is a graph "
            "op and prints on every call.",
        ),
    }

    @only_required_for_messages("print-at-trace-time")
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        if names.builtin_name(node.func) != "print":
            return
        trace = self.trace_info(node)
        if trace is None:
            return
        prefix, needs_import = fixes.tf_prefix(node)
        replacement = f"{prefix}.print"
        fix = fixes.Fix(
            description=f"use {replacement}(...)",
            edits=(fixes.Edit.replace_node(node.func, replacement),),
            safe=_print_fix_is_safe(node),
            needs_tf_import=needs_import,
        )
        self.report(
            "print-at-trace-time",
            node,
            args=(trace.describe(), fix.description),
            confidence=confidence_for(trace),
            fix=fix,
        )


def _print_fix_is_safe(call: nodes.Call) -> bool:
    """tf.print accepts print's arguments except ``flush=``; ``file=`` must be a stream it knows."""
    for keyword in call.keywords or ():
        if keyword.arg in ("flush", "file"):
            return False
    return True


def register(linter: PyLinter) -> None:
    linter.register_checker(SideEffectsChecker(linter))
