"""The user-code benchmark: lint pinned GitHub repositories of TF2 user code and measure precision.

    python benchmarks/usercode.py [--mirror DIR] [--enable MSGS|all] [-j N] [--no-lint] [REPO ...]

``benchmarks/usercode.txt`` lists the repositories (``owner/name commit [path ...] [!path ...]``).
Each pin is taken from a bare git mirror of the repository (``--mirror``, default /work/.mirror,
where the search tool's ``fetch`` puts ``<owner>+<name>/repo``) with ``git archive`` into
``benchmarks/.cache/usercode/<owner>+<name>/`` (once per pin), then linted with the same Engine as
``benchmarks/corpus_findings.py`` (astroid parse + this plugin's checkers), one fresh process per
repository (repositories share module names such as ``model`` or ``utils``; astroid's module cache
must not mix them up). Every finding goes to ``benchmarks/usercode_findings.jsonl``, with a key that
survives line shifts: the enclosing def/class (qualified name), the stripped text of the finding's
line and its occurrence index among findings of the same symbol with that scope and text.

The reviewed verdicts live in ``benchmarks/usercode_verdicts.json``, one record per finding (the
key above, ``verdict``: right / harmless / wrong, ``reason``: one sentence; ``sample: true`` marks
a reviewed sample of a rule whose findings were not all reviewed). The script prints, per rule,
the findings, how many are reviewed, the verdict counts, the unreviewed ones and the precision
((right + harmless) / reviewed, and right / reviewed), then every unreviewed finding (to review)
and every verdict no finding matches any more (stale).

--enable turns on off-by-default messages (``all``: every one). --no-lint only reads the findings
file and prints the table (no mirror needed). REPO limits the run to those owner/name entries
(the findings file is then written for them only).
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("PYLINT_HYBRIDIZE_NO_CACHE", "1")  # every run cold (the result cache: warm runs are their own rows)

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus_findings import (  # noqa: E402
    CACHE,
    add_import_roots,
    as_project_root,
    enabled_messages,
    lint_files,
    python_files,
)
from benchmarks import pinned  # noqa: E402
from benchmarks.pinned import git_dir, lint_each, unpack, write_records  # noqa: E402

USERCODE_TXT = REPO / "benchmarks" / "usercode.txt"
FINDINGS = REPO / "benchmarks" / "usercode_findings.jsonl"
VERDICTS = REPO / "benchmarks" / "usercode_verdicts.json"
VERDICT_KINDS = ("right", "harmless", "wrong")
KEY_FIELDS = ("repo", "path", "symbol", "scope", "text", "occurrence")
_PIN_MARKER = ".usercode-pin"
_PROJECT_FILES = frozenset({"setup.cfg", "pyproject.toml", "environment.yml", "environment.yaml", "tox.ini", "Pipfile"})


def _extracted(name: str) -> bool:
    """A file of the pin that is unpacked: Python files, and the project files that say which Keras
    the project uses (the linter reads them, as on the user's checkout)."""
    base = name.rsplit("/", 1)[-1]
    return name.endswith(".py") or base in _PROJECT_FILES or bool(re.match(r"requirements.*\.(txt|in)$", base))


_EXTRACTED = "py+project-files"  # in the pin marker: a tree unpacked with fewer files is unpacked again


@dataclass(frozen=True)
class Entry:
    """One line of usercode.txt."""

    repo: str  # owner/name
    commit: str
    paths: tuple[str, ...]  # lint targets relative to the repository; () = all of it
    excluded: tuple[str, ...]  # left out ('!path')
    kind: str  # the comment: what graph code it has

    @property
    def folder(self) -> str:
        return self.repo.replace("/", "+")


def read_list(text: str) -> list[Entry]:
    """The entries of a usercode.txt text; blank and '#' lines are skipped."""
    entries = []
    for line in text.splitlines():
        body, _, comment = line.partition("#")
        words = body.split()
        if not words:
            continue
        if len(words) < 2 or "/" not in words[0] or len(words[1]) != 40:
            raise ValueError(f"not 'owner/name <40-hex commit> [path ...]': {line!r}")
        int(words[1], 16)  # a hex commit, or ValueError
        paths = tuple(w for w in words[2:] if not w.startswith("!"))
        excluded = tuple(w[1:] for w in words[2:] if w.startswith("!"))
        entries.append(Entry(words[0], words[1], paths, excluded, comment.strip()))
    return entries


def materialise(entry: Entry, mirror: Path, cache: Path) -> Path | None:
    """The pinned Python files of ``entry`` under ``cache`` (``git archive`` from the mirror when missing)."""
    root = cache / entry.folder
    marker = root / _PIN_MARKER
    if marker.is_file() and marker.read_text(encoding="utf-8").strip() == f"{entry.commit} {_EXTRACTED}":
        return as_project_root(root)
    gitdir = git_dir(mirror, entry.repo)
    if gitdir is None:
        print(f"{entry.repo}: no mirror under {mirror} (fetch github:{entry.repo} first)", file=sys.stderr)
        return None
    # the Python files, and the project files that say which Keras the project uses (requirements,
    # setup.cfg...: the linter reads them, as on the user's checkout); snapshots lack large files
    # (weights, media), which git archive cannot read
    listed = subprocess.run(["git", "--git-dir", str(gitdir), "ls-tree", "-r", "-z", "--name-only", entry.commit],
                            capture_output=True, check=False)
    wanted = [name for name in listed.stdout.decode(errors="surrogateescape").split("\0") if _extracted(name)]
    unpacked = unpack(entry.repo, gitdir, entry.commit, [f":(literal){name}" for name in wanted], root, marker,
                      f"{entry.commit} {_EXTRACTED}\n")
    return as_project_root(unpacked) if unpacked else None  # the repository's root, as on the user's checkout


def is_test_file(relative: str) -> bool:
    """A test of the repository (left out of the benchmark): tests/ or test/ folders, test_*.py, *_test.py."""
    parts = relative.split("/")
    name = parts[-1]
    return (any(part in ("tests", "test") for part in parts[:-1])
            or name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py")


def lint_targets(root: Path, entry: Entry) -> list[Path]:
    """The files of ``entry`` to lint: its paths (all of it by default) minus '!' paths and tests."""
    files = []
    for path in python_files(root, list(entry.paths or ["."])):
        relative = path.relative_to(root).as_posix()
        if is_test_file(relative) or any(relative == ex or relative.startswith(ex.rstrip("/") + "/")
                                         for ex in entry.excluded):
            continue
        files.append(path)
    return files


def scope_at(tree: ast.AST, line: int) -> str:
    """The qualified name of the innermost def or class spanning ``line`` ('<module>' when none)."""
    names: list[str] = []
    body: Iterable[ast.AST] = ast.iter_child_nodes(tree)
    while True:
        for node in body:
            if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                    and node.lineno <= line <= (node.end_lineno or node.lineno)):
                names.append(node.name)
                body = ast.iter_child_nodes(node)
                break
            if (isinstance(node, ast.stmt) and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                     ast.ClassDef))
                    and node.lineno <= line <= (node.end_lineno or node.lineno)):
                body = ast.iter_child_nodes(node)  # a def inside an if/with/try
                break
        else:
            return ".".join(names) or "<module>"


