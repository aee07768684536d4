"""One checker module per anti-pattern family; each has a ``register(linter)`` and declares its
rules (``RULES``, see ``pylint_hybridize.rules``) at its top.

Modules are discovered, so adding a family is adding a file (``pylint_hybridize.registry`` reads
their rules).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from pylint.lint import PyLinter


def family_modules() -> list[str]:
    """Names of the checker modules, in a stable order."""
    return sorted(
        f"{__name__}.{info.name}"
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_") and info.name != "base"
    )


def register_all(linter: PyLinter) -> None:
    from pylint_hybridize.checkers.base import HybridizeOptions  # pylint: disable=import-outside-toplevel

    linter.register_checker(HybridizeOptions(linter))
    for module_name in family_modules():
        module = importlib.import_module(module_name)
        module.register(linter)
