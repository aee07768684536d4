"""The cross-module index of the package being linted: which of its files import which module (one
text scan per package per run, of import lines only, through a regex), which may define hybrids,
the parsed modules that import a given one, every call of a module and its calls by name; and
``forget_stale_package`` for long-lived callers.

Other layers build their cross-module facts on it: the traced code of a module's importers
(``execution.traced``), the calls of a function made in other modules (``calls.graph``). Modules
outside a package are never scanned. A project-wide index of per-module facts (one pass over the
package), or a persistent cache of them, belongs in this layer (``store``).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import astroid
from astroid import nodes

from pylint_hybridize.model.catalogue.entry_points import LIBRARY_HOOKS
from pylint_hybridize.model.catalogue.tracing import DATA_EXPERIMENTAL_TRACING, DATASET_TRACING_METHODS
from pylint_hybridize.model.project.files import (
    claim_cache, forget_paths, importer_folders, modified_at, package_root, parse_time, parsed, real_path,
)
from pylint_hybridize.model.project.store import module_facts
from pylint_hybridize.import_lines import ImportLines, read_import_lines
from pylint_hybridize.project_layout import module_basename, walk_package
from pylint_hybridize.model.project.texts import file_words, hybrid_markers, remember_imports, wrapper_calls, wrapper_candidates
from pylint_hybridize.model.syntax.walk import ModuleIndex, index_module

@dataclass
class PackageIndex:
    """For one top-level package: which files may define hybrids, and what they import."""

    root: Path
    imports_by_file: dict[str, frozenset[str]] = field(default_factory=dict)
    """Files that may define hybrids -> the words of their import lines: files that spell tf.function (or
    a configured wrapper), and files that name a def of the package that may be a project wrapper
    (``wrapper_candidates``: ``run = compiled(step)`` makes a hybrid with no ``.function`` in sight)."""
    all_imports_by_file: dict[str, frozenset[str]] = field(default_factory=dict)
    """Every file -> the words of its import lines (for call sites: a train loop need not define hybrids)."""
    _by_word: dict[bool, dict[str, list[str]]] = field(default_factory=dict)
    """every -> {word of an import line: the files whose import lines hold it} (built on first use)."""
    parsed_importers: dict[tuple[str, bool], list[tuple[str, nodes.Module | None]]] = field(default_factory=dict)
    """(basename, every) -> the importers' (real path, parsed module), once per run (see ``importing_modules``)."""
    files: dict[str, tuple[tuple[int, int], str]] = field(default_factory=dict)
    """Every file read -> ((st_mtime_ns, st_size), content hash) when it was read."""
    folders: dict[str, int] = field(default_factory=dict)
    """Every folder walked -> its st_mtime_ns (a file added or removed changes it)."""

    def changed(self) -> bool:
        """Whether a file of the package changed content, or was added or removed, since the index
        was built: one ``stat`` per file and folder, and a read of a file whose stat changed."""
        for folder, seen in self.folders.items():
            if modified_at(folder) != seen:
                return True
        for path, (version, digest) in self.files.items():
            try:
                status = os.stat(path)
            except OSError:
                return True
            if (status.st_mtime_ns, status.st_size) == version:
                continue
            try:
                with open(path, "rb") as handle:
                    if _digest(handle.read()) != digest:
                        return True
            except OSError:
                return True
            self.files[path] = ((status.st_mtime_ns, status.st_size), digest)  # touched, not changed
        return False

    def importers_of(self, basename: str) -> list[str]:
        return self._words(every=False).get(basename, [])

    def all_importers_of(self, basename: str) -> list[str]:
        return self._words(every=True).get(basename, [])

    def _words(self, *, every: bool) -> dict[str, list[str]]:
        table = self._by_word.get(every)
        if table is None:
            table = self._by_word[every] = {}
            for path, words in (self.all_imports_by_file if every else self.imports_by_file).items():
                for word in words:
                    table.setdefault(word, []).append(path)
        return table


_PACKAGE_INDEXES: dict[tuple[str, tuple[str, ...], bool], PackageIndex] = {}


# package root -> {module name: (file, st_mtime_ns when parsed)} of the modules astroid holds for it
_WATCHED: dict[str, dict[str, tuple[str, int]]] = {}
_CACHE_SIZE_SEEN: dict[str, int] = {}


