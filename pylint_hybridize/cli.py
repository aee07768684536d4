"""``pylint-hybridize``: this plugin's checks only, and its fixes.

    pylint-hybridize --version
    pylint-hybridize [check] PATH... [--format text|json|sarif] [-j N] [--enable MSGS] [--disable MSGS]
                     [--rcfile FILE] [--hybridize-... VALUE] [other pylint options as --option=value]
        Lint with the project's pylint configuration; print this plugin's messages only.
    pylint-hybridize fix PATH... [--diff] [--unsafe-fixes] [--select MSGS] [--ignore MSGS]
                     [--enable MSGS] [--disable MSGS] [--rcfile FILE] [--no-config] [--hybridize-... VALUE]
        Apply the suggested fixes: safe ones by default, all with --unsafe-fixes. --diff prints a
        unified diff (git apply accepts it) and writes nothing.
    pylint-hybridize rules
        Every message: pylint id, flake8 code, symbol, on by default or opt-in, fixability.

Exit status (check and fix, as ruff's): 0 no finding left; 1 findings left, a file could not be
checked or fixed, or --diff would change something; 2 usage error or internal error.
`pylint-hybridize check --help` and `pylint-hybridize fix --help` say more.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
"""Findings left, a file that could not be checked or fixed, or a --diff that is not empty (ruff's 1)."""
EXIT_ERROR = 2
"""Usage error (bad option, no path, unknown message) or internal error (ruff's 2)."""
USAGE_ERROR = EXIT_ERROR
PROGRESS_MIN_FILES = 20
"""Progress lines go to stderr when it is a terminal and a run checks at least this many files."""

_FILES_HELP = """Files: every .py file under the folders given, in subfolders with or without __init__.py,
except in .git, .venv, venv, build, dist, node_modules, .tox, __pycache__ and other dot folders,
what pylint's ignore, ignore-paths and ignore-patterns exclude, and (inside a git work tree) what git
ignores; a file named on the command line is always taken. Only regular files are read. A path that
does not exist, a file that cannot be read, a binary file and one that does not parse are reported on
stderr, one line each, and the other files go on.

Configuration: pylint reads the project's pyproject.toml, pylintrc, setup.cfg or (pylint >= 3.3)
tox.ini (or --rcfile) as usual. Of this plugin's messages, those it leaves enabled are used (opt-in
ones only when it enables them); --enable/--disable apply on top ('all': every message of this
plugin). `check` and `fix` read the same options the same way.

Silencing: `# noqa` or `# noqa: HYB101` (a code or a prefix, flake8's rule) and `# pylint:
disable=<symbol or id>` (pylint's scopes) silence a finding on every path; `fix` never rewrites a
line whose finding is silenced.

Exit status (as ruff's): 0 no finding left; 1 findings left, or a file could not be checked%s;
2 usage error or internal error."""

_CHECK_EPILOG = (_FILES_HELP % "") + """

Other pylint options are passed to pylint; give them as --option=value. Findings go to stdout; a
summary line on stderr counts them and what `fix` and `fix --unsafe-fixes` with the same options
would fix."""

_FIX_EPILOG = (_FILES_HELP % " or fixed\n(read-only, changed while fix ran), or --diff would change something") + """

Fixes are applied to a fixed point, only on lines that carried a finding; a fix after which the
file would have a finding it did not have, or would not compile, is withdrawn. A file changed on
disk while fix ran is left as it is (reported)."""


class UsageError(Exception):
    """Bad command-line input: one line on stderr, exit 2, nothing written."""


def our_default_symbols() -> list[str]:
    """The symbols of this plugin's messages that are on by default (opt-in ones stay off)."""
    from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

    return sorted(rule.symbol for rule in all_rules() if rule.default_enabled)


def pylint_arguments(paths: Sequence[str], extra: Sequence[str] = ()) -> list[str]:
    """pylint's arguments for a plugin-only run with the default messages (benchmarks, tests)."""
    return [
        "--load-plugins=pylint_hybridize",
        "--disable=all",
        f"--enable={','.join(our_default_symbols())}",
        "--score=n",
        "--persistent=n",
        *extra,
        *paths,
    ]


def _message_names() -> dict[str, str]:
    """symbol, pylint id and HYB code (lower case) -> symbol, for every message of the plugin."""
    from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

    return {name.lower(): rule.symbol for rule in all_rules() for name in rule.names}


def message_list(values: Sequence[str], option: str) -> list[str]:
    """Symbols named by --enable/--disable/--select/--ignore values (comma-separated, repeatable; ``all``)."""
    names = _message_names()
    symbols: list[str] = []
    for value in values:
        for name in (part.strip() for part in value.split(",")):
            if not name:
                continue
            if name.lower() == "all":
                symbols.extend(sorted(set(names.values())))
            elif name.lower() in names:
                symbols.append(names[name.lower()])
            else:
                raise UsageError(f"{option}: {name!r} is not a message of this plugin (see `pylint-hybridize rules`)")
    return symbols


# -- the options check and fix share -------------------------------------------------------------
def _parser(prog: str, description: str, epilog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description, epilog=epilog,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
    parser.add_argument("--enable", action="append", default=[], metavar="MSGS",
                        help="messages to turn on (symbols, pylint ids or HYB codes, comma-separated); "
                        "'all' is every message of this plugin, opt-in ones included")
    parser.add_argument("--disable", action="append", default=[], metavar="MSGS", help="messages to turn off ('all' too)")
    parser.add_argument("--rcfile", default=None, metavar="FILE", help="pylint configuration file to use")
    from pylint_hybridize.options import OPTIONS  # pylint: disable=import-outside-toplevel

    for option in OPTIONS:
        if option.type == "flag":  # --no-cache: --hybridize-no-cache's short spelling
            parser.add_argument(f"--{option.name.removeprefix('hybridize-')}", f"--{option.name}", action="store_true",
                                default=None, dest=option.name.replace("-", "_"), help=option.help)
            continue
        parser.add_argument(f"--{option.name}", default=None, metavar=option.metavar or None, help=option.help,
                            choices=option.choices or None)
    return parser


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[argparse.Namespace, list[str]] | int:
    """(options, unknown arguments), or the exit status of --help (0) / argparse's own usage error (2)."""
    try:
        return parser.parse_known_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code in (0, None) else EXIT_ERROR


def _given_options(options: argparse.Namespace) -> list[str]:
    """The shared options as given, for a command line to repeat (``fix --enable=all``)."""
    from pylint_hybridize.options import OPTIONS  # pylint: disable=import-outside-toplevel

    given = [f"--enable={value}" for value in options.enable] + [f"--disable={value}" for value in options.disable]
    if options.rcfile:
        given.append(f"--rcfile={options.rcfile}")
    for option in OPTIONS:
        value = getattr(options, option.name.replace("-", "_"))
        if value is not None and option.name != "hybridize-isolate-tensorflow":
            given.append(f"--{option.name.removeprefix('hybridize-')}" if option.type == "flag" else f"--{option.name}={value}")
    return given


def _quote(argument: str) -> str:
    import shlex  # pylint: disable=import-outside-toplevel

    return shlex.quote(argument)


# -- check ---------------------------------------------------------------------------------------
class _OursOnly:
    """Wraps pylint's reporter: passes on this plugin's messages (``# noqa`` and ``# pylint: disable``
    silenced them already: ``pylint_hybridize.suppressions``), keeps the files pylint could not check
    for stderr, and drops pylint's own messages (for example unknown-option-value for another tool's
    ``# pylint: disable=g-...`` pragmas). A closed stdout stops the output, not the run."""

    def __init__(self, handle: Callable[[Any], None], ours: set[str], emitted: Callable[[Any], None]) -> None:
        self.handle = handle
        self.ours = ours
        self.emitted = emitted
        self.findings: list[Any] = []
        self.failures: list[str] = []
        self.failed: set[str] = set()
        self.by_file: dict[str, list[Any]] = {}
        """abspath -> its messages, in the order pylint emitted them (what the result cache stores)."""
        self.buffering = False
        """Hold the messages back (``replay`` prints them in file order, with those of the cache)."""
        self.stdout_closed = False

    def handle_message(self, msg: Any) -> None:
        if msg.msg_id in self.ours:
            self.findings.append(msg)
            self.by_file.setdefault(msg.abspath, []).append(msg)
            self.emitted(msg)
            if not self.buffering:
                self.report(msg)
        elif msg.msg_id[:1] == "F" or msg.symbol in ("syntax-error", "astroid-error"):
            self.failures.append(f"{msg.path}:{msg.line}: {msg.symbol}: {msg.msg}")
            self.failed.add(msg.abspath)

    def report(self, msg: Any) -> None:
        if not self.stdout_closed:
            try:
                self.handle(msg)
            except BrokenPipeError:
                self.stdout_closed = True


def _linter_class() -> type:  # pylint: disable=too-many-statements
    from pylint.lint import PyLinter  # pylint: disable=import-outside-toplevel

    from pylint_hybridize import files as walker  # pylint: disable=import-outside-toplevel
    from pylint_hybridize.suppressions import finding_line, noqa_lines_of  # pylint: disable=import-outside-toplevel

    class CheckLinter(PyLinter):
        """pylint with the project's configuration; then this plugin's messages only, over the
        files the shared walker yields (``pylint_hybridize.files``), minus pylint's ignore lists.
        Each finding keeps the fix its checker attached, and the module it was found in, so that the
        summary counts what ``fix`` would do without analysing anything again."""

        cli_enable: list[str] = []
        cli_disable: list[str] = []
        hybridize_front_end_cache = True  # whole files are served from the result cache here (not the plugin's)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._arg_parser.prog = "pylint-hybridize check"  # pylint's usage errors name this command
            self.walk = walker.Walk()
            self.files: list[str] = []
            self.filter: _OursOnly | None = None
            self.progress = False
            self.ours: dict[str, str] = {}
            self.fixes: dict[int, Any] = {}
            self.modules: dict[str, Any] = {}
            self.silenced_lines: dict[str, set[int]] = {}
            self._node: Any = None
            self._emitted: Any = None
            self._done: set[str] = set()
            self.cache: Any = None
            self.entries: dict[str, tuple[str | None, Any]] = {}

        def check(self, files_or_modules: Sequence[str]) -> None:  # type: ignore[override]
            self.walk = walker.python_files(files_or_modules, walker.ignored_by(self.config))
            self.files = self.walk.files
            from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

            self.ours = {rule.msgid: rule.symbol for rule in all_rules()}
            enabled = {symbol for msgid, symbol in self.ours.items() if self.is_message_enabled(msgid)}
            enabled |= set(self.cli_enable)
            enabled -= set(self.cli_disable)
            self.disable("all")
            for symbol in sorted(enabled):
                self.enable(symbol)
            self.enable("syntax-error")
            self.enable("astroid-error")
            self.filter = _OursOnly(self.reporter.handle_message, set(self.ours), self._remember)
            self.reporter.handle_message = self.filter.handle_message  # type: ignore[method-assign]
            self.progress = sys.stderr.isatty() and len(self.files) >= PROGRESS_MIN_FILES
            self.cache = _check_cache(self.config, enabled)
            self.entries = {path: self.cache.lookup(path) for path in self.files}
            to_lint = [path for path in self.files if self.entries[path][1] is None]
            # files served from the cache: pylint never sees them; the messages of the others are held
            # back and printed in file order with the cached ones (the output of a cold run, byte for byte)
            self.filter.buffering = len(to_lint) < len(self.files)
            if to_lint:
                super().check(to_lint)
            if self.progress:
                print("\r\033[K", end="", file=sys.stderr, flush=True)
            if self.filter.buffering:
                for path in self.files:
                    cached = self.entries[path][1]
                    if cached is not None:
                        messages = self.cache.messages(cached)
                        self.filter.findings.extend(messages)
                    else:
                        messages = self.filter.by_file.get(os.path.abspath(path), [])
                    for msg in messages:
                        self.filter.report(msg)

        def set_current_module(self, modname: str, filepath: str | None = None) -> None:
            super().set_current_module(modname, filepath)
            if self.progress and filepath and filepath not in self._done:  # pylint calls this twice a file
                self._done.add(filepath)
                print(f"\r\033[K[{len(self._done)}/{len(self.files)}] {filepath}", end="", file=sys.stderr, flush=True)

        def get_ast(self, filepath: str, modname: str, data: str | None = None) -> Any:
            """pylint's, except that a module too deeply nested for Python's parser is one line
            (pylint printed the RecursionError's traceback, then asked for a bug report)."""
            if data is None:
                from astroid import MANAGER  # pylint: disable=import-outside-toplevel

                try:
                    return MANAGER.ast_from_file(filepath, modname, source=True)
                except RecursionError:
                    self.add_message("syntax-error", line=1, args="too deeply nested for Python's parser (RecursionError)")
                    return None
                except Exception:  # pylint: disable=broad-except  # pylint reports it its own way
                    pass
            return super().get_ast(filepath, modname, data)

        def add_message(self, msgid: str, line: int | None = None, node: Any = None, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
            self._node, self._emitted = node, None
            if node is not None and (msgid in self.ours or msgid in self.ours.values()):
                where = finding_line(node, line)
                if where is not None and self.is_message_enabled(msgid) and not self.is_message_enabled(msgid, where):
                    self._silence(node, range(where, where + 1))  # a `# pylint: disable` silences it here
            super().add_message(msgid, line, node, *args, **kwargs)

        def _remember(self, msg: Any) -> None:
            self._emitted = msg
            if self._node is not None:
                self.modules.setdefault(msg.abspath, self._node.root())

        def attach_fix(self, fix: Any) -> None:
            """HybridizeChecker.report: the fix of the message just added (if it was reported)."""
            if self._emitted is not None:
                self.fixes[id(self._emitted)] = fix

        def silenced(self, node: Any) -> None:
            """HybridizeChecker.report: a ``# noqa`` silenced the finding at ``node``."""
            where = finding_line(node)
            if where is not None:
                first, last = noqa_lines_of(node.root()).span(where)
                self._silence(node, range(first, last + 1))

        def _silence(self, node: Any, lines: range) -> None:
            path = node.root().file
            if path:
                self.silenced_lines.setdefault(os.path.abspath(path), set()).update(lines)

    return CheckLinter


def _check_parser() -> argparse.ArgumentParser:
    parser = _parser("pylint-hybridize check",
                     "Lint Python files for TensorFlow hybridization anti-patterns (this plugin's messages only).",
                     _CHECK_EPILOG)
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format (default text)")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="pylint processes (0: one per CPU)")
    return parser


def _check(argv: list[str]) -> int:  # pylint: disable=too-many-locals
    parsed = _parse(_check_parser(), argv)
    if isinstance(parsed, int):
        return parsed
    options, passthrough = parsed
    stray = [argument for argument in passthrough if not argument.startswith("-")]
    if stray:
        raise UsageError(f"{stray[0]!r}: give pylint options as --option=value")
    if not options.paths:
        raise UsageError("no path given (see pylint-hybridize check --help)")
    record = None
    if not options.hybridize_no_cache:  # the same run on the same files as last time: its output, no pylint
        from pylint_hybridize.cache import CheckRun as RunRecord  # pylint: disable=import-outside-toplevel

        record = RunRecord(argv, options.paths, options.rcfile)
        status = record.replay(_walk_again)
        if status is not None:
            return status
        if record.key is None:
            record = None  # the cache is off (PYLINT_HYBRIDIZE_NO_CACHE)
    enable = message_list(options.enable, "--enable")
    disable = message_list(options.disable, "--disable")
    formats = {"text": None, "json": "pylint_hybridize.reporters.JSONReporter",
               "sarif": "pylint_hybridize.reporters.SarifReporter"}
    arguments = ["--load-plugins=pylint_hybridize", "--score=n", "--persistent=n", "--reports=n"]
    if options.rcfile:
        arguments.append(f"--rcfile={options.rcfile}")
    if options.jobs is not None:
        arguments.append(f"--jobs={options.jobs}")
    if formats[options.format]:
        arguments.append(f"--output-format={formats[options.format]}")
    from pylint_hybridize.options import OPTIONS  # pylint: disable=import-outside-toplevel

    for option in OPTIONS:
        value = getattr(options, option.name.replace("-", "_"))
        if value is not None:
            arguments.append(f"--{option.name}={'y' if value is True else value}")
    if options.hybridize_isolate_tensorflow is None:
        arguments.append("--hybridize-isolate-tensorflow=yes")  # only our messages are reported
    traces = _trace_record_problem(options.hybridize_traces)
    if traces:
        raise UsageError(traces)
    from pylint.lint import Run  # pylint: disable=import-outside-toplevel

    linter_class = _linter_class()
    linter_class.cli_enable, linter_class.cli_disable = enable, disable

    class CheckRun(Run):
        LinterClass = linter_class

    stdout = sys.stdout
    if record is not None:
        from pylint_hybridize.cache import Tee  # pylint: disable=import-outside-toplevel

        sys.stdout = Tee(stdout)  # type: ignore[assignment]  # pylint's reporters write here: kept for the record
    try:
        run = CheckRun([*arguments, *passthrough, *options.paths], exit=False)
    except SystemExit as exit_:  # pylint's own usage errors (unknown option, bad value)
        return EXIT_ERROR if exit_.code else EXIT_OK
    finally:
        output, sys.stdout = sys.stdout, stdout
    linter = run.linter
    found = linter.filter.findings if linter.filter is not None else []
    problems = [*linter.walk.problems, *(linter.filter.failures if linter.filter is not None else [])]
    told = [f"pylint-hybridize: warning: no Python files found under {folder}" for folder in linter.walk.empty]
    told += [f"pylint-hybridize: could not check {problem}" for problem in problems]
    checked = len(linter.files) + len(linter.walk.problems)
    fixable = _fix_counts(found, linter, enable) if found else None
    if linter.cache is not None:
        linter.cache.store_run(linter, fixable)
    told.append(_check_summary(found, checked, problems, fixable, _given_options(options)))
    for line in told:
        print(line, file=sys.stderr)
    if linter.filter is not None and linter.filter.stdout_closed:
        raise BrokenPipeError
    status = EXIT_FINDINGS if found or problems else EXIT_OK
    if record is not None and linter.cache is not None and linter.cache.enabled and not problems and linter.files:
        record.store(linter, linter.cache.settings, output.text(), "".join(f"{line}\n" for line in told), status)
    return status


def _walk_again(paths: list[str], ignore: list[str], patterns: list[str], ignore_paths: list[str]) -> list[str] | None:
    """The files ``check`` would lint under these ignore lists (a run record's check); None when a
    path could not be read or a folder holds no Python file (the run is then done for real)."""
    import re  # pylint: disable=import-outside-toplevel
    from types import SimpleNamespace  # pylint: disable=import-outside-toplevel

    from pylint_hybridize import files as walker  # pylint: disable=import-outside-toplevel

    config = SimpleNamespace(ignore=ignore, ignore_patterns=[re.compile(p) for p in patterns],
                             ignore_paths=[re.compile(p) for p in ignore_paths])
    walk = walker.python_files(paths, walker.ignored_by(config))
    return None if walk.problems or walk.empty else walk.files


def _trace_record_problem(value: str | None) -> str | None:
    """A trace record named on the command line that cannot be read: a usage error (issue 28, 9)."""
    if not value:
        return None
    from pylint_hybridize import trace_record  # pylint: disable=import-outside-toplevel

    try:
        trace_record.load(value)
    except trace_record.RecordError as error:
        return f"--hybridize-traces: {error}"
    return None


def _s(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _check_summary(found: list[Any], files: int, problems: list[str], fixable: tuple[int, int] | None,
                   given: list[str]) -> str:
    """``pylint-hybridize: 3 findings in 2 of 10 files; `fix` would fix 1 (2 left), `fix --unsafe-fixes` 2 (1 left)``."""
    with_findings = len({msg.abspath for msg in found})
    text = f"pylint-hybridize: {_s(len(found), 'finding')} in {with_findings} of {_s(files, 'file')}"
    if fixable is not None:
        command = " ".join(["fix", *map(_quote, given)])
        safe, unsafe = fixable
        text += (f"; `{command}` would fix {safe} ({len(found) - safe} left), "
                 f"`{command} --unsafe-fixes` {unsafe} ({len(found) - unsafe} left)")
    if problems:
        text += f"; {len(problems)} could not be checked"
    return text


def _fix_counts(found: list[Any], linter: Any, enable: list[str]) -> tuple[int, int]:
    """How many of the findings one run of ``fix`` and of ``fix --unsafe-fixes`` with the same options
    would fix: the fixes the findings carry, chosen and applied in memory as ``fix``'s first pass does
    (``apply.plan_fixes``), once per file; nothing is analysed again. (With ``-j`` pylint's workers keep
    the fixes: those files are analysed once more by the engine.)"""
    # pylint: disable=import-outside-toplevel
    from pylint_hybridize.apply import FixError, Policy, lint_text, plan_fixes, read_file
    from pylint_hybridize.engine import Engine, Finding

    by_file: dict[str, list[Any]] = {}
    for msg in found:
        by_file.setdefault(msg.abspath, []).append(msg)
    counts = [0, 0]
    engine = None
    cached = linter.cache.fixable_of_cached(linter) if linter.cache is not None else {}
    linter.fixable = {}
    for path, messages in by_file.items():
        if path in cached:
            counts[0] += cached[path][0]
            counts[1] += cached[path][1]
            continue
        try:
            source = read_file(path)[0]
        except FixError:
            continue
        module = linter.modules.get(path)
        silenced = linter.silenced_lines.get(os.path.abspath(path), set())
        findings = [
            Finding(path, m.line, m.column, m.end_line, m.end_column, m.msg_id, m.symbol, m.msg, m.confidence.name,
                    linter.fixes.get(id(m)))
            for m in messages
        ]
        if module is None:  # pylint -j: the fixes stayed in its workers
            if engine is None:
                config = linter.config
                engine = Engine(extra_decorators=getattr(config, "hybridize_extra_decorators", None),
                                enabled=sorted({*enable, *(m.symbol for m in found)}))
                engine.linter.config.hybridize_traces = getattr(config, "hybridize_traces", "") or ""
                engine.linter.config.hybridize_keras = getattr(config, "hybridize_keras", "auto") or "auto"
            module, findings = lint_text(source, path, engine)
            silenced = engine.silenced_lines
        if module is None:
            continue
        findings.sort(key=lambda f: (f.line, f.col, f.msgid))
        for index, unsafe in enumerate((False, True)):
            plan = plan_fixes(module, source, findings, Policy(unsafe=unsafe), [], silenced)
            counts[index] += len(plan.applied)
            linter.fixable.setdefault(path, [0, 0])[index] = len(plan.applied)
    return counts[0], counts[1]


def _check_cache(config: Any, enabled: set[str]) -> Any:
    """The result cache of ``check`` with these options (``pylint_hybridize.cache``)."""
    from pylint_hybridize.cache import CheckCache, file_options  # pylint: disable=import-outside-toplevel

    settings = [
        ("enabled", sorted(enabled)),
        ("extra-decorators", list(getattr(config, "hybridize_extra_decorators", ()) or ())),
        ("keras", getattr(config, "hybridize_keras", "auto")),
        ("traces", getattr(config, "hybridize_traces", "") or ""),
    ]
    cache = CheckCache("check", file_options(settings), enabled=not getattr(config, "hybridize_no_cache", False))
    cache.settings = settings
    return cache


# -- rules ---------------------------------------------------------------------------------------
def _rules() -> int:
    """``pylint-hybridize rules``: one line per message, from the rule records."""
    from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

    rows = [("id", "flake8", "symbol", "default", "fix")]
    for rule in all_rules():
        rows.append((rule.msgid, rule.flake8_code, rule.symbol, "on" if rule.default_enabled else "opt-in",
                     rule.fix_safety))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return EXIT_OK


# -- fix -----------------------------------------------------------------------------------------
def _fix_parser() -> argparse.ArgumentParser:
    parser = _parser("pylint-hybridize fix", "Apply the suggested fixes of this plugin's messages.", _FIX_EPILOG)
    parser.add_argument("--diff", action="store_true",
                        help="print a unified diff (git apply accepts it), write nothing; exit 1 if it is not empty")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    parser.add_argument("--select", action="append", default=[], metavar="MSGS",
                        help="fix only these messages (symbols, ids or HYB codes, comma-separated)")
    parser.add_argument("--ignore", action="append", default=[], metavar="MSGS",
                        help="do not fix these messages (as --disable)")
    parser.add_argument("--no-config", action="store_true", help="ignore the project's pylint configuration")
    return parser


def _fix(argv: list[str]) -> int:  # pylint: disable=too-many-locals,too-many-branches
    """``fix``: ruff's exit status (see the module docstring)."""
    parsed = _parse(_fix_parser(), argv)
    if isinstance(parsed, int):
        return parsed
    options, unknown = parsed
    if unknown:
        raise UsageError(f"unrecognized option {unknown[0]!r}")
    if not options.paths:
        raise UsageError("no path given (see pylint-hybridize fix --help)")
    from pylint_hybridize import files as walker  # pylint: disable=import-outside-toplevel
    # pylint: disable-next=import-outside-toplevel
    from pylint_hybridize.apply import FixError, carry_trace_record, configured_engine, fix_files, write_file
    from pylint_hybridize.options import csv_value  # pylint: disable=import-outside-toplevel

    traces = _trace_record_problem(options.hybridize_traces)
    if traces:
        raise UsageError(traces)
    extra = options.hybridize_extra_decorators
    configured = configured_engine(
        select=message_list(options.select, "--select"),
        ignore=message_list([*options.ignore, *options.disable], "--disable"),
        enable=message_list(options.enable, "--enable"),
        extra_decorators=csv_value(extra) if extra is not None else None,
        rcfile=options.rcfile, use_config=not options.no_config,
    )
    for warning in configured.warnings:
        print(f"pylint-hybridize: warning: {warning}", file=sys.stderr)
    if options.hybridize_traces:
        configured.engine.linter.config.hybridize_traces = options.hybridize_traces
    if options.hybridize_keras:
        configured.engine.linter.config.hybridize_keras = options.hybridize_keras
    configured.policy.unsafe = options.unsafe_fixes
    walk = walker.python_files(options.paths, configured.ignored)
    for folder in walk.empty:
        print(f"pylint-hybridize: warning: no Python files found under {folder}", file=sys.stderr)
    results, errors = fix_files(walk.files, engine=configured.engine, policy=configured.policy,
                                cache=_fix_cache(configured.engine, not options.hybridize_no_cache))
    errors[:0] = [f"could not check {problem}" for problem in walk.problems]
    reported = fixed = changed = left = 0
    for result in results:
        for note in result.notes:
            print(f"pylint-hybridize: {note}", file=sys.stderr)
        reported += result.reported
        if not result.changed:
            left += result.reported
            continue
        if options.diff:
            sys.stdout.write(result.diff())
        else:
            try:
                write_file(result.path, result.fixed, result.encoding, read_digest=result.read_digest)
                carry_trace_record(result.path, result.original, result.fixed, options.hybridize_traces)
            except FixError as error:  # read-only, changed while fix ran: reported, the other files go on
                errors.append(str(error))
                left += result.reported
                continue
            except OSError as error:
                errors.append(f"{result.path}: cannot write ({error.strerror})")
                left += result.reported
                continue
        fixed += result.reported - result.left
        left += result.left
        changed += 1
    for error in errors:
        print(f"pylint-hybridize: {error}", file=sys.stderr)
    verb = "would fix" if options.diff else "fixed"
    print(f"pylint-hybridize: {verb} {fixed} of {_s(reported, 'finding')} in {_s(changed, 'file')} ({left} left)",
          file=sys.stderr)
    return EXIT_FINDINGS if errors or left or (options.diff and changed) else EXIT_OK


def _fix_cache(engine: Any, enabled: bool) -> Any:
    """The result cache of ``fix`` (which files had no finding) for ``engine``'s options."""
    from pylint_hybridize.cache import FindingsCache, file_options  # pylint: disable=import-outside-toplevel

    config = engine.linter.config
    options = file_options([
        ("disabled", sorted(engine.disabled)),
        ("extra-decorators", list(getattr(config, "hybridize_extra_decorators", ()) or ())),
        ("keras", getattr(config, "hybridize_keras", "auto") or "auto"),
        ("traces", getattr(config, "hybridize_traces", "") or ""),
    ])
    return FindingsCache("fix", options, enabled=enabled)


# -- main ----------------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        status = _main(args)
        sys.stdout.flush()  # here, not at the interpreter's exit: a closed stdout is handled below
        return status
    except BrokenPipeError:
        return _closed_stdout()


def _main(args: list[str]) -> int:
    if not args or args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return EXIT_OK if args else EXIT_ERROR
    if args[0] == "--version":
        from pylint import __version__ as pylint_version  # pylint: disable=import-outside-toplevel

        from pylint_hybridize import __version__  # pylint: disable=import-outside-toplevel

        print(f"pylint-hybridize {__version__} (pylint {pylint_version})")
        return EXIT_OK
    try:
        if args[0] == "fix":
            return _fix(args[1:])
        if args[0] == "rules":
            return _rules()
        if args[0] == "check":
            args = args[1:]
        return _check(args)
    except UsageError as error:
        print(f"pylint-hybridize: error: {error}", file=sys.stderr)
        return EXIT_ERROR


def _closed_stdout() -> int:
    """The reader of stdout went away (``pylint-hybridize rules | head -1``): end quietly, as a Unix
    tool does on SIGPIPE (no traceback; the status a shell shows for SIGPIPE where there is one)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush must not fail again
    except (OSError, ValueError):
        pass
    sigpipe = getattr(signal, "SIGPIPE", None)
    return 128 + sigpipe if sigpipe is not None else EXIT_FINDINGS


if __name__ == "__main__":
    sys.exit(main())
