"""The persistent result cache: what a module's findings were, kept across runs in
``.pylint_hybridize_cache/`` at the project root (where ruff and mypy keep theirs; git-ignored by the
``.gitignore`` inside it), so that an editor or a pre-commit hook re-running on an unchanged project
pays (almost) nothing of ours.

An entry is found by a key that says everything its findings were computed from:
- the front-end (``check``, ``flake8``, ``fix``: each stores what it prints or needs) and its options
  (enabled messages, ``--hybridize-...`` values, ``auto`` Keras evidence, the trace record);
- the plugin (its version, and the size and mtime of each of its source files: an edited checkout
  never serves results of the old code), pylint's, astroid's and Python's versions;
- the module's own path and content hash;
- the content hash of every module its findings may depend on, found as the model finds them but
  without astroid (``dependencies``): the project modules it imports (transitively: a re-export, a
  wrapper defined further on), the modules of its package that import it (their hybrids call it,
  their call sites give its parameters' kinds: the *sibling* change) and what those import.
A module added to the package that imports it changes its importers, hence the key.

Nothing here can break a run: an unreadable, corrupt or unwritable cache is a miss (recomputed);
entries are written to a temporary file and moved into place (``os.replace``), so two concurrent runs
(pre-commit and an editor) never see a torn entry, and an entry is used only if it names its own key.
``--no-cache`` (flake8 ``--hybridize-no-cache``) or ``PYLINT_HYBRIDIZE_NO_CACHE=1`` turns it off;
``PYLINT_HYBRIDIZE_CACHE_DIR`` puts it elsewhere.

Import-light (no astroid, no pylint): a flake8 run served from the cache never loads the model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pylint_hybridize.files import PROJECT_ROOT_MARKERS
from pylint_hybridize.import_lines import ImportSpec, read_import_lines
from pylint_hybridize.project_layout import ProjectLayout, module_basename, walk_package

CACHE_DIR = ".pylint_hybridize_cache"
FORMAT = "1"
NO_CACHE_ENV = "PYLINT_HYBRIDIZE_NO_CACHE"
CACHE_DIR_ENV = "PYLINT_HYBRIDIZE_CACHE_DIR"
"""Keep the cache in this folder instead of the project root's (a read-only tree, benchmarks)."""
LOG_ENV = "PYLINT_HYBRIDIZE_CACHE_LOG"
"""A file to append ``hit|miss <front-end> <path>`` lines to (tests, benchmarks)."""

ROOT_MARKERS = tuple(PROJECT_ROOT_MARKERS)
"""Where a project begins: the first folder up holding one of these."""
# Files whose text may change an answer for ``--hybridize-keras=auto`` (project.keras._EVIDENCE_FILES,
# requirement files, an unpacked wheel's METADATA) or be the trace record: hashed into the key.
_EVIDENCE = re.compile(
    r"^(pyproject\.toml|setup\.cfg|setup\.py|environment\.ya?ml|tox\.ini|\.env|Pipfile(\.lock)?|PKG-INFO|"
    r"requirements.*\.(txt|in)|\.hybridize-traces\.json|\.hybridize-profile\.json|.*\.dist-info)$",
    re.IGNORECASE,
)

def enabled_by_default() -> bool:
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() in ("", "0", "no", "false")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class _FileFacts:
    digest: str
    words: frozenset[str]
    imports: tuple[ImportSpec, ...]


