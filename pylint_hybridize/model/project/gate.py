"""Which modules are worth a model, per project: a module that imports TF/Keras (or a configured
wrapper's package), and a module that imports a project module that does (a driver: ``from model
import step`` and ``step(x, i)`` in a Python loop, with no TensorFlow import of its own).

Decided from import statements and the imported files' text, never from an astroid parse of them,
so that the same answer can be given from ``ast`` before astroid is asked to build anything
(``worth_building``, the flake8 front-end's pre-pass) and from astroid (``imports_traced_module``,
the model's gate ``hybrids.functions.is_analysed``). A project module "may define hybrids or
traced contexts" when its import lines name TF/Keras or a wrapper's package: a superset (the model
still proves every finding), read once per file and version (its mtime and size).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from astroid import nodes

from pylint_hybridize.import_lines import ImportSpec
from pylint_hybridize.project_layout import module_basename

from pylint_hybridize.model.catalogue.spellings import TRIGGER_ROOTS
from pylint_hybridize.model.project.files import import_targets, importer_folders, package_root, real_path
from pylint_hybridize.model.project.index import package_index
from pylint_hybridize.model.project.texts import file_imports


def trigger_roots(extra_wrappers: Iterable[str]) -> frozenset[str]:
    return TRIGGER_ROOTS | {wrapper.split(".", 1)[0] for wrapper in extra_wrappers}


def imported_roots(path: str) -> frozenset[str]:
    """The top-level packages the import lines of the file ``path`` name (``texts.file_imports``: one
    reader, kept per file version, shared with the package index)."""
    return file_imports(path).roots


def imports_traced_module(path: str | None, imports: Iterable[ImportSpec], extra_wrappers: Iterable[str]) -> bool:
    """Whether one of ``imports`` (of the file ``path``) loads a project module whose import lines
    name TF/Keras or a configured wrapper's package."""
    if not path or path.startswith("<") or not path.endswith(".py"):
        return False
    wanted = trigger_roots(extra_wrappers)
    for spec in imports:
        for candidate in import_targets(path, spec):
            if imported_roots(candidate) & wanted:
                return True
    return False


def ast_imports(tree: ast.Module) -> list[ImportSpec]:
    """Every import statement of ``tree`` (nested ones too) as ``ImportSpec``, in no particular order.

    An import is a statement, so only statement lists are followed (bodies, ``else``, ``finally``,
    handlers, ``match`` cases), never expressions: a quarter of ``ast.walk``'s work (the flake8
    pre-pass runs this on every file)."""
    found: list[ImportSpec] = []
    pending: list[list[ast.stmt]] = [tree.body]
    while pending:
        for node in pending.pop():
            if isinstance(node, ast.ImportFrom):
                found.append((node.module or "", node.level or 0, tuple(alias.name for alias in node.names)))
            elif isinstance(node, ast.Import):
                found.extend((alias.name, 0, None) for alias in node.names)
            else:
                for field in _STATEMENT_LISTS:
                    block = getattr(node, field, None)
                    if block:
                        pending.append(block)
                for part in getattr(node, "handlers", None) or getattr(node, "cases", None) or ():
                    pending.append(part.body)
    return found


_STATEMENT_LISTS = ("body", "orelse", "finalbody")
"""The fields of a statement that hold statements (``handlers`` and ``cases`` hold them one level down)."""


def worth_building(tree: ast.Module, path: str | None, extra_wrappers: Iterable[str], cross_module: bool = True) -> bool:
    """The pre-pass (before astroid): False only for a module the model would not analyse and that
    no module with hybrids reaches: no import of TF/Keras or a wrapper's package, no import of a
    project module that has one, no class deriving from something it imports from its project (maybe
    a Keras model), and no module of its package that may define hybrids imports it. Such a module
    has no finding; anything unsure answers True."""
    imports = ast_imports(tree)
    wanted = trigger_roots(extra_wrappers)
    if any((modname or "").split(".", 1)[0] in wanted for modname, level, _names in imports if not level):
        return True
    if not path or path.startswith("<") or not path.endswith(".py"):
        return False
    if cross_module and _imported_by_hybrid_module(path, tuple(extra_wrappers)):
        return True
    project_imports = [spec for spec in imports if spec[1] or _same_package(path, spec[0]) or import_targets(path, spec)]
    if not project_imports:
        return False
    if any(isinstance(node, ast.ClassDef) and node.bases for node in ast.walk(tree)):
        return True
    return cross_module and imports_traced_module(path, project_imports, extra_wrappers)


def _same_package(path: str, modname: str) -> bool:
    root = package_root(path)
    return root is not None and (modname or "").split(".", 1)[0] == root.name


def astroid_imports(imports: Iterable[nodes.Import | nodes.ImportFrom]) -> list[ImportSpec]:
    """``imports`` (astroid's import statements) as ``ImportSpec``."""
    found: list[ImportSpec] = []
    for node in imports:
        if isinstance(node, nodes.ImportFrom):
            found.append((node.modname or "", node.level or 0, tuple(name for name, _alias in node.names)))
        else:
            found.extend((name, 0, None) for name, _alias in node.names)
    return found


def _imported_by_hybrid_module(path: str, extra_wrappers: tuple[str, ...]) -> bool:
    """A module that may define hybrids imports it, looked for where ``index.importing_modules`` looks."""
    basename = module_basename(path)
    own = real_path(path)
    return any(
        importer != own
        for folder, script in importer_folders(path)
        for importer in package_index(folder, extra_wrappers, flat=script).importers_of(basename)
    )
