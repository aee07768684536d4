"""``pylint-hybridize``: this plugin's checks only, and its fixes.

    pylint-hybridize --version
    pylint-hybridize [check] PATH... [--format text|json|sarif] [pylint options]
        Lint with pylint, only this plugin's messages. Exit status as pylint's.
        --hybridize-traces=PATH: the record of 'pytest --hybridize-traces' (default: found near the files).
    pylint-hybridize fix PATH... [--diff] [--unsafe-fixes] [--select|--ignore|--enable MSG,...]
        [--hybridize-traces=PATH]
        Apply the suggested fixes: safe ones by default, all with --unsafe-fixes; the
        messages the project's pylint configuration disables are not fixed (--no-config,
        --rcfile FILE). --diff prints a unified diff (git apply accepts it) and writes
        nothing. Exit 0 on success, 1 when a file was refused (does not read, decode or
        parse; read-only) or --diff would change something, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

USAGE_ERROR = 2
_SKIP_DIRECTORIES = {".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "__pycache__", "build", "dist", "node_modules"}


class UsageError(Exception):
    """Bad command-line input: one line on stderr, non-zero exit, nothing written."""


def our_default_symbols() -> list[str]:
    """The symbols of this plugin's messages that are on by default (opt-in ones stay off)."""
    from pylint_hybridize.checkers import message_table  # pylint: disable=import-outside-toplevel

    return sorted({symbol for _msgid, symbol, _text, enabled, _checker in message_table() if enabled})


def pylint_arguments(paths: Sequence[str], extra: Sequence[str] = ()) -> list[str]:
    return [
        "--load-plugins=pylint_hybridize",
        "--disable=all",
        f"--enable={','.join(our_default_symbols())}",
        "--score=n",
        "--persistent=n",
        *extra,
        *paths,
    ]


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
            for directory, subdirectories, files in os.walk(path):
                subdirectories[:] = sorted(d for d in subdirectories if d not in _SKIP_DIRECTORIES and not d.startswith("."))
                found.extend(os.path.join(directory, f) for f in sorted(files) if f.endswith(".py"))
            if len(found) == before:
                raise UsageError(f"{path}: no Python files found")
        else:
            if not os.access(path, os.R_OK):
                raise UsageError(f"{path}: not readable")
            found.append(path)
    return found


def _check(argv: list[str]) -> int:
    output_format = "text"
    passthrough: list[str] = []
    paths: list[str] = []
    iterator = iter(argv)
    for argument in iterator:
        if argument == "--format":
            output_format = next(iterator, "")
        elif argument.startswith("--format="):
            output_format = argument.split("=", 1)[1]
        elif argument == "--hybridize-traces":  # its value is a path, not a file to check
            passthrough.append(f"--hybridize-traces={next(iterator, '')}")
        elif argument.startswith("-"):
            passthrough.append(argument)
        else:
            paths.append(argument)
    formats = {"text": None, "json": "json2", "sarif": "pylint_hybridize.reporters.SarifReporter"}
    if output_format not in formats:
        raise UsageError(f"unknown --format {output_format!r} (text, json or sarif)")
    files = python_files(paths)
    for path in files:
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                if b"\0" in handle.read(65536):
                    raise UsageError(f"{path}: binary file")
    if formats[output_format]:
        passthrough.append(f"--output-format={formats[output_format]}")
    from pylint.lint import Run  # pylint: disable=import-outside-toplevel

    run = Run(pylint_arguments(paths, passthrough), exit=False)
    return int(run.linter.msg_status)


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
        if args[0] == "check":
            args = args[1:]
        return _check(args)
    except UsageError as error:
        print(f"pylint-hybridize: error: {error}", file=sys.stderr)
        return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