def keyed_records(repo: str, relative: str, source: str, findings: Iterable) -> list[dict]:
    """One record per finding of one file, with its stable key (scope, line text, occurrence)."""
    lines = source.splitlines()
    try:
        tree: ast.AST | None = ast.parse(source)
    except (SyntaxError, ValueError):
        tree = None
    records = []
    seen: collections.Counter[tuple[str, str, str]] = collections.Counter()
    for finding in sorted(findings, key=lambda f: (f.line, f.col, f.symbol)):
        scope = scope_at(tree, finding.line) if tree is not None else "<module>"
        text = lines[finding.line - 1].strip() if 0 < finding.line <= len(lines) else ""
        occurrence = seen[(finding.symbol, scope, text)]
        seen[(finding.symbol, scope, text)] += 1
        records.append({"repo": repo, "path": relative, "line": finding.line, "col": finding.col,
                        "symbol": finding.symbol, "scope": scope, "text": text, "occurrence": occurrence,
                        "message": finding.message})
    return records


def key_of(record: dict) -> tuple:
    return tuple(record[field] for field in KEY_FIELDS)


def lint_repository(root: Path, entry: Entry, enabled: list[str]) -> tuple[list[dict], int, float]:
    """(finding records, files linted, seconds) for one materialised repository."""
    from pylint_hybridize.engine import Engine  # pylint: disable=import-outside-toplevel

    started = time.perf_counter()
    add_import_roots(root, list(entry.paths or ["."]))
    engine = Engine(enabled=enabled)
    files = lint_targets(root, entry)
    per_file: dict[Path, list] = collections.defaultdict(list)
    for path, finding in lint_files(engine, files):
        per_file[path].append(finding)
    records = []
    for path, findings in sorted(per_file.items()):
        source = path.read_text(encoding="utf-8")
        records += keyed_records(entry.repo, path.relative_to(root).as_posix(), source, findings)
    return records, len(files), time.perf_counter() - started


