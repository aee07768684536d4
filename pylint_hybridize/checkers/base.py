"""What every hybridize checker shares: the options, the model, reporting, and crash safety."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from astroid import nodes
from pylint.checkers import BaseChecker
from pylint.interfaces import HIGH, INFERENCE, Confidence

from pylint_hybridize import fixes
from pylint_hybridize.model import Settings, TraceInfo, TraceModel

if TYPE_CHECKING:
    from pylint.lint import PyLinter

DEBUG_ENV = "PYLINT_HYBRIDIZE_DEBUG"
"""Set to 1 to let analysis errors propagate (the test suite does); by default they are swallowed."""

Visit = TypeVar("Visit", bound=Callable[..., None])


def guarded(method: Visit) -> Visit:
    """Never let a bug in our analysis crash the user's whole pylint run.

    pylint turns an exception in a visit method into a fatal error for the
    file; an unknown shape of code must instead make us give up on that node.
    """

    @functools.wraps(method)
    def wrapper(self: Any, node: nodes.NodeNG) -> None:
        try:
            method(self, node)
        except Exception:  # pylint: disable=broad-except  # RecursionError included
            if os.environ.get(DEBUG_ENV):
                raise

    # keep pylint's only_required_for_messages marker
    if hasattr(method, "checks_msgs"):
        wrapper.checks_msgs = method.checks_msgs  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def confidence_for(trace: TraceInfo) -> Confidence:
    """HIGH inside the hybrid itself (resolved through imports); INFERENCE through a call path."""
    return HIGH if trace.is_hybrid_itself else INFERENCE


class HybridizeOptions(BaseChecker):
    """Holds the plugin's options; has no messages of its own."""

    name = "hybridize"
    msgs: dict[str, Any] = {}
    options = (
        (
            "hybridize-extra-decorators",
            {
                "default": ("tf_agents.utils.common.function",),
                "type": "csv",
                "metavar": "<qualified names>",
                "help": (
                    "Qualified names of functions that wrap tf.function and make the "
                    "decorated function a graph too (resolved through the module's imports)."
                ),
            },
        ),
        (
            "hybridize-isolate-tensorflow",
            {
                "default": "auto",
                "type": "choice",
                "choices": ("auto", "yes", "no"),
                "metavar": "<auto, yes or no>",
                "help": (
                    "Keep astroid from loading the installed tensorflow/keras/tf_keras packages and "
                    "what comes with them (numpy, absl, tensorboard, ...): pylint's other checks then see "
                    "those names as uninferable, as if TF were not installed. Our checks never need TF's sources, but astroid's own parse-time "
                    "inference (classes deriving from tf.Module or a Keras Layer) parses them, which "
                    "is slow. 'auto': isolate when only this plugin's messages are enabled."
                ),
            },
        ),
    )


def settings_from_linter(linter: PyLinter) -> Settings:
    config = getattr(linter, "config", None)
    extra = tuple(getattr(config, "hybridize_extra_decorators", ()) or ())
    return Settings(extra_wrappers=extra)


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
        self.add_message(symbol, node=node, args=args, confidence=confidence)
        if fix is not None and fix.applicable:
            fixes.record(node, symbol, fix)
