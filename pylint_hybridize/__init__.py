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


# astroid refuses to build these (AstroidImportError -> uninferable) when isolation is on.
ISOLATED_MODULES = (
    "tensorflow",
    "tensorflow.compat",
    "tensorflow.compat.v1",
    "tensorflow.compat.v2",
    "tensorflow.keras",
    "tensorflow.python",
    "keras",
    "tf_keras",
)


def load_configuration(linter: PyLinter) -> None:
    """pylint calls this after reading the configuration (plugin hook)."""
    if getattr(linter.config, "hybridize_isolate_tensorflow", False):
        isolate_tensorflow()


def isolate_tensorflow() -> None:
    """Make astroid treat TensorFlow and Keras as not installed, for this process."""
    import astroid  # pylint: disable=import-outside-toplevel

    astroid.MANAGER.module_denylist.update(ISOLATED_MODULES)