def read_verdicts(path: Path) -> list[dict]:
    """The verdict records; each has the key fields, a verdict of VERDICT_KINDS and a reason."""
    if not path.is_file():
        return []
    verdicts = json.loads(path.read_text(encoding="utf-8"))
    for verdict in verdicts:
        missing = [field for field in (*KEY_FIELDS, "verdict", "reason") if field not in verdict]
        if missing or verdict["verdict"] not in VERDICT_KINDS or not verdict["reason"].strip():
            raise ValueError(f"bad verdict record (missing {missing} or verdict/reason): {verdict}")
    return verdicts


def write_verdicts(path: Path, verdicts: list[dict]) -> None:
    """One record a line (reviewable diffs), sorted by repository, path and line."""
    ordered = sorted(verdicts, key=lambda v: (v["repo"], v["path"], v.get("line", 0), v["symbol"], v["occurrence"]))
    path.write_text("[\n" + ",\n".join(json.dumps(v, ensure_ascii=False) for v in ordered) + "\n]\n",
                    encoding="utf-8")


def match(findings: list[dict], verdicts: list[dict]) -> tuple[dict[tuple, dict], list[dict]]:
    """({finding key: its verdict}, verdicts that match no finding (stale))."""
    by_key = {key_of(v): v for v in verdicts}
    keys = {key_of(f) for f in findings}
    matched = {key: by_key[key] for key in keys if key in by_key}
    stale = [v for v in verdicts if key_of(v) not in keys]
    return matched, stale


@dataclass
class RuleRow:  # pylint: disable=too-many-instance-attributes
    symbol: str
    default_on: bool
    findings: int = 0
    right: int = 0
    harmless: int = 0
    wrong: int = 0
    sampled: bool = False

    @property
    def reviewed(self) -> int:
        return self.right + self.harmless + self.wrong

    @property
    def unreviewed(self) -> int:
        return self.findings - self.reviewed

    @property
    def precision(self) -> float | None:
        return (self.right + self.harmless) / self.reviewed if self.reviewed else None

    @property
    def right_precision(self) -> float | None:
        return self.right / self.reviewed if self.reviewed else None


def precision_table(findings: list[dict], verdicts: list[dict], default_on: set[str]) -> list[RuleRow]:
    """One row per rule with findings: default-on rules first, then by symbol."""
    matched, _ = match(findings, verdicts)
    rows: dict[str, RuleRow] = {}
    for finding in findings:
        symbol = finding["symbol"]
        row = rows.setdefault(symbol, RuleRow(symbol, symbol in default_on))
        row.findings += 1
        verdict = matched.get(key_of(finding))
        if verdict is not None:
            setattr(row, verdict["verdict"], getattr(row, verdict["verdict"]) + 1)
            row.sampled = row.sampled or bool(verdict.get("sample"))
    return sorted(rows.values(), key=lambda r: (not r.default_on, r.symbol))


