"""The peer-tools benchmark's offline parts: the list, the labels, matching findings to labels, the report.

No mirror: the findings are written here; one throwaway git repository checks ``materialise``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks import peers

COMMIT = "0123456789abcdef0123456789abcdef01234567"
LIST = f"""\
# header
pin P a/b {COMMIT} tests/programs/
P t1/in print-at-trace-time@A.py:6  # peer: print; ours: print at trace time
P t1/in out-of-scope@A.py:9  # peer: open(); ours: no rule
P t1/in barren-tf-function@A.py:12=right  # ours: no TF op
P one.py recursion-in-graph@16|19|21  # peer: one issue per function
P one.py peer-wrong@30  # measured: nothing happens
P t2/in none  # peer: fine
P deprecated.py out-of-scope  # peer: an API deprecation
"""


def finding(file: str, line: int, symbol: str) -> dict:
    return {"file": file, "line": line, "col": 0, "symbol": symbol, "message": "m"}


def test_read_peers_pins_cases_and_labels():
    pins, cases = peers.read_peers(LIST)
    assert pins["P"] == peers.Pin("P", "a/b", COMMIT, "tests/programs")
    assert pins["P"].folder == "a+b"
    assert [c.name for c in cases] == ["P:t1/in", "P:one.py", "P:t2/in", "P:deprecated.py"]
    first = cases[0].labels
    assert [lab.kind for lab in first] == ["expect", "out-of-scope", "review"]
    assert first[0] == peers.Label("expect", "print-at-trace-time", "A.py", (6,),
                                   reason="peer: print; ours: print at trace time")
    assert first[2].verdict == "right" and first[2].lines == (12,)
    assert cases[1].labels[0].lines == (16, 19, 21) and cases[1].labels[0].file == ""
    assert cases[2].labels[0].kind == "none"
    assert cases[3].labels[0] == peers.Label("out-of-scope", reason="peer: an API deprecation")


@pytest.mark.parametrize("line", [
    "P x.py print-at-trace-time@6",  # no reason
    "Q x.py none  # not pinned",
    "P x.py print-at-trace-time  # no line",
    "P x.py barren-tf-function@6=maybe  # bad verdict",
    f"pin P a/b {COMMIT[:-1]} base",  # short commit
])
def test_read_peers_rejects_malformed_lines(line):
    with pytest.raises(ValueError):
        peers.read_peers(f"pin P a/b {COMMIT} base\n{line}\n")


def test_score_recall_precision_misses_and_unexpected():
    _, cases = peers.read_peers(LIST)
    findings = {
        "P:t1/in": [finding("A.py", 6, "print-at-trace-time"), finding("A.py", 12, "barren-tf-function"),
                    finding("B.py", 6, "print-at-trace-time")],  # another file: not the label's
        "P:one.py": [finding("one.py", 19, "recursion-in-graph"), finding("one.py", 21, "recursion-in-graph")],
        "P:t2/in": [finding("A.py", 3, "tf-function-opportunity")],
    }
    result = peers.score(cases, findings)
    assert result.expected == {"print-at-trace-time": 1, "recursion-in-graph": 1}
    assert result.found == {"print-at-trace-time": 1, "recursion-in-graph": 1}
    assert result.reviewed["barren-tf-function"]["right"] == 1
    assert sorted((c.name, f["line"], f["symbol"]) for c, f in result.unexpected) == [
        ("P:one.py", 21, "recursion-in-graph"),  # one finding per label: the second is unexpected
        ("P:t1/in", 6, "print-at-trace-time"),  # B.py's
        ("P:t2/in", 3, "tf-function-opportunity"),
    ]
    assert [c.name for c, _ in result.out_of_scope] == ["P:t1/in", "P:deprecated.py"]
    assert [c.name for c, _ in result.peer_wrong] == ["P:one.py"]
    assert not result.misses and not result.stale_reviews

    report = peers.format_report(result)
    assert "| `print-at-trace-time` | 1 | 1 | 1/1 = 1.00 | 2 | 1 | 0 | 0 | 0 | 1 | 1/2 = 0.50 |" in report
    assert "| `barren-tf-function` | 0 | 0 | – | 1 | 0 | 1 | 0 | 0 | 0 | 1/1 = 1.00 |" in report
    assert "out of scope (peer labels without a counterpart): 2; peer labels wrong under TF 2.21 (measured): 1" in report


def test_score_reports_misses_and_reviews_that_did_not_appear():
    _, cases = peers.read_peers(LIST)
    result = peers.score(cases, {})
    assert sorted(lab.symbol for _, lab in result.misses) == ["print-at-trace-time", "recursion-in-graph"]
    assert [lab.symbol for _, lab in result.stale_reviews] == ["barren-tf-function"]
    report = peers.format_report(result)
    assert "misses (2):" in report and "P:one.py :16|19|21 recursion-in-graph" in report
    assert "reviewed findings that did not appear (1):" in report


def test_committed_list_parses_and_names_our_rules():
    from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

    pins, cases = peers.read_peers(peers.PEERS_TXT.read_text(encoding="utf-8"))
    symbols = {rule.symbol for rule in all_rules()}
    assert set(pins) == {"HFR", "SQ"}
    assert cases and all(lab.symbol in symbols for case in cases for lab in case.labels if lab.symbol)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_materialise_archives_only_the_case_paths(tmp_path: Path):
    work = tmp_path / "work"
    (work / "tests/programs/t1/in").mkdir(parents=True)
    (work / "tests/programs/t1/in/A.py").write_text("x = 1\n")
    (work / "tests/programs/t1/in/data.h5").write_text("not python\n")
    (work / "tests/programs/other.py").write_text("y = 2\n")
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "c"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    mirror = tmp_path / "mirror"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirror / "a+b" / "repo")], check=True)
    pins, cases = peers.read_peers(f"pin P a/b {commit} tests/programs\nP t1/in none  # fine\n")
    root = peers.materialise(pins["P"], cases, mirror, tmp_path / "cache")
    assert root is not None
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        ".peers-pin", "tests/programs/t1/in/A.py"]
    assert peers.case_files(root / "tests/programs/t1/in") == [root / "tests/programs/t1/in/A.py"]
