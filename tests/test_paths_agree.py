"""The paths around the main one give the main one's answer (issue 28): star imports, odd files,
file lists, empty folders; each test names the defect it reproduces."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PRINT = "import tensorflow as tf\n\n\n@tf.function\ndef step(x):\n    print(x)\n    return x\n"


def _cli(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    # the console script, as users run it: its sys.path holds its own folder, not the working directory
    script = Path(sys.executable).with_name("pylint-hybridize")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "pylint_hybridize.cli"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd, check=False, timeout=timeout)


def test_star_import_of_tensorflow_is_seen_by_check_fix_and_flake8(tmp_path: Path):
    """Defect 4: a GPT-2 repository's `from utils.tf_utils import *` (which does `import tensorflow as
    tf`) in a script beside `utils/`: `check` said "`fix` would fix 1", then `fix` changed nothing
    (astroid builds star-imported names while parsing, and `fix` did not have the script's folder on
    sys.path the way pylint does)."""
    (tmp_path / "utils").mkdir()
    (tmp_path / "utils" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "utils" / "tf_utils.py").write_text("import tensorflow as tf\n\n\ndef shape_list(x):\n    return x.shape\n",
                                                      encoding="utf-8")
    model = tmp_path / "model.py"
    model.write_text("from tensorflow import keras\nfrom utils.tf_utils import *\n\n\n@tf.function\ndef step(x):\n"
                     "    print(x)\n    return x\n", encoding="utf-8")
    check = _cli("check", "model.py", cwd=tmp_path)
    assert "model.py:7:4: W9101" in check.stdout and "`fix` would fix 1" in check.stderr, check.stderr
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--select=HYB", "model.py"], capture_output=True,
                            text=True, cwd=tmp_path, check=False)
    assert "model.py:7:5: HYB101" in flake8.stdout
    fix = _cli("fix", "model.py", cwd=tmp_path)
    assert fix.returncode == 0, fix.stderr
    assert "    tf.print(x, output_stream=sys.stdout)\n" in model.read_text(encoding="utf-8")


def _fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(path)


def test_a_fifo_named_py_is_reported_not_read(tmp_path: Path):
    """Defect 5: a FIFO named `*.py` hung `check` and `fix` forever (nothing checked for a regular file)."""
    _fifo(tmp_path / "pipe.py")
    (tmp_path / "good.py").write_text(PRINT, encoding="utf-8")
    for args in (("check", "."), ("fix", "--diff", "."), ("check", "pipe.py", "good.py"), ("fix", "pipe.py", "good.py")):
        result = _cli(*args, cwd=tmp_path, timeout=120)
        assert "pipe.py: not a regular file" in result.stderr and result.returncode == 1, (args, result.stderr)
    assert "tf.print(x" in (tmp_path / "good.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(("bad", "status"), [("missing.py", 1), ("folder.py", 0), ("blob.py", 1)])
def test_fix_goes_on_past_a_file_it_cannot_read(tmp_path: Path, bad: str, status: int):
    """Defect 6: `fix good.py bad.py` stopped the whole run (exit 2, good.py not fixed) when one named
    file was unreadable or a directory named `*.py`; pre-commit passes file lists. (A folder named
    `*.py` is a folder, as for ruff: an empty one is a warning.)"""
    (tmp_path / "good.py").write_text(PRINT, encoding="utf-8")
    (tmp_path / "folder.py").mkdir()
    (tmp_path / "blob.py").write_bytes(b"\x00\x01binary")
    result = _cli("fix", "good.py", bad, cwd=tmp_path)
    assert result.returncode == status and "Traceback" not in result.stderr
    assert "tf.print(x" in (tmp_path / "good.py").read_text(encoding="utf-8")
    assert sum(bad in line for line in result.stderr.splitlines()) == 1, result.stderr


def test_empty_folder_is_a_warning_for_check_and_fix(tmp_path: Path):
    """Defect 10: on an empty folder `check` exited 0 and `fix` 2; both warn and exit 0, as ruff."""
    (tmp_path / "empty").mkdir()
    for command in ("check", "fix"):
        result = _cli(command, "empty", cwd=tmp_path)
        assert result.returncode == 0 and "warning: no Python files found under empty" in result.stderr, result.stderr


LOGGING_AND_OPPORTUNITY = {
    "log.py": 'import logging\n\nimport tensorflow as tf\n\n\n@tf.function\ndef step(x):\n    logging.info("x %s", x)\n'
              "    print(x)\n    return x\n",
    "opp.py": "import tensorflow as tf\n\n\ndef train_step(x, w):\n    with tf.GradientTape() as tape:\n"
              "        loss = tf.reduce_sum(tf.square(x * w - 1.0))\n    return tape.gradient(loss, w)\n\n\n"
              "w = tf.Variable(0.5)\nfor _ in range(3):\n    train_step(tf.ones([4]), w)\n",
}


def test_check_announces_what_fix_with_the_same_options_does(tmp_path: Path):
    """Defects 13 and 16: `check` said "`fix --unsafe-fixes` 7" where `fix --unsafe-fixes` fixed 1
    (opt-in rules need --enable there), `fix --enable all` was refused, and the "left" counts of the
    two differed. Now the summary names the fix command with the options given, and its counts are
    what that command does."""
    for name, text in LOGGING_AND_OPPORTUNITY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    check = _cli("check", "--enable", "all", ".", cwd=tmp_path)
    summary = check.stderr.splitlines()[-1]
    assert summary == ("pylint-hybridize: 3 findings in 2 of 2 files; `fix --enable=all` would fix 1 (2 left), "
                       "`fix --enable=all --unsafe-fixes` 2 (1 left)"), check.stderr
    safe = _cli("fix", "--diff", "--enable=all", ".", cwd=tmp_path)
    assert safe.stderr.splitlines()[-1] == "pylint-hybridize: would fix 1 of 3 findings in 1 file (2 left)"
    unsafe = _cli("fix", "--enable=all", "--unsafe-fixes", ".", cwd=tmp_path)
    assert unsafe.stderr.splitlines()[-1] == "pylint-hybridize: fixed 2 of 3 findings in 2 files (1 left)"
    assert unsafe.returncode == 1  # one finding left (logging-at-trace-time has no fix)
    again = _cli("check", "--enable", "all", ".", cwd=tmp_path)
    assert again.stderr.splitlines()[-1].startswith("pylint-hybridize: 1 finding in 1 of 2 files;")


def test_progress_goes_to_a_terminal_once_per_file_and_the_summary_counts_every_file(tmp_path: Path):
    """Defect 14: the progress line counted files twice (pylint names each module twice), and the
    summary said "0 of 2 files" when there were 3 (the one that could not be checked was left out)."""
    import pty

    for index in range(24):
        (tmp_path / f"m{index}.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "blob.py").write_bytes(b"\x00binary")
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "pylint_hybridize.cli", "check", "--format", "json", "."],
                                stdout=subprocess.PIPE, stderr=secondary, cwd=tmp_path, check=False, timeout=300)
        os.close(secondary)
        shown = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(primary)
    import json

    report = json.loads(result.stdout)  # stdout holds the JSON only: no progress in it
    assert report["statistics"]["modulesLinted"] == 24 and report["notChecked"] == ["./blob.py: binary file"]
    assert b"[24/24]" in shown and b"[25/" not in shown
    assert b"0 findings in 0 of 25 files; 1 could not be checked" in shown


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path):
    for index in range(21):
        (tmp_path / f"m{index}.py").write_text("X = 1\n", encoding="utf-8")
    result = _cli("check", ".", cwd=tmp_path)
    assert "[1/" not in result.stderr + result.stdout


@pytest.mark.parametrize("args", [("rules",), ("check", "m.py"), ("fix", "--diff", "m.py"), ("check", "--format", "sarif", "m.py")])
def test_a_closed_stdout_ends_the_command_quietly(tmp_path: Path, args: tuple[str, ...]):
    """Defect 15: `pylint-hybridize rules | head -1` ended in a BrokenPipeError traceback."""
    (tmp_path / "m.py").write_text(PRINT, encoding="utf-8")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        script = Path(sys.executable).with_name("pylint-hybridize")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "pylint_hybridize.cli"]
        result = subprocess.run([*command, *args], stdout=write, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                                check=False, timeout=300)
    finally:
        os.close(write)
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr, result.stderr
    assert result.returncode == 141


def test_usage_names_this_command_and_every_fix_option_is_explained(tmp_path: Path):
    """Defect 17: pylint's own usage errors said "usage: pylint", and `fix --help` listed options
    without help text."""
    result = _cli("check", "--no-such-option=1", ".", cwd=tmp_path)
    assert result.returncode == 2 and "usage: pylint-hybridize check" in result.stderr
    assert "usage: pylint " not in result.stderr
    from pylint_hybridize.cli import _check_parser, _fix_parser

    for parser in (_check_parser(), _fix_parser()):
        assert all(action.help for action in parser._actions), parser.prog  # pylint: disable=protected-access
    helped = _cli("fix", "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "Exit status" in helped.stdout and "--enable MSGS" in helped.stdout


def test_sarif_and_json_name_the_files_that_could_not_be_checked(tmp_path: Path):
    """Defect 20: a SARIF upload of a run that skipped a file looked clean; JSON's modulesLinted was wrong."""
    import json

    (tmp_path / "bad.py").write_text("def f(:\n", encoding="utf-8")
    (tmp_path / "ok.py").write_text("X = 1\n", encoding="utf-8")
    sarif = json.loads(_cli("check", "--format", "sarif", ".", cwd=tmp_path).stdout)
    (invocation,) = sarif["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for n in invocation["toolExecutionNotifications"]] == ["bad.py"]
    report = json.loads(_cli("check", "--format", "json", ".", cwd=tmp_path).stdout)
    assert report["statistics"]["modulesLinted"] == 2 and len(report["notChecked"]) == 1
    assert report["statistics"]["messageTypeCount"]["error"] == 0  # the syntax error is not one of our findings


def test_a_too_deeply_nested_module_is_one_line(tmp_path: Path):
    """Defect 20: a deep expression passed pylint's RecursionError traceback to stderr (and a crash report)."""
    (tmp_path / "deep.py").write_text("X = " + "+".join(["1"] * 5000) + "\n", encoding="utf-8")
    result = _cli("check", "deep.py", cwd=tmp_path)
    assert "Traceback" not in result.stderr and "bug tracker" not in result.stderr
    assert "could not check deep.py:1: syntax-error: too deeply nested" in result.stderr and result.returncode == 1


def test_summary_reads_the_trace_record_named_on_the_command_line(tmp_path: Path):
    """Defect 9: `--hybridize-traces=FILE` was ignored by the summary (its fix count came from an
    engine that did not read the record)."""
    import shutil

    repo = Path(__file__).resolve().parent.parent
    shutil.copy(repo / "docs" / "messages" / "observed-retracing" / "bad.py", tmp_path / "bad.py")
    shutil.copy(repo / "docs" / "messages" / "observed-retracing" / ".hybridize-traces.json", tmp_path / "run.json")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    result = _cli("check", "--hybridize-traces=run.json", "bad.py", cwd=tmp_path)
    assert "W9206" in result.stdout
    assert result.stderr.splitlines()[-1].endswith(
        "`fix --hybridize-traces=run.json` would fix 0 (1 left), `fix --hybridize-traces=run.json --unsafe-fixes` 1 (0 left)")
