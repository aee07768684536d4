"""The peer-tools benchmark: recall and precision on the labelled test programs of peer tools.

    python benchmarks/peers.py [--mirror DIR] [--enable MSGS|all] [-j N] [--findings F] [--no-lint] [CASE ...]

``benchmarks/peers.txt`` pins each peer repository (``pin ALIAS owner/name COMMIT BASE``: BASE is the folder of
its test programs) and lists the cases, one peer label a line::

    ALIAS PATH LABEL  # peer: what the peer says; ours: why it maps to LABEL

PATH is a file or a folder under BASE (a folder is one small project: every .py file in it is linted together).
Lines with the same ALIAS and PATH are one case. LABEL is one of

- ``SYMBOL@[FILE:]LINE[|LINE...]``: the peer flags this code and our message SYMBOL should fire there (FILE is
  the file relative to PATH when PATH is a folder; alternatives: one finding at any of the lines);
- ``none``: the peer says this program (or function) is fine: none of our messages is expected for it;
- ``out-of-scope@[FILE:]LINE`` (bare ``out-of-scope``: the whole case): the peer flags this line, but no rule
  of ours has a counterpart (the comment says why); not counted in recall;
- ``peer-wrong@[FILE:]LINE`` (bare: the whole case): the peer flags this line, but under TF 2.21 / Keras 3 nothing goes wrong there
  (the comment gives the measurement, docs/precision.md the command); not counted in recall;
- ``SYMBOL@[FILE:]LINE=VERDICT``: a finding of ours the peer does not label, reviewed (right / harmless /
  wrong, the comment says why).

Nothing of the peers is copied into this repository: each pin's cases are taken from a bare git mirror
(``--mirror``, default /work/.mirror, where the search tool's ``fetch`` puts ``<owner>+<name>/repo``) with
``git archive`` into ``benchmarks/.cache/peers/<owner>+<name>/`` (once per pin), then every case is linted in a
fresh process (the peers' programs share module names such as ``A``) with the Engine of
``benchmarks/usercode.py``. The script prints per-rule recall (expected findings found / expected) and precision
((findings matching an expected label + findings reviewed right or harmless) / findings), then every miss and every
unexpected finding (not matching a label, not reviewed) and every reviewed finding that no longer appears.
"""

from __future__ import annotations

import argparse
import collections
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
from benchmarks import pinned  # noqa: E402
from benchmarks.pinned import git_dir, lint_each, unpack, write_records  # noqa: E402
from benchmarks.usercode import VERDICT_KINDS  # noqa: E402

PEERS_TXT = REPO / "benchmarks" / "peers.txt"
FINDINGS = REPO / "benchmarks" / "peers_findings.jsonl"
LABEL_KINDS = ("expect", "none", "out-of-scope", "peer-wrong", "review")
_PIN_MARKER = ".peers-pin"


@dataclass(frozen=True)
class Pin:
    """One peer repository at one commit; BASE is the folder its cases' paths are relative to."""

    alias: str
    repo: str
    commit: str
    base: str

    @property
    def folder(self) -> str:
        return self.repo.replace("/", "+")


@dataclass(frozen=True)
class Label:
    """One peer label mapped to our terms (see the module docstring)."""

    kind: str  # LABEL_KINDS
    symbol: str = ""  # our message (expect / review)
    file: str = ""  # relative to the case's path; "" = the case's only file
    lines: tuple[int, ...] = ()
    verdict: str = ""  # review only
    reason: str = ""


@dataclass
class Case:
    alias: str
    path: str
    labels: list[Label] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.alias}:{self.path}"


def _parse_label(word: str, reason: str) -> Label:
    if word in ("none", "out-of-scope", "peer-wrong"):
        return Label(word, reason=reason)  # the whole case
    head, sep, place = word.partition("@")
    if not sep or not place:
        raise ValueError(f"not a label (SYMBOL@[FILE:]LINE, none, out-of-scope@..., peer-wrong@...): {word!r}")
    place, _, verdict = place.partition("=")
    file, _, lines_text = place.rpartition(":")
    lines = tuple(int(line) for line in lines_text.split("|"))
    if head in ("out-of-scope", "peer-wrong"):
        return Label(head, file=file, lines=lines, reason=reason)
    if verdict:
        if verdict not in VERDICT_KINDS:
            raise ValueError(f"verdict must be one of {VERDICT_KINDS}: {word!r}")
        return Label("review", head, file, lines, verdict, reason)
    return Label("expect", head, file, lines, reason=reason)


