"""``pytest --hybridize-profile`` judged by TensorFlow (issue 30 step 3), on examples/profile_project:
the user's test passes unchanged, ``train_step`` is measured faster traced with equal outputs and
``double`` slower; ``pylint-hybridize check`` then reports ``train_step`` with the evidence and stays
silent on ``double``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_hybridize import trace_record

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "profile_project"
PLUGIN = ("-p", "no:hybridize_traces", "-p", "pylint_hybridize.pytest_plugin")

pytestmark = pytest.mark.runtime


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
               TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="")
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env,
                          check=False, timeout=600)


def test_profile_reports_the_faster_and_silences_the_slower(tmp_path: Path):
    project = tmp_path / "profile_project"
    shutil.copytree(EXAMPLE, project)
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    result = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", *PLUGIN, "--hybridize-profile", cwd=project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]  # the user's test still passes
    record = json.loads((project / trace_record.PROFILE_FILENAME).read_text(encoding="utf-8"))
    entries = {e["qualname"]: e for e in record["functions"]}
    assert set(entries) == {"train_step", "double"}, entries
    assert entries["train_step"]["verdict"] == "faster" and entries["train_step"]["equal"], entries
    assert entries["train_step"]["speedup"] >= 2, entries
    assert entries["double"]["verdict"] == "slower" and entries["double"]["equal"], entries
    assert "hybridize: profiled" in result.stdout

    check = _run("-m", "pylint_hybridize.cli", "check", "--enable", "tf-function-opportunity", ".", cwd=project)
    findings = [line for line in check.stdout.splitlines() if "C9504" in line]
    assert len(findings) == 1 and "'train_step'" in findings[0], check.stdout
    assert "measured by pytest --hybridize-profile" in findings[0] and "x faster per call" in findings[0]
