"""What makes Python code run as a graph, and what a graph cannot hold.

- tf.function: its name, its parameters in order, the autograph defaults of known wrappers;
- TF graph control flow and distribution strategies, whose function arguments are traced too;
- Keras (``fit`` / ``evaluate`` / ``predict`` trace the step methods) and tf.data (the Dataset
  methods and ``tf.data.experimental`` transformations that trace their functions, the calls that
  make a Dataset);
- ``tf.init_scope`` (eager islands in graph code), the names of eager-mode checks, the methods that
  run once by contract;
- the TF APIs that make a function body unfit for a graph.

Read by ``hybrids`` (tf.function), ``execution`` (contexts, traced code, guards, bodies). Which
library entry points trace which callable is measured in ``entry_points.py``: the sets here that
name them are derived from it (one source of truth).
"""

from __future__ import annotations

from pylint_hybridize.model.catalogue.entry_points import ALWAYS, ENTRY_POINTS, WHEN_CALLER_TRACED, methods_of

DATASET = "tensorflow.data.Dataset"
STRATEGY = "tensorflow.distribute.Strategy"

# -- tf.function ------------------------------------------------------------------------------------
TF_FUNCTION = "tensorflow.function"

# tf.function's parameters in order, so positional options can be named.
TF_FUNCTION_PARAMETERS = (
    "func",
    "input_signature",
    "autograph",
    "jit_compile",
    "reduce_retracing",
    "experimental_implements",
    "experimental_autograph_options",
    "experimental_attributes",
    "experimental_relax_shapes",
    "experimental_compile",
    "experimental_follow_type_hints",
)


# Wrappers whose autograph default is known.
WRAPPER_AUTOGRAPH_DEFAULTS = {
    # tf_agents/utils/common.py: ``autograph = kwargs.pop('autograph', False)``
    "tf_agents.utils.common.function": False,
}

# -- graph control flow and strategies ---------------------------------------------------------------
# TF functions whose function-valued arguments run where they are called, traced into the graph of
# traced code: the entry points of the measured catalogue whose callables run ``when_caller_traced``
# (``tf.while_loop``, ``tf.cond``, ``tf.map_fn``, ``tf.nest.map_structure``...) or ``always``
# (``tf.vectorized_map``), functions of ``tensorflow`` that are not methods (``entry_points.py``).
GRAPH_CONTROL_FLOW = frozenset(
    qualified
    for qualified, row in ENTRY_POINTS.items()
    if row["receiver"] is None
    and qualified.startswith("tensorflow.")
    and not qualified.startswith("tensorflow.data.")
    and qualified not in ("tensorflow.function", "tensorflow.wrap_function")
    and all(argument[3] in (ALWAYS, WHEN_CALLER_TRACED) for argument in row["arguments"])
)
# Methods of distribution strategies that trace their first argument: the catalogue's
# ``Strategy.run``, TF 2.0/2.1's name of it, and ``StrategyExtended.call_for_each_replica``.
STRATEGY_RUN_METHODS = frozenset({*methods_of(STRATEGY), "experimental_run_v2", "call_for_each_replica"})

# -- Keras and tf.data --------------------------------------------------------------------------------
KERAS_STEP_METHODS = {
    "train_step": "Keras Model.fit",
    "test_step": "Keras Model.evaluate",
    "predict_step": "Keras Model.predict",
}
# The Keras Model methods whose built-in loops trace the step methods: a class that overrides one
# runs its own loop, which calls the steps eagerly unless it traces them itself.
KERAS_LOOP_METHODS = frozenset(
    {"fit", "evaluate", "predict", "train_on_batch", "test_on_batch", "predict_on_batch"}
)

