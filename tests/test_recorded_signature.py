"""tf-function-opportunity's fix settings from the eager calls a test run observed (issue 30), without
TensorFlow: the record's ``eager`` entries, their analysis, and what ``check`` writes from them.

The records here are written by hand in the format ``pytest --hybridize-traces`` writes
(``tests/runtime/test_recorded_signature.py`` has TensorFlow write them and judges the signature).
"""

from __future__ import annotations

import json
import sys
import textwrap
import types
from pathlib import Path

import pytest

from pylint_hybridize import profiler, trace_record
from pylint_hybridize.model import traces
from pylint_hybridize.pytest_plugin import Recorder

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "signature_project" / "steps.py"
RULE = "tf-function-opportunity"


def _tensor(*shape: int, dtype: str = "float32") -> dict:
    return {"t": "tensor", "shape": list(shape), "dtype": dtype}


def _python(value: object) -> dict:
    return {"t": "python", "type": type(value).__name__, "value": value}


def _eager(observed: list[dict], **where) -> dict:
    entry = {"path": "m.py", "qualname": "f", "line": 1, "source_hash": "x", "kind": "eager", "calls": len(observed),
             "objects": 1, "dropped": 0, "traces": [], "observed": [{"args": a, "calls": 1} for a in observed]}
    return {**entry, **where}


# -- the analysis of observed calls -------------------------------------------------------------------
def test_one_rank_and_dtype_per_parameter_with_the_last_dimension_they_agree_on():
    entry = _eager([{"x": _tensor(4, 3), "s": _python(1.0)}, {"x": _tensor(5, 3), "s": _python(0.5)}])
    seen = traces.observed_parameters(entry, ["x", "s"])
    assert seen["x"] == traces.ObservedParameter(2, "float32", False, 3, True, ((4, 3), (5, 3)))
    assert seen["s"].python and seen["s"].dtype == "float32" and seen["s"].varies and seen["s"].rank == 0


@pytest.mark.parametrize("values", [
    [_tensor(4, 3), _tensor(4, 3, dtype="float64")],  # two dtypes
    [_tensor(4, 3), _tensor(4)],  # two ranks
    [_python(True), _python(False)],  # a flag: an ``if`` on it would become a tf.cond
    [_python("relu")],
    [{**_tensor(4, 3), "variable": True}],  # a TensorSpec would read the variable
    [{**_tensor(4, 3), "type": "RaggedTensor"}],
    [{"t": "object", "type": "m.Net", "id": 1}],
    [_tensor(2, dtype="string")],
])
def test_no_parameter_answer_for_what_no_tensorspec_covers(values):
    entry = _eager([{"x": v} for v in values])
    assert traces.observed_parameters(entry, ["x"]) == {"x": None}


def test_a_call_that_left_a_parameter_to_its_default_gives_no_answer():
    entry = _eager([{"x": _tensor(4)}, {"x": _tensor(4), "k": _python(2)}])
    assert traces.observed_parameters(entry, ["x", "k"]) is None


def test_ints_and_floats_make_a_float32_scalar():
    entry = _eager([{"s": _python(1)}, {"s": _python(0.5)}])
    assert traces.observed_parameters(entry, ["s"])["s"].dtype == "float32"


# -- the record format ---------------------------------------------------------------------------------
def test_version_1_records_are_read_and_version_2_written(tmp_path: Path):
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": trace_record.FORMAT, "version": 1, "root": "/", "functions": []}))
    assert trace_record.load(str(old))["version"] == 1
    assert trace_record.empty("/")["version"] == 2
    new = tmp_path / "new.json"
    trace_record.write({**trace_record.empty("/"), "functions": [_eager([{"x": _tensor(4)}])]}, str(new))
    assert trace_record.load(str(new))["functions"][0]["kind"] == "eager"


