"""Library entry points that run a callable they are given, and whether that callable is traced: measured.

Every row was checked under TensorFlow 2.21 / Keras 3 by ``tests/runtime/test_entry_points.py``, which counts
how often a Python side effect in the callable runs against how often the entry point is used, from eager code
and from a ``tf.function`` called twice (``tests/runtime/entry_point_probes.py``). ``VERSIONS`` are the versions
it was measured on; that test fails when the installed ones differ, so that the table is measured again.

A row: ``ENTRY_POINTS[qualified]`` (the canonical name ``names.qualified_name`` gives; methods are keyed by
their class, ``tensorflow.data.Dataset.map``, and ``receiver`` names that class) holds ``arguments``, one tuple
per callable argument: ``(keyword, position, form, when, autograph)``:

- ``position``: its index among the positional arguments (the receiver of a method not counted), or None;
- ``form``: ``callable``; ``pairs`` (``tf.case``'s ``[(pred, fn), ...]`` or ``{pred: fn}``); ``callables``
  (``tf.switch_case``'s list or dict of branches); ``hooks`` (a keyword per hook);
- ``when`` the callable's Python body runs traced:
  ``always`` — traced even when the entry point is called from eager code (tf.data: once, where the dataset
  is built, not per element);
  ``when_caller_traced`` — traced when the code calling the entry point is traced; called from eager code it
  runs eagerly, on every use (``tf.map_fn``: once per element; ``tf.while_loop``: once per iteration);
  ``never`` — an eager island: it runs eagerly, on every use, even inside traced code (``tf.py_function``,
  Keras callbacks), so no trace-time message belongs in it;
- ``autograph``: is the callable converted by autograph when it is traced (a Python ``if`` on a tensor
  works)? ``converted`` — always; ``as_caller`` — unless the calling code runs with autograph off
  (``tf.function(autograph=False)``, or Keras 3's ``train_step``, which Keras runs unconverted);
  ``not_converted`` — never; None for ``never`` rows. Measured with a callable defined outside the converted
  code: autograph converts a ``def`` nested in converted code with it, whatever the entry point
  (``nested_def_converted`` in the test);
- ``traces_every_branch`` (``tf.cond``, ``tf.case``, ``tf.switch_case``): in traced code every branch is
  traced, the one not taken too; called eagerly only the taken one runs.

Self-contained: no TensorFlow, no other model module.
"""

from __future__ import annotations

MEASURED_ON = "2026-12-07"
VERSIONS = {"tensorflow": "2.21.0", "keras": "3.15.1", "python": "3.11.7"}

ALWAYS, WHEN_CALLER_TRACED, NEVER = "always", "when_caller_traced", "never"
CONVERTED, AS_CALLER, NOT_CONVERTED = "converted", "as_caller", "not_converted"
_DATASET = "tensorflow.data.Dataset"
_STRATEGY = "tensorflow.distribute.Strategy"
_CALLBACK_HOOKS = ("on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end", "on_train_batch_begin",
                   "on_train_batch_end")  # fmt: skip

