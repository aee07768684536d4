"""Graph code nobody decorated: what Keras and tf.data trace on their own.

- Keras ``Model.fit`` / ``evaluate`` / ``predict`` trace ``train_step`` / ``test_step`` /
  ``predict_step`` of a ``keras.Model`` subclass, unless the model runs eagerly.
- ``Layer.call`` / ``Model.call`` runs on symbolic tensors when a functional or Sequential model is
  built and inside ``fit``/``predict``; only a direct call on eager tensors runs it eagerly.
- tf.data traces, once, every function given to ``Dataset.map``, ``filter``, ``flat_map``,
  ``interleave``, ``reduce``, ``scan``, ``group_by_window``... and to the
  ``tf.data.experimental`` transformations.
- ``tf.vectorized_map`` traces its callback even when called eagerly.

Everything is resolved through imports (``names``), never by inferring into TensorFlow:

- a class is a Keras model/layer when one of its bases is spelled ``keras.Model``,
  ``tf.keras.layers.Layer``, ``tf_keras.Model``... or is a project class (this module, or imported
  from the same package) that is one;
- a ``.map(...)`` receiver is a dataset only when the code shows it: a ``tf.data`` constructor, a
  Keras ``*_dataset_from_*`` utility, ``tfds.load(..., split=...)``, a chain of Dataset methods
  on one of those, a name every binding of which is one, or a parameter annotated
  ``tf.data.Dataset``. Python's ``map``, thread pools, Spark RDDs and unknown receivers stay silent.
- a model is known to run eagerly when this module compiles it with ``run_eagerly=True`` (on
  ``self``, or on a name bound to a new instance of the class) or sets ``run_eagerly = True``.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model import names
from pylint_hybridize.model.hybrids import (
    FunctionLike,
    TracedContext,
    class_method,
    enclosing_class,
    is_self_reference,
    partial_target,
    resolve_function_reference,
)

KERAS_STEP_METHODS = {
    "train_step": "Keras Model.fit",
    "test_step": "Keras Model.evaluate",
    "predict_step": "Keras Model.predict",
}

# Dataset methods that trace the functions they are given.
DATASET_TRACING_METHODS = frozenset(
    {
        "map", "flat_map", "interleave", "filter", "reduce", "scan", "group_by_window",
        "bucket_by_sequence_length", "take_while", "rejection_resample", "snapshot", "save",
        "parallel_interleave", "map_with_legacy_function", "filter_with_legacy_function",
    }
)  # fmt: skip
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
    {
        "tensorflow.data.experimental.map_and_batch",
        "tensorflow.data.experimental.scan",
        "tensorflow.data.experimental.group_by_window",
        "tensorflow.data.experimental.bucket_by_sequence_length",
        "tensorflow.data.experimental.parallel_interleave",
        "tensorflow.data.experimental.take_while",
        "tensorflow.data.experimental.rejection_resample",
        "tensorflow.data.experimental.group_by_reducer",
    }
)
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
_MAX_DEPTH = 12


# -- Keras classes ---------------------------------------------------------------------------
def keras_kind(cls: nodes.ClassDef, _depth: int = 0, _seen: frozenset = frozenset()) -> str | None:
    """``model`` / ``layer`` when ``cls`` derives from a Keras Model / Layer; None otherwise or when unsure."""
    if _depth > _MAX_DEPTH or cls in _seen:
        return None
    found = None
    for base in cls.bases:
        kind = _base_kind(base, _depth, _seen | {cls})
        if kind == "model":
            return "model"
        found = found or kind
    return found


def _base_kind(base: nodes.NodeNG, depth: int, seen: frozenset) -> str | None:
    if isinstance(base, nodes.Call):  # six.with_metaclass(...)-style helpers: give up
        return None
    if isinstance(base, (nodes.Name, nodes.Attribute)):
        qualified = names.qualified_name(base)
        if qualified is not None and names.is_keras(qualified):
            last = qualified.rsplit(".", 1)[-1]
            if last in ("Model", "Sequential", "Functional"):
                return "model"
            if last == "Layer" or (qualified.startswith("keras.layers.") and last[:1].isupper()):
                return "layer"
            return None
        if qualified is not None and names.root_package(qualified) in names.EXTERNAL_ROOTS:
            return None
    base_class = project_class(base)
    if base_class is None:
        return None
    return keras_kind(base_class, depth + 1, seen)


def project_class(node: nodes.NodeNG) -> nodes.ClassDef | None:
    """The project class a base expression names: defined here, or imported from this package."""
    if isinstance(node, nodes.Name):
        assignment = names.only_assignment(node)
        if isinstance(assignment, nodes.ClassDef):
            return assignment
        if not isinstance(assignment, nodes.ImportFrom):
            return None
    found = names.project_definition(node, nodes.ClassDef)  # from .base import Base; base.Base
    return found if isinstance(found, nodes.ClassDef) else None


def _runs_eagerly(cls: nodes.ClassDef, eager: tuple[list[nodes.NodeNG], list[nodes.AssignAttr]]) -> bool:
    """This module compiles the model with ``run_eagerly=True`` or sets ``run_eagerly = True`` on it
    (``eager``: the module's such ``compile`` receivers and ``run_eagerly`` assignments, ``_eager_sites``)."""
    receivers, assignments = eager
    if any(_refers_to_instance(receiver, cls) for receiver in receivers):
        return True
    return any(_refers_to_instance(assign.expr, cls) for assign in assignments)


def _eager_sites(module: nodes.Module, calls: list[nodes.Call]) -> tuple[list[nodes.NodeNG], list[nodes.AssignAttr]]:
    """The receivers of ``x.compile(..., run_eagerly=True)`` and the ``x.run_eagerly = True``
    assignments of ``module``: found once per module, not once per class."""
    receivers = []
    for call in calls:
        func = call.func
        if not (isinstance(func, nodes.Attribute) and func.attrname == "compile"):
            continue
        if any(k.arg == "run_eagerly" and _is_true(k.value) for k in call.keywords or ()):
            receivers.append(func.expr)
    assignments = [
        assign for assign in module.nodes_of_class(nodes.AssignAttr)
        if assign.attrname == "run_eagerly" and isinstance(assign.parent, nodes.Assign) and _is_true(assign.parent.value)
    ]
    return receivers, assignments


def _refers_to_instance(expr: nodes.NodeNG, cls: nodes.ClassDef) -> bool:
    """``self``/``super()`` in a method of ``cls``, or a name bound to ``cls(...)``."""
    if isinstance(expr, nodes.Call) and isinstance(expr.func, nodes.Name) and expr.func.name == "super":
        return enclosing_class(expr) is cls
    if is_self_reference(expr):
        return enclosing_class(expr) is cls
    value = names.bound_value(expr)
    if isinstance(value, nodes.Call):
        return _derives_from(project_class(value.func), cls)
    return False


def _derives_from(candidate: nodes.ClassDef | None, cls: nodes.ClassDef, _depth: int = 0) -> bool:
    """``candidate`` is ``cls`` or a project subclass of it (an eager subclass instance runs cls's steps)."""
    if candidate is None or _depth > _MAX_DEPTH:
        return False
    if candidate is cls:
        return True
    return any(_derives_from(project_class(base), cls, _depth + 1) for base in candidate.bases)


def under_call_option(node: nodes.NodeNG) -> bool:
    """``node`` sits in a branch of ``Layer.call`` chosen by one of its Python options (a parameter with
    a default other than ``training``/``mask``): ``if return_preds: ... .numpy()`` is code for direct
    eager calls, which ``fit`` may never trace (python-doctr's detection models)."""
    child, parent = node, node.parent
    while parent is not None and not isinstance(parent, (nodes.FunctionDef, nodes.Lambda, nodes.ClassDef)):
        if isinstance(parent, (nodes.If, nodes.IfExp)) and child is not parent.test:
            function = parent.scope()
            if isinstance(function, nodes.FunctionDef) and function.name == "call":
                options = _option_parameters(function)
                if any(isinstance(n, nodes.Name) and n.name in options for n in parent.test.nodes_of_class(nodes.Name)):
                    return True
        child, parent = parent, parent.parent
    return False


def _option_parameters(function: nodes.FunctionDef) -> set[str]:
    arguments = function.args
    positional = [*(arguments.posonlyargs or []), *(arguments.args or [])]
    defaults = arguments.defaults or []
    with_default = positional[len(positional) - len(defaults):] if defaults else []
    keyword_only = list(arguments.kwonlyargs or [])
    return {a.name for a in [*with_default, *keyword_only]} - {"training", "mask"}


def _is_true(node: nodes.NodeNG) -> bool:
    return isinstance(node, nodes.Const) and node.value is True


def keras_contexts(module: nodes.Module, calls: list[nodes.Call]) -> list[TracedContext]:
    found: list[TracedContext] = []
    eager = None
    for cls in module.nodes_of_class(nodes.ClassDef):
        kind = keras_kind(cls)
        if kind is None:
            continue
        if eager is None:
            eager = _eager_sites(module, calls)
        if _runs_eagerly(cls, eager):
            continue
        if kind == "model":
            for method_name, tracer in KERAS_STEP_METHODS.items():
                method = class_method(cls, method_name)
                if method is not None and method.root() is module and (method.parent is cls or keras_kind(method.parent) is None):
                    found.append(TracedContext(method, cls, "keras", kind="keras-step", tracer=tracer))
        call = cls.locals.get("call", ())
        method = next((m for m in call if isinstance(m, nodes.FunctionDef) and m.parent is cls), None)
        if method is not None:
            found.append(TracedContext(method, cls, "keras", kind="keras-call", tracer="Keras"))
    return found


# -- tf.data -----------------------------------------------------------------------------------
_BUDGET = 400  # name lookups per question: branchy rebinding (``if a: ds = ds.x()`` ...) would blow up


class _Search:
    """One ``is_dataset`` question: a memo of bindings already judged, and a budget of lookups."""

    def __init__(self) -> None:
        self.memo: dict[nodes.NodeNG, bool | None] = {}
        self.left = _BUDGET


_SEARCH: list[_Search] = []


def is_dataset(expr: nodes.NodeNG | None) -> bool:
    """The code shows that ``expr`` is a tf.data.Dataset."""
    _SEARCH.append(_Search())
    try:
        return _dataset(expr, 0, frozenset()) is True
    finally:
        _SEARCH.pop()


def _dataset(expr: nodes.NodeNG | None, depth: int, seen: frozenset) -> bool | None:
    """True: a dataset; False: not shown to be one; None: a binding already being looked at."""
    if expr is None or depth > _MAX_DEPTH:
        return False
    if isinstance(expr, nodes.Call):
        func = expr.func
        if isinstance(func, (nodes.Name, nodes.Attribute)):
            qualified = names.qualified_name(func)
            if qualified is not None:
                return _dataset_factory(qualified, expr)
        if isinstance(func, nodes.Attribute) and func.attrname in DATASET_METHODS:
            return _dataset(func.expr, depth, seen)  # a chain is bounded by the source: only name hops count
        return False
    if isinstance(expr, nodes.Name):
        return _name_dataset(expr, depth, seen)
    if isinstance(expr, nodes.Attribute) and is_self_reference(expr.expr):
        cls = enclosing_class(expr)
        if cls is None:
            return False
        return _bindings_dataset(list(cls.instance_attrs.get(expr.attrname, ())), depth, seen)
    return False


def _dataset_factory(qualified: str, call: nodes.Call) -> bool:
    if qualified.startswith("tensorflow.data.Dataset."):
        return qualified.count(".") == 3  # tf.data.Dataset.from_tensor_slices(...), .range, .zip, ...
    if qualified.startswith("tensorflow.data.") and qualified.endswith("Dataset"):
        return qualified != "tensorflow.data.Dataset"  # TFRecordDataset, TextLineDataset, CsvDataset...
    if qualified in DATASET_FACTORIES:
        return True
    if qualified == "tensorflow_datasets.load":
        keywords = {k.arg: k.value for k in call.keywords or ()}
        split = keywords.get("split")
        with_info = keywords.get("with_info")
        # split=<a string> returns one Dataset (a list of splits returns a list)
        return (
            isinstance(split, nodes.Const)
            and isinstance(split.value, str)
            and (with_info is None or (isinstance(with_info, nodes.Const) and not with_info.value))
        )
    return False


def _name_dataset(name: nodes.Name, depth: int, seen: frozenset) -> bool | None:
    found = names.lookup(name, builtins=True)
    if found is None:
        return False
    _scope, assignments = found
    return _bindings_dataset(list(assignments), depth, seen)


def _bindings_dataset(assignments: list, depth: int, seen: frozenset) -> bool | None:
    """Every binding (AssignName, or AssignAttr of ``self.x``) holds a dataset; None: only cycles."""
    search = _SEARCH[-1] if _SEARCH else _Search()
    search.left -= 1
    if search.left < 0 or not assignments:
        return False
    results: list[bool | None] = []
    for assignment in assignments:
        if assignment in seen:
            results.append(None)
            continue
        if assignment in search.memo:
            results.append(search.memo[assignment])
            continue
        if not isinstance(assignment, (nodes.AssignName, nodes.AssignAttr)):
            return False
        parent = assignment.parent
        if isinstance(parent, nodes.Arguments):
            result: bool | None = _annotated_dataset(assignment, parent)
        else:
            value = _assigned_value(assignment)
            result = False if value is None else _dataset(value, depth + 1, seen | {assignment})
        if result is not None:
            search.memo[assignment] = result
        results.append(result)
        if result is False:
            return False
    return True if any(r is True for r in results) else None


def _annotated_dataset(assignment: nodes.AssignName, arguments: nodes.Arguments) -> bool:
    try:
        index = arguments.args.index(assignment) if arguments.args else -1
    except ValueError:
        index = -1
    annotations = arguments.annotations or []
    annotation = annotations[index] if 0 <= index < len(annotations) else None
    if not isinstance(annotation, (nodes.Name, nodes.Attribute)):
        return False
    return names.qualified_name(annotation) == "tensorflow.data.Dataset"


def _assigned_value(assignment: nodes.NodeNG) -> nodes.NodeNG | None:
    parent = assignment.parent
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and parent.targets[0] is assignment:
        return parent.value
    if isinstance(parent, nodes.AnnAssign) and parent.target is assignment:
        return parent.value
    return None


def function_arguments(call: nodes.Call) -> list[FunctionLike]:
    """The project functions passed to ``call``: lambdas, defs, bound methods, functools.partial."""
    found: list[FunctionLike] = []
    for argument in [*call.args, *(k.value for k in call.keywords or ())]:
        function = function_reference(argument)
        if function is not None:
            found.append(function)
    return found


def function_reference(node: nodes.NodeNG, _depth: int = 0) -> FunctionLike | None:
    """What a function-valued argument refers to: ``f``, ``self.f``, ``obj.f``, ``mod.f``, a lambda,
    ``functools.partial(f, ...)``."""
    from pylint_hybridize.model.traced import resolve_callee

    if _depth > 3:
        return None
    if isinstance(node, nodes.Lambda):
        return node
    if isinstance(node, nodes.Call):
        target = partial_target(node)
        return None if target is None else function_reference(target, _depth + 1)
    if isinstance(node, (nodes.Name, nodes.Attribute)):
        return resolve_callee(node) or resolve_function_reference(node)
    return None


# ``x.y.<attr>(...)`` can only name one of those when ``<attr>`` is its last part (``names.canonical``
# keeps the last part of a dotted name): other attribute calls need no name resolution here
_TRACING_LAST_PARTS = frozenset(q.rsplit(".", 1)[-1] for q in [*DATA_EXPERIMENTAL_TRACING, "tensorflow.vectorized_map"])


def dataset_contexts(calls: list[nodes.Call]) -> list[TracedContext]:
    found: list[TracedContext] = []
    for call in calls:
        func = call.func
        tracer = None
        method = func.attrname if isinstance(func, nodes.Attribute) else None
        # scan / take_while are both Dataset methods and tf.data.experimental functions: the name decides
        if isinstance(func, nodes.Name) or method in _TRACING_LAST_PARTS or method in DATASET_TRACING_METHODS:
            qualified = names.qualified_name(func)
            if qualified in DATA_EXPERIMENTAL_TRACING:
                tracer = f"tf.data.experimental.{qualified.rsplit('.', 1)[-1]}"
            elif qualified == "tensorflow.vectorized_map":
                tracer = "tf.vectorized_map"
            elif qualified is None and method in DATASET_TRACING_METHODS and is_dataset(func.expr):
                tracer = f"Dataset.{method}"
        if tracer is None:
            continue
        kind = "vectorized-map" if tracer == "tf.vectorized_map" else "dataset"
        for function in function_arguments(call):
            found.append(TracedContext(function, call, "call", kind=kind, tracer=tracer))
    return found


def find_contexts(module: nodes.Module, calls: list[nodes.Call]) -> list[TracedContext]:
    """Every function of ``module`` (or reached from it) that Keras or tf.data traces."""
    return [*keras_contexts(module, calls), *dataset_contexts(calls)]


# -- static values ------------------------------------------------------------------------------
_STATIC_ATTRIBUTES = frozenset({"shape", "dtype", "name", "ndim", "rank", "__name__", "__class__"})
_STATIC_METHODS = frozenset({"as_list", "get_shape", "numel"})


def is_static_value(expr: nodes.NodeNG | None, _depth: int = 0) -> bool:
    """A value Python knows at trace time: a literal, a tensor's ``.shape``/``.dtype``/``.name``, or
    something built from those (``f"{x.shape}"``, ``x.shape[-1]``, ``str(x.dtype)``, ``type(x)``)."""
    if expr is None or _depth > 6:
        return False
    if isinstance(expr, nodes.Const):
        return True
    if isinstance(expr, nodes.Name):
        from pylint_hybridize.model.values import Kind, value_kind  # pylint: disable=import-outside-toplevel

        return value_kind(expr) in (Kind.SCALAR, Kind.BOOL, Kind.NONE)
    if isinstance(expr, nodes.JoinedStr):
        return all(is_static_value(v, _depth + 1) for v in expr.values)
    if isinstance(expr, nodes.FormattedValue):
        return is_static_value(expr.value, _depth + 1)
    if isinstance(expr, nodes.Attribute):
        return expr.attrname in _STATIC_ATTRIBUTES
    if isinstance(expr, nodes.Subscript):
        return is_static_value(expr.value, _depth + 1)
    if isinstance(expr, nodes.BinOp):
        return is_static_value(expr.left, _depth + 1) and is_static_value(expr.right, _depth + 1)
    if isinstance(expr, (nodes.Tuple, nodes.List)):
        return all(is_static_value(e, _depth + 1) for e in expr.elts)
    if isinstance(expr, nodes.Call):
        func = expr.func
        if isinstance(func, nodes.Attribute) and func.attrname in _STATIC_METHODS:
            return is_static_value(func.expr, _depth + 1) or func.attrname == "get_shape"
        if isinstance(func, nodes.Attribute) and func.attrname == "format":
            return is_static_value(func.expr, _depth + 1) and all(
                is_static_value(a, _depth + 1) for a in [*expr.args, *(k.value for k in expr.keywords or ())]
            )
        builtin = names.builtin_name(func)
        if builtin == "type":
            return True
        if builtin in ("str", "repr", "len", "tuple", "list"):
            return all(is_static_value(a, _depth + 1) for a in expr.args)
    return False


def is_keras_call_input(assignment: nodes.AssignName, arguments: nodes.Arguments) -> bool:
    """``inputs`` in ``def call(self, inputs, ...)`` of a Keras layer/model: the tensor Keras passes in."""
    function = arguments.parent
    if not isinstance(function, nodes.FunctionDef) or function.name != "call":
        return False
    cls = function.parent
    positional = [*(arguments.posonlyargs or []), *(arguments.args or [])]
    if not isinstance(cls, nodes.ClassDef) or len(positional) < 2 or positional[1] is not assignment:
        return False
    return keras_kind(cls) is not None


def shows_tensor_value(expr: nodes.NodeNG | None) -> bool:
    """Some part of ``expr`` is shown to be a tensor, outside ``.shape``/``.dtype``/``.name`` reads:
    ``print(x)``, ``f"{x}"``, ``"%s" % x`` with ``x`` a tensor; not ``print(x.shape)``."""
    from pylint_hybridize.model.values import value_kind  # pylint: disable=import-outside-toplevel

    if expr is None:
        return False
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Attribute) and node.attrname in _STATIC_ATTRIBUTES:
            continue
        if isinstance(node, (nodes.Name, nodes.Call, nodes.Subscript, nodes.BinOp)) and value_kind(node).is_tensor_like:
            return True
        if isinstance(node, (nodes.Lambda, nodes.FunctionDef)):
            continue
        stack.extend(node.get_children())
    return False
