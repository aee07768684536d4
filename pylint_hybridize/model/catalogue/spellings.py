"""How API names are spelled: the spellings of one TF / Keras API that compare equal, the libraries
whose code is never followed, and the imports that make a module worth analysing.

``syntax.names.canonical`` reads the first two; ``syntax.modules.mentions_tensorflow`` the last.
"""

from __future__ import annotations

from pylint_hybridize.model.catalogue.entry_points import LIBRARY_HOOKS

# Prefixes rewritten so that every spelling of one API compares equal.
# Longest prefix first: the first match wins.
CANONICAL_PREFIXES: tuple[tuple[str, str], ...] = (
    ("tensorflow.python.eager.polymorphic_function.polymorphic_function.function", "tensorflow.function"),
    ("tensorflow.python.eager.def_function.function", "tensorflow.function"),
    ("tensorflow.python.ops.variables.Variable", "tensorflow.Variable"),
    ("tensorflow.python.keras.", "keras."),
    ("tensorflow.compat.v2.keras.", "keras."),
    ("tensorflow.compat.v1.keras.", "keras."),
    ("tensorflow.keras.", "keras."),
    ("tensorflow.compat.v2.", "tensorflow."),
    ("tensorflow.compat.v1.", "tensorflow."),
    ("tf_keras.", "keras."),
    ("keras.src.", "keras."),
)
CANONICAL_EXACT = {
    "tensorflow.keras": "keras",
    "tensorflow.compat.v2": "tensorflow",
    "tensorflow.compat.v1": "tensorflow",
    "tensorflow.compat.v2.keras": "keras",
    "tensorflow.python.keras": "keras",
    "tf_keras": "keras",
}

# Top-level packages that are never "project code": we do not infer or
# follow calls into them (they are either huge, or C extensions, or both).
EXTERNAL_ROOTS = frozenset(
    {
        "tensorflow",
        "keras",
        "tf_keras",
        "numpy",
        "jax",
        "torch",
        "scipy",
        "pandas",
        "absl",
        "tensorflow_probability",
        "tensorflow_datasets",
        "tensorflow_addons",
        "tensorflow_hub",
        "tensorflow_text",
        "tensorflow_gnn",
        "tf_agents",
        "sonnet",
    }
)

TRIGGER_ROOTS = frozenset({"tensorflow", "keras", "tf_keras"}) | frozenset(
    base.split(".", 1)[0] for base in LIBRARY_HOOKS
)
"""Packages whose import (at module level) makes a module worth analysing at all (also the libraries whose
base classes trace a subclass's hook: ``orbit``, ``tf_agents``)."""
