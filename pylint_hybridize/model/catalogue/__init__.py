"""The catalogue: what the TensorFlow, Keras, NumPy and Python APIs do, as tables (the model's
lowest layer: it imports nothing of the model, and reads no code).

Nothing here resolves names: callers pass canonical qualified names
(``syntax.names.qualified_name``), e.g. ``tensorflow.reduce_sum``, ``numpy.mean``.

- this module: the tables the value-kind model and the checkers read (what an API returns, which
  classes create variables, NumPy -> TF, assert ops, errors, tf.function options, output and
  frozen calls);
- ``spellings``: the many spellings of one API (``tf.keras.X`` is ``keras.X``), the libraries
  never followed, the imports that make a module worth analysing;
- ``tracing``: what makes Python run as a graph (tf.function and its parameters, graph control
  flow, Keras and tf.data tracers, ``tf.init_scope``, eager checks) and what a graph cannot hold.

A new API fact goes here, never in a checker; a generated table (measured from the installed
libraries) goes in a module of its own beside these, named for what it lists.
"""

from __future__ import annotations

CHECKED_ON = {"tensorflow": "2.21", "keras": "3.15.1", "tf_keras": "2.21"}
"""The versions the tables of this package are written against: the test suite's pins, under which
the docs examples (``docs/messages/*/bad.py``, ``good.py``) assert each rule's symptom. A fact that
holds only on some version says so beside it."""

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
        # load a shared object in Python and return its module (or None): an error is raised, and
        # caught, where they are called, also while tracing
        "tensorflow.load_op_library",
        "tensorflow.load_library",
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
"""Classes whose instances are variables; constructing one creates a tf.Variable."""

# Keras modules whose capitalised members are variable-creating classes
KERAS_VARIABLE_MODULES = ("keras.layers.", "keras.optimizers.", "keras.metrics.")
KERAS_MODELS = frozenset({"keras.Model", "keras.Sequential", "keras.models.Model", "keras.models.Sequential"})
# Parameters through which a Keras class wraps other layers (RNN's cell, Bidirectional's and
# TimeDistributed's layer, StackedRNNCells' cells): the variables such a class creates are its
# layers'. The measured catalogue records them for the layer it was probed with (its
# ``constructed_as``: ``RNN(cell=SimpleRNNCell(...))``); an RNN of a weightless cell creates none
# (TF 2.21, Keras 3: keras.layers.RNN(cell) of a project cell without weights, traced twice, no error).
WRAPPED_LAYER_PARAMETERS = frozenset({"cell", "cells", "layer", "layers", "backward_layer"})
# Keras layers that own no variables: built in traced code they do not make TF raise (checked
# under TF 2.21 / Keras 3 over three traces). Not Dropout or the random augmentation layers:
# Keras 3 gives them a SeedGenerator, whose state is a variable.
WEIGHTLESS_KERAS_LAYERS = frozenset(
    {"Lambda", "Reshape", "Activation", "Flatten", "Permute", "RepeatVector",
     "ReLU", "LeakyReLU", "Softmax", "ELU",
     "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"}
    | {f"{kind}{dims}D" for kind in ("MaxPooling", "AveragePooling", "MaxPool", "AvgPool",
                                      "GlobalMaxPooling", "GlobalAveragePooling", "GlobalMaxPool",
                                      "GlobalAvgPool", "UpSampling", "ZeroPadding", "Cropping")
       for dims in (1, 2, 3)}
)  # fmt: skip
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


# -- NumPy -> TensorFlow: numpy.<name> -> the TF op doing the same (tensorflow.<name>) ------------
NUMPY_TO_TF = {
    "mean": "reduce_mean",
    "average": "reduce_mean",
    "sum": "reduce_sum",
    "max": "reduce_max",
    "amax": "reduce_max",
    "min": "reduce_min",
    "amin": "reduce_min",
    "prod": "reduce_prod",
    "std": "math.reduce_std",
    "var": "math.reduce_variance",
    "any": "reduce_any",
    "all": "reduce_all",
    "logsumexp": "reduce_logsumexp",
    "argmax": "argmax",
    "argmin": "argmin",
    "argsort": "argsort",
    "sort": "sort",
    "cumsum": "cumsum",
    "cumprod": "math.cumprod",
    "abs": "abs",
    "absolute": "abs",
    "sqrt": "sqrt",
    "square": "square",
    "exp": "exp",
    "log": "math.log",
    "log1p": "math.log1p",
    "sin": "sin",
    "cos": "cos",
    "tanh": "tanh",
    "sign": "sign",
    "floor": "floor",
    "ceil": "math.ceil",
    "round": "round",
    "maximum": "maximum",
    "minimum": "minimum",
    "clip": "clip_by_value",
    "where": "where",
    "isnan": "math.is_nan",
    "isinf": "math.is_inf",
    "isfinite": "math.is_finite",
    "logical_and": "logical_and",
    "logical_or": "logical_or",
    "logical_not": "logical_not",
    "equal": "equal",
    "concatenate": "concat",
    "stack": "stack",
    "reshape": "reshape",
    "transpose": "transpose",
    "squeeze": "squeeze",
    "expand_dims": "expand_dims",
    "tile": "tile",
    "matmul": "linalg.matmul",
    "einsum": "einsum",
    "zeros_like": "zeros_like",
    "ones_like": "ones_like",
    "shape": "shape",
    "size": "size",
    "linalg.norm": "norm",
    "unique": "unique",
    "array": "identity",
    "asarray": "identity",
}
# NumPy modules numpy-on-tensor leaves alone (random draws, test assertions)
NUMPY_WITHOUT_TENSOR_INPUT = ("numpy.random.", "numpy.testing.")
# Keyword arguments with the same meaning in both APIs (the automatic edit keeps only these).
NUMPY_SAME_KEYWORDS = frozenset({"axis", "keepdims"})
# Same signature as NumPy's for positional arguments and the keywords above.
NUMPY_NAME_SWAP_SAFE = frozenset(
    {
        "mean", "sum", "max", "amax", "min", "amin", "prod", "std", "var", "any", "all", "argmax", "argmin",
        "cumsum", "abs", "absolute", "sqrt", "square", "exp", "log", "log1p", "sin", "cos", "tanh", "sign",
        "floor", "ceil", "maximum", "minimum", "clip", "isnan", "isinf", "isfinite", "logical_and",
        "logical_or", "logical_not", "equal", "concatenate", "stack", "reshape", "transpose", "squeeze",
        "expand_dims", "tile", "matmul", "einsum", "zeros_like", "ones_like",
    }
)  # fmt: skip