def test_merge_adds_the_observed_calls_of_the_workers():
    one = {**trace_record.empty("/"), "functions": [_eager([{"x": _tensor(4)}, {"x": _tensor(5)}])]}
    two = {**trace_record.empty("/"), "functions": [_eager([{"x": _tensor(5)}, {"x": _tensor(6)}])]}
    merged = trace_record.merge([one, two])["functions"]
    assert len(merged) == 1 and merged[0]["calls"] == 4 and merged[0]["traces"] == []
    assert sorted((o["args"]["x"]["shape"][0], o["calls"]) for o in merged[0]["observed"]) == [(4, 1), (5, 2), (6, 1)]


def test_profile_records_of_versions_1_and_2_are_read_a_later_one_is_not(tmp_path: Path):
    path = tmp_path / "p.json"
    for version, read in ((None, True), (1, True), (2, True), (3, False)):
        data = {"format": trace_record.PROFILE_FORMAT, "functions": [], **({"version": version} if version else {})}
        path.write_text(json.dumps(data))
        assert (trace_record.load_profile(str(path)) is not None) is read, version


def test_an_eager_entry_is_no_trace_of_a_hybrid(tmp_path: Path):
    """After the fix, the eager entry's hash is carried over: observed-retracing must not read it as traces."""
    module = tmp_path / "m.py"
    module.write_text("import tensorflow as tf\n\n@tf.function\ndef f(x):\n    return x\n")
    record = traces.Record(str(tmp_path / ".hybridize-traces.json"), {**trace_record.empty(str(tmp_path)),
                                                                       "functions": [_eager([{"x": _tensor(4)}], line=3)]})
    hybrid = types.SimpleNamespace(function=_parse(module)["f"])
    assert traces.entry_for(record, hybrid) is None


def _parse(path: Path):
    import astroid  # pylint: disable=import-outside-toplevel

    return astroid.parse(path.read_text(), module_name=path.stem, path=str(path))


# -- what check writes -------------------------------------------------------------------------------------
def _project(tmp_path: Path, source: str, observed: list[dict] | None, qualname: str = "train_step") -> Path:
    (tmp_path / "pyproject.toml").write_text("")
    path = tmp_path / "steps.py"
    path.write_text(source)
    if observed is not None:
        spans = trace_record.definition_spans(source)[qualname]
        first, last = spans[0]
        entry = _eager(observed, path="steps.py", qualname=qualname, line=first,
                       source_hash=trace_record.source_hash(source.splitlines(), first, last))
        trace_record.write({**trace_record.empty(str(tmp_path)), "functions": [entry]},
                           str(tmp_path / trace_record.DEFAULT_FILENAME))
    return path


def _fix(path: Path) -> list[str]:
    """The rule's messages on ``path`` (the record found beside it, read afresh)."""
    from pylint_hybridize.engine import Engine  # pylint: disable=import-outside-toplevel

    traces._FOUND.clear()  # pylint: disable=protected-access  # one run sees one record: these tests write several
    traces._LOADED.clear()  # pylint: disable=protected-access
    findings = Engine(enabled=[RULE]).check_source(path.read_text(), path=str(path))
    return [f.message for f in findings if f.symbol == RULE]


def _calls(*sizes: int, last: int = 3, scales=(1.0, 0.5)) -> list[dict]:
    return [{"x": _tensor(n, last), "y": _tensor(n, 1), "scale": _python(s)} for s in scales for n in sizes]


def test_silent_without_a_record_and_the_signature_from_one(tmp_path: Path):
    source = EXAMPLE.read_text()
    assert _fix(_project(tmp_path, source, None)) == []  # a varying Python number, shapes unknown
    found = _fix(_project(tmp_path, source, _calls(4, 5, 6)))
    assert len(found) == 1, found
    assert ("@tf.function(input_signature=[tf.TensorSpec(shape=[None, 3], dtype=tf.float32), "
            "tf.TensorSpec(shape=[None, 1], dtype=tf.float32), tf.TensorSpec(shape=[], dtype=tf.float32)])") in found[0]


