"""The files of the package being linted: where its root is, how it is put on ``sys.path``, its
modules as astroid parsed them (and whether a parse is still fresh), and how a node of one parse is
found again in another parse of the same file.

Cheap by construction: astroid parses a sibling module only when a question needs it (pylint parses
it anyway when it lints the package, and astroid caches it), and never a library.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import astroid
from astroid import nodes

from pylint_hybridize.files import PROJECT_ROOT_MARKERS
from pylint_hybridize.import_lines import ImportSpec
from pylint_hybridize.project_layout import ProjectLayout


# -- where a project's root is: the named subsets of the one table of root markers (foundation files.py) --
def _markers(role: str) -> tuple[str, ...]:
    return tuple(marker for marker, roles in PROJECT_ROOT_MARKERS.items() if role in roles)


PACKAGING_ROOT_MARKERS = _markers("packaging")
"""Where a project's packaging metadata lives: its ``project_root``, where the search for its Keras choice stops."""
TEST_ROOT_MARKERS = _markers("tests")
"""Where pytest may put its rootdir: the search for a trace record stops there (``execution.traces``)."""


# abspath -> st_mtime_ns of the file when we parsed it into astroid's cache
_PARSED_AT: dict[str, int] = {}


def modified_at(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def parse_time(path: str) -> int | None:
    """The st_mtime_ns of ``path`` when we parsed it into astroid's cache (``record_parse``), or None."""
    return _PARSED_AT.get(os.path.abspath(path))


def record_parse(path: str) -> None:
    _PARSED_AT[os.path.abspath(path)] = modified_at(path) or 0


def fresh_cached_module(path: str, modname: str, source: str | None = None) -> nodes.Module | None:
    """astroid's cached module for ``path`` if we parsed it and the file has not changed since."""
    if not modname or not path or path.startswith("<"):
        return None
    absolute = os.path.abspath(path)
    cached = astroid.MANAGER.astroid_cache.get(modname)
    if cached is None or not cached.file or os.path.abspath(cached.file) != absolute:
        return None
    if _PARSED_AT.get(absolute) != modified_at(absolute):
        return None
    if source is not None:
        try:
            with open(absolute, encoding="utf-8") as handle:
                if handle.read() != source:
                    return None
        except (OSError, UnicodeDecodeError):
            return None
    return cached


# The model's answers to where a file sits (foundation ``project_layout``, asked by the result cache
# too), kept until ``forget_paths``.
_LAYOUT = ProjectLayout()


def package_root(path: str) -> Path | None:
    """The top-level package folder holding ``path``, or None outside a package."""
    return _LAYOUT.package_root(path)


def project_root(path: str) -> Path:
    """The project ``path`` belongs to: the first folder up holding a packaging marker, else the folder
    above its top-level package or its own folder (``ProjectLayout.project_root``, the result cache's too)."""
    return _LAYOUT.project_root(path, PACKAGING_ROOT_MARKERS)


def real_path(path: str) -> str:
    """``os.path.realpath(path)``, kept until ``forget_paths`` (asked for every call across modules)."""
    return _LAYOUT.real_path(path)


def importer_folders(path: str) -> list[tuple[Path, bool]]:
    """Where the importers of ``path``'s module are looked for (``ProjectLayout.importer_folders``):
    ``index.importing_modules`` and the pre-pass (``gate``) both ask it, so they look in the same places."""
    return _LAYOUT.importer_folders(path)


def import_targets(path: str, spec: ImportSpec) -> list[str]:
    """The project files the import ``spec`` of the file ``path`` may load (``ProjectLayout.import_targets``)."""
    return _LAYOUT.import_targets(path, spec)


def forget_paths() -> None:
    """Drop the kept package roots and real paths (a long-lived caller saw files change)."""
    _LAYOUT.forget()


@contextlib.contextmanager
def package_on_sys_path(path: str | None) -> Iterator[None]:
    """Make the folder above ``path``'s top-level package importable meanwhile, as pylint does.

    astroid resolves even relative imports as absolute module names through
    ``sys.path``; without this, ``from .helpers import f`` resolves under
    pylint but not under flake8 or in a library call.
    """
    root = package_root(path) if path and path.endswith(".py") else None
    entry = str(root.parent) if root is not None else None
    if entry is None or entry in sys.path:
        yield
        return
    sys.path.insert(0, entry)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(entry)


def module_name_in_package(path: str, root: Path) -> str:
    relative = Path(path).resolve().relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def claim_cache(module: nodes.Module) -> None:
    """Make astroid resolve imports of ``module``'s name to ``module`` itself when its cache holds a
    module of that name from another place (a copy of the package elsewhere, checked earlier)."""
    name = module.name
    cached = astroid.MANAGER.astroid_cache.get(name) if name else None
    if cached is None or cached is module or not cached.file or not module.file:
        return
    if os.path.realpath(cached.file) != os.path.realpath(module.file):
        astroid.MANAGER.astroid_cache[name] = module


def parsed(path: str, root: Path, script: bool = False) -> nodes.Module | None:
    """The module at ``path`` of the package at ``root`` (``script``: a file of the script folder
    ``root``, named by its stem), from astroid's cache when fresh."""
    name = Path(path).stem if script else module_name_in_package(path, root)
    module = fresh_cached_module(path, name)
    if module is None:
        try:
            module = astroid.MANAGER.ast_from_file(path, name, source=True)
        except Exception:  # pylint: disable=broad-except  # unparsable sibling: ignore it
            return None
        if astroid.MANAGER.astroid_cache.get(name) is module:
            record_parse(path)
    return module


def same_function_here(function: nodes.NodeNG, module: nodes.Module, own_path: str):
    """``function`` if it belongs to ``module`` (same object, or same def in another parse of the file)."""
    root = function.root()
    if root is module:
        return function
    if not root.file or real_path(root.file) != own_path:
        return None
    name = getattr(function, "name", None)
    for candidate in module.nodes_of_class(nodes.FunctionDef):
        if candidate.name == name and candidate.lineno == function.lineno:
            return candidate
    return None


def same_node_here(node: nodes.NodeNG, module: nodes.Module) -> nodes.NodeNG | None:
    """``node`` if it belongs to ``module``, or the node of the same type at the same position in
    ``module`` when ``node`` comes from another parse of the same file; None otherwise."""
    root = node.root()
    if root is module:
        return node
    if not root.file or not module.file or real_path(root.file) != real_path(module.file):
        return None
    for candidate in module.nodes_of_class(type(node)):
        if candidate.lineno == node.lineno and candidate.col_offset == node.col_offset:
            return candidate
    return None
