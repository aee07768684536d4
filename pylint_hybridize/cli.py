"""``pylint-hybridize``: this plugin's checks only, and its fixes.

    pylint-hybridize --version
    pylint-hybridize [check] PATH... [--format text|json|sarif] [-j N] [--enable X] [--disable X] [pylint options]
        Lint with pylint and the project's configuration; print this plugin's messages only.
        Exit status: 0 no finding, 1 findings, 2 usage error, 3 a file could not be checked
        (binary, unreadable, does not parse) and there was no finding. `check --help` for more.
        --hybridize-traces=PATH: the record of 'pytest --hybridize-traces' (default: found near the files).
    pylint-hybridize fix PATH... [--diff] [--unsafe-fixes] [--select|--ignore|--enable MSG,...]
        [--hybridize-traces=PATH]
        Apply the suggested fixes: safe ones by default, all with --unsafe-fixes; the
        messages the project's pylint configuration disables are not fixed (--no-config,
        --rcfile FILE). --diff prints a unified diff (git apply accepts it) and writes
        nothing. Exit 0 on success, 1 when a file was refused (does not read, decode or
        parse; read-only) or --diff would change something, 2 on bad usage.
    pylint-hybridize rules
        Every message: pylint id, flake8 code, symbol, on by default or opt-in, fixability.
"""

from __future__ import annotations

import argparse
import linecache
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
USAGE_ERROR = 2
EXIT_NOT_CHECKED = 3
_SKIP_DIRECTORIES = {".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "__pycache__", "build", "dist", "node_modules"}
PROGRESS_MIN_FILES = 20
"""Progress lines go to stderr when it is a terminal and a run checks at least this many files."""

_CHECK_EPILOG = """Files: every .py file under the paths, in subfolders with or without __init__.py (the files
`fix` changes), except in .git, .venv, venv, build, dist, node_modules, .tox, __pycache__ and
other dot folders, and except what pylint's ignore, ignore-paths and ignore-patterns exclude.

Configuration: pylint reads the project's pyproject.toml, pylintrc, setup.cfg or (pylint >= 3.3) tox.ini (or
--rcfile) as usual. Of this plugin's messages, those it leaves enabled are reported (opt-in ones
only when the configuration enables them); --enable/--disable here apply on top. Only this
plugin's messages are printed. A finding is silenced by `# pylint: disable=<symbol or id>` (with
pylint's scopes) and by `# noqa` or `# noqa: HYB101` on its line, exactly as `fix` leaves it alone.

Other pylint options are passed to pylint; give them as --option=value.

Exit status: 0 no finding; 1 findings; 2 usage error (bad option, missing path); 3 no finding,
but a file could not be checked (binary, unreadable, or does not parse: see stderr).
A summary line on stderr counts the findings and what `fix` and `fix --unsafe-fixes` would fix."""


class UsageError(Exception):
    """Bad command-line input: one line on stderr, non-zero exit, nothing written."""


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


def walk_python_files(
    path: str, skip_directory: Callable[[str], bool] = lambda _path: False
) -> Iterator[str]:
    """The .py files under a directory, sorted, subfolders without __init__.py included; never into
    virtualenvs, build output, VCS or dot folders, nor a folder ``skip_directory`` names."""
    for directory, subdirectories, files in os.walk(path):
        subdirectories[:] = sorted(
            d for d in subdirectories
            if d not in _SKIP_DIRECTORIES and not d.startswith(".") and not skip_directory(os.path.join(directory, d))
        )
        yield from (os.path.join(directory, f) for f in sorted(files) if f.endswith(".py"))


def python_files(paths: Sequence[str]) -> list[str]:
    """The .py files named or found under the paths; UsageError for a path that is not usable."""
    if not paths:
        raise UsageError("no path given")
    found: list[str] = []
    for path in paths:
        if not os.path.exists(path):
            raise UsageError(f"{path}: no such file or directory")
        if os.path.isdir(path):
            before = len(found)
            found.extend(walk_python_files(path))
            if len(found) == before:
                raise UsageError(f"{path}: no Python files found")
        else:
            if not os.access(path, os.R_OK):
                raise UsageError(f"{path}: not readable")
            found.append(path)
    return found


def _message_names() -> dict[str, str]:
    """symbol, pylint id and HYB code (lower case) -> symbol, for every message of the plugin."""
    from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

    return {name.lower(): rule.symbol for rule in all_rules() for name in rule.names}


def _message_list(values: Sequence[str], option: str) -> list[str]:
    """Symbols named by --enable/--disable values (comma-separated, repeatable; ``all``)."""
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


_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z0-9]+(?:[,\s]+[A-Z0-9]+)*))?", re.IGNORECASE)


