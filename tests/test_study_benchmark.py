"""The study benchmark's offline parts: the pinned list, the labels, scoring, the report; one throwaway git
repository checks the two trees; the pinned commits themselves only where their mirrors exist (else skipped)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks import study

PARENT = "0123456789abcdef0123456789abcdef01234567"
FIX = "89abcdef0123456789abcdef0123456789abcdef"
LIST = f"""\
# header
pin A a/b {PARENT} {FIX}  # study 1: Performance / Use of eager mode / Lower performance / Use tf.function.
A pkg/m.py tf-function-opportunity@10|11  # the fix decorates train_step
A pkg/m.py print-at-trace-time@30=right  # print in a tf.function
A pkg/m.py print-at-trace-time@fix:31=harmless  # the same print, moved
pin B c/d {PARENT} {FIX}  # study 2: Debuggability / Use of graph mode / Poor debuggability. / Remove tf.function decorator.
B x.py out-of-scope  # no defect: the author wanted to debug
pin C e/f {PARENT} {FIX}  # study 3: API Misuse / API confusion / None / None
C y.py gone  # a TF 1.x API
"""


def finding(file: str, line: int, symbol: str, scope: str = "train_step", message: str = "m") -> dict:
    return {"file": file, "line": line, "symbol": symbol, "message": message, "scope": scope}


def test_read_study_pins_and_labels():
    commits = study.read_study(LIST)
    assert [c.pin.alias for c in commits] == ["A", "B", "C"]
    first = commits[0]
    assert first.pin == study.Pin("A", "a/b", PARENT, FIX, first.pin.study)
    assert first.pin.study.startswith("study 1: Performance")
    assert first.labels[0] == study.Label("expect", "pkg/m.py", "tf-function-opportunity", (10, 11),
                                          reason="the fix decorates train_step")
    assert first.labels[1].kind == "review" and first.labels[1].side == "parent"
    assert first.labels[2].side == "fix" and first.labels[2].verdict == "harmless"
    assert first.paths == ["pkg/m.py"] and first.in_scope
    assert commits[1].labels[0].kind == "out-of-scope" and not commits[1].in_scope
    assert commits[2].labels[0].kind == "gone"


@pytest.mark.parametrize("line", [
    "A x.py print-at-trace-time@6",  # no reason
    "Q x.py out-of-scope  # not pinned",
    "A x.py print-at-trace-time  # no line",
    "A x.py print-at-trace-time@6=maybe  # bad verdict",
    "A x.py print-at-trace-time@fix:6  # an expected label on the fix's file",
    f"pin A a/b {PARENT[:-1]} {FIX}  # short commit",
])
def test_read_study_rejects_malformed_lines(line):
    with pytest.raises(ValueError):
        study.read_study(f"pin A a/b {PARENT} {FIX}  # s\nA x.py out-of-scope  # r\n{line}\n")


def test_score_found_fixed_reviewed_and_unexpected():
    commit = study.read_study(LIST)[0]
    findings = {
        "parent": [finding("pkg/m.py", 11, "tf-function-opportunity"),
                   finding("pkg/m.py", 30, "print-at-trace-time", "other"),
                   finding("pkg/m.py", 40, "stale-global-read", "other")],
        "fix": [finding("pkg/m.py", 31, "print-at-trace-time", "other"),
                finding("pkg/m.py", 12, "redundant-tf-function")],
    }
    row = study.score_commit(commit, findings)
    assert [lab.symbol for lab, _ in row.found] == ["tf-function-opportunity"] and not row.missed
    assert not row.not_fixed
    assert sorted(lab.verdict for lab, _ in row.reviewed) == ["harmless", "right"]
    assert sorted((side, f["line"]) for side, f in row.unexpected) == [("fix", 12), ("parent", 40)]
    report = study.format_report([row])
    assert "| A | a/b | Performance | tf-function-opportunity | 1/1 | 1/1 | 1/1/0; 2 |" in report
    assert "in scope: 1 commits (1 labels); found: commits 1/1 = 1.00, labels 1/1 = 1.00" in report


def test_score_misses_not_fixed_and_unlinted():
    commits = study.read_study(LIST)
    row = study.score_commit(commits[0], {"parent": [finding("pkg/m.py", 12, "tf-function-opportunity")],
                                          "fix": []})
    assert [lab.lines for lab in row.missed] == [(10, 11)]
    assert len(row.stale) == 2  # both reviewed prints are gone
    still = study.score_commit(commits[0], {
        "parent": [finding("pkg/m.py", 10, "tf-function-opportunity")],
        "fix": [finding("pkg/m.py", 14, "tf-function-opportunity")]})  # same def: not fixed
    assert len(still.not_fixed) == 1
    unlinted = study.score_commit(commits[1], None)
    report = study.format_report([row, still, unlinted, study.score_commit(commits[2], {"parent": [], "fix": []})])
    assert "in scope: 2 commits (2 labels); found: commits 1/2 = 0.50, labels 1/2 = 0.50" in report
    assert "fixed (the fix's def silent for the rule): 0/1 = 0.00" in report
    assert "out of scope: 0 labels; gone under TF 2.21 / Keras 3: 1" in report  # B was not linted
    assert "not linted, no mirror or commit (1; not counted): B c/d" in report
    assert "misses (1):" in report


def test_read_findings_per_commit_and_side(tmp_path: Path):
    path = tmp_path / "f.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"alias": "A", "side": "linted"},
        {"alias": "A", "side": "parent", **finding("pkg/m.py", 11, "tf-function-opportunity")},
        {"alias": "B", "side": "linted"},
    ]) + "\n")
    recorded = study.read_findings(path)
    assert set(recorded) == {"A", "B"}
    assert len(recorded["A"]["parent"]) == 1 and recorded["A"]["fix"] == [] and recorded["B"]["parent"] == []
    assert study.read_findings(tmp_path / "missing.jsonl") == {}


def test_committed_list_parses_and_names_our_rules():
    from pylint_hybridize.registry import all_rules  # pylint: disable=import-outside-toplevel

    commits = study.read_study(study.STUDY_TXT.read_text(encoding="utf-8"))
    symbols = {rule.symbol for rule in all_rules()}
    assert len(commits) >= 25 and len({c.pin.repo for c in commits}) >= 15
    assert all(lab.symbol in symbols for c in commits for lab in c.labels if lab.symbol)
    assert all(c.pin.study.startswith("study ") for c in commits)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_tree_of_unpacks_each_side(tmp_path: Path):
    work = tmp_path / "work"
    (work / "pkg").mkdir(parents=True)
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    shas = []
    for text in ("x = 1\n", "x = 2\n"):
        (work / "pkg" / "m.py").write_text(text)
        subprocess.run([*git, "add", "."], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "c"], check=True)
        shas.append(subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True,
                                   text=True).stdout.strip())
    mirror = tmp_path / "mirror"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirror / "a+b" / "repo")], check=True)
    pin = study.Pin("A", "a/b", shas[0], shas[1], "study 1")
    for side, text in (("parent", "x = 1\n"), ("fix", "x = 2\n")):
        root = study.tree_of(pin, side, mirror, tmp_path / "cache")
        assert root is not None and (root / "pkg" / "m.py").read_text() == text
    assert study.tree_of(study.Pin("A", "x/y", shas[0], shas[1], "s"), "fix", mirror, tmp_path / "cache") is None


def _mirrored(alias: str) -> study.Commit | None:
    from benchmarks.usercode import git_dir  # pylint: disable=import-outside-toplevel

    commits = {c.pin.alias: c for c in study.read_study(study.STUDY_TXT.read_text(encoding="utf-8"))}
    commit = commits[alias]
    gitdir = git_dir(study.MIRROR, commit.pin.repo)
    if gitdir is None:
        return None
    known = subprocess.run(["git", "--git-dir", str(gitdir), "cat-file", "-e", f"{commit.pin.fix}^{{commit}}"],
                           capture_output=True, check=False)
    return commit if known.returncode == 0 else None


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_one_pinned_commit_found_and_fixed(tmp_path: Path):
    """Commit S98 end to end (TensorFlowASR: the fix removes the redundant tf.function of _idx_to_char)."""
    commit = _mirrored("S98")
    if commit is None:
        pytest.skip("no mirror of TensorSpeech/TensorFlowASR with the pinned commit under /work/.mirror "
                    "(fetch github:TensorSpeech/TensorFlowASR)")
    out = tmp_path / "f.jsonl"
    assert study.main(["--findings", str(out), "--cache", str(tmp_path / "cache"), "-j", "1", "S98"]) == 0
    row = study.score_commit(commit, study.read_findings(out)["S98"])
    assert row.found and not row.missed and not row.not_fixed


def test_committed_findings_are_all_reviewed():
    """The committed findings (benchmarks/study_findings.jsonl, from the last run) and the list agree: every
    commit was linted, every finding matches an expected label or a verdict, no verdict lost its finding."""
    commits = study.read_study(study.STUDY_TXT.read_text(encoding="utf-8"))
    recorded = study.read_findings(study.FINDINGS)
    rows = [study.score_commit(commit, recorded.get(commit.pin.alias)) for commit in commits]
    assert [row.commit.pin.alias for row in rows if not row.linted] == []
    assert [(row.commit.pin.alias, side, f["file"], f["line"], f["symbol"])
            for row in rows for side, f in row.unexpected] == []
    assert [(row.commit.pin.alias, lab.path, lab.symbol) for row in rows for lab in row.stale] == []
