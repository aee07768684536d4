"""What ``check`` makes of a ``pytest --hybridize-profile`` record, without TensorFlow (issue 30 step 3):
a ``faster`` entry adds its numbers to the finding, ``slower`` / ``different`` / ``failed`` silence it,
an entry for changed source or none at all leaves the rule's own verdict. The record itself, measured
under TensorFlow: tests/runtime/test_profile.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pylint_hybridize import trace_record
from pylint_hybridize.engine import Engine
from pylint_hybridize.model.execution import traces

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "profile_project"


def _findings(project: Path) -> dict[str, str]:
    traces._FOUND.clear()  # pylint: disable=protected-access  # each test writes its own record
    engine = Engine(enabled=["tf-function-opportunity"])
    path = project / "steps.py"
    found = engine.check_source(path.read_text(encoding="utf-8"), path=str(path))
    return {f.message.split("'")[1]: f.message for f in found if f.symbol == "tf-function-opportunity"}


def _entry(project: Path, qualname: str, verdict: str, **extra) -> dict:
    text = (project / "steps.py").read_text(encoding="utf-8")
    first, last = trace_record.definition_spans(text)[qualname][0]
    return {"path": "steps.py", "qualname": qualname, "line": first, "calls": 6, "verdict": verdict,
            "source_hash": trace_record.source_hash(text.splitlines(), first, last), **extra}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "p")
    (tmp_path / "p" / "setup.cfg").write_text("", encoding="utf-8")
    return tmp_path / "p"


def _write(project: Path, *entries: dict) -> None:
    record = {"format": trace_record.PROFILE_FORMAT, "version": 1, "root": str(project), "functions": list(entries)}
    (project / trace_record.PROFILE_FILENAME).write_text(json.dumps(record), encoding="utf-8")


def test_without_a_profile_the_rule_speaks_alone(project: Path):
    found = _findings(project)
    assert set(found) == {"train_step", "double"}
    assert "measured" not in found["train_step"]


def test_faster_reports_the_evidence_slower_is_silent(project: Path):
    _write(project, _entry(project, "train_step", "faster", speedup=18.8, equal=True),
           _entry(project, "double", "slower", speedup=0.4, equal=True))
    found = _findings(project)
    assert set(found) == {"train_step"}
    assert "measured by pytest --hybridize-profile: 18.8x faster per call on your tests, equal outputs" \
        in found["train_step"]


@pytest.mark.parametrize("verdict", ["different", "failed"])
def test_different_or_failed_is_silent(project: Path, verdict: str):
    _write(project, _entry(project, "train_step", verdict, speedup=5.0, equal=verdict != "different"))
    assert set(_findings(project)) == {"double"}


def test_an_entry_for_changed_source_is_ignored(project: Path):
    _write(project, _entry(project, "double", "slower", speedup=0.4, equal=True))
    path = project / "steps.py"
    path.write_text(path.read_text(encoding="utf-8").replace("x * 2.0", "x * 3.0"), encoding="utf-8")
    assert set(_findings(project)) == {"train_step", "double"}
