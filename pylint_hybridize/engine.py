"""Run the hybridize checkers outside a pylint run (flake8 front-end, ``fix`` command).

The checkers are pylint checker classes; here they get a linter that only
collects their messages, and a walker that dispatches ``visit_*``/``leave_*``
exactly like pylint's, so every front-end reports the same findings.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import gc
import os
import re
import sys
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import astroid
from astroid import nodes, rebuilder
from astroid.builder import AstroidBuilder
from pylint.interfaces import UNDEFINED, Confidence
from pylint import utils as pylint_utils
from pylint.lint import PyLinter
from pylint.utils.file_state import FileState

from pylint_hybridize import fixes
from pylint_hybridize.checkers import register_all
from pylint_hybridize.checkers.base import DEBUG_ENV, HybridizeChecker
from pylint_hybridize.isolation import isolate_tensorflow as isolate
from pylint_hybridize.model import forget_models, forget_stale_package, fresh_cached_module, record_parse, worth_building
from pylint_hybridize.registry import all_rules, flake8_code
from pylint_hybridize.suppressions import finding_line, module_text, noqa_lines_of


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    col: int
    end_line: int | None
    end_col: int | None
    msgid: str
    symbol: str
    message: str
    confidence: str
    fix: fixes.Fix | None = None

    @property
    def flake8_code(self) -> str:
        return flake8_code(self.msgid)


@dataclass
class Collected:  # pylint: disable=too-many-instance-attributes
    """One message as a checker added it, with the fix it carries."""

    msgid: str
    node: nodes.NodeNG | None
    args: Any
    confidence: Confidence
    line: int | None
    col: int | None
    fix: fixes.Fix | None = None


class CollectingLinter(PyLinter):
    """A PyLinter whose add_message collects instead of reporting.

    It decides what ``# pylint: disable`` silences exactly as pylint does (its own ``FileState``, filled
    by its own ``process_tokens`` from the module's comments, ``read_pragmas``), and what ``# noqa``
    silences through the checkers' ``report`` (``pylint_hybridize.suppressions``); the lines of silenced
    findings are kept in ``silenced_lines`` (``fix`` leaves them alone)."""

    def __init__(self) -> None:
        super().__init__()
        self.collected: list[Collected] = []
        self.silenced_lines: set[int] = set()
        self.ours: frozenset[str] = frozenset()
        self._last: Collected | None = None

    def read_pragmas(self, module: nodes.Module, text: str) -> None:
        """pylint's own reading of the module's ``# pylint:`` comments, into this linter's file state."""
        self.file_state = FileState(module.name, self.msgs_store, module)
        self._ignore_file = False
        if not _PYLINT_PRAGMA.search(text):
            return
        try:
            self.process_tokens(pylint_utils.tokenize_module(module))
        except (tokenize.TokenError, SyntaxError, ValueError):
            self.file_state = FileState(module.name, self.msgs_store, module)

    def add_message(  # type: ignore[override]  # pylint: disable=too-many-arguments
        self,
        msgid: str,
        line: int | None = None,
        node: nodes.NodeNG | None = None,
        args: Any = None,
        confidence: Confidence | None = None,
        col_offset: int | None = None,
        end_lineno: int | None = None,
        end_col_offset: int | None = None,
    ) -> None:
        self._last = None
        if msgid not in self.ours:
            return  # pylint's own messages about pragmas (unknown-option-value, file-ignored...)
        where = finding_line(node, line)
        if self._ignore_file or (where is not None and not self.is_message_enabled(msgid, where)):
            if where is not None:
                self.silenced_lines.add(where)
            return
        self._last = Collected(msgid, node, args, confidence or UNDEFINED, line, col_offset)
        self.collected.append(self._last)

    def silenced(self, node: nodes.NodeNG) -> None:
        """A checker found ``node``'s finding silenced by ``# noqa`` (all lines flake8 searched)."""
        where = finding_line(node)
        if where is not None:
            first, last = noqa_lines_of(node.root()).span(where)
            self.silenced_lines.update(range(first, last + 1))

    def attach_fix(self, fix: fixes.Fix) -> None:
        """Attach ``fix`` to the message the checker has just added (HybridizeChecker.report)."""
        if self._last is not None:
            self._last.fix = fix


_PYLINT_PRAGMA = re.compile(r"\bpylint:")