def test_a_tests_batch_size_is_never_written_even_when_every_call_agreed(tmp_path: Path):
    found = _fix(_project(tmp_path, EXAMPLE.read_text(), _calls(8)))
    assert "shape=[None, 3]" in found[0] and "shape=[8" not in found[0], found


def test_calls_that_disagree_on_the_last_dimension_get_no_signature(tmp_path: Path):
    calls = _calls(4) + [{"x": _tensor(4, 5), "y": _tensor(4, 1), "scale": _python(0.25)}]
    assert _fix(_project(tmp_path, EXAMPLE.read_text(), calls)) == []  # still retraces on scale: silent


def test_a_python_number_used_other_than_as_a_tensor_gets_no_signature(tmp_path: Path):
    source = EXAMPLE.read_text().replace("model(x * scale)", "model(x) * (2 if scale > 0.4 else 1)")
    assert _fix(_project(tmp_path, source, _calls(4, 5))) == []


def test_a_static_shape_read_refuses_none_dimensions(tmp_path: Path):
    source = EXAMPLE.read_text().replace("tf.reduce_mean(", "tf.reduce_sum(").replace(
        "- y))", "- y)) / x.shape[0]")
    assert _fix(_project(tmp_path, source, _calls(4, 5))) == []


STATIC = textwrap.dedent('''\
    import tensorflow as tf

    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])


    def train_step(x, scale):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(x * scale))
        return tape.gradient(loss, model.trainable_variables)


    def fit(steps):
        scale = 1.0
        for _ in range(steps):
            train_step(tf.zeros([8, 3]), scale)
            scale = scale / 2
''')


def test_the_static_signature_is_kept_when_the_record_agrees(tmp_path: Path):
    static = _fix(_project(tmp_path, STATIC, None))
    assert len(static) == 1 and "shape=[8, 3]" in static[0], static
    agrees = [{"x": _tensor(8, 3), "scale": _python(s)} for s in (1.0, 0.5)]
    assert _fix(_project(tmp_path, STATIC, agrees)) == static


@pytest.mark.parametrize("x", [_tensor(4, 3), _tensor(8, 3, dtype="float64"), _tensor(8, 3, 1)])
def test_silent_where_the_record_contradicts_the_static_facts(tmp_path: Path, x):
    """The tests call it with what no visible call passes: a signature from either side rejects the other's calls."""
    assert _fix(_project(tmp_path, STATIC, [{"x": x, "scale": _python(s)} for s in (1.0, 0.5)])) == []


LOOPED = textwrap.dedent('''\
    import tensorflow as tf

    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])


    def train_step(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(x))
        return tape.gradient(loss, model.trainable_variables)


    def fit(data, steps):
        for _ in range(steps):
            train_step(data)
''')


def test_varying_shapes_without_a_signature_make_reduce_retracing_the_fix(tmp_path: Path):
    bare = _fix(_project(tmp_path, LOOPED, None))
    assert len(bare) == 1 and "with @tf.function" in bare[0] and "@tf.function(" not in bare[0], bare
    varied = _fix(_project(tmp_path, LOOPED, [{"x": _tensor(4, 3)}, {"x": _tensor(4, 5)}]))
    assert len(varied) == 1 and "@tf.function(reduce_retracing=True)" in varied[0], varied
    one_width = _fix(_project(tmp_path, LOOPED, [{"x": _tensor(4, 3)}, {"x": _tensor(6, 3)}]))
    assert "input_signature=[tf.TensorSpec(shape=[None, 3], dtype=tf.float32)]" in one_width[0], one_width
    same = _fix(_project(tmp_path, LOOPED, [{"x": _tensor(4, 3)}]))
    assert same == bare  # nothing retraced: nothing to add


def test_a_stale_record_is_ignored(tmp_path: Path):
    path = _project(tmp_path, EXAMPLE.read_text(), _calls(4, 5))
    path.write_text(path.read_text().replace("tf.square(", "tf.abs("))
    assert _fix(path) == []