def silenced_by_noqa(line_text: str, msgid: str) -> bool:
    """flake8's rule: ``# noqa`` alone, or naming the finding's HYB code or a prefix of it (``HYB``, ``HYB1``)."""
    from pylint_hybridize.registry import flake8_code  # pylint: disable=import-outside-toplevel

    match = _NOQA.search(line_text)
    if not match:
        return False
    codes = match.group("codes")
    if not codes:
        return True
    code = flake8_code(msgid)
    return any(code.startswith(c.upper()) for c in re.split(r"[,\s]+", codes) if c)


class _OursOnly:
    """Wraps pylint's reporter: passes on this plugin's messages (unless ``# noqa`` silences them),
    keeps the files pylint could not check for stderr, and drops pylint's own messages (for example
    unknown-option-value for another tool's ``# pylint: disable=g-...`` pragmas)."""

    def __init__(self, handle: Callable[[Any], None], ours: set[str]) -> None:
        self.handle = handle
        self.ours = ours
        self.findings: list[Any] = []
        self.failures: list[str] = []

    def handle_message(self, msg: Any) -> None:
        if msg.msg_id in self.ours:
            if silenced_by_noqa(linecache.getline(msg.abspath, msg.line or 0), msg.msg_id):
                return
            self.findings.append(msg)
            self.handle(msg)
        elif msg.msg_id[:1] == "F" or msg.symbol in ("syntax-error", "astroid-error"):
            self.failures.append(f"{msg.path}:{msg.line}: {msg.symbol}: {msg.msg}")


def _linter_class() -> type:
    from pylint.lint import PyLinter  # pylint: disable=import-outside-toplevel

    class CheckLinter(PyLinter):
        """pylint with the project's configuration; then this plugin's messages only, over the
        files that ``fix`` would change, minus pylint's ignore lists."""

        cli_enable: list[str] = []
        cli_disable: list[str] = []
        skipped: list[str] = []
        files: list[str] = []
        filter: _OursOnly | None = None
        progress = False

        def check(self, files_or_modules: Sequence[str]) -> None:  # type: ignore[override]
            self.files = self._files(files_or_modules)
            from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

            ours = {rule.msgid: rule.symbol for rule in all_rules()}
            enabled = {symbol for msgid, symbol in ours.items() if self.is_message_enabled(msgid)}
            enabled |= set(self.cli_enable)
            enabled -= set(self.cli_disable)
            self.disable("all")
            for symbol in sorted(enabled):
                self.enable(symbol)
            self.enable("syntax-error")
            self.enable("astroid-error")
            self.filter = _OursOnly(self.reporter.handle_message, set(ours))
            self.reporter.handle_message = self.filter.handle_message  # type: ignore[method-assign]
            self.progress = sys.stderr.isatty() and len(self.files) >= PROGRESS_MIN_FILES
            self._done = 0
            if self.files:
                super().check(self.files)
            if self.progress:
                print("\r\033[K", end="", file=sys.stderr, flush=True)

        def set_current_module(self, modname: str, filepath: str | None = None) -> None:
            super().set_current_module(modname, filepath)
            if self.progress and filepath:
                self._done += 1
                print(f"\r\033[K[{self._done}/{len(self.files)}] {filepath}", end="", file=sys.stderr, flush=True)

        def _ignored(self, path: str) -> bool:
            base = os.path.basename(path)
            config = self.config
            return (
                base in (getattr(config, "ignore", ()) or ())
                or any(p.match(base) for p in getattr(config, "ignore_patterns", ()) or ())
                or any(p.match(path) or p.match(path.replace(os.sep, "/")) for p in getattr(config, "ignore_paths", ()) or ())
            )

        def _files(self, paths: Sequence[str]) -> list[str]:
            found: list[str] = []
            for path in paths:
                candidates = walk_python_files(path, self._ignored) if os.path.isdir(path) else [path]
                for candidate in candidates:
                    if self._ignored(candidate):
                        continue
                    problem = _unreadable(candidate)
                    if problem:
                        self.skipped.append(f"{candidate}: {problem}")
                    else:
                        found.append(candidate)
            return found

    return CheckLinter


