"""tf-function-opportunity's input_signature from the user's test run, judged by TensorFlow (issue 30),
on examples/signature_project: ``pytest --hybridize-traces`` observes ``train_step``'s eager calls,
``check`` then proposes it with the signature they prove, the fixed program traces once where a
bare decorator retraces, and ``pytest --hybridize-profile`` measures the copy with that signature."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pylint_hybridize import trace_record

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "signature_project"
PLUGIN = ("-p", "no:hybridize_traces", "-p", "pylint_hybridize.pytest_plugin")
SIGNATURE = ("@tf.function(input_signature=[tf.TensorSpec(shape=[None, 3], dtype=tf.float32), "
             "tf.TensorSpec(shape=[None, 1], dtype=tf.float32), tf.TensorSpec(shape=[], dtype=tf.float32)])")

pytestmark = pytest.mark.runtime

# the user's calls (tests/test_steps.py), then how many times train_step traced
_TRACES = textwrap.dedent("""\
    import steps
    from tests.test_steps import batches
    steps.fit(batches(), epochs=2)
    print(steps.train_step.experimental_get_tracing_count())
""")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(cwd), str(REPO), os.environ.get("PYTHONPATH", "")]),
               TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="")
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env,
                          check=False, timeout=600)


def _check(project: Path) -> list[str]:
    result = _run("-m", "pylint_hybridize.cli", "check", "--enable", "tf-function-opportunity", ".", cwd=project)
    return [line for line in result.stdout.splitlines() if "C9504" in line]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    target = tmp_path / "signature_project"
    shutil.copytree(EXAMPLE, target)
    (target / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (target / "tests" / "__init__.py").write_text("", encoding="utf-8")
    return target


def test_the_record_gives_the_signature_and_the_fixed_program_traces_once(project: Path):
    assert _check(project) == []  # no record: a bare decorator would retrace, and no signature is proven
    recorded = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", *PLUGIN, "--hybridize-traces", cwd=project)
    assert recorded.returncode == 0, recorded.stdout[-3000:] + recorded.stderr[-3000:]
    assert "1 eager function(s) observed (8 calls)" in recorded.stdout, recorded.stdout
    record = trace_record.load(str(project / trace_record.DEFAULT_FILENAME))
    entry = next(e for e in record["functions"] if e["qualname"] == "train_step")
    assert entry["kind"] == "eager" and entry["calls"] == 8 and len(entry["observed"]) == 6, entry

    findings = _check(project)
    assert len(findings) == 1 and SIGNATURE in findings[0], findings

    fixed = _run("-m", "pylint_hybridize.cli", "fix", "--enable", "tf-function-opportunity", "--unsafe-fixes",
                 "steps.py", cwd=project)
    assert fixed.returncode == 0 and SIGNATURE in (project / "steps.py").read_text(), fixed.stdout + fixed.stderr
    once = _run("-c", _TRACES, cwd=project)
    assert once.returncode == 0 and once.stdout.split()[-1] == "1", once.stdout + once.stderr[-2000:]
    again = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    assert again.returncode == 0, again.stdout[-3000:]  # the user's test passes on the fixed code

    bare = (project / "steps.py").read_text().replace(SIGNATURE, "@tf.function")
    (project / "steps.py").write_text(bare, encoding="utf-8")
    retraced = _run("-c", _TRACES, cwd=project)
    assert retraced.returncode == 0 and int(retraced.stdout.split()[-1]) == 6, retraced.stdout + retraced.stderr[-2000:]


def test_the_profile_measures_the_copy_with_the_signature_the_fix_writes(project: Path):
    recorded = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", *PLUGIN, "--hybridize-traces", cwd=project)
    assert recorded.returncode == 0, recorded.stdout[-3000:] + recorded.stderr[-3000:]
    profiled = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", *PLUGIN, "--hybridize-profile", cwd=project)
    assert profiled.returncode == 0, profiled.stdout[-3000:] + profiled.stderr[-3000:]
    record = json.loads((project / trace_record.PROFILE_FILENAME).read_text(encoding="utf-8"))
    entry = next(e for e in record["functions"] if e["qualname"] == "train_step")
    assert record["version"] == 2 and entry["settings"].startswith("input_signature=[tf.TensorSpec([None, 3]"), entry
    assert entry["traces"] == 1 and entry["equal"], entry
    findings = _check(project)
    # (faster as a rule, about 10x; on a loaded machine a median of 5 wall-clock calls can say otherwise,
    # and then the finding is silenced: either way, check follows the measurement)
    if entry["verdict"] == "faster":
        assert len(findings) == 1 and SIGNATURE in findings[0] and "measured by pytest --hybridize-profile" in findings[0]
    else:
        assert entry["verdict"] == "slower" and findings == [], (entry, findings)


# the same calls measured twice in one process: the copy bare, and with the fix's signature
_COMPARE = textwrap.dedent("""\
    import json, os
    import steps
    from tests.test_steps import batches
    from pylint_hybridize import profiler
    signature = [[[None, 3], "float32"], [[None, 1], "float32"], [[], "float32"]]
    entries = {}
    for name, candidate in (("bare", {"proposed": True}), ("signature", {"proposed": True, "signature": signature})):
        wrapped = profiler._Profiled(steps.train_step, os.path.abspath("steps.py"), "train_step", candidate)
        data = batches()
        scale = 1.0
        for _ in range(2):
            for x, y in data:
                wrapped(x, y, scale)
            scale = scale / 2
        entries[name] = wrapped.entry(os.getcwd())
    print(json.dumps(entries))
