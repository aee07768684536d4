"""The study benchmark: recall on the fix commits of the empirical study of tf.function bugs.

    python benchmarks/study.py [--mirror DIR] [--enable MSGS|all] [-j N] [--findings F] [--no-lint] [ALIAS ...]

The study (ponder-lab/Imperative-DL-Study-Web-App, ponder/fixtures/data.json: the ``ponder.bugfix`` records
with ``is_func_fix`` true, their repository from ``ponder.commit``, the category / cause / symptom / fix names
from ``ponder.problem*``) labelled commits that fix a tf.function problem. ``benchmarks/study.txt`` pins a
sample of them, each as the fix commit and its parent::

    pin ALIAS owner/name PARENT FIX  # study <pk>: category / cause / symptom / fix
    ALIAS PATH LABEL  # why LABEL (what the diff shows; what TF 2.21 / Keras 3 does with the parent's code)

PATH is a Python file of the repository (the same path in both trees) that the fix changed; every PATH of an
ALIAS is linted in the parent's and in the fix's tree (the whole tree's Python files unpacked, so imports
resolve as on a checkout). LABEL is one of

- ``SYMBOL@LINE[|LINE...]``: the bug the fix removed is at this line of the parent's file and our message
  SYMBOL should report it there ("found"); the fix's version should have no SYMBOL finding in the def (by its
  qualified name) that held the parent's finding ("fixed");
- ``out-of-scope``: the study's bug has no static counterpart among our rules (the comment says why);
- ``gone``: the bug belonged to a TF 1.x / 2.0-era API or behaviour that TF 2.21 / Keras 3 no longer has;
- ``SYMBOL@[fix:]LINE[|LINE...]=VERDICT``: another finding of ours in the parent's (or, with ``fix:``, the
  fix's) file, reviewed right / harmless / wrong; ``SYMBOL@[fix:]*=VERDICT``: every finding of SYMBOL in that
  file and tree (one verdict for many findings of one kind, such as a deprecated tf.function argument).

A commit is in scope when it has an expected label; recall = in-scope commits whose every expected label was
found / in-scope commits (and per label). Nothing of the repositories is committed: both trees are unpacked from
the bare git mirrors (``--mirror``, default /work/.mirror, where the search tool's ``fetch`` puts
``<owner>+<name>/repo``) into ``benchmarks/.cache/study/<commit>/<owner>+<name>/`` and linted in a fresh process
per tree with the Engine, every message enabled (``--enable all``), the result cache off.
"""

from __future__ import annotations

import argparse
import ast
import collections
import concurrent.futures
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PYLINT_HYBRIDIZE_NO_CACHE", "1")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus_findings import CACHE, add_import_roots, enabled_messages, lint_files  # noqa: E402
from benchmarks.pinned import MIRROR  # noqa: E402
from benchmarks.usercode import VERDICT_KINDS, Entry, materialise, scope_at  # noqa: E402

STUDY_TXT = REPO / "benchmarks" / "study.txt"
FINDINGS = REPO / "benchmarks" / "study_findings.jsonl"
SIDES = ("parent", "fix")


@dataclass(frozen=True)
class Pin:
    """One fix commit of the study and its parent."""

    alias: str
    repo: str
    parent: str
    fix: str
    study: str  # the pin's comment: the study's record

    def commit(self, side: str) -> str:
        return self.parent if side == "parent" else self.fix


@dataclass(frozen=True)
class Label:
    kind: str  # expect / out-of-scope / gone / review
    path: str
    symbol: str = ""
    lines: tuple[int, ...] = ()
    side: str = "parent"  # review labels: the tree whose finding is reviewed
    verdict: str = ""
    reason: str = ""


@dataclass
class Commit:
    pin: Pin
    labels: list[Label] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        return sorted({label.path for label in self.labels})

    @property
    def in_scope(self) -> bool:
        return any(label.kind == "expect" for label in self.labels)