def read_peers(text: str) -> tuple[dict[str, Pin], list[Case]]:
    """The pins and the cases (in order of first appearance) of a peers.txt text."""
    pins: dict[str, Pin] = {}
    cases: dict[tuple[str, str], Case] = {}
    for number, line in enumerate(text.splitlines(), 1):
        body, _, comment = line.partition("#")
        words = body.split()
        if not words:
            continue
        if words[0] == "pin":
            if len(words) != 5 or len(words[3]) != 40 or "/" not in words[2]:
                raise ValueError(f"line {number}: not 'pin ALIAS owner/name COMMIT BASE': {line!r}")
            int(words[3], 16)
            pins[words[1]] = Pin(words[1], words[2], words[3], words[4].rstrip("/"))
            continue
        if len(words) != 3 or words[0] not in pins:
            raise ValueError(f"line {number}: not 'ALIAS PATH LABEL' with a pinned ALIAS: {line!r}")
        if not comment.strip():
            raise ValueError(f"line {number}: a label needs its reason (# peer: ...; ours: ...): {line!r}")
        case = cases.setdefault((words[0], words[1]), Case(words[0], words[1].rstrip("/")))
        case.labels.append(_parse_label(words[2], comment.strip()))
    return pins, list(cases.values())


def materialise(pin: Pin, cases: list[Case], mirror: Path, cache: Path) -> Path | None:
    """The pinned files of ``pin``'s cases under ``cache`` (``git archive`` from the mirror when missing)."""
    root = cache / pin.folder
    marker = root / _PIN_MARKER
    paths = sorted({f"{pin.base}/{case.path}" for case in cases if case.alias == pin.alias})
    stamp = pin.commit + "\n" + "\n".join(paths) + "\n"
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return root
    gitdir = git_dir(mirror, pin.repo)
    if gitdir is None:
        print(f"{pin.repo}: no mirror under {mirror} (fetch github:{pin.repo} first)", file=sys.stderr)
        return None
    specs = [p if p.endswith(".py") else f":(glob){p}/**/*.py" for p in paths]
    return unpack(pin.repo, gitdir, pin.commit, specs, root, marker, stamp)


def case_files(folder: Path) -> list[Path]:
    """The files of one case: the file itself, or every .py file of the folder."""
    return [folder] if folder.is_file() else sorted(folder.rglob("*.py"))


def lint_case(folder: Path, enabled: list[str]) -> list[dict]:
    """Every finding of our checkers on one case (run in a fresh process: an empty astroid cache)."""
    from pylint_hybridize.engine import Engine  # pylint: disable=import-outside-toplevel

    base = folder if folder.is_dir() else folder.parent
    add_import_roots(base, ["."])
    engine = Engine(enabled=enabled)
    return [{"file": path.relative_to(base).as_posix(), "line": finding.line, "col": finding.col,
             "symbol": finding.symbol, "message": finding.message}
            for path, finding in lint_files(engine, case_files(folder))]


def _file_of(case: Case, label_file: str) -> str:
    return label_file or (Path(case.path).name if case.path.endswith(".py") else "")


@dataclass
class Score:
    """What one run scored: per rule, the expected labels found, the findings and why each counts."""

    expected: collections.Counter = field(default_factory=collections.Counter)
    found: collections.Counter = field(default_factory=collections.Counter)
    findings: collections.Counter = field(default_factory=collections.Counter)
    reviewed: dict = field(default_factory=lambda: collections.defaultdict(collections.Counter))
    misses: list = field(default_factory=list)  # (case, label)
    unexpected: list = field(default_factory=list)  # (case, finding)
    stale_reviews: list = field(default_factory=list)  # (case, label)
    out_of_scope: list = field(default_factory=list)  # (case, label)
    peer_wrong: list = field(default_factory=list)  # (case, label)


def _lands(case: Case, label: Label, finding: dict) -> bool:
    wanted = _file_of(case, label.file)
    return (finding["symbol"] == label.symbol and finding["line"] in label.lines
            and (not wanted or finding["file"] == wanted))


def score(cases: list[Case], findings: dict[str, list[dict]]) -> Score:
    """Match each case's findings with its labels: one finding per label, one label per finding."""
    result = Score()
    for case in cases:
        left = list(findings.get(case.name, []))
        for finding in left:
            result.findings[finding["symbol"]] += 1
        for label in case.labels:
            if label.kind == "out-of-scope":
                result.out_of_scope.append((case, label))
            elif label.kind == "peer-wrong":
                result.peer_wrong.append((case, label))
        for kind in ("expect", "review"):  # expected labels take their finding first
            for label in (lab for lab in case.labels if lab.kind == kind):
                hit = next((f for f in left if _lands(case, label, f)), None)
                if kind == "expect":
                    result.expected[label.symbol] += 1
                    if hit is None:
                        result.misses.append((case, label))
                    else:
                        result.found[label.symbol] += 1
                elif hit is None:
                    result.stale_reviews.append((case, label))
                else:
                    result.reviewed[label.symbol][label.verdict] += 1
                if hit is not None:
                    left.remove(hit)
        result.unexpected += [(case, finding) for finding in left]
    return result


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator}/{denominator} = {numerator / denominator:.2f}" if denominator else "–"


