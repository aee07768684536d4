"""observed-retracing without TensorFlow: the record format, its analysis, and every front-end reading it.

The record used by the front-end tests is the one TensorFlow wrote for ``docs/messages/observed-retracing/bad.py``
(``tests/runtime/test_observed_retracing.py`` records it again and compares). The pytest plugin's
own runs under TensorFlow are runtime tests too.
"""

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
from pylint_hybridize.model import traces
from tests.lint import DOCS_MESSAGES, engine_hits, pylint_hits

REPO = Path(__file__).resolve().parent.parent
RULE = DOCS_MESSAGES / "observed-retracing"
SIGNATURE = "input_signature=[tf.TensorSpec([None, 4], tf.float32)]"



# The plugin by module name whether or not its pytest11 entry point ("hybridize_traces") is installed:
# naming the module while the entry point is loaded too would register it twice (a pytest error).
PLUGIN = ("-p", "no:hybridize_traces", "-p", "pylint_hybridize.pytest_plugin")

def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, env=_env(),
                          check=False, timeout=300)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the docs example with its record, as a project of its own."""
    for name in ("bad.py", trace_record.DEFAULT_FILENAME):
        shutil.copy(RULE / name, tmp_path / name)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    return tmp_path


# -- the record ----------------------------------------------------------------------------------
def _tensor(*shape: int, dtype: str = "float32") -> dict:
    return {"t": "tensor", "shape": list(shape), "dtype": dtype}


def _python(value: object) -> dict:
    return {"t": "python", "type": type(value).__name__, "value": value}


def _entry(*calls: dict, counts: list[int] | None = None, objects: list[int] | None = None, graph: bool = False) -> dict:
    return {
        "path": "m.py", "qualname": "f", "line": 1, "source_hash": "x", "calls": len(calls),
        "traces": [
            {"object": (objects or [0] * len(calls))[i], "count": (counts or [1] * len(calls))[i], "graph": graph,
             "args": args}
            for i, args in enumerate(calls)
        ],
    }


def test_shapes_and_python_ints_give_the_signature_with_none_where_sizes_varied():
    entry = _entry(*({"x": _tensor(n, 128), "step": _python(i)} for i, n in enumerate((2, 8, 128, 8))))
    observation = traces.analyse(entry, ["x", "step"])
    assert observation is not None
    assert observation.traces == 4 and observation.signatures == 4
    assert observation.causes == ["dimension 0 of 'x' took 3 sizes (2..128)", "'step' took 4 Python ints"]
    assert [spec.render("tf") for spec in observation.specs] == [
        "tf.TensorSpec([None, 128], tf.float32)", "tf.TensorSpec([], tf.int32)"]
    assert observation.scalars == ["step"] and not observation.relax_shapes


def test_traces_tensorflow_explains_are_not_findings():
    # variables created on the first call: that call traced twice with the same arguments
    assert traces.analyse(_entry({"x": _tensor(4)}, {"x": _tensor(5)}, counts=[2, 1]), ["x"]) is None
    # one trace per training flag, on top of two shapes
    flags = [{"x": _tensor(n), "training": _python(flag)} for n in (4, 5) for flag in (True, False)]
    assert traces.analyse(_entry(*flags), ["x", "training"]) is None
    # two shapes (a full and a last partial batch): under the threshold
    assert traces.analyse(_entry({"x": _tensor(32)}, {"x": _tensor(7)}), ["x"]) is None
    # one object per instance (a method), each traced once: tf-function-created-in-loop's case
    assert traces.analyse(_entry(*({"x": _tensor(n)} for n in (1, 2, 3)), objects=[0, 1, 2]), ["x"]) is None
    # traced as part of an outer function's traces
    assert traces.analyse(_entry(*({"x": _tensor(n)} for n in (1, 2, 3)), graph=True), ["x"]) is None


def test_threshold_is_three_signatures():
    assert traces.MIN_SIGNATURES == 3
    observation = traces.analyse(_entry(*({"x": _tensor(n)} for n in (1, 2, 3))), ["x"])
    assert observation is not None and observation.traces == 3


def test_a_flag_next_to_varying_shapes_makes_reduce_retracing_the_fix():
    calls = [{"x": _tensor(n), "training": _python(True)} for n in (1, 2, 3)]
    observation = traces.analyse(_entry(*calls), ["x", "training"])
    assert observation.specs is None and observation.relax_shapes  # an input_signature cannot hold a bool


def test_varying_rank_makes_reduce_retracing_the_fix():
    observation = traces.analyse(_entry({"x": _tensor(2)}, {"x": _tensor(2, 3)}, {"x": _tensor(2, 3, 4)}), ["x"])
    assert observation.causes == ["'x' took ranks 1, 2, 3"]
    assert observation.specs is None and observation.relax_shapes


def test_new_objects_and_dtypes_get_no_signature():
    objects = [{"cfg": {"t": "object", "type": "m.Config", "id": i}} for i in range(4)]
    observation = traces.analyse(_entry(*objects), ["cfg"])
    assert observation.causes == ["'cfg' was 4 different Config objects"]
    assert observation.specs is None and not observation.relax_shapes
    dtypes = [{"x": _tensor(2, dtype=d)} for d in ("float32", "float64", "int32")]
    observation = traces.analyse(_entry(*dtypes), ["x"])
    assert observation.causes == ["'x' took dtypes float32, float64, int32"] and observation.specs is None


def test_trailing_defaults_never_passed_stay_out_of_the_signature():
    calls = [{"x": _tensor(n, 2)} for n in (1, 2, 3)]
    observation = traces.analyse(_entry(*calls), ["x", "training"])
    assert [s.render("tf") for s in observation.specs] == ["tf.TensorSpec([None, 2], tf.float32)"]
    # a parameter skipped before one that is passed: no input_signature can say that
    calls = [{"x": _tensor(n, 2), "scale": _tensor()} for n in (1, 2, 3)]
    assert traces.analyse(_entry(*calls), ["x", "training", "scale"]).specs is None


def test_merge_adds_calls_and_keeps_worker_objects_apart():
    one = {**trace_record.empty("/p"), "functions": [_entry({"x": _tensor(1)}, {"x": _tensor(2)})]}
    two = {**trace_record.empty("/p"), "functions": [_entry({"x": _tensor(3)})]}
    for record in (one, two):
        record["functions"][0]["objects"] = 1
    merged = trace_record.merge([one, two])
    (entry,) = merged["functions"]
    assert entry["calls"] == 3 and entry["objects"] == 2
    assert [t["object"] for t in entry["traces"]] == [0, 0, 1]


def test_merge_makes_the_module_object_one_and_counts_a_signature_once():
    """Defect 3: each worker's copy of a module-level tf.function was a separate object, so a function
    traced 6 times over a split parametrized test was "traced 3 times" (or, split smaller, not reported)."""
    one = {**trace_record.empty("/p"), "functions": [_entry(*({"x": _tensor(n)} for n in (1, 2, 3)))]}
    two = {**trace_record.empty("/p"), "functions": [_entry(*({"x": _tensor(n)} for n in (3, 4, 5, 6)))]}
    for record in (one, two):
        record["functions"][0].update(objects=1, module_object=0)
    (entry,) = trace_record.merge([one, two])["functions"]
    assert entry["objects"] == 1 and entry["module_object"] == 0
    assert [t["args"]["x"]["shape"] for t in entry["traces"]] == [[n] for n in (1, 2, 3, 4, 5, 6)]  # [3] once
    observation = traces.analyse(entry, ["x"])
    assert observation is not None and observation.traces == 6
    small = [{**trace_record.empty("/p"), "functions": [{**_entry(*({"x": _tensor(n)} for n in sizes)),
                                                         "objects": 1, "module_object": 0}]}
             for sizes in ((1, 2), (3, 4))]
    assert traces.analyse(small[0]["functions"][0], ["x"]) is None  # each worker alone: below the threshold
    assert traces.analyse(trace_record.merge(small)["functions"][0], ["x"]).traces == 4


def test_merge_keeps_instances_and_module_object_apart():
    one = {**trace_record.empty("/p"), "functions": [_entry({"x": _tensor(1)}, {"x": _tensor(2)}, objects=[0, 1])]}
    two = {**trace_record.empty("/p"), "functions": [_entry({"x": _tensor(3)}, {"x": _tensor(4)}, objects=[0, 1])]}
    one["functions"][0].update(objects=2, module_object=1, owners={"0": "m.Net"})
    two["functions"][0].update(objects=2, module_object=0)
    (entry,) = trace_record.merge([one, two])["functions"]
    # the shared object (one's 1, two's 0) is one object, 0; one's object 0 becomes 1, two's object 1 becomes 2
    assert entry["objects"] == 3 and [t["object"] for t in entry["traces"]] == [1, 0, 0, 2]
    assert entry["owners"] == {"1": "m.Net"}


def test_qualname_matches_python(tmp_path: Path):
    import astroid

    module = astroid.parse(textwrap.dedent("""
        class Trainer:
            def step(self, x):
                return x
        def make():
            def inner(x):
                return x
            return inner
    """))
    trainer, make = module.body
    assert traces.qualname(trainer.body[0]) == "Trainer.step"
    assert traces.qualname(make.body[0]) == "make.<locals>.inner"
    assert traces.parameters(trainer.body[0]) == ["x"]


# -- the front-ends --------------------------------------------------------------------------------
def test_pylint_and_engine_find_the_record_beside_the_file(project: Path):
    expected = {("bad.py", 10, "observed-retracing")}
    for hits in (pylint_hits([project / "bad.py"]), engine_hits([project / "bad.py"])):
        assert {(Path(h.path).name, h.line, h.symbol) for h in hits} == expected


def test_cli_check_message_names_the_cause_and_the_signature(project: Path):
    result = _run("pylint_hybridize.cli", "check", "bad.py", cwd=project)
    assert "bad.py:10:0: W9206: 'normalise' was traced 6 times in the test run: dimension 0 of 'x' took 6 sizes " \
           f"(3..34); fix: {SIGNATURE} (observed-retracing)" in result.stdout, result.stdout + result.stderr


def test_explicit_record_path_for_pylint_flake8_and_the_cli(project: Path, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("records") / "run.json"
    (project / trace_record.DEFAULT_FILENAME).rename(elsewhere)
    assert _run("pylint_hybridize.cli", "check", "bad.py", cwd=project).stdout.strip() == ""
    for given in ([f"--hybridize-traces={elsewhere}"], ["--hybridize-traces", str(elsewhere)]):
        check = _run("pylint_hybridize.cli", "check", *given, "bad.py", cwd=project)
        assert "W9206" in check.stdout and "syntax-error" not in check.stdout, check.stdout + check.stderr
    flake8 = _run("flake8", "--select=HYB", f"--hybridize-traces={elsewhere}", "bad.py", cwd=project)
    assert "bad.py:10:1: HYB206 'normalise' was traced 6 times" in flake8.stdout, flake8.stdout + flake8.stderr
    fix = _run("pylint_hybridize.cli", "fix", "--unsafe-fixes", f"--hybridize-traces={elsewhere}", "bad.py", cwd=project)
    assert fix.returncode == 0, fix.stderr
    assert f"@tf.function({SIGNATURE})\ndef normalise(x):" in (project / "bad.py").read_text(encoding="utf-8")


def test_fix_adds_the_signature_and_the_stale_record_is_noted_once(project: Path):
    before = (project / "bad.py").read_text(encoding="utf-8")
    safe = _run("pylint_hybridize.cli", "fix", "bad.py", cwd=project)
    assert (project / "bad.py").read_text(encoding="utf-8") == before, safe.stderr  # unsafe: not by default
    result = _run("pylint_hybridize.cli", "fix", "--unsafe-fixes", "bad.py", cwd=project)
    after = (project / "bad.py").read_text(encoding="utf-8")
    assert after == before.replace("@tf.function\n", f"@tf.function({SIGNATURE})\n", 1), result.stderr
    # the record now predates the code: ignored, with one note, nothing reported
    (project / "bad.py").write_text(after.replace("@tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])",
                                                  "@tf.function"  # decorator back, body changed:
                                                  ).replace("1e-6", "1e-5"), encoding="utf-8")
    check = _run("pylint_hybridize.cli", "check", "bad.py", cwd=project)
    assert "W9206" not in check.stdout
    notes = [line for line in check.stderr.splitlines() if "changed since its traces were recorded" in line]
    assert len(notes) == 1, check.stderr


def test_only_a_change_of_the_users_marks_the_record_stale(project: Path):
    """Defect 8: after `fix`, the record was said to have "changed since its traces were recorded"
    although only the fix had changed the function (fix's later pass hashed the fixed text, and the
    record kept the hash of the text as traced)."""
    fix = _run("pylint_hybridize.cli", "fix", "--unsafe-fixes", "bad.py", cwd=project)
    assert fix.returncode == 0 and "changed since" not in fix.stderr, fix.stderr
    check = _run("pylint_hybridize.cli", "check", "bad.py", cwd=project)
    assert check.returncode == 0 and "changed since" not in check.stderr, check.stderr
    text = (project / "bad.py").read_text(encoding="utf-8")
    (project / "bad.py").write_text(text.replace("1e-6", "1e-5"), encoding="utf-8")  # the user's own change
    check = _run("pylint_hybridize.cli", "check", "bad.py", cwd=project)
    assert [line for line in check.stderr.splitlines() if "changed since its traces were recorded" in line]


def test_carry_over_follows_the_definition_and_leaves_a_stale_entry_stale():
    before = "import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n    print(x)\n    return x\n"
    after = "import sys\n\n" + before.replace("print(x)", "tf.print(x, output_stream=sys.stdout)")
    spans = trace_record.definition_spans(before)
    record = {**trace_record.empty("/p"), "functions": [
        {**_entry({"x": _tensor(1)}), "path": "m.py", "source_hash": trace_record.source_hash(before.splitlines(), *spans["f"][0])},
        {**_entry({"x": _tensor(1)}), "path": "m.py", "qualname": "g", "source_hash": "old"},
    ]}
    assert trace_record.carry_over(record, "/p/.hybridize-traces.json", "/p/m.py", before, after)
    fresh, stale = record["functions"]
    assert fresh["line"] == 6 and fresh["source_hash"] == trace_record.source_hash(after.splitlines(), 6, 9)
    assert stale["source_hash"] == "old"
    assert trace_record.definition_spans("class A:\n    def m(self):\n        def inner():\n            pass\n") == {
        "A.m": [(2, 4)], "A.m.<locals>.inner": [(3, 4)]}


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not JSON"),
    ('{"format": "coverage", "data": []}', "not a trace record"),
    ('{"format": "pylint-hybridize-traces", "version": 99, "root": "/", "functions": []}', "version 99"),
    ('{"format": "pylint-hybridize-traces", "version": 1, "root": "/", "functions": [{"path": 1}]}', "malformed"),
    ("", "not JSON"),
])
def test_malformed_or_foreign_record_is_one_line_error(project: Path, content: str, reason: str):
    (project / trace_record.DEFAULT_FILENAME).write_text(content, encoding="utf-8")
    for command in (("pylint_hybridize.cli", "check", "bad.py"), ("flake8", "--select=HYB", "bad.py"),
                    ("pylint_hybridize.cli", "fix", "--unsafe-fixes", "--diff", "bad.py")):
        result = _run(*command, cwd=project)
        assert "Traceback" not in result.stderr and "HYB206" not in result.stdout and "W9206" not in result.stdout
        errors = [line for line in result.stderr.splitlines() if "error:" in line]
        assert len(errors) == 1 and reason in errors[0] and trace_record.DEFAULT_FILENAME in errors[0], result.stderr


def test_missing_explicit_record_is_one_line_error(project: Path):
    """Defect 9: a record named on the command line that does not exist is a usage error (it exited 0)."""
    for command in ("check", "fix"):
        result = _run("pylint_hybridize.cli", command, "--hybridize-traces=nowhere.json", "bad.py", cwd=project)
        assert "Traceback" not in result.stderr and result.returncode == 2
        assert result.stderr.splitlines() == [
            "pylint-hybridize: error: --hybridize-traces: nowhere.json: cannot read the trace record (No such file or directory)"]


def test_record_search_stops_at_the_project_root(tmp_path: Path):
    (tmp_path / trace_record.DEFAULT_FILENAME).write_text("{}", encoding="utf-8")
    inner = tmp_path / "project" / "pkg"
    inner.mkdir(parents=True)
    (tmp_path / "project" / "setup.cfg").write_text("", encoding="utf-8")
    (inner / "m.py").write_text("", encoding="utf-8")
    assert traces.find_record_file(str(inner / "m.py")) is None
    (inner / trace_record.DEFAULT_FILENAME).write_text("{}", encoding="utf-8")
    traces._FOUND.clear()  # pylint: disable=protected-access
    assert traces.find_record_file(str(inner / "m.py")) == str(inner / trace_record.DEFAULT_FILENAME)


# -- the pytest plugin, without TensorFlow ---------------------------------------------------------
def test_importing_the_plugin_does_not_import_tensorflow():
    code = "import sys, pylint_hybridize.pytest_plugin; assert 'tensorflow' not in sys.modules, 'tf imported'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=False)
    assert result.returncode == 0, result.stderr


def test_plugin_is_off_unless_asked_and_never_imports_tensorflow(tmp_path: Path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_plain.py").write_text(
        "import sys\n\ndef test_no_tf():\n    assert 'tensorflow' not in sys.modules\n", encoding="utf-8")
    base = ("pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", *PLUGIN)
    off = _run(*base, cwd=tmp_path)
    assert off.returncode == 0 and not (tmp_path / trace_record.DEFAULT_FILENAME).exists(), off.stdout
    on = _run(*base, "--hybridize-traces", cwd=tmp_path)
    assert on.returncode == 0, on.stdout + on.stderr
    record = json.loads((tmp_path / trace_record.DEFAULT_FILENAME).read_text(encoding="utf-8"))
    assert record["format"] == trace_record.FORMAT and record["functions"] == []
    named = _run(*base, "--hybridize-traces=out/run.json", cwd=tmp_path)
    assert named.returncode == 0 and trace_record.load(str(tmp_path / "out" / "run.json"))["functions"] == []


LOOP = '''\
import tensorflow as tf


@tf.function
def train_step(x, step):
    return x * 2.0 + tf.cast(step, tf.float32)


def run():
    for step in range(5):
        train_step(tf.ones([2]), step)
'''


def test_the_record_confirms_static_retracing_messages(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "loop.py").write_text(LOOP, encoding="utf-8")
    plain = _run("pylint_hybridize.cli", "check", "loop.py", cwd=tmp_path)
    assert "W9201" in plain.stdout and "confirmed" not in plain.stdout
    calls = [{"x": _tensor(2), "step": _python(i)} for i in range(5)]
    entry = {**_entry(*calls), "path": "loop.py", "qualname": "train_step", "line": 4,
             # lines 4-6: the decorator, the def and its body, as the recorder hashes them
             "source_hash": trace_record.source_hash(LOOP.splitlines(), 4, 6)}
    record = {**trace_record.empty(str(tmp_path)), "functions": [entry]}
    trace_record.write(record, str(tmp_path / trace_record.DEFAULT_FILENAME))
    result = _run("pylint_hybridize.cli", "check", "loop.py", cwd=tmp_path)
    assert "for this argument); confirmed: 5 traces in the test run (python-scalar-retracing)" in result.stdout, result.stdout
    assert "loop.py:5:0: W9206: 'train_step' was traced 5 times in the test run: 'step' took 5 Python ints; fix: " \
           "input_signature=[tf.TensorSpec([2], tf.float32), tf.TensorSpec([], tf.int32)], or pass tf.constant(step)" \
           in result.stdout, result.stdout


def test_a_test_path_taken_as_the_record_path_is_a_usage_error(tmp_path: Path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_a.py").write_text("def test_a():\n    pass\n", encoding="utf-8")
    result = _run("pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", *PLUGIN,
                  "--hybridize-traces", "tests", cwd=tmp_path)
    assert result.returncode == 4 and "write --hybridize-traces=PATH" in result.stderr, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_recorder_describes_what_tf_function_keys_its_cache_on():
    import numpy as np

    from pylint_hybridize.pytest_plugin import _describe

    assert _describe(np.zeros([3, 4], np.float32)) == {"t": "tensor", "shape": [3, 4], "dtype": "float32"}
    assert _describe(7) == {"t": "python", "type": "int", "value": 7}
    assert _describe(True) == {"t": "python", "type": "bool", "value": True}
    assert _describe(float("nan"))["value"] == "nan"  # JSON has no NaN
    assert _describe([1, "a"]) == {"t": "list", "length": 2, "items": [_python(1), _python("a")]}
    config = object()
    assert _describe({"c": config})["items"]["c"] == {"t": "object", "type": "builtins.object", "id": id(config)}


def test_no_tensorspec_for_a_dtype_tf_has_no_name_for():
    calls = [{"x": _tensor(n, dtype="str160")} for n in (1, 2, 3)]
    observation = traces.analyse(_entry(*calls), ["x"])
    assert observation.causes == ["dimension 0 of 'x' took 3 sizes (1..3)"] and observation.specs is None
