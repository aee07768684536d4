"""Traced code across modules: helpers in this module called by hybrids in others.

pylint checks one module at a time, but a helper in ``pkg/losses.py`` runs at
trace time when ``pkg/train.py``'s hybrid calls it. To report the helper where
it is, we look for the modules of the same top-level package that (a) may
define hybrids and (b) import this module by name, build their *local* models
(which follow imports forward, into this module), and keep what they found
traced here.

Cheap by construction: one text scan per package per run (imports only,
through a regex), astroid parses only candidate modules (pylint parses them
anyway when it lints the package, and astroid caches them), and modules
outside a package are never scanned.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import astroid
from astroid import nodes

MAX_PACKAGE_FILES = 5000

_IMPORT_LINE = re.compile(
    r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)|import[ \t]+([^\n#]+))",
    re.MULTILINE,
)
_WORD = re.compile(r"\w+")


@dataclass
class PackageIndex:
    """For one top-level package: which files may define hybrids, and what they import."""

    root: Path
    imports_by_file: dict[str, frozenset[str]] = field(default_factory=dict)

    def importers_of(self, basename: str) -> list[str]:
        return [path for path, words in self.imports_by_file.items() if basename in words]


_PACKAGE_INDEXES: dict[tuple[str, tuple[str, ...]], PackageIndex] = {}
# abspath -> st_mtime_ns of the file when we parsed it into astroid's cache
_PARSED_AT: dict[str, int] = {}


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def record_parse(path: str) -> None:
    _PARSED_AT[os.path.abspath(path)] = _mtime(path) or 0


def fresh_cached_module(path: str, modname: str, source: str | None = None) -> nodes.Module | None:
    """astroid's cached module for ``path`` if we parsed it and the file has not changed since."""
    if not modname or not path or path.startswith("<"):
        return None
    absolute = os.path.abspath(path)
    cached = astroid.MANAGER.astroid_cache.get(modname)
    if cached is None or not cached.file or os.path.abspath(cached.file) != absolute:
        return None
    if _PARSED_AT.get(absolute) != _mtime(absolute):
        return None
    if source is not None:
        try:
            with open(absolute, encoding="utf-8") as handle:
                if handle.read() != source:
                    return None
        except (OSError, UnicodeDecodeError):
            return None
    return cached


# package root -> {module name: (file, st_mtime_ns when parsed)} of the modules astroid holds for it
_WATCHED: dict[str, dict[str, tuple[str, int]]] = {}
_CACHE_SIZE_SEEN: dict[str, int] = {}


def forget_stale_package(path: str) -> bool:
    """For long-lived callers (the engine behind ``fix``, editors, library use): drop astroid's parse
    of every module of the package holding ``path`` whose file changed on disk since it was parsed
    (compared by mtime), and any module of the same dotted name that lives in another checkout. True
    when something was dropped: the caller then forgets the trace models built from it, and the
    package's import index is rebuilt. One ``stat`` per module of the package that astroid holds.

    Not seen: a new file that starts calling into the package while no parsed module changed (the
    import index is rebuilt only when a parsed module changes). A pylint run parses each file once
    and never needs this."""
    root = package_root(path) if path and not path.startswith("<") else None
    if root is None:
        return False
    key = str(root)
    watched = _WATCHED.setdefault(key, {})
    cache = astroid.MANAGER.astroid_cache
    dropped = False
    seen = _CACHE_SIZE_SEEN.get(key, 0)
    if len(cache) != seen:  # astroid built modules since the last look (appended to its dict): watch ours
        prefix = root.name
        inside = key + os.sep
        for modname, module in list(itertools.islice(cache.items(), seen if seen < len(cache) else 0, None)):
            if modname != prefix and not modname.startswith(prefix + "."):
                continue
            file = module.file
            if not file:  # a namespace package: nothing parsed
                continue
            if not os.path.realpath(file).startswith(inside):  # another checkout's module
                del cache[modname]
                watched.pop(modname, None)
                dropped = True
            elif modname not in watched or watched[modname][0] != file:
                watched[modname] = (file, _PARSED_AT.get(os.path.abspath(file)) or _mtime(file) or 0)
        _CACHE_SIZE_SEEN[key] = 0 if dropped else len(cache)
    for modname, (file, parsed_at) in list(watched.items()):
        if _mtime(file) != parsed_at:
            if cache.get(modname) is not None and cache[modname].file == file:
                del cache[modname]
            del watched[modname]
            dropped = True
    if dropped:
        for index_key in [k for k in _PACKAGE_INDEXES if k[0] == key]:
            del _PACKAGE_INDEXES[index_key]
        _CACHE_SIZE_SEEN.pop(key, None)
    return dropped