# fmt: off
ENTRY_POINTS: dict[str, dict] = {
    # -- tf.data: traced once, where the dataset is built, from eager code too ---------------------------------
    f"{_DATASET}.map": {
        "receiver": _DATASET,
        "arguments": (("map_func", 0, "callable", ALWAYS, AS_CALLER),),
    },
    f"{_DATASET}.filter": {
        "receiver": _DATASET,
        "arguments": (("predicate", 0, "callable", ALWAYS, AS_CALLER),),
    },
    f"{_DATASET}.flat_map": {
        "receiver": _DATASET,
        "arguments": (("map_func", 0, "callable", ALWAYS, AS_CALLER),),
    },
    f"{_DATASET}.interleave": {
        "receiver": _DATASET,
        "arguments": (("map_func", 0, "callable", ALWAYS, AS_CALLER),),
    },
    f"{_DATASET}.reduce": {
        "receiver": _DATASET,
        "arguments": (("reduce_func", 1, "callable", ALWAYS, AS_CALLER),),
    },
    f"{_DATASET}.scan": {
        "receiver": _DATASET,
        "arguments": (("scan_func", 1, "callable", ALWAYS, AS_CALLER),),
    },
    f"{_DATASET}.take_while": {
        "receiver": _DATASET,
        "arguments": (("predicate", 0, "callable", ALWAYS, AS_CALLER),),
    },
    f"{_DATASET}.group_by_window": {
        "receiver": _DATASET,
        "arguments": (
            ("key_func", 0, "callable", ALWAYS, NOT_CONVERTED),
            ("reduce_func", 1, "callable", ALWAYS, AS_CALLER),
            ("window_size_func", 3, "callable", ALWAYS, NOT_CONVERTED),
        ),
    },
    f"{_DATASET}.bucket_by_sequence_length": {
        "receiver": _DATASET,
        "arguments": (("element_length_func", 0, "callable", ALWAYS, NOT_CONVERTED),),
    },
    f"{_DATASET}.rejection_resample": {
        "receiver": _DATASET,
        "arguments": (("class_func", 0, "callable", ALWAYS, NOT_CONVERTED),),
        "note": "class_func is traced three times per rejection_resample call",
    },
    f"{_DATASET}.save": {
        "receiver": _DATASET,
        "arguments": (("shard_func", 2, "callable", ALWAYS, AS_CALLER),),
    },
    f"{_DATASET}.snapshot": {
        "receiver": _DATASET,
        "arguments": (
            ("reader_func", 2, "callable", ALWAYS, AS_CALLER),
            ("shard_func", 3, "callable", ALWAYS, AS_CALLER),
        ),
    },
    f"{_DATASET}.from_generator": {
        "receiver": None,
        "arguments": (("generator", 0, "callable", NEVER, None),),
        "note": "the generator runs eagerly (a py_function), once per element, inside a tf.function too",
    },
    "tensorflow.data.experimental.scan": {
        "receiver": None,
        "arguments": (("scan_func", 1, "callable", ALWAYS, AS_CALLER),),
    },
    "tensorflow.data.experimental.take_while": {
        "receiver": None,
        "arguments": (("predicate", 0, "callable", ALWAYS, AS_CALLER),),
    },
    "tensorflow.data.experimental.map_and_batch": {
        "receiver": None,
        "arguments": (("map_func", 0, "callable", ALWAYS, AS_CALLER),),
    },
    "tensorflow.data.experimental.group_by_window": {
        "receiver": None,
        "arguments": (
            ("key_func", 0, "callable", ALWAYS, NOT_CONVERTED),
            ("reduce_func", 1, "callable", ALWAYS, AS_CALLER),
            ("window_size_func", 3, "callable", ALWAYS, NOT_CONVERTED),
        ),
    },
    "tensorflow.data.experimental.bucket_by_sequence_length": {
        "receiver": None,
        "arguments": (("element_length_func", 0, "callable", ALWAYS, NOT_CONVERTED),),
    },
    "tensorflow.data.experimental.parallel_interleave": {
        "receiver": None,
        "arguments": (("map_func", 0, "callable", ALWAYS, AS_CALLER),),
    },
    "tensorflow.data.experimental.rejection_resample": {
        "receiver": None,
        "arguments": (("class_func", 0, "callable", ALWAYS, NOT_CONVERTED),),
    },
    "tensorflow.data.experimental.group_by_reducer": {
        "receiver": None,
        "arguments": (("key_func", 0, "callable", ALWAYS, AS_CALLER),),
    },
    # -- TF functional ops and control flow -------------------------------------------------------------------
    "tensorflow.map_fn": {
        "receiver": None,
        "arguments": (("fn", 0, "callable", WHEN_CALLER_TRACED, AS_CALLER),),
        "note": "called eagerly, fn runs eagerly once per element",
    },
    "tensorflow.vectorized_map": {
        "receiver": None,
        "arguments": (("fn", 0, "callable", ALWAYS, NOT_CONVERTED),),
        "note": "traced on every eager call (a new trace each time)",
    },
    "tensorflow.scan": {
        "receiver": None,
        "arguments": (("fn", 0, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),),
        "note": "called eagerly, fn runs eagerly once per element",
    },
    "tensorflow.foldl": {
        "receiver": None,
        "arguments": (("fn", 0, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),),
        "note": "called eagerly, fn runs eagerly once per element",
    },
    "tensorflow.foldr": {
        "receiver": None,
        "arguments": (("fn", 0, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),),
        "note": "called eagerly, fn runs eagerly once per element",
    },
    "tensorflow.while_loop": {
        "receiver": None,
        "arguments": (
            ("cond", 0, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),
            ("body", 1, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),
        ),
        "note": "called eagerly, body runs once per iteration and cond once more",
    },
    "tensorflow.cond": {
        "receiver": None,
        "arguments": (
            ("true_fn", 1, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),
            ("false_fn", 2, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),
        ),
        "traces_every_branch": True,
    },
    "tensorflow.case": {
        "receiver": None,
        "arguments": (
            ("pred_fn_pairs", 0, "pairs", WHEN_CALLER_TRACED, NOT_CONVERTED),
            ("default", 1, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),
        ),
        "traces_every_branch": True,
    },
    "tensorflow.switch_case": {
        "receiver": None,
        "arguments": (
            ("branch_fns", 1, "callables", WHEN_CALLER_TRACED, NOT_CONVERTED),
            ("default", 2, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),
        ),
        "traces_every_branch": True,
    },
    "tensorflow.nest.map_structure": {
        "receiver": None,
        "arguments": (("func", 0, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),),
        "note": "a plain Python call per leaf: runs where map_structure is called (tf.nest is not converted)",
    },
    # -- eager islands ------------------------------------------------------------------------------------------
    "tensorflow.py_function": {
        "receiver": None,
        "arguments": (("func", 0, "callable", NEVER, None),),
    },
    "tensorflow.numpy_function": {
        "receiver": None,
        "arguments": (("func", 0, "callable", NEVER, None),),
    },
    "tensorflow.py_func": {  # tf.compat.v1.py_func
        "receiver": None,
        "arguments": (("func", 0, "callable", NEVER, None),),
    },
    # -- function wrappers --------------------------------------------------------------------------------------
    "tensorflow.function": {
        "receiver": None,
        "arguments": (("func", 0, "callable", ALWAYS, CONVERTED),),
        "note": "autograph=False turns conversion off; traced once per input signature, from eager code too",
    },
    "tensorflow.wrap_function": {  # tf.compat.v1.wrap_function
        "receiver": None,
        "arguments": (("fn", 0, "callable", ALWAYS, NOT_CONVERTED),),
    },
    "tensorflow.custom_gradient": {
        "receiver": None,
        "arguments": (("f", 0, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),),
        "note": "the decorated function runs where it is called",
    },
    "tensorflow.recompute_grad": {
        "receiver": None,
        "arguments": (("f", 0, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),),
        "note": "the decorated function runs where it is called",
    },
    "tensorflow.autograph.experimental.do_not_convert": {
        "receiver": None,
        "arguments": (("func", 0, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),),
        "note": "the decorated function runs where it is called, never converted",
    },
    f"{_STRATEGY}.run": {
        "receiver": _STRATEGY,
        "arguments": (("fn", 0, "callable", WHEN_CALLER_TRACED, AS_CALLER),),
        "note": "measured with MirroredStrategy(['/cpu:0']) and the default strategy; eagerly: once per call",
    },
    # -- Keras --------------------------------------------------------------------------------------------------
    "keras.layers.Lambda": {
        "receiver": None,
        "arguments": (("function", 0, "callable", WHEN_CALLER_TRACED, NOT_CONVERTED),),
        "note": "runs where the layer is called: traced under fit/predict and when a model is built (Keras 3)",
    },
    "keras.callbacks.LambdaCallback": {
        "receiver": None,
        "arguments": tuple((hook, index, "hooks", NEVER, None) for index, hook in enumerate(_CALLBACK_HOOKS)),
        "note": "run eagerly by fit, once per epoch / batch, although the train step is traced",
    },
    "keras.callbacks.LearningRateScheduler": {
        "receiver": None,
        "arguments": (("schedule", 0, "callable", NEVER, None),),
        "note": "run eagerly by fit, once per epoch",
    },
}
# fmt: on

