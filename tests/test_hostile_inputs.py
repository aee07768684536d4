"""Hostile inputs through the real clients: long files, cycles across many modules, bad bytes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pylint_hybridize.cli import pylint_arguments


def _pylint(paths: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pylint", *pylint_arguments(paths, ["--enable=astroid-error,fatal"])],
        capture_output=True, text=True, cwd=cwd, check=False, timeout=600,
    )


def _flake8(paths: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8", "--select=HYB", *paths],
                          capture_output=True, text=True, cwd=cwd, check=False, timeout=600)


def _assert_no_crash(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "astroid-error" not in result.stdout


def test_very_long_file(tmp_path: Path):
    lines = ["import tensorflow as tf", ""]
    for index in range(3000):
        lines += ["@tf.function", f"def f{index}(x):", f"    return f{index - 1}(x) if {index} else x", ""]
    lines += ["@tf.function", "def last(x):", "    print(x)", "    return f2999(x)", ""]
    (tmp_path / "long.py").write_text("\n".join(lines), encoding="utf-8")
    result = _pylint(["long.py"], tmp_path)
    _assert_no_crash(result)
    assert "print-at-trace-time" in result.stdout
    flake8 = _flake8(["long.py"], tmp_path)
    _assert_no_crash(flake8)
    assert "HYB101" in flake8.stdout


def test_call_cycle_through_many_modules(tmp_path: Path):
    package = tmp_path / "ring"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    size = 25
    for index in range(size):
        following = (index + 1) % size
        (package / f"m{index}.py").write_text(
            "import tensorflow as tf\n"
            f"from .m{following} import step{following}\n\n\n"
            "@tf.function\n"
            f"def step{index}(x):\n"
            f"    print({index})\n"
            f"    return step{following}(x)\n",
            encoding="utf-8",
        )
    result = _pylint(["ring"], tmp_path)
    _assert_no_crash(result)
    assert result.stdout.count("print-at-trace-time") == size
    _assert_no_crash(_flake8(["ring"], tmp_path))


def test_non_utf8_and_binary_files(tmp_path: Path):
    (tmp_path / "latin1.py").write_bytes(b"# -*- coding: latin-1 -*-\nimport tensorflow as tf\n# caf\xe9\n"
                                         b"@tf.function\ndef f(x):\n    print(x)\n")
    (tmp_path / "garbage.py").write_bytes(b"import tensorflow as tf\n\xff\xfe\x00\x00def f(:\n")
    result = _pylint(["latin1.py", "garbage.py"], tmp_path)
    _assert_no_crash(result)
    assert "latin1.py:6:4: W9101" in result.stdout
    _assert_no_crash(_flake8(["latin1.py", "garbage.py"], tmp_path))