def forget_stale_package(path: str) -> bool:
    """For long-lived callers (the engine behind ``fix``, editors, library use): drop astroid's parse
    of every module of the package holding ``path`` whose file changed on disk since it was parsed
    (compared by mtime), and any module of the same dotted name that lives in another checkout. True
    when something was dropped: the caller then forgets the trace models built from it, and the
    package's import index is rebuilt. One ``stat`` per module of the package that astroid holds.

    A file astroid never parsed that changed content, or a file added or removed, drops the
    package's import index too (``PackageIndex.changed``: a sibling that starts calling a helper). A
    pylint run parses each file once and never needs this."""
    if not path or path.startswith("<"):
        return False
    root = package_root(path)
    if root is None:  # a script: only its folder's import index (``importing_modules``) may be stale
        folder = str(Path(real_path(path)).parent)
        stale = [k for k in _PACKAGE_INDEXES if k[0] == folder and _PACKAGE_INDEXES[k].changed()]
        for index_key in stale:
            del _PACKAGE_INDEXES[index_key]
        if stale:
            forget_paths()
        return bool(stale)
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
                watched[modname] = (file, parse_time(file) or modified_at(file) or 0)
        _CACHE_SIZE_SEEN[key] = 0 if dropped else len(cache)
    for modname, (file, parsed_at) in list(watched.items()):
        if modified_at(file) != parsed_at:
            if cache.get(modname) is not None and cache[modname].file == file:
                del cache[modname]
            del watched[modname]
            dropped = True
    indexes = [k for k in _PACKAGE_INDEXES if k[0] == key]
    if not dropped and any(_PACKAGE_INDEXES[k].changed() for k in indexes):
        dropped = True  # a sibling astroid never parsed changed (it may now call into the package)
    if dropped:
        forget_paths()
        for index_key in indexes:
            del _PACKAGE_INDEXES[index_key]
        _CACHE_SIZE_SEEN.pop(key, None)
    return dropped


def forget_changed_packages() -> bool:
    """For a host that runs pylint again in the same process (an editor's language server): drop
    the import index of every package whose files changed since it was built
    (``PackageIndex.changed``). True when one was dropped: the caller forgets the models."""
    dropped = [key for key, index in _PACKAGE_INDEXES.items() if index.changed()]
    if dropped:
        forget_paths()
    for key in dropped:
        del _PACKAGE_INDEXES[key]
        _CACHE_SIZE_SEEN.pop(key[0], None)
    return bool(dropped)


def _digest(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=16).hexdigest()


# Traced contexts that need no tf.function spelling: Keras' step methods and ``Layer.call`` (``def call``:
# Keras 3 traces it without autograph, a helper in another module included), the functions tf.data and
# tf.vectorized_map trace (``ds.map(parse)``, ``ds.apply(tf.data.experimental.scan(...))``), and the hooks
# of the catalogue's library bases (``LIBRARY_HOOKS``: Orbit's train_step, TFAgent's _train) in a module
# importing that library. A spelling only makes a file a candidate: the model decides what it traces.
_DATA_FUNCTIONS = sorted({*(q.rsplit(".", 1)[-1] for q in DATA_EXPERIMENTAL_TRACING), "vectorized_map"})
_CONTEXT_SPELLING = re.compile(
    r"\bdef[ \t]+(?:(?:train|test|predict)_step|call)\b"
    r"|\.(?:" + "|".join(map(re.escape, sorted(DATASET_TRACING_METHODS))) + r")[ \t]*\("
    r"|\b(?:" + "|".join(map(re.escape, _DATA_FUNCTIONS)) + r")[ \t]*\("
)
_HOOK_LIBRARIES = frozenset(base.split(".", 1)[0] for base in LIBRARY_HOOKS)


def _may_define_context(text: str, imports: ImportLines) -> bool:
    return bool(_CONTEXT_SPELLING.search(text)) or not imports.roots.isdisjoint(_HOOK_LIBRARIES)