# -- library base classes that run a hook method of the user's subclass ----------------------------------------
# Measured by ``tests/runtime/library_hook_probes.py`` (run by ``test_entry_points.py`` when the libraries are
# installed) on ``LIBRARY_VERSIONS``. A row: base class (every spelling users import) -> hook method ->
# ``run_by`` (the library's public method that runs it), ``when`` / ``autograph`` as above, ``option``
# (``(keyword, position, field, default)``: the constructor argument holding an options object whose ``field``
# turns the tracing off; the hook is traced only when the subclass visibly keeps ``default``), and
# ``overrides``: methods that, overridden in the subclass, replace the library's loop (then nothing is known).
# - tf_agents: ``TFAgent.train`` calls ``_train`` directly under TF2 (``common.function_in_tf1`` wraps only in
#   TF1 graph mode): ``_train`` runs where ``train`` runs: eagerly on every call from eager code, traced under a
#   ``tf.function`` or ``common.function(agent.train)`` (the tutorials' spelling; autograph off by default).
# - Orbit: ``StandardTrainer.train`` runs ``train_step`` in a ``tf.function`` (autograph on) unless
#   ``StandardTrainerOptions(use_tf_function=False)``; ``StandardEvaluator.evaluate`` likewise ``eval_step``.
LIBRARY_VERSIONS = {"tf_agents": "0.19.0", "tensorflow_probability": "0.25.0", "tf-models-official": "2.20.0"}
_TF_AGENT = {
    "_train": {"run_by": "train", "when": WHEN_CALLER_TRACED, "autograph": AS_CALLER, "option": None, "overrides": ()},
}
_ORBIT_TRAINER = {
    "train_step": {"run_by": "train", "when": ALWAYS, "autograph": CONVERTED,
                   "option": ("options", 1, "use_tf_function", True), "overrides": ("train", "create_train_loop_fn")},
}  # fmt: skip
_ORBIT_EVALUATOR = {
    "eval_step": {"run_by": "evaluate", "when": ALWAYS, "autograph": CONVERTED,
                  "option": ("options", 1, "use_tf_function", True), "overrides": ("evaluate", "create_eval_loop_fn")},
}  # fmt: skip
LIBRARY_HOOKS: dict[str, dict[str, dict]] = {
    "tf_agents.agents.tf_agent.TFAgent": _TF_AGENT,
    "tf_agents.agents.TFAgent": _TF_AGENT,
    "orbit.StandardTrainer": _ORBIT_TRAINER,
    "orbit.standard_runner.StandardTrainer": _ORBIT_TRAINER,
    "orbit.StandardEvaluator": _ORBIT_EVALUATOR,
    "orbit.standard_runner.StandardEvaluator": _ORBIT_EVALUATOR,
}
# The options classes of those ``option`` rows (a call of one of them is read for its ``field``).
LIBRARY_OPTION_CLASSES = frozenset({
    "orbit.StandardTrainerOptions", "orbit.standard_runner.StandardTrainerOptions",
    "orbit.StandardEvaluatorOptions", "orbit.standard_runner.StandardEvaluatorOptions",
})  # fmt: skip