# -- what the test run observes -------------------------------------------------------------------------
def test_the_candidates_include_the_functions_awaiting_a_signature(tmp_path: Path):
    path = _project(tmp_path, EXAMPLE.read_text(), None)
    found = profiler.candidates(str(tmp_path), [str(path)])
    assert found == {str(path): {"train_step": {"line": 14, "proposed": False, "signature": None,
                                                 "reduce_retracing": False}}}
    _project(tmp_path, EXAMPLE.read_text(), _calls(4, 5))
    traces._FOUND.clear()  # pylint: disable=protected-access  # the record appeared after the first look
    proposed = profiler.candidates(str(tmp_path), [str(path)])[str(path)]["train_step"]
    assert proposed["proposed"] and proposed["signature"] == [[[None, 3], "float32"], [[None, 1], "float32"],
                                                             [[], "float32"]]


def test_the_observer_notes_each_calls_argument_kinds_and_never_changes_the_result(tmp_path: Path, monkeypatch):
    module_path = tmp_path / "observed_mod.py"
    module_path.write_text(textwrap.dedent('''\
        class Box:
            def step(self, x, k=2):
                return x * k


        def step(x, k=2):
            return x * k
    '''))
    monkeypatch.syspath_prepend(str(tmp_path))
    wanted = {str(module_path): {"step": {"proposed": False}, "Box.step": {"proposed": True}}}
    wrappers = profiler.Profiler(str(tmp_path), wanted, measure=False, observe=True)
    wrappers.start()
    try:
        import observed_mod  # pylint: disable=import-outside-toplevel

        assert observed_mod.step(3) == 6 and observed_mod.step(3) == 6 and observed_mod.step(2.5, k=4) == 10.0
        assert observed_mod.Box().step(5) == 10
    finally:
        wrappers.stop()
        sys.modules.pop("observed_mod", None)
    entries = {e["qualname"]: e for e in wrappers.observations()}
    assert entries["step"]["kind"] == "eager" and entries["step"]["calls"] == 3 and entries["step"]["traces"] == []
    assert [(o["args"], o["calls"]) for o in entries["step"]["observed"]] == [
        ({"x": _python(3)}, 2), ({"x": _python(2.5), "k": _python(4)}, 1)]  # a default left to the def: not passed
    assert [o["args"] for o in entries["Box.step"]["observed"]] == [{"x": _python(5)}]  # no self
    assert wrappers.record()["functions"] == []  # nothing measured


def test_the_recorder_leaves_the_profilers_copy_out():
    recorder = Recorder("/")
    copy = types.SimpleNamespace(_pylint_hybridize_copy=True, experimental_get_tracing_count=lambda: 1)
    recorder._context = types.SimpleNamespace(executing_eagerly=lambda: True)  # pylint: disable=protected-access
    recorder._after_call(copy, 0, (), {})  # pylint: disable=protected-access
    assert recorder.definitions == {}


def test_profile_evidence_counts_only_for_the_settings_the_fix_writes():
    from pylint_hybridize.model.execution.profiles import evidence, settings_text  # pylint: disable=import-outside-toplevel
    from pylint_hybridize.model.execution.signatures import Spec  # pylint: disable=import-outside-toplevel

    signed = settings_text((Spec((None, 3), "float32"), Spec((), "float32")), "")
    assert signed == "input_signature=[tf.TensorSpec([None, 3], tf.float32), tf.TensorSpec([], tf.float32)]"
    assert settings_text(None, "reduce_retracing=True") == "reduce_retracing=True" and settings_text(None, "") == ""
    slower_bare = {"verdict": "slower", "settings": ""}
    assert evidence(slower_bare, "") == (False, "")  # measured as the fix writes it: silenced
    assert evidence(slower_bare, signed) == (True, "")  # measured bare, the fix now writes a signature: no evidence
    assert evidence({"verdict": "slower"}, signed) == (False, "")  # version 1: no settings recorded, as before
    faster = evidence({"verdict": "faster", "speedup": 4.5, "settings": signed}, signed)
    assert faster[0] and "4.5x faster" in faster[1]
