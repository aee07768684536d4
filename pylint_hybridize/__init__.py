"""pylint-hybridize: find TensorFlow hybridization anti-patterns with pylint or flake8.

Importing this package is cheap and never imports TensorFlow (nor astroid):
the checkers are loaded when pylint calls ``register``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pylint_hybridize.isolation import isolate_tensorflow

if TYPE_CHECKING:
    from pylint.lint import PyLinter

__version__ = "0.1.0"


def register(linter: PyLinter) -> None:
    """pylint's plugin entry point (``--load-plugins=pylint_hybridize``)."""
    from pylint_hybridize.checkers import register_all  # pylint: disable=import-outside-toplevel
    from pylint_hybridize.engine import fewer_full_collections  # pylint: disable=import-outside-toplevel

    from pylint_hybridize.model import forget_what_changed  # pylint: disable=import-outside-toplevel
    from pylint_hybridize.cache import serve_pylint  # pylint: disable=import-outside-toplevel

    register_all(linter)
    serve_pylint(linter)  # the result cache (.pylint_hybridize_cache/): a module served from it gets no model
    fewer_full_collections()
    forget_what_changed()  # pylint run again in one process: a sibling may have changed since


def load_configuration(linter: PyLinter) -> None:
    """pylint calls this after reading the configuration (plugin hook)."""
    mode = getattr(linter.config, "hybridize_isolate_tensorflow", "auto")
    if mode == "yes" or (mode == "auto" and only_hybridize_messages_enabled(linter)):
        isolate_tensorflow()


def only_hybridize_messages_enabled(linter: PyLinter) -> bool:
    """True for plugin-only runs (``--disable=all --enable=<ours>``, ``pylint-hybridize``)."""
    ours = False
    for definition in linter.msgs_store.messages:
        if not linter.is_message_enabled(definition.msgid):
            continue
        if definition.checker_name.startswith("hybridize"):
            ours = True
        elif definition.checker_name != "main" and definition.msgid[0] not in "IF":
            # pylint's own "main" messages (syntax-error, option problems) need no inference
            return False
    return ours