def _parse_label(path: str, word: str, reason: str) -> Label:
    if word in ("out-of-scope", "gone"):
        return Label(word, path, reason=reason)
    symbol, sep, place = word.partition("@")
    if not sep or not place or not symbol:
        raise ValueError(f"not a label (SYMBOL@LINE, SYMBOL@[fix:]LINE=VERDICT, out-of-scope, gone): {word!r}")
    place, _, verdict = place.partition("=")
    side = "parent"
    if place.startswith("fix:"):
        side, place = "fix", place[4:]
    lines = () if place == "*" else tuple(int(line) for line in place.split("|"))
    if verdict:
        if verdict not in VERDICT_KINDS:
            raise ValueError(f"verdict must be one of {VERDICT_KINDS}: {word!r}")
        return Label("review", path, symbol, lines, side, verdict, reason)
    if side == "fix" or not lines:
        raise ValueError(f"an expected label is on a line of the parent's file: {word!r}")
    return Label("expect", path, symbol, lines, reason=reason)


def read_study(text: str) -> list[Commit]:
    """The pinned commits (in order) of a study.txt text, each with its labels."""
    commits: dict[str, Commit] = {}
    for number, line in enumerate(text.splitlines(), 1):
        body, _, comment = line.partition("#")
        words = body.split()
        if not words:
            continue
        if words[0] == "pin":
            if len(words) != 5 or "/" not in words[2] or any(len(w) != 40 for w in words[3:]):
                raise ValueError(f"line {number}: not 'pin ALIAS owner/name PARENT FIX': {line!r}")
            int(words[3], 16), int(words[4], 16)
            commits[words[1]] = Commit(Pin(words[1], words[2], words[3], words[4], comment.strip()))
            continue
        if len(words) != 3 or words[0] not in commits:
            raise ValueError(f"line {number}: not 'ALIAS PATH LABEL' with a pinned ALIAS: {line!r}")
        if not comment.strip():
            raise ValueError(f"line {number}: a label needs its reason after '#': {line!r}")
        commits[words[0]].labels.append(_parse_label(words[1], words[2], comment.strip()))
    for commit in commits.values():
        if not commit.labels:
            raise ValueError(f"{commit.pin.alias}: a pin without labels")
    return list(commits.values())


def tree_of(pin: Pin, side: str, mirror: Path, cache: Path) -> Path | None:
    """The Python files (and project files) of one side of ``pin``, unpacked under ``cache``."""
    commit = pin.commit(side)
    return materialise(Entry(pin.repo, commit, (), (), ""), mirror, cache / commit[:12])


def lint_tree(root: Path, paths: list[str], enabled: list[str]) -> list[dict]:
    """Every finding on ``paths`` of one tree (run in a fresh process: an empty astroid cache)."""
    from pylint_hybridize.engine import Engine  # pylint: disable=import-outside-toplevel

    add_import_roots(root, paths)
    engine = Engine(enabled=enabled)
    files = [root / path for path in paths if (root / path).is_file()]
    records = []
    for path, finding in lint_files(engine, files):
        records.append({"file": path.relative_to(root).as_posix(), "line": finding.line,
                        "symbol": finding.symbol, "message": finding.message,
                        "scope": scope_of(path, finding.line)})
    return records


def scope_of(path: Path, line: int) -> str:
    try:
        return scope_at(ast.parse(path.read_text(encoding="utf-8")), line)
    except (SyntaxError, ValueError, OSError, UnicodeDecodeError):
        return "<module>"


@dataclass
class Row:
    """What one commit scored."""

    commit: Commit
    found: list = field(default_factory=list)  # (label, finding)
    missed: list = field(default_factory=list)  # labels
    not_fixed: list = field(default_factory=list)  # (label, fix finding)
    reviewed: list = field(default_factory=list)  # (label, finding)
    stale: list = field(default_factory=list)  # review labels without their finding
    unexpected: list = field(default_factory=list)  # (side, finding)
    linted: bool = True