# -- reader API -----------------------------------------------------------------------------------------------
def entry_point(qualified: str | None) -> dict | None:
    """The row of an entry point (``tensorflow.map_fn``, ``tensorflow.data.Dataset.map``), or None."""
    return None if qualified is None else ENTRY_POINTS.get(qualified)


def traced_argument(qualified: str | None, keyword: str | None = None, position: int | None = None) -> tuple | None:
    """``(keyword, position, form, when, autograph)`` of the callable argument passed by ``keyword`` or at
    ``position`` (the receiver of a method not counted); None when that argument is not a callable one."""
    row = entry_point(qualified)
    if row is None:
        return None
    for argument in row["arguments"]:
        if (keyword is not None and argument[0] == keyword) or (position is not None and argument[1] == position):
            return argument
    return None


def when_traced(qualified: str | None, keyword: str | None = None, position: int | None = None) -> str | None:
    """``always`` / ``when_caller_traced`` / ``never`` for that argument; None: not in the table."""
    argument = traced_argument(qualified, keyword, position)
    return None if argument is None else argument[3]


def autograph(qualified: str | None, keyword: str | None = None, position: int | None = None) -> str | None:
    """``converted`` / ``as_caller`` / ``not_converted``; None: not in the table, or never traced."""
    argument = traced_argument(qualified, keyword, position)
    return None if argument is None else argument[4]


def is_eager_island(qualified: str | None) -> bool:
    """Every callable argument of it runs eagerly, also in traced code (``tf.py_function``)."""
    row = entry_point(qualified)
    return row is not None and all(argument[3] == NEVER for argument in row["arguments"])


def traces_every_branch(qualified: str | None) -> bool:
    """In traced code every branch is traced, the one not taken too (``tf.cond``, ``tf.case``...)."""
    row = entry_point(qualified)
    return bool(row and row.get("traces_every_branch"))


def methods_of(receiver: str) -> dict[str, dict]:
    """Method name -> row for the entry points that are methods of ``receiver`` (``tensorflow.data.Dataset``)."""
    return {q.rsplit(".", 1)[1]: row for q, row in ENTRY_POINTS.items() if row["receiver"] == receiver}


def library_hooks(base: str | None) -> dict[str, dict]:
    """Hook method name -> row for a library base class (``orbit.StandardTrainer``); {} when not one."""
    return LIBRARY_HOOKS.get(base or "", {})


def library_hook_run_by(base: str | None, method: str) -> str | None:
    """The hook a call of ``method`` on an instance of a subclass of ``base`` runs where it is called
    (``train`` -> ``_train`` of a TFAgent); None when ``method`` runs none of that kind."""
    for hook, row in library_hooks(base).items():
        if row["run_by"] == method and row["when"] == WHEN_CALLER_TRACED:
            return hook
    return None