# -- assert x <op> y -> tf.debugging.assert_* (the op checking the comparison when the graph runs) --
ASSERT_AGAINST_ZERO = {
    ">": "assert_positive", ">=": "assert_non_negative", "<": "assert_negative", "<=": "assert_non_positive"
}  # fmt: skip
ASSERT_BINARY = {
    ">": "assert_greater",
    ">=": "assert_greater_equal",
    "<": "assert_less",
    "<=": "assert_less_equal",
    "==": "assert_equal",
    "!=": "assert_none_equal",
}

# -- tf.function options (its parameters and what traces: ``tracing``) --------------------------
# deprecated tf.function argument -> its replacement (None: remove it)
DEPRECATED_TF_FUNCTION_ARGUMENTS: dict[str, str | None] = {
    "experimental_relax_shapes": "reduce_retracing",
    "experimental_compile": "jit_compile",
    "experimental_follow_type_hints": None,
}
# switches that make every tf.function run eagerly (debugging)
EAGER_SWITCHES = frozenset(
    {"tensorflow.config.run_functions_eagerly", "tensorflow.config.experimental_run_functions_eagerly"}
)
# tf.function options that change the function itself, also when a traced caller calls it
OPTIONS_THAT_MATTER_INLINE = frozenset(
    {"jit_compile", "experimental_compile", "autograph", "experimental_autograph_options", "experimental_implements",
     "experimental_attributes", "func"}
)
# context managers under which a traced call of a nested tf.function and its inlined body run the
# same: a gradient tape records both, a name scope only prefixes op names. Any other ``with`` around
# the call (tf.device, a distribution strategy's scope, an XLA/jit scope, a custom one) may be why
# the inner function is a tf.function of its own: redundant-tf-function stays silent there.
SCOPES_NEUTRAL_TO_INLINING = frozenset({"tensorflow.GradientTape", "tensorflow.name_scope"})

# -- errors -------------------------------------------------------------------------------------
# Builtin exception types whose errors come from running ops (not from tracing), and TF's own.
RUNTIME_ERROR_BUILTINS = frozenset({"ZeroDivisionError", "FloatingPointError"})
TF_ERRORS = "tensorflow.errors."


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


# -- calls that write output or draw a Python value: they run once per trace (model/outputs.py) --
# logging / absl.logging functions (and logger methods) that write a message
# Calls that write a file (besides ``open(path, "w")``): in traced code they write once per trace.
FILE_WRITERS = frozenset(
    {"json.dump", "pickle.dump", "marshal.dump", "numpy.save", "numpy.savez", "numpy.savez_compressed", "numpy.savetxt"}
)  # fmt: skip
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


def keras_variable_class(qualified: str) -> str | None:
    """``qualified`` itself when it names a Keras class that creates variables (a layer with weights, an
    optimizer, a metric, a model); None otherwise."""
    if qualified in KERAS_MODELS:
        return qualified
    for prefix in KERAS_VARIABLE_MODULES:
        rest = qualified[len(prefix) :] if qualified.startswith(prefix) else ""
        if rest and "." not in rest and rest[:1].isupper():
            return None if prefix == "keras.layers." and rest in WEIGHTLESS_KERAS_LAYERS else qualified
    return None


def keras_object_kind(qualified: str) -> str | None:
    """``'optimizer'`` / ``'model'`` when ``qualified`` names a Keras optimizer / model class."""
    if qualified.startswith("keras.optimizers.") and is_tf_class(qualified):
        return "optimizer"
    if qualified in KERAS_MODELS:
        return "model"
    return None