class Engine:
    """Holds one collecting linter with the hybridize checkers registered."""

    def __init__(
        self,
        extra_decorators: Iterable[str] | None = None,
        disabled: Iterable[str] = (),
        enabled: Iterable[str] = (),
        isolate_tensorflow: bool = True,
        watch_files: bool = True,
    ) -> None:
        """``enabled``: symbols or ids of messages that are off by default to turn on.

        ``isolate_tensorflow``: keep astroid's own parse-time inference out of the installed
        TF/Keras sources for this process (see the pylint option hybridize-isolate-tensorflow);
        the engine runs nothing but our checks, which never need them.

        ``watch_files``: before each file, forget what was cached about its package when a file of
        it changed on disk since the previous check (a long-lived engine: editor, ``fix``).
        """
        self.watch_files = watch_files
        if isolate_tensorflow:
            isolate()
        self.linter = CollectingLinter()
        register_all(self.linter)
        self.linter.ours = frozenset(
            name for rule in all_rules() for name in (rule.msgid, rule.symbol, *(n for old in rule.old_names for n in old))
        )
        if extra_decorators is not None:
            self.linter.config.hybridize_extra_decorators = tuple(extra_decorators)
        disabled_set = set(disabled)
        enabled_set = set(enabled)
        for symbol in enabled_set:
            try:
                self.linter.enable(symbol)  # checkers may ask linter.is_message_enabled()
            except Exception:  # pylint: disable=broad-except  # not one of ours: ignore
                continue
        for rule in all_rules():
            if not rule.default_enabled and rule.symbol not in enabled_set and rule.msgid not in enabled_set:
                disabled_set.add(rule.symbol)
        self.checkers = [
            checker
            for checker in self.linter.get_checkers()
            if isinstance(checker, HybridizeChecker) and checker.msgs
        ]
        self._visits: dict[str, list[Any]] = {}
        self._leaves: dict[str, list[Any]] = {}
        for checker in self.checkers:
            for member in dir(checker):
                if member.startswith(("visit_", "leave_")):
                    method = getattr(checker, member)
                    wanted = getattr(method, "checks_msgs", None)
                    if wanted is not None and all(
                        self._msg_disabled(m, disabled_set) for m in wanted
                    ):
                        continue
                    table = self._visits if member.startswith("visit_") else self._leaves
                    table.setdefault(member[6:], []).append(method)
        self.disabled = disabled_set
        self._dispatch: dict[type, tuple[tuple[Any, ...], tuple[Any, ...]]] = {}

    def _msg_disabled(self, msg: str, disabled: set[str]) -> bool:
        try:
            definitions = self.linter.msgs_store.get_message_definitions(msg)
        except Exception:  # pylint: disable=broad-except
            return False
        return any(d.msgid in disabled or d.symbol in disabled for d in definitions)

    def check_module(self, module: nodes.Module, text: str | None = None) -> list[Finding]:
        """The findings of ``module`` that no ``# noqa`` or ``# pylint: disable`` silences (the lines of
        those that are: ``silenced_lines``). ``text``: the module's source, when the caller has it."""
        self.linter.collected = []
        self.linter.silenced_lines = set()
        self.linter.read_pragmas(module, module_text(module) if text is None else text)
        for checker in self.checkers:
            checker.open()
        self._walk(module)
        findings = []
        path = module.file or "<string>"
        for collected in self.linter.collected:
            msgid, node, args, confidence, line, col = (
                collected.msgid, collected.node, collected.args, collected.confidence, collected.line, collected.col,
            )
            definition = self.linter.msgs_store.get_message_definitions(msgid)[0]
            if definition.msgid in self.disabled or definition.symbol in self.disabled:
                continue
            text = definition.msg % args if args is not None else definition.msg
            if node is not None:
                position = node.position or node  # pylint reports defs at their name
                line = line if line is not None else position.lineno
                col = col if col is not None else position.col_offset
            findings.append(
                Finding(
                    path=path,
                    line=line or 1,
                    col=col or 0,
                    end_line=getattr(node, "end_lineno", None),
                    end_col=getattr(node, "end_col_offset", None),
                    msgid=definition.msgid,
                    symbol=definition.symbol,
                    message=text,
                    confidence=confidence.name,
                    fix=collected.fix,
                )
            )
        findings.sort(key=lambda f: (f.line, f.col, f.msgid))
        return findings

    @property
    def silenced_lines(self) -> set[int]:
        """The lines of the findings the last ``check_module`` found silenced."""
        return self.linter.silenced_lines

    def check_source(
        self, source: str, path: str = "<string>", modname: str | None = None, tree: ast.Module | None = None
    ) -> list[Finding]:
        """Parse ``source`` with astroid and check it; a syntax error yields no finding.

        ``tree``: the ``ast`` of exactly ``source`` when the caller has parsed it already (flake8):
        astroid's tree is then rebuilt from it instead of parsing the text again (``tree`` is left
        as it was, for the host's other checkers)."""
        modname = modname or module_name_for(path)
        if self.watch_files and forget_stale_package(path):
            forget_models()
        extra = tuple(getattr(self.linter.config, "hybridize_extra_decorators", ()) or ())
        if tree is not None and not worth_building(tree, path, extra):
            return []  # the pre-pass: a module no model would look at, decided before astroid builds it
        with import_root_on_sys_path(path):
            try:
                module = fresh_cached_module(path, modname, source)
                if module is None and not self.watch_files:
                    module = _built_by_astroid(path, modname, source)
                if module is None and tree is not None:
                    module = build_from_ast(tree, source, modname, path)
                if module is None:
                    module = astroid.parse(source, module_name=modname, path=path)
                    if modname and _is_file_with(path, source):
                        # shared with the cross-module analysis of sibling modules (as under pylint),
                        # so that each file is parsed once per process
                        astroid.MANAGER.cache_module(module)
                        record_parse(path)
            except (astroid.AstroidBuildingError, ValueError, RecursionError):
                return []
            return self.check_module(module, source)

    def _walk(self, module: nodes.Module) -> None:
        # iterative: (node, entering?) pairs; deep code cannot exhaust the stack. A node whose class
        # has no leave_* callback gets no exit entry (nothing would run there).
        dispatch = self._dispatch
        call = self._call
        stack: list[tuple[nodes.NodeNG, bool]] = [(module, True)]
        pop, push = stack.pop, stack.append
        while stack:
            node, entering = pop()
            cls = node.__class__
            callbacks = dispatch.get(cls)
            if callbacks is None:
                callbacks = dispatch[cls] = self._callbacks_for(cls)
            visits, leaves = callbacks
            if entering:
                for callback in visits:
                    call(callback, node)
                if leaves:
                    push((node, False))
                children = list(node.get_children())
                children.reverse()
                stack.extend([(child, True) for child in children])
            else:
                for callback in leaves:
                    call(callback, node)

    def _callbacks_for(self, cls: type) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """(visit callbacks, leave callbacks) for nodes of class ``cls`` (as pylint dispatches: by
        the class name in lower case)."""
        cid = cls.__name__.lower()
        return tuple(self._visits.get(cid, ())), tuple(self._leaves.get(cid, ()))

    @staticmethod
    def _call(callback: Any, node: nodes.NodeNG) -> None:
        try:
            callback(node)
        except Exception:  # pylint: disable=broad-except  # never crash the host tool
            if os.environ.get(DEBUG_ENV):
                raise


