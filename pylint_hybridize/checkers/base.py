"""What every hybridize checker shares: the options, the model, reporting, and crash safety."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from astroid import nodes
from pylint.checkers import BaseChecker
from pylint.interfaces import HIGH, INFERENCE, INFERENCE_FAILURE, Confidence

from pylint_hybridize import fixes
from pylint_hybridize.model import (
    Answer,
    Basis,
    Settings,
    TraceInfo,
    TraceModel,
)
from pylint_hybridize.options import pylint_options
from pylint_hybridize.rules import code_of_msgid
from pylint_hybridize.suppressions import silenced_by_noqa

if TYPE_CHECKING:
    from pylint.lint import PyLinter

DEBUG_ENV = "PYLINT_HYBRIDIZE_DEBUG"
"""Set to 1 to let analysis errors propagate (the test suite does); by default they are swallowed."""

Visit = TypeVar("Visit", bound=Callable[..., None])


class _Served:
    """Whether the module pylint is walking has its findings from the result cache
    (``pylint_hybridize.cache``, pylint's plugin route): then no checker looks at it (no model)."""

    active = False


FINDINGS_REPLAYED = _Served()


def guarded(method: Visit) -> Visit:
    """Never let a bug in our analysis crash the user's whole pylint run.

    pylint turns an exception in a visit method into a fatal error for the
    file; an unknown shape of code must instead make us give up on that node.
    """

    @functools.wraps(method)
    def wrapper(self: Any, node: nodes.NodeNG) -> None:
        if FINDINGS_REPLAYED.active:
            return  # pylint's plugin route: this module's findings come from the result cache
        try:
            method(self, node)
        except Exception:  # pylint: disable=broad-except  # RecursionError included
            if os.environ.get(DEBUG_ENV):
                raise

    # keep pylint's only_required_for_messages marker
    if hasattr(method, "checks_msgs"):
        wrapper.checks_msgs = method.checks_msgs  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def source_text(node: nodes.NodeNG) -> str:
    """A node's text as astroid writes it, for messages (``...`` when it cannot)."""
    try:
        return node.as_string()
    except Exception:  # pylint: disable=broad-except
        return "..."


def confidence_for(trace: TraceInfo) -> Confidence:
    """HIGH inside the hybrid itself (resolved through imports); INFERENCE through a call path."""
    return HIGH if trace.is_hybrid_itself else INFERENCE


def kind_confidence(trace: TraceInfo | None, answer: Answer) -> Confidence:
    """How sure a finding resting on ``answer`` is: the code (as ``confidence_for``), a call site
    (INFERENCE), or an assumption (INFERENCE_FAILURE; the message names the assumption)."""
    if answer.basis is Basis.ASSUMED:
        return INFERENCE_FAILURE
    if answer.basis is Basis.CALL_SITE or trace is None:
        return INFERENCE
    return confidence_for(trace)


def describe(trace: TraceInfo, answer: Answer | None = None) -> str:
    """``trace.describe()``, plus where a value's kind came from when it is not the code itself."""
    text = trace.describe()
    if answer is not None and answer.assumption and answer.basis in (Basis.ASSUMED, Basis.CALL_SITE):
        text = f"{text} ({answer.assumption})"
    return text


class HybridizeOptions(BaseChecker):
    """Holds the plugin's options; has no messages of its own."""

    name = "hybridize"
    msgs: dict[str, Any] = {}
    options = pylint_options()  # declared once for pylint, flake8 and the CLI (pylint_hybridize.options)


def settings_from_linter(linter: PyLinter) -> Settings:
    config = getattr(linter, "config", None)
    extra = tuple(getattr(config, "hybridize_extra_decorators", ()) or ())
    keras = str(getattr(config, "hybridize_keras", "auto") or "auto")
    return Settings(extra_wrappers=extra, keras=keras if keras in ("auto", "3", "2") else "auto")


class HybridizeChecker(BaseChecker):
    """Base class: one subclass per anti-pattern family."""

    def open(self) -> None:
        self._settings = settings_from_linter(self.linter)
        self._reported_root = None  # the run starts afresh (astroid may hand back a cached module)

    def model(self, node: nodes.NodeNG) -> TraceModel:
        settings = getattr(self, "_settings", None) or settings_from_linter(self.linter)
        return TraceModel.for_module(node.root(), settings)

    def trace_info(self, node: nodes.NodeNG) -> TraceInfo | None:
        return self.model(node).trace_info(node)

    def report(
        self,
        symbol: str,
        node: nodes.NodeNG,
        args: tuple[Any, ...] | None = None,
        confidence: Confidence = HIGH,
        fix: fixes.Fix | None = None,
    ) -> None:
        # one message per node and symbol: a def wrapped by several tf.function(...) calls, or a
        # helper reached both locally and from another module, must not be reported twice
        root = node.root()
        if getattr(self, "_reported_root", None) is not root:
            self._reported_root, self._reported = root, set()
        key = (symbol, node)
        if key in self._reported:
            return
        self._reported.add(key)
        msgid = next(msgid for msgid, definition in self.msgs.items() if definition[1] == symbol)
        if silenced_by_noqa(node, code_of_msgid(msgid)):
            # `# noqa` silences it on every path, as `# pylint: disable` does (pylint_hybridize.suppressions)
            silenced = getattr(self.linter, "silenced", None)
            if silenced is not None:
                silenced(node)
            return
        self.add_message(symbol, node=node, args=args, confidence=confidence)
        # the finding carries its fix: a linter that collects findings (engine.py) takes it with the
        # message just added; pylint's own linter has no use for it (the text names the fix already)
        attach = getattr(self.linter, "attach_fix", None)
        if attach is not None and fix is not None and fix.applicable:
            attach(fix)