def _add_wrapper_users(index: PackageIndex, others: dict[str, tuple[str, ImportLines]], wrappers: dict[str, set[str]]) -> None:
    """Files without a tf.function spelling that may still define hybrids: they import a def that may
    be a project wrapper by name (``from .util import compiled``), or import its module and spell its name
    (``util.compiled(step)``: the file is read again, only then)."""
    modules: dict[str, set[str]] = {}
    for name, stems in wrappers.items():
        for stem in stems:
            modules.setdefault(stem, set()).add(name)
    for real, (path, imports) in others.items():
        if not imports.words.isdisjoint(wrappers):
            index.imports_by_file[real] = imports.words
            continue
        names = {name for stem in imports.words & modules.keys() for name in modules[stem]}
        if not names:
            continue
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            continue
        present = [name for name in names if name in text]  # a substring test first: cheap
        if present and re.search(rf"\b(?:{'|'.join(sorted(re.escape(n) for n in present))})\b", text):
            index.imports_by_file[real] = imports.words


def package_index(root: Path, extra_wrappers: tuple[str, ...], flat: bool = False) -> PackageIndex:
    """The index of the package at ``root``; ``flat``: of a script folder's own files only (its
    subfolders are packages or other projects)."""
    key = (str(root), extra_wrappers, flat)
    index = _PACKAGE_INDEXES.get(key)
    if index is not None:
        return index
    index = PackageIndex(root)
    markers = hybrid_markers(extra_wrappers)
    calls = wrapper_calls(extra_wrappers)
    others: dict[str, tuple[str, ImportLines]] = {}  # files without markers: (path, imports)
    wrappers: dict[str, set[str]] = {}  # name of a def that may be a wrapper -> basenames of its modules
    for directory, paths in walk_package(root, flat):
        index.folders[directory] = modified_at(directory) or 0
        for path in paths:
            try:
                with open(path, "rb") as handle:
                    status = os.fstat(handle.fileno())
                    content = handle.read()
            except OSError:
                continue
            index.files[path] = ((status.st_mtime_ns, status.st_size), _digest(content))
            text = content.decode("utf-8", errors="replace")
            imports = read_import_lines(text)
            remember_imports(path, (status.st_mtime_ns, status.st_size), imports)
            real = os.path.realpath(path)
            index.all_imports_by_file[real] = imports.words
            if _may_define_context(text, imports):
                index.imports_by_file[real] = imports.words  # a traced context, no tf.function needed
            if markers.search(text):
                index.imports_by_file[real] = imports.words
                stem = module_basename(path)
                for name in wrapper_candidates(text, calls):
                    wrappers.setdefault(name, set()).add(stem)
            else:
                others[real] = (path, imports)
    if wrappers:
        _add_wrapper_users(index, others, wrappers)
    _PACKAGE_INDEXES[key] = index
    return index


_CALLS_BY_NAME: dict[int, tuple[list[nodes.Call], int, dict[str | None, list[tuple[int, nodes.Call]]]]] = {}


def importing_modules(
    module: nodes.Module, extra_wrappers: tuple[str, ...], *, every: bool, mentioning: set[str] | frozenset[str] | None = None
) -> Iterator[nodes.Module]:
    """The parsed modules of ``module``'s package that import it by name (its file's basename among
    the words of their import lines): those that may define hybrids, or ``every`` one. A script
    outside any package: the scripts of its folder (Python puts the script's folder first on
    ``sys.path``); a module of a package: also the scripts beside the top-level package (``train.py``
    next to ``utils/``, importing ``utils.neuralnetwork``). Parsed when first asked for, then kept
    with the package's index for the run (a module astroid's cache no longer holds is looked up
    again; ``forget_stale_package`` drops them all). ``module`` claims astroid's cache for its name
    first (see ``files.claim_cache``).

    ``mentioning``: only the importers whose text spells one of these names as a word
    (``texts.file_words``), decided before parsing: a question about calls or uses of a name builds
    only the siblings that can hold one (the others are built when they are linted, or never)."""
    path = module.file
    if not path or not path.endswith(".py") or not os.path.isfile(path):
        return
    basename = module_basename(path)
    # real paths: package_root resolves symlinks, so the index holds real paths (a linked checkout)
    own_path = real_path(path)
    claim_cache(module)
    for folder, script in importer_folders(path):
        yield from _importers(folder, script, basename, own_path, extra_wrappers, every, mentioning)


