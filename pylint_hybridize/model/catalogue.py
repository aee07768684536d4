"""The TF / NumPy / builtin API tables the value-kind model reads (one place for all of them).

Nothing here resolves names: callers pass canonical qualified names
(``names.qualified_name``), e.g. ``tensorflow.reduce_sum``, ``numpy.mean``.
"""

from __future__ import annotations

from pylint_hybridize.model import names

# tf.<module>.* whose functions do not return tensors (datasets, summaries, config, ...).
NON_TENSOR_TF_MODULES = (
    "tensorflow.data.",
    "tensorflow.summary.",
    "tensorflow.config.",
    "tensorflow.distribute.",
    "tensorflow.io.gfile.",
    "tensorflow.saved_model.",
    "tensorflow.nest.",
    "tensorflow.train.",
    "tensorflow.autograph.",
    "tensorflow.test.",
    "tensorflow.errors.",
    "tensorflow.dtypes.",
    "tensorflow.experimental.",
    "tensorflow.sysconfig.",
    "tensorflow.lite.",
    "tensorflow.estimator.",
    "tensorflow.types.",
    # returned Python values (or graph/scope objects) in the execution-mode checker's former table
    "tensorflow.compat.",
    "tensorflow.app.",
    "tensorflow.logging.",
    "tensorflow.version",
    "tensorflow.__version__",
    "tensorflow.flags",
    "tensorflow.keras",
    "tensorflow.estimator",
    "tensorflow.feature_column",
    "tensorflow.shape_util",
)
# tf.* functions that do not return a tensor (Python values, context managers, callables).
NON_TENSOR_TF_FUNCTIONS = frozenset(
    {
        "tensorflow.function",
        "tensorflow.print",
        "tensorflow.executing_eagerly",
        "tensorflow.executing_eagerly_outside_functions",
        "tensorflow.inside_function",
        "tensorflow.get_logger",
        "tensorflow.init_scope",
        "tensorflow.name_scope",
        "tensorflow.device",
        "tensorflow.control_dependencies",
        "tensorflow.is_tensor",
        "tensorflow.is_symbolic_tensor",
        "tensorflow.debugging.is_numeric_tensor",
        "tensorflow.get_static_value",
        "tensorflow.as_dtype",
        "tensorflow.py_function",  # returns tensors, but see execution-mode rules
        "tensorflow.dimension_value",
        "tensorflow.dimension_at_index",
        "tensorflow.get_current_name_scope",
        "tensorflow.get_default_graph",
        "tensorflow.get_variable_scope",
        "tensorflow.variable_scope",
        "tensorflow.type_spec_from_value",
        "tensorflow.random.set_seed",
        "tensorflow.random.get_global_generator",
        "tensorflow.random.Generator",
        "tensorflow.get_collection",
        "tensorflow.global_variables",
        "tensorflow.trainable_variables",
    }
)
# tf.* functions returning a Python list/tuple of tensors (iterating, len() and bool() are fine).
LIST_RETURNING = frozenset(
    {
        "tensorflow.unstack", "tensorflow.split", "tensorflow.meshgrid", "tensorflow.dynamic_partition",
        "tensorflow.shape_n", "tensorflow.gradients", "tensorflow.unique", "tensorflow.unique_with_counts",
        "tensorflow.nn.moments", "tensorflow.nn.top_k", "tensorflow.math.top_k", "tensorflow.linalg.eigh",
        "tensorflow.linalg.svd", "tensorflow.linalg.qr", "tensorflow.numpy_function", "tensorflow.py_function",
        "tensorflow.while_loop", "tensorflow.nest.flatten", "tensorflow.raw_ops.Unpack",
    }
)  # fmt: skip
VARIABLE_CLASSES = frozenset({"tensorflow.Variable"})
# Tensor methods that return Python / NumPy values.
TENSOR_METHODS_TO_ARRAY = frozenset({"numpy"})
TENSOR_METHODS_TO_PYTHON = frozenset({"item", "tolist"})

# builtins and the kinds of what they return
SCALAR_BUILTINS = frozenset({"len", "int", "float", "round", "str", "abs", "ord", "hash", "id", "complex", "bytes"})
CONTAINER_BUILTINS = frozenset({"list", "tuple", "dict", "set", "frozenset", "sorted"})
ITERATOR_BUILTINS = frozenset({"iter", "enumerate", "zip", "map", "filter", "reversed"})
OBJECT_BUILTINS = frozenset({"object"})
CONTAINER_FACTORIES = frozenset(
    {"collections.defaultdict", "collections.OrderedDict", "collections.deque", "collections.Counter"}
)

# the dtype tf.constant gives a Python literal (TF 2.21: int -> int32, float -> float32)
PYTHON_DTYPES = {int: "int32", float: "float32", bool: "bool", str: "string", bytes: "string", complex: "complex128"}

