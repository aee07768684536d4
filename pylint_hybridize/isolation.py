"""Keep astroid out of TensorFlow and Keras: linting never needs their sources, and astroid's own
inference into them is slow. Cheap to import (astroid is imported when isolation is switched on);
the engine, pylint's plugin hooks (``load_configuration``) and the command line switch it on.
"""

from __future__ import annotations

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