@dataclass
class _Project:
    """What one run knows of the files on disk: content hashes and import lines, read once each."""

    files: dict[str, _FileFacts | None] = field(default_factory=dict)
    layout: ProjectLayout = field(default_factory=lambda: ProjectLayout(remember_files=True))
    importers: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """package root -> {word of an import line: files whose import lines hold it}."""
    dependencies: dict[str, frozenset[str]] = field(default_factory=dict)
    forward: dict[str, frozenset[str]] = field(default_factory=dict)
    imports: dict[str, list[str]] = field(default_factory=dict)
    project_roots: dict[str, Path] = field(default_factory=dict)

    def facts(self, path: str) -> _FileFacts | None:
        if path in self.files:
            return self.files[path]
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            self.files[path] = None
            return None
        found = self.files[path] = _file_facts(data)
        return found

    def importers_of(self, path: str) -> list[str]:
        """The files whose import lines name ``path``'s module (its basename), looked for where the model
        looks (``ProjectLayout.importer_folders``, the one rule both ask). A superset."""
        basename = module_basename(path)
        found: list[str] = []
        for folder, flat in self.layout.importer_folders(path):
            key = f"{folder}{os.sep}*" if flat else str(folder)
            table = self.importers.get(key)
            if table is None:
                table = self.importers[key] = {}
                for other in (os.path.realpath(p) for _d, paths in walk_package(folder, flat) for p in paths):
                    facts = self.facts(other)
                    for word in facts.words if facts is not None else ():
                        table.setdefault(word, []).append(other)
            found.extend(other for other in table.get(basename, ()) if other != path)
        return found

    def imported_files(self, path: str) -> list[str]:
        """The project files the import lines of ``path`` may load (``ProjectLayout.import_targets``, as the model reads them)."""
        found = self.imports.get(path)
        if found is not None:
            return found
        facts = self.facts(path)
        found = self.imports[path] = []
        for spec in facts.imports if facts is not None else ():
            found.extend(self.layout.import_targets(path, spec))
        return found

    def forward_closure(self, path: str) -> frozenset[str]:
        """``path`` and every project file its imports may load, transitively."""
        kept = self.forward.get(path)
        if kept is not None:
            return kept
        seen = {path}
        todo = [path]
        while todo:
            for other in self.imported_files(todo.pop()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        found = self.forward[path] = frozenset(seen)
        return found

    def dependencies_of(self, path: str) -> frozenset[str]:
        """The files whose content ``path``'s findings may depend on (itself included): what it imports
        (transitively), the modules of its package that import it, and what those import."""
        kept = self.dependencies.get(path)
        if kept is not None:
            return kept
        found = set(self.forward_closure(path))
        for importer in self.importers_of(path):
            found |= self.forward_closure(importer)
        result = self.dependencies[path] = frozenset(found)
        return result


def _file_facts(data: bytes) -> _FileFacts:
    lines = read_import_lines(data.decode("utf-8", errors="replace"))
    return _FileFacts(digest(data), lines.words, lines.specs)


_PROJECT = _Project()


def forget() -> None:
    """Forget what this process read of the files (a long-lived caller, tests)."""
    global _PROJECT  # pylint: disable=global-statement
    _PROJECT = _Project()


def project_root(path: str) -> Path:
    """The project a file belongs to: the first folder up from it holding one of ``ROOT_MARKERS``; else
    the folder above its top-level package, or its own folder (kept per folder for the run)."""
    real = os.path.realpath(path)
    folder = os.path.dirname(real)
    found = _PROJECT.project_roots.get(folder)
    if found is None:
        found = _PROJECT.project_roots[folder] = _find_project_root(real)
    return found


def _find_project_root(real: str) -> Path:
    return _PROJECT.layout.project_root(real, ROOT_MARKERS)  # the model's Keras evidence stops there too


_CODE_FINGERPRINT: list[str] = []


def code_fingerprint() -> str:
    """The plugin's version and the size and mtime of each of its source files, with pylint's,
    astroid's and Python's versions (a code change, an upgrade: every entry is stale)."""
    if _CODE_FINGERPRINT:
        return _CODE_FINGERPRINT[0]
    parts = [_version_of("pylint-hybridize"), sys.version, _version_of("pylint"), _version_of("astroid"), _version_of("flake8")]
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        try:
            status = source.stat()
        except OSError:
            continue
        parts.append(f"{source.relative_to(package)}:{status.st_size}:{status.st_mtime_ns}")
    _CODE_FINGERPRINT.append(digest("\n".join(parts).encode()))
    return _CODE_FINGERPRINT[0]


def _version_of(distribution: str) -> str:
    try:
        from importlib.metadata import version  # pylint: disable=import-outside-toplevel

        return version(distribution)
    except Exception:  # pylint: disable=broad-except
        return "-"


class ResultCache:
    """The cache of one front-end with one set of options, for one run."""

    def __init__(self, front_end: str, options: Mapping[str, Any], enabled: bool = True) -> None:
        forget()  # one run: what an earlier run in this process read of the files may have changed
        self.front_end = front_end
        self.enabled = enabled and enabled_by_default()
        self.options = json.dumps(options, sort_keys=True, default=_jsonable)
        self.hits = 0
        self.misses = 0
        self._evidence: dict[str, list[tuple[str, str]]] = {}

    # -- keys --------------------------------------------------------------------------------------
    def key(self, path: str, content: bytes | str | None = None) -> str | None:
        """The key of ``path``'s entry (``content``: its text as the host read it; else from disk);
        None when the cache is off or the file cannot be read."""
        if not self.enabled or not path or path.startswith("<") or not os.path.isfile(path):
            return None  # flake8's stdin without --stdin-display-name, a string: nothing to key on
        try:
            real = os.path.realpath(path)
            if content is None:
                facts = _PROJECT.facts(real)
                if facts is None:
                    return None
                own = facts.digest
            else:
                own = digest(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
            dependencies = []
            for other in sorted(_PROJECT.dependencies_of(real) - {real}):
                facts = _PROJECT.facts(other)
                dependencies.append((other, facts.digest if facts is not None else None))
            material = [
                FORMAT, self.front_end, code_fingerprint(), self.options, os.getcwd(), path, real, own,
                dependencies, self._evidence_of(real),
            ]
            return hashlib.sha256(json.dumps(material).encode("utf-8", "surrogatepass")).hexdigest()
        except (OSError, ValueError, RecursionError):
            return None

    def _evidence_of(self, path: str) -> list[tuple[str, str]]:
        """(name, hash) of the files from ``path``'s folder up to its project root that may answer
        ``--hybridize-keras=auto`` or hold the trace record."""
        folder = os.path.dirname(path)
        kept = self._evidence.get(folder)
        if kept is not None:
            return kept
        found: list[tuple[str, str]] = []
        root = project_root(path)
        directory = Path(folder)
        for candidate in (directory, *directory.parents):
            try:
                entries = sorted(os.listdir(candidate))
            except OSError:
                entries = []
            for entry in entries:
                if _EVIDENCE.match(entry):
                    target = candidate / entry
                    if entry.endswith(".dist-info"):
                        target = target / "METADATA"
                    try:
                        found.append((str(target), digest(target.read_bytes())))
                    except OSError:
                        continue
            if candidate == root or len(found) > 64:
                break
        self._evidence[folder] = found
        return found

    def unchanged(self, path: str) -> bool:
        """Whether ``path`` still holds the content its key was computed from (an edit saved while the
        run read it: its findings are not stored under the old key)."""
        real = os.path.realpath(path)
        facts = _PROJECT.files.get(real)
        try:
            with open(real, "rb") as handle:
                return facts is not None and digest(handle.read()) == facts.digest
        except OSError:
            return False

    # -- entries -----------------------------------------------------------------------------------
    def get(self, path: str, key: str | None) -> Any:
        """The payload stored under ``key``, or None (a miss: absent, unreadable, corrupt, another key)."""
        if key is None:
            return None
        payload = None
        try:
            with open(self._entry(path, key), encoding="utf-8") as handle:
                entry = json.load(handle)
            if isinstance(entry, dict) and entry.get("key") == key and "payload" in entry:
                payload = entry["payload"]
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            payload = None
        self._count(payload is not None, path)
        return payload

    def put(self, path: str, key: str | None, payload: Any) -> None:
        """Store ``payload`` under ``key`` (atomically; any failure is silent: a cache never breaks a run)."""
        if key is None:
            return
        try:
            target = self._entry(path, key)
            _write_atomically(target, json.dumps({"key": key, "path": path, "payload": payload}, default=_jsonable))
        except (OSError, ValueError, TypeError, RecursionError):
            return

    def _entry(self, path: str, key: str) -> Path:
        folder = os.environ.get(CACHE_DIR_ENV)
        base = Path(folder) if folder else project_root(path) / CACHE_DIR
        return base / f"v{FORMAT}" / key[:2] / f"{key}.json"

    def _count(self, hit: bool, path: str) -> None:
        if hit:
            self.hits += 1
        else:
            self.misses += 1
        log = os.environ.get(LOG_ENV)
        if log:
            try:
                with open(log, "a", encoding="utf-8") as handle:
                    handle.write(f"{'hit' if hit else 'miss'} {self.front_end} {os.path.realpath(path)}\n")
            except OSError:
                pass


def _write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` (an entry two folders below the cache folder) through a temporary
    file and ``os.replace``: a concurrent reader sees the old entry or the new one, never a torn one."""
    _make_cache_dir(target.parents[2])
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _make_cache_dir(directory: Path) -> None:
    """The cache folder with its ``.gitignore`` (``*``: git never sees the cache) and a CACHEDIR.TAG."""
    if (directory / ".gitignore").is_file():
        return
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", "# created by pylint-hybridize\n*\n"),
                       ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                        "# pylint-hybridize's cache (https://bford.info/cachedir/)\n")):
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, directory / name)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return str(value)


def file_options(settings: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Options as a key part, with the content hash of a file an option names (the trace record)."""
    options: dict[str, Any] = {}
    for name, value in settings:
        options[name] = value
        if name.endswith("traces") and value and isinstance(value, str):
            try:
                options[name + ":content"] = digest(Path(value).read_bytes())
            except OSError:
                options[name + ":content"] = None
    options["parameter-policy"] = os.environ.get("PYLINT_HYBRIDIZE_PARAMETER_POLICY", "")
    return options


# -- the front-ends' payloads ----------------------------------------------------------------------
_MESSAGE_FIELDS = ("msg_id", "symbol", "msg", "abspath", "path", "module", "obj", "line", "column", "end_line",
                   "end_column")


class CheckCache(ResultCache):
    """``pylint-hybridize check``: per file, pylint's messages as emitted (every field its reporters
    print) and what ``fix`` / ``fix --unsafe-fixes`` would fix of them (the summary line)."""

    def lookup(self, path: str) -> tuple[str | None, Any]:
        key = self.key(path)
        payload = self.get(path, key)
        if payload is not None and not (isinstance(payload, dict) and isinstance(payload.get("messages"), list)):
            payload = None
        return key, payload

    @staticmethod
    def messages(payload: Mapping[str, Any]) -> list[Any]:
        # pylint: disable=import-outside-toplevel
        from pylint.interfaces import CONFIDENCE_LEVELS, UNDEFINED
        from pylint.message import Message
        from pylint.typing import MessageLocationTuple

        confidences = {level.name: level for level in CONFIDENCE_LEVELS}
        found = []
        for record in payload["messages"]:
            location = MessageLocationTuple(*(record[name] for name in _MESSAGE_FIELDS[3:]))
            found.append(Message(record["msg_id"], record["symbol"], location, record["msg"],
                                 confidences.get(record["confidence"], UNDEFINED)))
        return found

    def fixable_of_cached(self, linter: Any) -> dict[str, list[int]]:
        """abspath -> [safe, unsafe] fix counts, of the files served from the cache."""
        found = {}
        for path, (_key, payload) in linter.entries.items():
            if payload is not None:
                counts = payload.get("fixable") or [0, 0]
                found[os.path.abspath(path)] = [int(counts[0]), int(counts[1])]
        return found

    def store_run(self, linter: Any, _fixable: Any) -> None:
        """Store what the run found in each file pylint checked (not a file it could not check)."""
        if not self.enabled or linter.filter is None:
            return
        counts = getattr(linter, "fixable", {})
        for path, (key, payload) in linter.entries.items():
            absolute = os.path.abspath(path)
            if payload is not None or key is None or absolute in linter.filter.failed or not self.unchanged(path):
                continue
            messages = linter.filter.by_file.get(absolute, [])
            records = [_message_record(msg) for msg in messages]
            self.put(path, key, {"messages": records, "fixable": counts.get(absolute, [0, 0])})


class FindingsCache(ResultCache):
    """flake8 and ``fix``: per file, the engine's findings as [line, col, flake8 code, message, symbol]."""

    def lookup(self, path: str, content: str | None = None) -> tuple[str | None, list[list[Any]] | None]:
        key = self.key(path, content)
        payload = self.get(path, key)
        if payload is not None and not isinstance(payload, list):
            payload = None
        return key, payload

    def store(self, path: str, key: str | None, findings: Iterable[Any]) -> None:
        self.put(path, key, [[f.line, f.col, f.flake8_code, f.message, f.symbol] for f in findings])


# -- pylint's plugin route -------------------------------------------------------------------------
def serve_pylint(linter: Any) -> None:
    """pylint's plugin route (``pylint --load-plugins=pylint_hybridize``, an editor's python-lsp-server):
    pylint parses every module as usual; a module whose findings are in the cache is walked with every
    checker of ours silent (``checkers.base.FINDINGS_REPLAYED``: no model is built) and its findings are
    replayed as pylint reports a message (its stats, its exit status); any other module's findings
    are stored. Our messages come after pylint's own ones of the same module (pylint prints in the
    order messages are added); with ``useless-suppression`` or ``suppressed-message`` on, nothing is
    served (they need to see our messages go by)."""
    if getattr(linter, "hybridize_front_end_cache", False) or getattr(linter, "_hybridize_cache_served", False):
        return  # ``pylint-hybridize check`` caches whole files itself; pylint -j registers again in a worker
    linter._hybridize_cache_served = True  # pylint: disable=protected-access
    original = linter.check_astroid_module
    state: dict[str, Any] = {}

    def check_astroid_module(ast_node: Any, *args: Any, **kwargs: Any) -> Any:
        cache = state.get("cache")
        if cache is None:
            cache = state["cache"] = _pylint_cache(linter)
        path = getattr(ast_node, "file", None)
        if not cache.enabled or not path:
            return original(ast_node, *args, **kwargs)
        content = getattr(ast_node, "file_bytes", None)
        key = cache.key(path, content)
        payload = cache.get(path, key)
        reporter = linter.reporter
        handle = reporter.handle_message
        ours = cache.ours
        if isinstance(payload, list):
            # served: each message goes out where it went in the cold run (after as many of pylint's
            # own messages of the module as it followed then; the rest at the end)
            from pylint_hybridize.checkers.base import FINDINGS_REPLAYED  # pylint: disable=import-outside-toplevel

            pending = sorted(payload, key=lambda record: record.get("after", 0))
            others = [0]

            def interleave(msg: Any) -> None:
                handle(msg)
                others[0] += 1
                while pending and pending[0].get("after", 0) <= others[0]:
                    _replay(linter, [pending.pop(0)])

            while pending and pending[0].get("after", 0) <= 0:
                _replay(linter, [pending.pop(0)])
            FINDINGS_REPLAYED.active = True
            reporter.handle_message = interleave
            try:
                result = original(ast_node, *args, **kwargs)
            finally:
                FINDINGS_REPLAYED.active = False
                reporter.handle_message = handle
            _replay(linter, pending)
            return result
        captured: list[dict[str, Any]] = []
        seen = [0]

        def capture(msg: Any) -> None:
            if msg.msg_id in ours:
                captured.append({**_message_record(msg), "after": seen[0]})
            else:
                seen[0] += 1
            handle(msg)

        reporter.handle_message = capture
        try:
            result = original(ast_node, *args, **kwargs)
        finally:
            reporter.handle_message = handle
        if result is not False and (content is not None or cache.unchanged(path)):
            cache.put(path, key, captured)
        return result

    linter.check_astroid_module = check_astroid_module


def _pylint_cache(linter: Any) -> ResultCache:
    from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

    config = linter.config
    ours = frozenset(rule.msgid for rule in all_rules())
    enabled = sorted(msgid for msgid in ours if linter.is_message_enabled(msgid))
    watches_pragmas = any(linter.is_message_enabled(name) for name in ("useless-suppression", "suppressed-message"))
    options = file_options([
        ("enabled", enabled),
        ("extra-decorators", list(getattr(config, "hybridize_extra_decorators", ()) or ())),
        ("keras", getattr(config, "hybridize_keras", "auto")),
        ("traces", getattr(config, "hybridize_traces", "") or ""),
    ])
    cache = ResultCache("pylint", options,
                        enabled=bool(enabled) and not watches_pragmas and not getattr(config, "hybridize_no_cache", False))
    cache.ours = ours  # type: ignore[attr-defined]
    return cache


def _message_record(msg: Any) -> dict[str, Any]:
    return {**{name: getattr(msg, name) for name in _MESSAGE_FIELDS}, "confidence": msg.confidence.name}


def _replay(linter: Any, payload: list[dict[str, Any]]) -> None:
    """Report the stored messages as ``PyLinter._add_one_message`` reports one (past its filters:
    they were applied when the messages were stored, to this very content)."""
    # pylint: disable=import-outside-toplevel
    from pylint.constants import MSG_TYPES, MSG_TYPES_STATUS

    for msg in CheckCache.messages({"messages": payload}):
        category = MSG_TYPES[msg.msg_id[0]]
        linter.msg_status |= MSG_TYPES_STATUS[msg.msg_id[0]]
        linter.stats.increase_single_message_count(category, 1)
        linter.stats.increase_single_module_message_count(linter.current_name, category, 1)
        linter.stats.by_msg[msg.symbol] = linter.stats.by_msg.get(msg.symbol, 0) + 1
        linter.reporter.handle_message(msg)


# -- ``check``'s whole run -------------------------------------------------------------------------
_PYLINT_CONFIG_NAMES = ("pylintrc", ".pylintrc", "pylintrc.toml", ".pylintrc.toml", "pyproject.toml", "setup.cfg",
                        "tox.ini")


class CheckRun:
    """``pylint-hybridize check`` run again with the same arguments, in the same folder, with the same
    configuration files, on files none of which changed (nor what they depend on): its output is the
    last run's, printed without starting pylint (whose start-up, with this plugin's, is most of what a
    warm run would cost). The record names every file's key: one changed file, one added or removed
    (the same walk, with the ignore lists the configuration gave), and the run is done for real."""

    def __init__(self, argv: list[str], paths: list[str], rcfile: str | None, enabled: bool = True) -> None:
        self.argv = list(argv)
        self.paths = list(paths)
        self.enabled = enabled and enabled_by_default()
        self.key: str | None = None
        if self.enabled:
            try:
                self.key = self._key(rcfile)
            except (OSError, ValueError, RecursionError):
                self.key = None

    def _key(self, rcfile: str | None) -> str:
        cwd = os.getcwd()
        material: list[Any] = [FORMAT, "check-run", code_fingerprint(), self.argv, cwd,
                               os.environ.get("PYLINTRC", ""), os.environ.get("PYLINT_HYBRIDIZE_PARAMETER_POLICY", "")]
        folders = [Path(cwd), *Path(cwd).parents, Path.home(), Path.home() / ".config", Path("/etc")]
        candidates = [folder / name for folder in folders for name in _PYLINT_CONFIG_NAMES]
        if rcfile:
            candidates.append(Path(rcfile))
        if os.environ.get("PYLINTRC"):
            candidates.append(Path(os.environ["PYLINTRC"]))
        for candidate in candidates:
            try:
                material.append((str(candidate), digest(candidate.read_bytes())))
            except OSError:
                continue
        return hashlib.sha256(json.dumps(material).encode("utf-8", "surrogatepass")).hexdigest()

    def _record_path(self) -> Path | None:
        if self.key is None:
            return None
        folder = os.environ.get(CACHE_DIR_ENV)
        base = Path(folder) if folder else project_root(os.path.join(os.getcwd(), "x")) / CACHE_DIR
        return base / f"v{FORMAT}" / "runs" / f"{self.key}.json"

    def replay(self, walk: Any) -> int | None:
        """Print the recorded run and return its exit status, if it still holds; else None.
        ``walk(paths, ignore, ignore_patterns, ignore_paths)``: the files the run would check."""
        target = self._record_path()
        if target is None:
            return None
        try:
            with open(target, encoding="utf-8") as handle:
                record = json.load(handle)
            if not isinstance(record, dict) or record.get("key") != self.key:
                return None
            files = walk(self.paths, record["ignore"], record["ignore_patterns"], record["ignore_paths"])
            if files != record["files"]:
                return None
            cache = CheckCache("check", file_options(record["settings"]))
            if [cache.key(path) for path in files] != record["keys"]:
                return None
            stdout, stderr, status = record["stdout"], record["stderr"], int(record["status"])
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None
        for path in files:
            cache._count(True, path)  # pylint: disable=protected-access  # each file served
        sys.stdout.write(stdout)
        sys.stderr.write(stderr)
        return status

    def store(self, linter: Any, settings: list[tuple[str, Any]], stdout: str, stderr: str, status: int) -> None:
        target = self._record_path()
        if target is None:
            return
        config = linter.config
        record = {
            "key": self.key,
            "ignore": sorted(getattr(config, "ignore", ()) or ()),
            "ignore_patterns": [p.pattern for p in getattr(config, "ignore_patterns", ()) or ()],
            "ignore_paths": [p.pattern for p in getattr(config, "ignore_paths", ()) or ()],
            "settings": settings,
            "files": list(linter.files),
            "keys": [linter.entries[path][0] for path in linter.files],
            "stdout": stdout, "stderr": stderr, "status": status,
        }
        if None in record["keys"]:
            return
        try:
            _write_atomically(target, json.dumps(record, default=_jsonable))
        except (OSError, ValueError, TypeError, RecursionError):
            return


class Tee:
    """A stream that passes everything on and keeps a copy (``check``'s output, for its run record)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("stream", "parts"):
            raise AttributeError(name)  # unpickled (pylint -j sends the linter, its reporter's stream too)
        return getattr(self.stream, name)

    def text(self) -> str:
        return "".join(self.parts)
