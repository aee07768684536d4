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
    """Files that may define hybrids -> the words of their import lines."""
    all_imports_by_file: dict[str, frozenset[str]] = field(default_factory=dict)
    """Every file -> the words of its import lines (for call sites: a train loop need not define hybrids)."""

    def importers_of(self, basename: str) -> list[str]:
        return [path for path, words in self.imports_by_file.items() if basename in words]

    def all_importers_of(self, basename: str) -> list[str]:
        return [path for path, words in self.all_imports_by_file.items() if basename in words]


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
            words: set[str] = set()
            for match in _IMPORT_LINE.finditer(text):
                for group in match.groups():
                    if group:
                        words.update(_WORD.findall(group))
            index.all_imports_by_file[os.path.realpath(path)] = frozenset(words)
            if markers.search(text):
                index.imports_by_file[os.path.realpath(path)] = frozenset(words)
    _PACKAGE_INDEXES[key] = index
    return index


def module_name_in_package(path: str, root: Path) -> str:
    relative = Path(path).resolve().relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _claim_cache(module: nodes.Module) -> None:
    """Make astroid resolve imports of ``module``'s name to ``module`` itself when its cache holds a
    module of that name from another place (a copy of the package elsewhere, checked earlier)."""
    name = module.name
    cached = astroid.MANAGER.astroid_cache.get(name) if name else None
    if cached is None or cached is module or not cached.file or not module.file:
        return
    if os.path.realpath(cached.file) != os.path.realpath(module.file):
        astroid.MANAGER.astroid_cache[name] = module


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
    _claim_cache(module)
    index = package_index(root, settings.extra_wrappers)
    found: dict = {}
    for candidate in index.importers_of(basename):
        if candidate == own_path:
            continue
        other = _parsed(candidate, root)
        if other is None:
            continue
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


def _parsed(path: str, root: Path) -> nodes.Module | None:
    name = module_name_in_package(path, root)
    module = fresh_cached_module(path, name)
    if module is None:
        try:
            module = astroid.MANAGER.ast_from_file(path, name, source=True)
        except Exception:  # pylint: disable=broad-except  # unparsable sibling: ignore it
            return None
        if astroid.MANAGER.astroid_cache.get(name) is module:
            record_parse(path)
    return module


_CALLS_OF_MODULE: dict[int, tuple[nodes.Module, list[nodes.Call]]] = {}


_CALLS_BY_NAME: dict[int, tuple[list[nodes.Call], int, dict[str | None, list[tuple[int, nodes.Call]]]]] = {}


def module_calls(module: nodes.Module) -> list[nodes.Call]:
    """Every call of ``module`` (one walk per module, cached)."""
    from pylint_hybridize.model.walk import index_module  # pylint: disable=import-outside-toplevel

    cached = _CALLS_OF_MODULE.get(id(module))
    if cached is not None and cached[0] is module:
        return cached[1]
    calls = index_module(module).calls
    if len(_CALLS_OF_MODULE) > 512:
        _CALLS_OF_MODULE.clear()
    _CALLS_OF_MODULE[id(module)] = (module, calls)
    return calls


def calls_named(calls: list[nodes.Call], wanted: set[str]) -> list[nodes.Call]:
    """The calls of ``calls`` whose callee is spelled with a name in ``wanted`` (``f(...)``,
    ``x.f(...)``), in their order in ``calls``; through an index built once per list, so that asking
    this for every function of a module stays linear in the module's size."""
    cached = _CALLS_BY_NAME.get(id(calls))
    if cached is None or cached[0] is not calls or cached[1] != len(calls):
        index: dict[str | None, list[tuple[int, nodes.Call]]] = {}
        for position, call in enumerate(calls):
            index.setdefault(terminal_name(call.func), []).append((position, call))
        if len(_CALLS_BY_NAME) > 512:
            _CALLS_BY_NAME.clear()
        cached = _CALLS_BY_NAME[id(calls)] = (calls, len(calls), index)
    index = cached[2]
    found = [entry for name in wanted for entry in index.get(name, ())]
    if len(wanted) > 1:
        found.sort(key=lambda entry: entry[0])
    return [call for _position, call in found]


def terminal_name(func: nodes.NodeNG) -> str | None:
    if isinstance(func, nodes.Name):
        return func.name
    if isinstance(func, nodes.Attribute):
        return func.attrname
    return None


def calls_from_other_modules(
    function: nodes.NodeNG, resolve, extra_wrappers: tuple[str, ...] = (), also: frozenset[str] = frozenset()
) -> list[nodes.Call]:
    """Calls of ``function`` (a def of a package module) made in the package's other modules.

    ``from pkg.model import step`` / ``from pkg.model import step as s`` / ``model.step(...)``: the
    modules importing the function's module by name are parsed (astroid caches them), and their
    calls whose name matches are resolved with ``resolve(call) -> function or None``. ``also``: other
    names the function is called by (``scaled_step`` of ``scaled_step = tf.function(_scaled)``).
    """
    module = function.root()
    path = getattr(module, "file", None)
    own_names = {n for n in (getattr(function, "name", None), *also) if n}
    if not path or not path.endswith(".py") or not own_names or not os.path.isfile(path):
        return []
    root = package_root(path)
    if root is None:
        return []
    basename = Path(path).stem
    if basename == "__init__":
        basename = Path(path).parent.name
    own_path = os.path.realpath(path)
    _claim_cache(module)
    index = package_index(root, extra_wrappers)
    found: list[nodes.Call] = []
    for candidate in index.all_importers_of(basename):
        if candidate == own_path:
            continue
        other = _parsed(candidate, root)
        if other is None:
            continue
        wanted = own_names | {
            alias
            for node in other.nodes_of_class(nodes.ImportFrom)
            for original, alias in node.names
            if original in own_names and alias
        }
        for call in module_calls(other):
            if terminal_name(call.func) not in wanted:
                continue
            callee = resolve(call)
            if callee is None:
                continue
            if callee is function or _same_function_here(callee, module, own_path) is function:
                found.append(call)
    return found


def same_node_here(node: nodes.NodeNG, module: nodes.Module) -> nodes.NodeNG | None:
    """``node`` if it belongs to ``module``, or the node of the same type at the same position in
    ``module`` when ``node`` comes from another parse of the same file; None otherwise."""
    root = node.root()
    if root is module:
        return node
    if not root.file or not module.file or os.path.realpath(root.file) != os.path.realpath(module.file):
        return None
    for candidate in module.nodes_of_class(type(node)):
        if candidate.lineno == node.lineno and candidate.col_offset == node.col_offset:
            return candidate
    return None
