"""Every row of ``pylint_hybridize/model/catalogue/entry_points.py`` judged by TensorFlow.

``entry_point_probes.py`` runs in one subprocess: for each entry point and callable argument it counts how
often a Python side effect in the callable runs, after one and after two uses, from eager code and from a
tf.function called twice, and whether a Python ``if`` on a tensor works there (autograph). This test turns
the table's claims into assertions on those counts.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_hybridize.model.catalogue import entry_points

pytestmark = pytest.mark.runtime

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
NOT_CONVERTED_ERROR = "OperatorNotAllowedInGraphError"


@functools.cache
def _measured() -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    env.pop("TF_USE_LEGACY_KERAS", None)
    result = subprocess.run([sys.executable, str(HERE / "entry_point_probes.py")], capture_output=True, text=True,
                            env=env, cwd=REPO, check=False, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _variants(qualified: str) -> dict[str, dict]:
    """The probe results of a row: ``name`` and its variants ``name (...)`` (another strategy, say)."""
    found = _measured()["entry_points"]
    return {name: targets for name, targets in found.items() if name == qualified or name.startswith(qualified + " (")}


ARGUMENTS = [(q, argument) for q, row in entry_points.ENTRY_POINTS.items() for argument in row["arguments"]]


def test_every_row_is_measured_and_every_probe_is_a_row():
    measured = {name.split(" (")[0] for name in _measured()["entry_points"]}
    assert measured == set(entry_points.ENTRY_POINTS)
    for qualified, row in entry_points.ENTRY_POINTS.items():
        for targets in _variants(qualified).values():
            assert set(targets) == {argument[0] for argument in row["arguments"]}, qualified


def test_measured_on_the_recorded_versions():
    installed = _measured()["versions"]
    recorded = {k: entry_points.VERSIONS[k] for k in ("tensorflow", "keras")}
    assert {k: installed[k] for k in recorded} == recorded, "measure again and update entry_points.VERSIONS"


def _runs_traced_once_per_trace(runs: dict) -> None:
    assert runs["error"] is None, runs["error"]
    assert runs["eager"] == [False], "the Python body ran eagerly"
    assert runs["after_first"] >= 1


@pytest.mark.parametrize("qualified, argument", ARGUMENTS, ids=[f"{q}:{a[0]}" for q, a in ARGUMENTS])
def test_when_traced(qualified, argument):
    keyword, _position, _form, when, _autograph = argument
    for name, targets in _variants(qualified).items():
        measured = targets[keyword]
        if when == entry_points.ALWAYS:
            _runs_traced_once_per_trace(measured["eager"])  # traced although called from eager code
            _runs_traced_once_per_trace(measured["graph"])
            assert measured["graph"]["after_second"] == measured["graph"]["after_first"], name
        elif when == entry_points.WHEN_CALLER_TRACED:
            eager = measured["eager"]
            assert eager["error"] is None and eager["eager"] == [True], (name, eager)
            assert eager["after_second"] > eager["after_first"] >= 1, (name, eager)  # runs on every eager use
            _runs_traced_once_per_trace(measured["graph"])
            assert measured["graph"]["after_second"] == measured["graph"]["after_first"], name  # not on the 2nd call
        else:
            assert when == entry_points.NEVER
            contexts = [c for c in ("eager", "graph", "fit") if c in measured]
            assert contexts
            for context in contexts:
                runs = measured[context]
                assert runs["error"] is None and runs["eager"] == [True], (name, context, runs)
                assert runs["after_second"] > runs["after_first"] >= 1, (name, context, runs)


@pytest.mark.parametrize("qualified, argument", ARGUMENTS, ids=[f"{q}:{a[0]}" for q, a in ARGUMENTS])
def test_autograph(qualified, argument):
    keyword, _position, _form, when, converted = argument
    for name, targets in _variants(qualified).items():
        found = targets[keyword].get("autograph")
        if when == entry_points.NEVER:  # an eager island: its Python if runs on eager values wherever it is used
            assert converted is None
            assert found is None or all(error is None for error in found.values()), (name, found)
            continue
        on_callers = [found["graph"]] + ([found["eager"]] if when == entry_points.ALWAYS else [])
        if converted == entry_points.CONVERTED:
            assert all(error is None for error in [*on_callers, found["graph_no_autograph"]]), (name, found)
        elif converted == entry_points.AS_CALLER:
            assert all(error is None for error in on_callers), (name, found)
            assert NOT_CONVERTED_ERROR in (found["graph_no_autograph"] or ""), (name, found)
        else:
            assert converted == entry_points.NOT_CONVERTED
            for error in [*on_callers, found["graph_no_autograph"]]:
                assert NOT_CONVERTED_ERROR in (error or ""), (name, found)


BRANCHING = [q for q, row in entry_points.ENTRY_POINTS.items() if row.get("traces_every_branch")]


@pytest.mark.parametrize("qualified", BRANCHING)
def test_every_branch_is_traced(qualified):
    for keyword, *_rest in entry_points.ENTRY_POINTS[qualified]["arguments"]:
        targets = _variants(qualified)[qualified][keyword]
        assert targets["graph_untaken"]["after_first"] >= 1, "a branch not taken is traced too"
        assert targets["eager_untaken"]["after_second"] == 0, "eagerly only the taken branch runs"


def test_autograph_converts_a_def_nested_in_converted_code():
    """Why the autograph column speaks of callables defined outside the converted code."""
    facts = _measured()["facts"]["autograph_of_a_callable_passed_to_tf.while_loop"]
    assert facts == {"nested_def": True, "module_level_def": False}


# -- library hooks: tf_agents' TFAgent._train, Orbit's train_step / eval_step (LIBRARY_HOOKS) -------------------
# The libraries are not in the ``test`` extras (tf-agents 0.19 pins tensorflow-probability~=0.23, gym and
# pygame, which do not install against TF 2.21): these tests skip without them. A skip is not a pass.
_HOOK_LIBRARIES = ("tf_agents", "orbit", "tensorflow_probability")


@functools.cache
def _hooks_measured() -> dict:
    import importlib.util  # noqa: PLC0415

    missing = [name for name in _HOOK_LIBRARIES if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (pip install --no-deps tf-agents==0.19.0 ...)")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="")
    env.pop("TF_USE_LEGACY_KERAS", None)
    result = subprocess.run([sys.executable, str(HERE / "library_hook_probes.py")], capture_output=True, text=True,
                            env=env, cwd=REPO, check=False, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _hook_variants(library: str, hook: str) -> dict[str, dict]:
    return {name: runs for name, runs in _hooks_measured()["hooks"].items()
            if name.startswith(library) and f"-> {hook}" in name}  # fmt: skip


def test_library_hooks_measured_on_the_recorded_versions():
    installed = _hooks_measured()["versions"]
    assert {k: installed[k] for k in entry_points.LIBRARY_VERSIONS} == entry_points.LIBRARY_VERSIONS
    assert installed["tensorflow"] == entry_points.VERSIONS["tensorflow"]


def test_tf_agent_train_runs_train_where_it_is_called():
    row = entry_points.LIBRARY_HOOKS["tf_agents.agents.tf_agent.TFAgent"]["_train"]
    assert (row["run_by"], row["when"], row["autograph"]) == ("train", entry_points.WHEN_CALLER_TRACED, entry_points.AS_CALLER)
    variants = _hook_variants("tf_agents", "_train")
    eager = variants["tf_agents.TFAgent.train -> _train (eager)"]
    assert eager["error"] is None and eager["eager"] == [True], eager
    assert eager["after_second"] > eager["after_first"] >= 1, eager  # not traced by the library: every call runs it
    for name in ("tf_agents.TFAgent.train -> _train (in a tf.function)", "tf_agents.utils.common.function(agent.train) -> _train"):
        runs = variants[name]
        _runs_traced_once_per_trace(runs)
        assert runs["after_second"] == runs["after_first"], name
    assert variants["tf_agents.TFAgent.train -> _train (in a tf.function)"]["autograph"] is None  # as the caller
    # common.function turns autograph off (catalogue.tracing.WRAPPER_AUTOGRAPH_DEFAULTS)
    assert NOT_CONVERTED_ERROR in variants["tf_agents.utils.common.function(agent.train) -> _train"]["autograph"]


@pytest.mark.parametrize("library, base, hook", [
    ("orbit.StandardTrainer", "orbit.StandardTrainer", "train_step"),
    ("orbit.StandardEvaluator", "orbit.StandardEvaluator", "eval_step"),
])  # fmt: skip
def test_orbit_traces_the_step_unless_use_tf_function_is_false(library, base, hook):
    row = entry_points.LIBRARY_HOOKS[base][hook]
    assert (row["when"], row["autograph"]) == (entry_points.ALWAYS, entry_points.CONVERTED)
    keyword, _position, field, default = row["option"]
    assert (keyword, field, default) == ("options", "use_tf_function", True)
    variants = _hook_variants(library, hook)
    assert len(variants) == 3, variants
    for name, runs in variants.items():
        if "use_tf_function=False" in name:
            assert runs["error"] is None and runs["eager"] == [True], (name, runs)
            assert runs["after_second"] > runs["after_first"] >= 1, (name, runs)
        else:
            _runs_traced_once_per_trace(runs)
            assert runs["after_second"] == runs["after_first"], name
            assert runs["autograph"] is None, (name, runs)  # converted