def package_root(path: str) -> Path | None:
    """The top-level package folder holding ``path``, or None outside a package."""
    directory = Path(path).resolve().parent
    if not (directory / "__init__.py").is_file():
        return None
    while (directory.parent / "__init__.py").is_file() and directory.parent != directory:
        directory = directory.parent
    return directory


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


def _hybrid_markers(extra_wrappers: tuple[str, ...]) -> re.Pattern[str]:
    words = {"function"} | {wrapper.rsplit(".", 1)[-1] for wrapper in extra_wrappers}
    alternatives = "|".join(sorted(re.escape(w) for w in words))
    return re.compile(rf"(?:\.|\bimport\s+)(?:{alternatives})\b")


def package_index(root: Path, extra_wrappers: tuple[str, ...]) -> PackageIndex:
    key = (str(root), extra_wrappers)
    index = _PACKAGE_INDEXES.get(key)
    if index is not None:
        return index
    index = PackageIndex(root)
    markers = _hybrid_markers(extra_wrappers)
    count = 0
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".") and d != "__pycache__"]
        for filename in files:
            if not filename.endswith(".py"):
                continue
            count += 1
            if count > MAX_PACKAGE_FILES:
                break
            path = os.path.join(directory, filename)
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
            except OSError:
                continue
            if not markers.search(text):
                continue
            words: set[str] = set()
            for match in _IMPORT_LINE.finditer(text):
                for group in match.groups():
                    if group:
                        words.update(_WORD.findall(group))
            index.imports_by_file[os.path.realpath(path)] = frozenset(words)
    _PACKAGE_INDEXES[key] = index
    return index


def module_name_in_package(path: str, root: Path) -> str:
    relative = Path(path).resolve().relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def traced_from_other_modules(module: nodes.Module, settings, local_model_for) -> dict:
    """{function of ``module``: TraceInfo} for functions traced by hybrids of sibling modules.

    ``local_model_for(module)`` builds a model without this cross-module step
    (so that two modules importing each other cannot recurse).
    """
    from pylint_hybridize.model.traced import TraceInfo  # pylint: disable=import-outside-toplevel

    path = module.file
    if not path or not path.endswith(".py") or not os.path.isfile(path):
        return {}
    root = package_root(path)
    if root is None:
        return {}
    basename = Path(path).stem
    if basename == "__init__":
        basename = Path(path).parent.name
    # real paths: package_root resolves symlinks, so the index holds real paths (a linked checkout)
    own_path = os.path.realpath(path)
    index = package_index(root, settings.extra_wrappers)
    found: dict = {}
    for candidate in index.importers_of(basename):
        if candidate == own_path:
            continue
        candidate_name = module_name_in_package(candidate, root)
        other = fresh_cached_module(candidate, candidate_name)
        if other is None:
            try:
                other = astroid.MANAGER.ast_from_file(candidate, candidate_name, source=True)
            except Exception:  # pylint: disable=broad-except  # unparsable sibling: ignore it
                continue
            if astroid.MANAGER.astroid_cache.get(candidate_name) is other:
                record_parse(candidate)
        model = local_model_for(other)
        for function, info in model.traced.items():
            if info.is_hybrid_itself:
                continue
            target = _same_function_here(function, module, own_path)
            if target is None or target in found:
                continue
            path_names = (f"{other.name.rsplit('.', 1)[-1]}.{info.path[0]}", *info.path[1:])
            found[target] = TraceInfo(info.hybrid, path_names)
    return found


def _same_function_here(function: nodes.NodeNG, module: nodes.Module, own_path: str):
    """``function`` if it belongs to ``module`` (same object, or same def in another parse of the file)."""
    root = function.root()
    if root is module:
        return function
    if not root.file or os.path.realpath(root.file) != own_path:
        return None
    name = getattr(function, "name", None)
    for candidate in module.nodes_of_class(nodes.FunctionDef):
        if candidate.name == name and candidate.lineno == function.lineno:
            return candidate
    return None