def score_commit(commit: Commit, findings: dict[str, list[dict]] | None) -> Row:
    """Match one commit's findings (per side) with its labels: one finding per label, one label per finding."""
    row = Row(commit)
    if findings is None:
        row.linted = False
        return row
    left = {side: list(findings.get(side, [])) for side in SIDES}
    for label in (lab for lab in commit.labels if lab.kind == "expect"):
        hit = next((f for f in left["parent"] if f["file"] == label.path and f["symbol"] == label.symbol
                    and f["line"] in label.lines), None)
        if hit is None:
            row.missed.append(label)
            continue
        left["parent"].remove(hit)
        row.found.append((label, hit))
        # the fix's version of the same def: silent for this rule?
        for later in [f for f in left["fix"] if f["file"] == label.path and f["symbol"] == label.symbol
                      and f["scope"] == hit["scope"]]:
            row.not_fixed.append((label, later))
    for label in (lab for lab in commit.labels if lab.kind == "review"):
        hits = [f for f in left[label.side] if f["file"] == label.path and f["symbol"] == label.symbol
                and (not label.lines or f["line"] in label.lines)]
        if not hits:
            row.stale.append(label)
        for hit in hits if not label.lines else hits[:1]:
            left[label.side].remove(hit)
            row.reviewed.append((label, hit))
    # a finding of the fix's tree that is the parent's same finding (same rule, def and message) and reviewed
    # there needs no second review; the expected rule in the fixed def is reported as not fixed
    reviewed_keys = {(f["file"], f["symbol"], f["scope"], f["message"]) for _, f in row.reviewed}
    not_fixed = {id(f) for _, f in row.not_fixed}
    for side in SIDES:
        for finding in left[side]:
            if id(finding) in not_fixed:
                continue
            if side == "fix" and (finding["file"], finding["symbol"], finding["scope"],
                                  finding["message"]) in reviewed_keys:
                continue
            row.unexpected.append((side, finding))
    return row


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator}/{denominator} = {numerator / denominator:.2f}" if denominator else "–"