@contextlib.contextmanager
def import_root_on_sys_path(path: str | None) -> Iterator[None]:
    """While a file is parsed and checked, the folder its imports resolve from is on ``sys.path``, as
    pylint makes it (``discover_package_path``): the folder above its top-level package, or its own
    folder outside a package. astroid resolves ``from utils.tf_utils import *`` while it builds the
    module: without this, ``fix`` and flake8 (console scripts, whose ``sys.path`` holds their own
    folder) saw no ``tf`` where pylint did."""
    if not path or path.startswith("<"):
        yield
        return
    directory = os.path.dirname(os.path.abspath(path))
    while os.path.isfile(os.path.join(directory, "__init__.py")) and os.path.dirname(directory) != directory:
        directory = os.path.dirname(directory)
    if directory in sys.path:
        yield
        return
    sys.path.insert(0, directory)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(directory)


_TYPE_COMMENT = re.compile(r"#\s*type:")


class _KeepTreeRebuilder(rebuilder.TreeRebuilder):
    """astroid's TreeRebuilder, except that it does not take docstrings out of the ``ast`` it reads
    (its ``_get_doc`` shortens ``node.body`` in place): a shallow copy of the def/class/module
    carries the shortened body, so the host's tree stays intact for its other checkers."""

    def _get_doc(self, node):  # type: ignore[no-untyped-def]
        body = getattr(node, "body", None)
        if body and isinstance(body[0], ast.Expr):
            first = body[0].value
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                node = copy.copy(node)
                node.body = body[1:]
                return node, first
        return node, None