""")


def test_the_signature_avoids_the_retracing_and_the_measurement_shows_it(project: Path):
    result = _run("-c", _COMPARE, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    entries = json.loads(result.stdout.splitlines()[-1])
    bare, signed = entries["bare"], entries["signature"]
    assert bare["settings"] == "" and bare["traces"] >= 4, bare  # a new batch size or scale: a new trace
    assert signed["traces"] == 1 and signed["equal"], signed
    # a retrace costs far more than a call: the bare copy's median call is one
    assert signed["traced_seconds"] * 3 < bare["traced_seconds"], entries
    assert bare["verdict"] == "slower", entries


def test_the_docs_record_is_what_recording_bad_recorded_gives(tmp_path: Path):
    """docs/messages/tf-function-opportunity/.hybridize-traces.json, beside bad_recorded.py, is what
    ``pytest --hybridize-traces`` writes for a test that runs its ``fit``."""
    rule = REPO / "docs" / "messages" / "tf-function-opportunity"
    shutil.copy(rule / "bad_recorded.py", tmp_path / "bad_recorded.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_bad_recorded.py").write_text(
        "import bad_recorded\n\n\ndef test_fit():\n"
        "    assert len(bad_recorded.fit(bad_recorded.load_batches(), epochs=2)) == 8\n", encoding="utf-8")
    result = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", *PLUGIN, "--hybridize-traces", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    recorded = trace_record.load(str(tmp_path / trace_record.DEFAULT_FILENAME))["functions"]
    committed = trace_record.load(str(rule / trace_record.DEFAULT_FILENAME))["functions"]
    assert [{**e, "observed": sorted(e["observed"], key=json.dumps)} for e in recorded] == \
        [{**e, "observed": sorted(e["observed"], key=json.dumps)} for e in committed]


def test_under_xdist_the_workers_observe_and_the_controller_merges(project: Path):
    recorded = _run("-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", *PLUGIN, "--hybridize-traces", cwd=project)
    assert recorded.returncode == 0, recorded.stdout[-3000:] + recorded.stderr[-3000:]
    assert "1 eager function(s) observed (8 calls)" in recorded.stdout, recorded.stdout
    findings = _check(project)
    assert len(findings) == 1 and SIGNATURE in findings[0], findings