def format_table(rows: list[RuleRow]) -> str:
    """The per-rule table as Markdown (the form docs/precision.md shows)."""
    def ratio(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    out = ["| rule | default | findings | reviewed | right | harmless | wrong | unreviewed "
           "| precision (right+harmless) | precision (right) |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    total = RuleRow("**default-on rules**", True)
    for row in rows:
        name = f"`{row.symbol}`" + (" (sample)" if row.sampled and row.unreviewed else "")
        out.append(f"| {name} | {'on' if row.default_on else 'opt-in'} | {row.findings} | {row.reviewed} "
                   f"| {row.right} | {row.harmless} | {row.wrong} | {row.unreviewed} "
                   f"| {ratio(row.precision)} | {ratio(row.right_precision)} |")
        if row.default_on:
            for field in ("findings", "right", "harmless", "wrong"):
                setattr(total, field, getattr(total, field) + getattr(row, field))
    out.append(f"| {total.symbol} | on | {total.findings} | {total.reviewed} | {total.right} | {total.harmless} "
               f"| {total.wrong} | {total.unreviewed} | {ratio(total.precision)} | {ratio(total.right_precision)} |")
    return "\n".join(out)


def report(findings: list[dict], verdicts: list[dict], default_on: set[str],
           checked: tuple[set[str], set[str]] | None = None) -> str:
    """The table, then every unreviewed finding and every stale verdict.

    ``checked``: (repositories, symbols) this run looked at; a verdict outside them (another
    repository, an opt-in rule left off) is not stale. None: every verdict counts."""
    matched, stale = match(findings, verdicts)
    if checked is not None:
        repos, symbols = checked
        stale = [v for v in stale if v["repo"] in repos and v["symbol"] in symbols]
    lines = [format_table(precision_table(findings, verdicts, default_on))]
    unreviewed = [f for f in findings if key_of(f) not in matched]
    if unreviewed:
        lines += ["", f"unreviewed findings ({len(unreviewed)}):"]
        lines += [f"  {f['repo']} {f['path']}:{f['line']} {f['symbol']} [{f['scope']}] {f['text']}"
                  for f in unreviewed]
    if stale:
        lines += ["", f"verdicts that match no finding ({len(stale)}; the code or the rule changed):"]
        lines += [f"  {v['repo']} {v['path']}:{v.get('line', '?')} {v['symbol']} [{v['scope']}] {v['text']}"
                  for v in stale]
    return "\n".join(lines)


def default_on_symbols() -> set[str]:
    from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

    return {rule.symbol for rule in all_rules() if rule.default_enabled}


def argument_parser() -> argparse.ArgumentParser:
    parser = pinned.argument_parser(__doc__.splitlines()[0],
                                    (str(USERCODE_TXT), "the repositories and pins (usercode.txt)"),
                                    CACHE / "usercode", "", FINDINGS, 1,
                                    ("repos", "owner/name entries to lint (default: all)"))
    parser.add_argument("--verdicts", default=str(VERDICTS), help="the reviewed verdicts (JSON)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = argument_parser().parse_args(argv)
    started = time.perf_counter()
    findings_path = Path(args.findings)
    entries = [e for e in read_list(Path(args.list).read_text(encoding="utf-8"))
               if not args.repos or e.repo in args.repos]
    enabled = enabled_messages(args.enable)
    if not args.no_lint:
        # resolved: the project-file walk-ups of the linter must not leave the unpacked tree into this
        # repository's own setup.cfg through the benchmarks/.cache symlink
        cache = Path(args.cache).resolve()
        roots = {e.repo: materialise(e, Path(args.mirror), cache) for e in entries}

        def done(repo: str, result: tuple[list[dict], int, float]) -> None:
            records, files, seconds = result
            counts = collections.Counter(r["symbol"] for r in records)
            summary = ", ".join(f"{s}={n}" for s, n in sorted(counts.items())) or "no findings"
            print(f"{repo}: {files} files, {seconds:.1f}s: {summary}", flush=True)

        work = {e.repo: (roots[e.repo], e, enabled) for e in entries if roots[e.repo]}
        results: dict[str, tuple[list[dict], int, float]] = lint_each(args.jobs, work, lint_repository, done)
        write_records(findings_path, (record for e in entries for record in results.get(e.repo, ([], 0, 0.0))[0]))
        total_files = sum(files for _, files, _ in results.values())
        print(f"linted {len(results)} repositories, {total_files} files in {time.perf_counter() - started:.0f}s")
    findings = [json.loads(line) for line in findings_path.read_text(encoding="utf-8").splitlines() if line]
    default_on = default_on_symbols()
    symbols = default_on | set(enabled) | ({f["symbol"] for f in findings} if args.no_lint else set())
    print(report(findings, read_verdicts(Path(args.verdicts)), default_on, ({e.repo for e in entries}, symbols)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