# Dataset methods that trace the functions they are given (the catalogue's ``always`` methods).
DATASET_TRACING_METHODS = frozenset(
    name for name, row in methods_of(DATASET).items() if any(argument[3] == ALWAYS for argument in row["arguments"])
)
# Dataset methods that return a Dataset (a chain of them keeps a dataset a dataset).
DATASET_METHODS = DATASET_TRACING_METHODS - {"reduce", "save"} | frozenset(
    {
        "batch", "padded_batch", "unbatch", "ragged_batch", "sparse_batch", "rebatch", "shuffle", "repeat",
        "prefetch", "cache", "take", "skip", "shard", "concatenate", "apply", "with_options", "enumerate",
        "unique", "ignore_errors", "assert_cardinality", "window", "zip", "distinct", "random",
    }
)  # fmt: skip
# tf.data.experimental transformations (used through ``ds.apply(...)``) that trace their functions.
DATA_EXPERIMENTAL_TRACING = frozenset(
    qualified for qualified, row in ENTRY_POINTS.items()
    if qualified.startswith("tensorflow.data.experimental.") and any(argument[3] == ALWAYS for argument in row["arguments"])
)  # fmt: skip
# Calls that return a tf.data.Dataset (besides tf.data.Dataset.* and tf.data.*Dataset classes).
DATASET_FACTORIES = frozenset(
    {
        "tensorflow.data.experimental.make_csv_dataset",
        "tensorflow.data.experimental.make_batched_features_dataset",
        "tensorflow.data.experimental.sample_from_datasets",
        "tensorflow.data.experimental.choose_from_datasets",
        "tensorflow.data.experimental.load",
        "tensorflow.data.experimental.Counter",
        "keras.utils.image_dataset_from_directory",
        "keras.utils.text_dataset_from_directory",
        "keras.utils.audio_dataset_from_directory",
        "keras.utils.timeseries_dataset_from_array",
        "keras.preprocessing.image_dataset_from_directory",
        "keras.preprocessing.text_dataset_from_directory",
        "keras.preprocessing.timeseries_dataset_from_array",
    }
)

# -- eager islands, eager checks, run-once methods -----------------------------------------------------
INIT_SCOPE = "tensorflow.init_scope"
RUN_ONCE_METHODS = frozenset({"__init__", "build", "_build", "_create_variables", "create_variables"})
"""Methods that run once by contract (Keras calls ``build`` once): variables made there are the normal case."""
EAGER_CHECK_WORDS = frozenset({"executing_eagerly", "EagerTensor", "_EagerTensorBase", "inside_function"})
"""Names whose mention in a function means it checks for eager mode."""

# -- what a graph cannot hold (decorator refactorings) -------------------------------------------------
# TF APIs that make a body unfit for tf.function: TF1 graph-mode APIs, summaries keyed by Python
# strings, I/O and configuration, dataset building, object creation.
GRAPH_HOSTILE_PREFIXES = (
    "tensorflow.summary.", "tensorflow.logging.", "tensorflow.config.", "tensorflow.io.gfile.",
    "tensorflow.saved_model.", "tensorflow.data.", "tensorflow.train.", "tensorflow.distribute.",
    "tensorflow.test.", "tensorflow.estimator.", "tensorflow.lite.", "tensorflow.experimental.",
    "tensorflow.contrib.", "tensorflow.layers.", "tensorflow.losses.", "tensorflow.metrics.",
    "tensorflow.user_ops.", "tensorflow.sets.", "tensorflow.debugging.experimental.",
)
GRAPH_HOSTILE_FUNCTIONS = frozenset(
    {
        "tensorflow.Variable", "tensorflow.get_variable", "tensorflow.placeholder", "tensorflow.Session",
        "tensorflow.InteractiveSession", "tensorflow.get_default_graph", "tensorflow.Graph",
        "tensorflow.variable_scope", "tensorflow.get_collection", "tensorflow.add_to_collection",
        "tensorflow.global_variables_initializer", "tensorflow.py_func", "tensorflow.executing_eagerly",
        "tensorflow.init_scope", "tensorflow.function", "tensorflow.get_static_value",
        "tensorflow.make_ndarray", "tensorflow.make_tensor_proto", "tensorflow.print",
        "tensorflow.numpy_function", "tensorflow.py_function", "tensorflow.Module",
    }
)

# Methods of Keras objects (optimizers, metrics, variables) that run TF ops and keep their state in
# variables: graph-safe whatever object they are reached through (``self.model.optimizer.apply_gradients``).
KERAS_STATE_METHODS = frozenset(
    {
        "apply_gradients", "apply", "minimize", "update_state", "result", "reset_state", "reset_states",
        "assign", "assign_add", "assign_sub",
    }
)
