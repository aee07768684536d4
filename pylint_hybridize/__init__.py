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
    from pylint_hybridize.engine import fewer_full_collections  # pylint: disable=import-outside-toplevel

    register_all(linter)
    fewer_full_collections()


# astroid refuses to build these packages and all their submodules when isolation is on
# (AstroidImportError, so inference yields Uninferable, as if they were not installed).
ISOLATED_ROOTS = frozenset(
    {
        "tensorflow", "keras", "tf_keras",
        # installed with tensorflow-cpu, and inferred by astroid for classes such as absltest.TestCase
        "absl", "tensorboard", "ml_dtypes", "h5py", "optree", "opt_einsum", "google", "flatbuffers",
        # also installed with tensorflow-cpu; our rules read numpy names through imports only, so
        # loading numpy's sources (astroid does for `np.ndarray` bases, ...) is cost without use
        "numpy",
        # tensorflow-cpu requires six; astroid's six brain builds six.moves for tf-agents' six.add_metaclass
        "six",
    }
)


class _IsolatingDenylist(set):
    """astroid's ``module_denylist`` matches exact names; this one also denies submodules."""

    def __contains__(self, modname: object) -> bool:
        if isinstance(modname, str) and modname.split(".", 1)[0] in ISOLATED_ROOTS:
            return True
        return set.__contains__(self, modname)


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


def isolate_tensorflow() -> None:
    """Make astroid treat TensorFlow and Keras as not installed, for this process."""
    import astroid  # pylint: disable=import-outside-toplevel
    from astroid.manager import AstroidManager  # pylint: disable=import-outside-toplevel

    current = AstroidManager.brain["module_denylist"]
    if isinstance(current, _IsolatingDenylist):
        return
    denylist = _IsolatingDenylist(current)
    AstroidManager.brain["module_denylist"] = denylist
    astroid.MANAGER.module_denylist = denylist
