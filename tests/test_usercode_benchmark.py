"""The user-code benchmark's offline parts: the list, finding keys, verdict matching, the precision table.

No network and no mirror: the fixtures are tiny sources written here (and one throwaway git repository
for ``materialise``)."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks import usercode
from benchmarks.corpus_findings import CORPUS_TXT, pins

EXTRA_TXT = CORPUS_TXT.with_name("corpus_extra.txt")
COMMIT = "0123456789abcdef0123456789abcdef01234567"


@dataclass(frozen=True)
class FakeFinding:
    line: int
    col: int
    symbol: str
    message: str = "m"


SOURCE = '''\
import tensorflow as tf

class Model(tf.keras.Model):
    def call(self, x):
        print(x)
        print(x)
        return x

    @tf.function
    def step(self, x):
        if True:
            def inner(y):
                print(y)
            inner(x)

print("module")
'''


def test_read_list_paths_exclusions_and_comments():
    entries = usercode.read_list(
        "# header\n\n"
        f"a/b {COMMIT}  # kind of code\n"
        f"c/d {COMMIT} src tools !src/vendored  # other\n"
    )
    assert [e.repo for e in entries] == ["a/b", "c/d"]
    assert entries[0].paths == () and entries[0].excluded == () and entries[0].kind == "kind of code"
    assert entries[1].paths == ("src", "tools") and entries[1].excluded == ("src/vendored",)
    assert entries[1].folder == "c+d"


@pytest.mark.parametrize("line", ["a/b 1234", "ab " + COMMIT, "a/b " + "z" * 40])
def test_read_list_rejects_bad_lines(line):
    with pytest.raises(ValueError):
        usercode.read_list(line)


def test_is_test_file():
    assert usercode.is_test_file("tests/x.py") and usercode.is_test_file("pkg/test/x.py")
    assert usercode.is_test_file("pkg/test_model.py") and usercode.is_test_file("pkg/model_test.py")
    assert usercode.is_test_file("conftest.py")
    assert not usercode.is_test_file("test.py")  # an inference script in several repositories
    assert not usercode.is_test_file("pkg/testing_utils.py") and not usercode.is_test_file("latest/x.py")


def test_lint_targets_paths_exclusions_and_tests(tmp_path):
    for name in ("src/a.py", "src/vendored/v.py", "src/tests/t.py", "src/a_test.py", "tools/b.py", "other/c.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    entry = usercode.read_list(f"a/b {COMMIT} src tools !src/vendored")[0]
    got = sorted(p.relative_to(tmp_path).as_posix() for p in usercode.lint_targets(tmp_path, entry))
    assert got == ["src/a.py", "tools/b.py"]
    everything = usercode.read_list(f"a/b {COMMIT} !other")[0]
    got = sorted(p.relative_to(tmp_path).as_posix() for p in usercode.lint_targets(tmp_path, everything))
    assert got == ["src/a.py", "src/vendored/v.py", "tools/b.py"]


def test_scope_is_the_innermost_def_or_class():
    import ast

    tree = ast.parse(SOURCE)
    assert usercode.scope_at(tree, 5) == "Model.call"
    assert usercode.scope_at(tree, 13) == "Model.step.inner"  # a def inside an if
    assert usercode.scope_at(tree, 9) == "Model"  # a decorator line belongs to the enclosing scope
    assert usercode.scope_at(tree, 16) == "<module>"


def test_keys_count_occurrences_and_survive_line_shifts():
    findings = [FakeFinding(5, 8, "print-at-trace-time"), FakeFinding(6, 8, "print-at-trace-time"),
                FakeFinding(13, 16, "print-at-trace-time")]
    records = usercode.keyed_records("a/b", "m.py", SOURCE, findings)
    assert [(r["scope"], r["text"], r["occurrence"]) for r in records] == [
        ("Model.call", "print(x)", 0), ("Model.call", "print(x)", 1), ("Model.step.inner", "print(y)", 0)]
    shifted_source = "# a new comment\n\n" + SOURCE
    shifted = usercode.keyed_records("a/b", "m.py", shifted_source,
                                     [FakeFinding(f.line + 2, f.col, f.symbol) for f in findings])
    assert [usercode.key_of(r) for r in shifted] == [usercode.key_of(r) for r in records]
    assert [r["line"] for r in shifted] == [7, 8, 15]


def test_keys_of_an_unparsable_file_use_the_module_scope():
    records = usercode.keyed_records("a/b", "m.py", "def f(:\n  print(1)\n", [FakeFinding(2, 2, "s")])
    assert records[0]["scope"] == "<module>" and records[0]["text"] == "print(1)"


def _finding(symbol, text, occurrence=0, repo="a/b"):
    return {"repo": repo, "path": "m.py", "line": 1, "symbol": symbol, "scope": "f", "text": text,
            "occurrence": occurrence}


def _verdict(finding, verdict, **extra):
    return {**finding, "verdict": verdict, "reason": "because", **extra}


def test_match_and_stale_verdicts():
    f1, f2 = _finding("r", "a"), _finding("r", "a", occurrence=1)
    gone = _finding("r", "b")
    matched, stale = usercode.match([f1, f2], [_verdict(f1, "right"), _verdict(gone, "wrong")])
    assert list(matched) == [usercode.key_of(f1)]
    assert stale == [_verdict(gone, "wrong")]


def test_precision_table_counts_per_rule_and_totals():
    findings = [_finding("on-rule", "a"), _finding("on-rule", "b"), _finding("on-rule", "c"),
                _finding("on-rule", "d"), _finding("opt", "e"), _finding("opt", "f")]
    verdicts = [_verdict(findings[0], "right"), _verdict(findings[1], "harmless"), _verdict(findings[2], "wrong"),
                _verdict(findings[4], "wrong", sample=True)]
    rows = usercode.precision_table(findings, verdicts, default_on={"on-rule"})
    on, opt = rows
    assert (on.symbol, on.default_on, on.findings, on.right, on.harmless, on.wrong, on.unreviewed) == (
        "on-rule", True, 4, 1, 1, 1, 1)
    assert on.precision == pytest.approx(2 / 3) and on.right_precision == pytest.approx(1 / 3)
    assert (opt.default_on, opt.reviewed, opt.unreviewed, opt.sampled, opt.precision) == (False, 1, 1, True, 0.0)
    table = usercode.format_table(rows)
    assert "| `on-rule` | on | 4 | 3 | 1 | 1 | 1 | 1 | 0.67 | 0.33 |" in table
    assert "| `opt` (sample) | opt-in | 2 | 1 | 0 | 0 | 1 | 1 | 0.00 | 0.00 |" in table
    assert "| **default-on rules** | on | 4 | 3 | 1 | 1 | 1 | 1 | 0.67 | 0.33 |" in table  # opt-in not counted


def test_precision_of_a_rule_nobody_reviewed_is_not_a_number():
    (row,) = usercode.precision_table([_finding("r", "a")], [], default_on={"r"})
    assert row.precision is None and "| – | – |" in usercode.format_table([row])


def test_report_lists_unreviewed_and_stale_only_for_what_was_checked():
    reviewed, new = _finding("r", "a"), _finding("r", "b")
    stale_here, other_repo, opt_in = _finding("r", "c"), _finding("r", "d", repo="x/y"), _finding("opt", "e")
    verdicts = [_verdict(v, "right") for v in (reviewed, stale_here, other_repo, opt_in)]
    text = usercode.report([reviewed, new], verdicts, {"r"}, checked=({"a/b"}, {"r"}))
    assert "unreviewed findings (1):\n  a/b m.py:1 r [f] b" in text
    assert "(1; the code or the rule changed):\n  a/b m.py:1 r [f] c" in text
    assert "x/y" not in text and " opt " not in text


def test_verdicts_round_trip_and_validation(tmp_path):
    path = tmp_path / "verdicts.json"
    records = [_verdict(_finding("r", "b"), "wrong"), _verdict(_finding("r", "a"), "harmless")]
    usercode.write_verdicts(path, records)
    assert len(path.read_text().splitlines()) == 4  # '[', one record a line, ']'
    assert sorted(usercode.read_verdicts(path), key=usercode.key_of) == sorted(records, key=usercode.key_of)
    for bad in ({**records[0], "verdict": "true"}, {**records[0], "reason": " "},
                {k: v for k, v in records[0].items() if k != "scope"}):
        path.write_text(json.dumps([bad]))
        with pytest.raises(ValueError):
            usercode.read_verdicts(path)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_materialise_takes_the_python_files_of_the_pin(tmp_path):
    work = tmp_path / "work"
    (work / "pkg").mkdir(parents=True)
    (work / "pkg" / "m.py").write_text("x = 1\n")
    (work / "weights.bin").write_bytes(b"\0" * 10)
    (work / "requirements.txt").write_text("tensorflow==2.4.0\n")  # says which Keras: kept
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "c"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    mirror = tmp_path / "mirror" / "o+n"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirror / "repo")], check=True)
    entry = usercode.read_list(f"o/n {commit}")[0]
    assert usercode.git_dir(tmp_path / "mirror", "o/n") == mirror / "repo"
    root = usercode.materialise(entry, tmp_path / "mirror", tmp_path / "cache")
    assert root == tmp_path / "cache" / "o+n"
    assert (root / "pkg" / "m.py").read_text() == "x = 1\n" and not (root / "weights.bin").exists()
    assert (root / "requirements.txt").read_text() == "tensorflow==2.4.0\n"
    shutil.rmtree(mirror)  # the pin is kept: no mirror needed again
    assert usercode.materialise(entry, tmp_path / "mirror", tmp_path / "cache") == root
    assert usercode.git_dir(tmp_path / "mirror", "o/n") is None


def test_the_committed_list_findings_and_verdicts_agree():
    entries = usercode.read_list(usercode.USERCODE_TXT.read_text(encoding="utf-8"))
    repos = [e.repo for e in entries]
    assert len(repos) >= 30 and len(set(repos)) == len(repos)
    assert all(e.kind for e in entries), "every repository says what graph code it has"
    corpus_names = {name.replace("_", "").replace("-", "") for name in {*pins(CORPUS_TXT), *pins(EXTRA_TXT)}}
    assert not {r.split("/")[1].lower().replace("_", "").replace("-", "") for r in repos} & corpus_names
    findings = [json.loads(line) for line in usercode.FINDINGS.read_text(encoding="utf-8").splitlines() if line]
    verdicts = usercode.read_verdicts(usercode.VERDICTS)
    assert {f["repo"] for f in findings} <= set(repos)
    matched, stale = usercode.match(findings, verdicts)
    assert not stale
    default_on = usercode.default_on_symbols()
    unreviewed = [f for f in findings if f["symbol"] in default_on and usercode.key_of(f) not in matched]
    assert not unreviewed, "every finding of a default-on rule has a verdict"
