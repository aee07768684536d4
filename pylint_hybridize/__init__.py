"""pylint-hybridize: find TensorFlow hybridization anti-patterns with pylint or flake8.

Importing this package is cheap and never imports TensorFlow (nor astroid):
the checkers are loaded when pylint calls ``register``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pylint.lint import PyLinter

__version__ = "0.1.0"


def register(linter: PyLinter) -> None:
    """pylint's plugin entry point (``--load-plugins=pylint_hybridize``)."""
    from pylint_hybridize.checkers import register_all  # pylint: disable=import-outside-toplevel

    register_all(linter)