def _unreadable(path: str) -> str | None:
    """Why ``path`` cannot be checked before pylint reads it (not readable, binary), or None; pylint
    itself reports a file that does not decode or parse (syntax-error, counted the same way)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return f"not readable ({error.strerror or error})"
    if b"\0" in data:
        return "binary file"
    return None


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pylint-hybridize check",
        description="Lint Python files for TensorFlow hybridization anti-patterns (this plugin's messages only).",
        epilog=_CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format (default text)")
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="pylint processes (0: one per CPU)")
    parser.add_argument("--enable", action="append", default=[], metavar="MSGS",
                        help="messages to turn on (symbols, pylint ids or HYB codes, comma-separated); "
                        "'all' is every message of this plugin, opt-in ones included")
    parser.add_argument("--disable", action="append", default=[], metavar="MSGS", help="messages to turn off ('all' too)")
    parser.add_argument("--rcfile", default=None, metavar="FILE", help="pylint configuration file to use")
    from pylint_hybridize.options import OPTIONS  # pylint: disable=import-outside-toplevel

    for option in OPTIONS:
        parser.add_argument(f"--{option.name}", default=None, metavar=option.metavar or None, help=option.help,
                            choices=option.choices or None)
    return parser


def _check(argv: list[str]) -> int:  # pylint: disable=too-many-locals,too-many-branches
    parser = _check_parser()
    try:
        options, passthrough = parser.parse_known_args(argv)
    except SystemExit as exit_:  # --help (0), or argparse's own usage message (2)
        return EXIT_OK if exit_.code in (0, None) else USAGE_ERROR
    stray = [argument for argument in passthrough if not argument.startswith("-")]
    if stray:
        raise UsageError(f"{stray[0]!r}: give pylint options as --option=value")
    if not options.paths:
        raise UsageError("no path given (see pylint-hybridize check --help)")
    for path in options.paths:
        if not os.path.exists(path):
            raise UsageError(f"{path}: no such file or directory")
    enable = _message_list(options.enable, "--enable")
    disable = _message_list(options.disable, "--disable")
    formats = {"text": None, "json": "json2", "sarif": "pylint_hybridize.reporters.SarifReporter"}
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
            arguments.append(f"--{option.name}={value}")
    if options.hybridize_isolate_tensorflow is None:
        arguments.append("--hybridize-isolate-tensorflow=yes")  # only our messages are reported
    from pylint.lint import Run  # pylint: disable=import-outside-toplevel

    linter_class = _linter_class()
    linter_class.cli_enable, linter_class.cli_disable, linter_class.skipped = enable, disable, []

    class CheckRun(Run):
        LinterClass = linter_class

    try:
        run = CheckRun([*arguments, *passthrough, *options.paths], exit=False)
    except SystemExit as exit_:  # pylint's own usage errors (unknown option, bad value)
        return USAGE_ERROR if exit_.code else EXIT_OK
    linter = run.linter
    found = linter.filter.findings if linter.filter is not None else []
    problems = [*linter.skipped, *(linter.filter.failures if linter.filter is not None else [])]
    for problem in problems:
        print(f"pylint-hybridize: could not check {problem}", file=sys.stderr)
    print(_summary(found, linter.files, problems), file=sys.stderr)
    if found:
        return EXIT_FINDINGS
    return EXIT_NOT_CHECKED if problems else EXIT_OK


def _summary(found: list[Any], files: list[str], problems: list[str]) -> str:
    """``pylint-hybridize: 3 findings in 2 of 10 files; fix would fix 1, fix --unsafe-fixes 2``."""
    with_findings = sorted({msg.path for msg in found})
    text = f"pylint-hybridize: {len(found)} finding{'s' if len(found) != 1 else ''} in {len(with_findings)} of {len(files)} file{'s' if len(files) != 1 else ''}"
    if found:
        safe, unsafe = _fixable(found)
        text += f"; `fix` would fix {safe}, `fix --unsafe-fixes` {unsafe}"
    if problems:
        text += f"; {len(problems)} could not be checked"
    return text


def _fixable(found: list[Any]) -> tuple[int, int]:
    """How many of these findings one run of ``fix`` and of ``fix --unsafe-fixes`` would fix."""
    from pylint_hybridize.apply import fix_files  # pylint: disable=import-outside-toplevel
    from pylint_hybridize.engine import Engine  # pylint: disable=import-outside-toplevel

    reported = {(os.path.realpath(msg.abspath), msg.line, msg.symbol) for msg in found}
    paths = sorted({msg.abspath for msg in found})
    engine = Engine(enabled=sorted({msg.symbol for msg in found}))
    counts = []
    for unsafe in (False, True):
        results, _errors = fix_files(paths, unsafe=unsafe, engine=engine)
        counts.append(sum(
            1 for result in results for finding in result.applied
            if (os.path.realpath(result.path), finding.line, finding.symbol) in reported
        ))
    return counts[0], counts[1]


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


def _fix(argv: list[str]) -> int:  # pylint: disable=too-many-locals
    """``fix``: exit 0 when done (or, with --diff, when nothing would change), 1 when a file was
    refused or --diff would change something, 2 on bad usage."""
    parser = argparse.ArgumentParser(prog="pylint-hybridize fix", add_help=True, exit_on_error=False)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--diff", action="store_true",
                        help="print a unified diff, write nothing; exit 1 if it is not empty")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    parser.add_argument("--select", default="",
                        help="fix only these messages (symbols, ids or HYB codes, comma-separated)")
    parser.add_argument("--ignore", "--disable", dest="ignore", default="", help="do not fix these messages")
    parser.add_argument("--enable", default="", help="also fix these messages that are off by default")
    parser.add_argument("--rcfile", default=None, help="pylint configuration file (default: found as pylint finds it)")
    parser.add_argument("--no-config", action="store_true", help="ignore the project's pylint configuration")
    parser.add_argument("--hybridize-extra-decorators", default=None)
    parser.add_argument("--hybridize-traces", default="", help="trace record of pytest --hybridize-traces")
    try:
        options, unknown = parser.parse_known_args(argv)
    except argparse.ArgumentError as error:
        raise UsageError(str(error)) from error
    if unknown:
        raise UsageError(f"unrecognized option {unknown[0]!r}")
    files = python_files(options.paths)
    # pylint: disable-next=import-outside-toplevel
    from pylint_hybridize.apply import FixError, configured_engine, fix_files, write_file

    def listed(value: str) -> list[str]:
        return [item.strip() for item in value.split(",") if item.strip()]

    extra = options.hybridize_extra_decorators
    try:
        engine, policy, warnings = configured_engine(
            select=listed(options.select), ignore=listed(options.ignore), enable=listed(options.enable),
            extra_decorators=listed(extra) if extra is not None else None,
            rcfile=options.rcfile, use_config=not options.no_config,
        )
    except ValueError as error:
        raise UsageError(str(error)) from error
    for warning in warnings:
        print(f"pylint-hybridize: warning: {warning}", file=sys.stderr)
    if options.hybridize_traces:
        engine.linter.config.hybridize_traces = options.hybridize_traces
    policy.unsafe = options.unsafe_fixes
    results, errors = fix_files(files, engine=engine, policy=policy)
    fixed = 0
    changed = 0
    for result in results:
        for note in result.notes:
            print(f"pylint-hybridize: {note}", file=sys.stderr)
        if not result.changed:
            continue
        if options.diff:
            sys.stdout.write(result.diff())
        else:
            try:
                write_file(result.path, result.fixed, result.encoding)
            except FixError as error:  # read-only: reported, the other files go on
                errors.append(str(error))
                continue
            except OSError as error:
                errors.append(f"{result.path}: cannot write ({error.strerror})")
                continue
        fixed += len(result.applied)
        changed += 1
    for error in errors:
        print(f"pylint-hybridize: {error}", file=sys.stderr)
    skipped = sum(len(r.skipped) for r in results)
    verb = "would fix" if options.diff else "fixed"
    note = f" ({skipped} left: unsafe, suppressed or overlapping; see --unsafe-fixes)" if skipped else ""
    print(f"pylint-hybridize: {verb} {fixed} finding(s) in {changed} file(s){note}", file=sys.stderr)
    return 1 if errors or (options.diff and changed) else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if args else USAGE_ERROR
    if args[0] == "--version":
        from pylint import __version__ as pylint_version  # pylint: disable=import-outside-toplevel

        from pylint_hybridize import __version__  # pylint: disable=import-outside-toplevel

        print(f"pylint-hybridize {__version__} (pylint {pylint_version})")
        return 0
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
        return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