def format_report(result: Score) -> str:
    symbols = sorted(set(result.expected) | set(result.findings))
    unexpected = collections.Counter(f["symbol"] for _, f in result.unexpected)
    out = ["| rule | expected | found | recall | findings | matching a label | reviewed right | harmless | wrong "
           "| unexpected | precision (label + right) |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    totals = collections.Counter()
    for symbol in symbols:
        verdicts = result.reviewed.get(symbol, collections.Counter())
        row = {"expected": result.expected[symbol], "found": result.found[symbol], "findings": result.findings[symbol],
               "right": verdicts["right"], "harmless": verdicts["harmless"], "wrong": verdicts["wrong"],
               "unexpected": unexpected[symbol]}
        totals.update(row)
        out.append(f"| `{symbol}` | {row['expected']} | {row['found']} | {_ratio(row['found'], row['expected'])} "
                   f"| {row['findings']} | {row['found']} | {row['right']} | {row['harmless']} | {row['wrong']} "
                   f"| {row['unexpected']} | {_ratio(row['found'] + row['right'], row['findings'])} |")
    out.append(f"| **all** | {totals['expected']} | {totals['found']} | {_ratio(totals['found'], totals['expected'])} "
               f"| {totals['findings']} | {totals['found']} | {totals['right']} | {totals['harmless']} "
               f"| {totals['wrong']} | {totals['unexpected']} "
               f"| {_ratio(totals['found'] + totals['right'], totals['findings'])} |")
    out.append(f"\nout of scope (peer labels without a counterpart): {len(result.out_of_scope)}; "
               f"peer labels wrong under TF 2.21 (measured): {len(result.peer_wrong)}")

    def where(case: Case, file: str, lines) -> str:
        shown = "|".join(str(line) for line in lines)
        return f"{case.name}" + (f" {file}:{shown}" if file else f" :{shown}")

    if result.misses:
        out += ["", f"misses ({len(result.misses)}):"]
        out += [f"  {where(c, lab.file, lab.lines)} {lab.symbol}  # {lab.reason}" for c, lab in result.misses]
    if result.unexpected:
        out += ["", f"unexpected findings ({len(result.unexpected)}; review them: a label or a verdict in peers.txt):"]
        out += [f"  {c.name} {f['file']}:{f['line']} {f['symbol']}: {f['message'][:160]}" for c, f in result.unexpected]
    if result.stale_reviews:
        out += ["", f"reviewed findings that did not appear ({len(result.stale_reviews)}):"]
        out += [f"  {where(c, lab.file, lab.lines)} {lab.symbol}={lab.verdict}" for c, lab in result.stale_reviews]
    return "\n".join(out)


def argument_parser() -> argparse.ArgumentParser:
    return pinned.argument_parser(__doc__.splitlines()[0], (str(PEERS_TXT), "the pins and labelled cases (peers.txt)"),
                                  CACHE / "peers", "all", FINDINGS, 2,
                                  ("cases", "ALIAS:PATH cases to run (default: all)"))


def main(argv: list[str] | None = None) -> int:
    args = argument_parser().parse_args(argv)
    started = time.perf_counter()
    pins, cases = read_peers(Path(args.list).read_text(encoding="utf-8"))
    if args.cases:
        cases = [case for case in cases if case.name in args.cases]
    findings_path = Path(args.findings)
    if not args.no_lint:
        enabled = enabled_messages(args.enable)
        roots = {alias: materialise(pin, cases, Path(args.mirror), Path(args.cache)) for alias, pin in pins.items()}
        todo = {case.name: roots[case.alias] / pins[case.alias].base / case.path for case in cases if roots[case.alias]}
        work = {name: (folder, enabled) for name, folder in todo.items()}
        found: dict[str, list[dict]] = lint_each(args.jobs, work, lint_case)
        write_records(findings_path,
                      ({"case": case.name, **record} for case in cases for record in found.get(case.name, [])))
        print(f"linted {len(found)} cases in {time.perf_counter() - started:.0f}s")
    findings: dict[str, list[dict]] = collections.defaultdict(list)
    for line in findings_path.read_text(encoding="utf-8").splitlines():
        if line:
            record = json.loads(line)
            findings[record.pop("case")].append(record)
    print(format_report(score(cases, findings)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
