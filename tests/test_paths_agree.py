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