def format_report(rows: list[Row]) -> str:
    out = ["| commit | repository | study category | expected | found | fixed | other findings (reviewed: "
           "right/harmless/wrong; unreviewed) |", "|---|---|---|---|---|---|---|"]
    in_scope = found_commits = labels = found_labels = fixed = 0
    verdicts: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    for row in rows:
        commit = row.commit
        expected = [lab for lab in commit.labels if lab.kind == "expect"]
        category = commit.pin.study.split(":", 1)[-1].split("/")[0].strip()
        if not row.linted:
            out.append(f"| {commit.pin.alias} | {commit.pin.repo} | {category} | "
                       f"{', '.join(sorted({lab.symbol for lab in expected})) or '–'} | not linted (no mirror) | | |")
            continue
        for label in commit.labels:
            if label.kind in ("out-of-scope", "gone"):
                kinds[label.kind] += 1
        counts = collections.Counter(lab.verdict for lab, _ in row.reviewed)
        verdicts.update(counts)
        if expected:
            in_scope += 1
            labels += len(expected)
            found_labels += len(row.found)
            found_commits += not row.missed
            fixed_here = sum(1 for lab, _ in row.found if all(nf[0] is not lab for nf in row.not_fixed))
            fixed += fixed_here
        scope = ", ".join(sorted({lab.symbol for lab in expected})) or next(
            (lab.kind for lab in commit.labels if lab.kind in ("out-of-scope", "gone")), "–")
        out.append(f"| {commit.pin.alias} | {commit.pin.repo} | {category} | {scope} "
                   f"| {f'{len(row.found)}/{len(expected)}' if expected else ''} "
                   f"| {f'{fixed_here}/{len(row.found)}' if expected and row.found else ''} "
                   f"| {counts['right']}/{counts['harmless']}/{counts['wrong']}; {len(row.unexpected)} |")
    out.append(f"\nin scope: {in_scope} commits ({labels} labels); found: commits {_ratio(found_commits, in_scope)}, "
               f"labels {_ratio(found_labels, labels)}; fixed (the fix's def silent for the rule): "
               f"{_ratio(fixed, found_labels)}")
    out.append(f"out of scope: {kinds['out-of-scope']} labels; gone under TF 2.21 / Keras 3: {kinds['gone']}; "
               f"other findings reviewed: right {verdicts['right']}, harmless {verdicts['harmless']}, "
               f"wrong {verdicts['wrong']}")
    misses = [(row, lab) for row in rows for lab in row.missed]
    if misses:
        out += ["", f"misses ({len(misses)}):"]
        out += [f"  {row.commit.pin.alias} {lab.path}:{'|'.join(map(str, lab.lines))} {lab.symbol}  # {lab.reason}"
                for row, lab in misses]
    not_fixed = [(row, lab, f) for row in rows for lab, f in row.not_fixed]
    if not_fixed:
        out += ["", f"expected findings still in the fix's def ({len(not_fixed)}):"]
        out += [f"  {row.commit.pin.alias} {f['file']}:{f['line']} {f['symbol']} ({f['scope']})"
                for row, lab, f in not_fixed]
    unexpected = [(row, side, f) for row in rows for side, f in row.unexpected]
    if unexpected:
        out += ["", f"unreviewed findings ({len(unexpected)}; review them: a verdict in study.txt):"]
        out += [f"  {row.commit.pin.alias} {side} {f['file']}:{f['line']} {f['symbol']} ({f['scope']}): "
                f"{f['message'][:140]}" for row, side, f in unexpected]
    stale = [(row, lab) for row in rows for lab in row.stale]
    if stale:
        out += ["", f"reviewed findings that did not appear ({len(stale)}):"]
        out += [f"  {row.commit.pin.alias} {lab.side} {lab.path}:{'|'.join(map(str, lab.lines)) or '*'} "
                f"{lab.symbol}={lab.verdict}" for row, lab in stale]
    unlinted = [row.commit.pin for row in rows if not row.linted]
    if unlinted:
        out += ["", f"not linted, no mirror or commit ({len(unlinted)}; not counted): "
                + ", ".join(f"{pin.alias} {pin.repo}" for pin in unlinted)]
    return "\n".join(out)


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", default=str(STUDY_TXT), help="the pinned fix commits and labels (study.txt)")
    parser.add_argument("--mirror", default=str(MIRROR), help="folder of the bare git mirrors (<owner>+<name>/repo)")
    parser.add_argument("--cache", default=str(CACHE / "study"), help="where the two trees are unpacked")
    parser.add_argument("--enable", default="all", help="off-by-default messages to turn on ('all': every one)")
    parser.add_argument("--findings", default=str(FINDINGS), help="the findings file (JSON lines) written/read")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="trees linted at once")
    parser.add_argument("--no-lint", action="store_true", help="only read --findings and print the table")
    parser.add_argument("aliases", nargs="*", help="the commits to run (default: all)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = argument_parser().parse_args(argv)
    started = time.perf_counter()
    commits = every = read_study(Path(args.list).read_text(encoding="utf-8"))
    if args.aliases:
        commits = [commit for commit in commits if commit.pin.alias in args.aliases]
    findings_path = Path(args.findings)
    found: dict[str, dict[str, list[dict]]] = collections.defaultdict(dict)
    if not args.no_lint:
        enabled = enabled_messages(args.enable)
        with concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs, max_tasks_per_child=1) as pool:
            futures = {}
            for commit in commits:
                for side in SIDES:
                    root = tree_of(commit.pin, side, Path(args.mirror), Path(args.cache))
                    if root is not None:
                        futures[pool.submit(lint_tree, root, commit.paths, enabled)] = (commit.pin.alias, side)
            for future in concurrent.futures.as_completed(futures):
                alias, side = futures[future]
                found[alias][side] = future.result()
        complete = {alias: sides for alias, sides in found.items() if set(sides) == set(SIDES)}
        print(f"linted {len(complete)} commits (both trees) in {time.perf_counter() - started:.0f}s")
        if args.aliases:  # a partial run keeps the other commits' recorded findings
            complete = {**read_findings(findings_path), **complete}
        findings_path.parent.mkdir(parents=True, exist_ok=True)
        with findings_path.open("w", encoding="utf-8") as out:
            for commit in every:
                sides = complete.get(commit.pin.alias)
                if sides is None:
                    continue
                out.write(json.dumps({"alias": commit.pin.alias, "side": "linted"}) + "\n")
                for side in SIDES:
                    for record in sides[side]:
                        out.write(json.dumps({"alias": commit.pin.alias, "side": side, **record},
                                             ensure_ascii=False) + "\n")
    recorded = read_findings(findings_path)
    print(format_report([score_commit(commit, recorded.get(commit.pin.alias)) for commit in commits]))
    return 0


def read_findings(path: Path) -> dict[str, dict[str, list[dict]]]:
    """The findings file, per commit and side (a commit is present when both trees were linted)."""
    recorded: dict[str, dict[str, list[dict]]] = {}
    if not path.is_file():
        return recorded
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            continue
        record = json.loads(line)
        sides = recorded.setdefault(record.pop("alias"), {side: [] for side in SIDES})
        side = record.pop("side")
        if side in SIDES:
            sides[side].append(record)
    return recorded


if __name__ == "__main__":
    sys.exit(main())