def build_from_ast(tree: ast.Module, source: str, modname: str, path: str) -> nodes.Module | None:
    """The astroid module that ``astroid.parse(source, modname, path)`` builds, rebuilt from ``tree``
    (``ast.parse(source)``, as flake8 hands it to plugins) instead of parsing ``source`` again: what
    astroid's ``AstroidBuilder.string_build`` does after its own ``ast.parse``. None when this
    astroid lacks the pieces used (then the caller parses)."""
    if not isinstance(tree, ast.Module) or _TYPE_COMMENT.search(source):
        return None  # astroid parses with type comments (they change an Assign's end): parse the text
    try:
        builder = AstroidBuilder(astroid.MANAGER)
        node_file = os.path.abspath(path) if path is not None else "<?>"
        if modname.endswith(".__init__"):
            modname = modname[:-9]
            package = True
        else:
            package = path is not None and os.path.splitext(os.path.basename(path))[0] == "__init__"
        tree_builder = _KeepTreeRebuilder(astroid.MANAGER, source)
        module = tree_builder.visit_module(tree, modname, node_file, package)
        module.file_bytes = source.encode("utf-8")
        return builder._post_build(module, tree_builder, "utf-8")  # pylint: disable=protected-access
    except (AttributeError, TypeError):  # another astroid's private API: parse the text instead
        return None


def _built_by_astroid(path: str, modname: str, source: str) -> nodes.Module | None:
    """(one run that does not watch files: flake8) The module astroid built for ``path`` itself while
    inferring into it from another module (a base class, ``delayed_assattr``), when ``source`` is the
    file's text: pylint lints that same cached module (``AstroidManager.ast_from_file`` answers from
    its cache), so rebuilding it only doubled its cost and put a second tree of the file in the cache
    (8 of tensorflow-addons' 125 modules, 4 of dm-sonnet's 144)."""
    if not modname or not path or path.startswith("<"):
        return None
    cached = astroid.MANAGER.astroid_cache.get(modname)
    if cached is None or not cached.file or os.path.abspath(cached.file) != os.path.abspath(path):
        return None
    if not _is_file_with(path, source):
        return None
    record_parse(path)
    return cached


def _is_file_with(path: str, source: str) -> bool:
    """Whether ``path`` is a file on disk whose text is exactly ``source``."""
    if not path or path.startswith("<") or not os.path.isfile(path):
        return False
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read() == source
    except (OSError, UnicodeDecodeError):
        return False


# Python runs a full (generation-2) garbage collection after every 10 generation-1 ones (and once
# the survivors have grown by a quarter). Our checks keep every module's astroid tree alive for the
# whole run (astroid's cache, which the cross-module analysis shares), flake8 alone keeps almost
# nothing (pylint holds the trees too, and our models and caches add to them), so each full collection rescans all the trees: on tf-agents (542 files) 17 of them took
# 4.1 s of a 24 s run. A gen-1 threshold of 100 leaves 3-4 full collections there (1.3 s); young
# garbage is still collected as often as before (generation 0 is untouched).
_GC_THRESHOLD1 = 100


def fewer_full_collections() -> None:
    """(flake8 front-end, pylint plugin) Raise the process's gen-1 collection threshold to ``_GC_THRESHOLD1`` (never lowers it; a
    disabled collector stays disabled)."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    if threshold0 and threshold1 < _GC_THRESHOLD1:
        gc.set_threshold(threshold0, _GC_THRESHOLD1, threshold2)


def module_name_for(path: str) -> str:
    """Dotted module name from the package folders above ``path`` (for relative imports)."""
    if not path or path.startswith("<"):
        return ""
    path = os.path.abspath(path)
    directory, filename = os.path.split(path)
    parts = [os.path.splitext(filename)[0]]
    if parts[0] == "__init__":
        parts = []
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        directory, package = os.path.split(directory)
        parts.insert(0, package)
        if not package:
            break
    return ".".join(parts)