# tensor factories whose first argument is a shape (a range's is its length)
SHAPE_FACTORIES = frozenset(
    {
        "tensorflow.zeros", "tensorflow.ones", "tensorflow.fill", "tensorflow.random.uniform",
        "tensorflow.random.normal", "tensorflow.random.truncated_normal", "tensorflow.range",
        "numpy.zeros", "numpy.ones", "numpy.empty", "numpy.arange", "numpy.random.rand", "numpy.random.randn",
    }
)  # fmt: skip
RANGE_FACTORIES = frozenset({"tensorflow.range", "numpy.arange"})

# Types tf.function traces by their fields, not by identity: no retrace per instance.
STRUCTURAL_BASES = frozenset(
    {"tensorflow.experimental.ExtensionType", "tensorflow.experimental.BatchableExtensionType", "typing.NamedTuple"}
)

# type hints
TENSOR_HINTS = frozenset(
    {"tensorflow.Tensor", "tensorflow.Variable", "tensorflow.types.experimental.TensorLike", "tensorflow.RaggedTensor",
     "tensorflow.SparseTensor"}
)  # fmt: skip
SCALAR_HINTS = {"int": "int32", "float": "float32", "str": "string", "bool": "bool"}
CONTAINER_HINTS = frozenset({"list", "tuple", "dict", "set", "List", "Tuple", "Dict", "Set", "Sequence", "Mapping"})


# TF's internal modules (``from tensorflow.python.ops import math_ops``): the op modules return
# tensors like their public names; the rest (framework.ops name scopes, util.nest, eager.context,
# platform, training...) mostly Python values.
TENSOR_INTERNAL_MODULES = (
    "tensorflow.python.ops.",
    "tensorflow.python.framework.constant_op.",
    "tensorflow.python.framework.ops.convert_to_tensor",
)


def non_tensor_tf(qualified: str) -> bool:
    """A TF API that does not return a tensor."""
    if qualified.startswith("tensorflow.python."):
        return not qualified.startswith(TENSOR_INTERNAL_MODULES)
    return qualified in NON_TENSOR_TF_FUNCTIONS or qualified.startswith(NON_TENSOR_TF_MODULES)


def is_tf_class(qualified: str) -> bool:
    return qualified.rsplit(".", 1)[-1][:1].isupper()


def is_numpy(qualified: str | None) -> bool:
    return names.is_numpy(qualified)


# -- calls that write output or draw a Python value: they run once per trace (model/outputs.py) --
# logging / absl.logging functions (and logger methods) that write a message
LOG_FUNCTIONS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "fatal", "vlog", "log_first_n",
     "log_every_n", "log_every_n_seconds"}
)  # fmt: skip
# calls that return a logger object, whose methods are the logging functions
LOGGER_FACTORIES = frozenset({"logging.getLogger", "tensorflow.get_logger", "absl.logging.get_absl_logger"})
# keyword arguments of a log call that are options, not logged values
LOG_OPTIONS = frozenset({"exc_info", "stack_info", "stacklevel", "extra", "category"})
# Python calls whose value is frozen into the graph at trace time -> what to use instead
FROZEN_CALLS: dict[str, str] = {
    "random.random": "tf.random.uniform([])",
    "random.uniform": "tf.random.uniform([], minval, maxval)",
    "random.randint": "tf.random.uniform([], low, high + 1, dtype=tf.int32)",
    "random.randrange": "tf.random.uniform([], low, high, dtype=tf.int32)",
    "random.choice": "tf.random.shuffle(...)[0] or tf.gather with tf.random.uniform indices",
    "random.gauss": "tf.random.normal([], mean, stddev)",
    "random.normalvariate": "tf.random.normal([], mean, stddev)",
    "random.shuffle": "tf.random.shuffle(...)",
    "random.sample": "tf.random.shuffle(...)[:k]",
    "time.time": "tf.timestamp()",
    "time.time_ns": "tf.timestamp()",
    "time.perf_counter": "tf.timestamp()",
    "time.monotonic": "tf.timestamp()",
    "datetime.datetime.now": "tf.timestamp()",
    "datetime.datetime.utcnow": "tf.timestamp()",
    "datetime.datetime.today": "tf.timestamp()",
    "datetime.date.today": "tf.timestamp()",
    "uuid.uuid1": "a value passed in as an argument",
    "uuid.uuid4": "a value passed in as an argument",
    "os.urandom": "tf.random.uniform(...) / tf.random.Generator",
}
# numpy.random.<function> -> the TF op to use instead (any other numpy.random.* is frozen too)
NUMPY_RANDOM_REPLACEMENTS = {
    "rand": "tf.random.uniform(shape)",
    "random": "tf.random.uniform(shape)",
    "uniform": "tf.random.uniform(shape, minval, maxval)",
    "randn": "tf.random.normal(shape)",
    "normal": "tf.random.normal(shape, mean, stddev)",
    "randint": "tf.random.uniform(shape, low, high, dtype=tf.int32)",
    "shuffle": "tf.random.shuffle(...)",
    "permutation": "tf.random.shuffle(tf.range(n))",
    "choice": "tf.random.categorical / tf.random.shuffle",
}
# frozen calls whose replacement can be typed in when they take no arguments ({tf}: the module's alias)
ZERO_ARGUMENT_REPLACEMENTS = {"random.random": "{tf}.random.uniform([])", "time.time": "{tf}.timestamp()"}