def _importers(
    root: Path, script: bool, basename: str, own_path: str, extra_wrappers: tuple[str, ...], every: bool,
    mentioning: set[str] | frozenset[str] | None = None,
) -> Iterator[nodes.Module]:
    """The modules of the package at ``root`` (``script``: of the script folder ``root``, its own
    files only) whose import lines name ``basename``, parsed once per run."""
    index = package_index(root, extra_wrappers, flat=script)
    key = (basename, every)
    importers = index.parsed_importers.get(key)
    if importers is None:
        candidates = index.all_importers_of(basename) if every else index.importers_of(basename)
        importers = index.parsed_importers[key] = [(candidate, None) for candidate in candidates]
    cache = astroid.MANAGER.astroid_cache
    for position, (candidate, other) in enumerate(importers):
        if candidate == own_path:
            continue
        if mentioning is not None and (other is None or cache.get(other.name) is not other):
            words = file_words(candidate)
            if words is not None and words.isdisjoint(mentioning):
                continue  # no word of it names what is asked about: not built for this question
        if other is None or cache.get(other.name) is not other:
            other = parsed(candidate, root, script=script)
            if other is None:
                continue
            importers[position] = (candidate, other)
        yield other


def calls_from_importers(
    module: nodes.Module, names: set[str], extra_wrappers: tuple[str, ...]
) -> Iterator[tuple[nodes.Module, list[nodes.Call]]]:
    """For each parsed module of the package that imports ``module`` by name (``importing_modules``),
    its calls spelled with one of ``names`` (``f(...)``, ``x.f(...)``) or with an alias it imports one
    of them under (``from pkg.model import step as s``; ``s(...)``), in source order: look-ups in the
    importer's kept indexes, so asking this for every function of a package stays linear in it."""
    for other in importing_modules(module, extra_wrappers, every=True, mentioning=names):
        aliases = imported_aliases(other)
        wanted = set(names)
        for name in names:
            wanted.update(aliases.get(name, ()))
        found = module_calls_named(other, wanted)
        if found:
            yield other, found


def imported_aliases(module: nodes.Module) -> dict[str, frozenset[str]]:
    """{name: the aliases ``module`` imports it under} (``from m import name as alias``), kept."""

    def build() -> dict[str, frozenset[str]]:
        table: dict[str, set[str]] = {}
        for node in module_index(module).imports:
            if isinstance(node, nodes.ImportFrom):
                for original, alias in node.names:
                    if alias:
                        table.setdefault(original, set()).add(alias)
        return {name: frozenset(aliases) for name, aliases in table.items()}

    return module_facts(module).kept("imported-aliases", build)


def module_calls_named(module: nodes.Module, wanted: set[str]) -> list[nodes.Call]:
    """``calls_named(module_calls(module), wanted)`` through an index kept with the module's facts."""
    calls = module_calls(module)
    table = module_facts(module).kept("calls-by-name", lambda: _by_terminal_name(calls))
    found = [entry for name in wanted for entry in table.get(name, ())]
    if len(wanted) > 1:
        found.sort(key=lambda entry: entry[0])
    return [call for _position, call in found]


def _by_terminal_name(calls: list[nodes.Call]) -> dict[str | None, list[tuple[int, nodes.Call]]]:
    index: dict[str | None, list[tuple[int, nodes.Call]]] = {}
    for position, call in enumerate(calls):
        index.setdefault(terminal_name(call.func), []).append((position, call))
    return index


def module_index(module: nodes.Module) -> ModuleIndex:
    """The one walk of ``module`` (``syntax.walk.index_module``), kept in the fact store."""
    return module_facts(module).kept("index", lambda: index_module(module))


def module_calls(module: nodes.Module) -> list[nodes.Call]:
    """Every call of ``module`` (one walk per module, cached)."""
    return module_index(module).calls


def calls_named(calls: list[nodes.Call], wanted: set[str]) -> list[nodes.Call]:
    """The calls of ``calls`` whose callee is spelled with a name in ``wanted`` (``f(...)``,
    ``x.f(...)``), in their order in ``calls``; through an index built once per list, so that asking
    this for every function of a module stays linear in the module's size."""
    cached = _CALLS_BY_NAME.get(id(calls))
    if cached is None or cached[0] is not calls or cached[1] != len(calls):
        if len(_CALLS_BY_NAME) > 512:
            _CALLS_BY_NAME.clear()
        cached = _CALLS_BY_NAME[id(calls)] = (calls, len(calls), _by_terminal_name(calls))
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


