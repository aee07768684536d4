"""Graph code nobody decorated: what Keras and tf.data trace on their own.

- Keras ``Model.fit`` / ``evaluate`` / ``predict`` trace ``train_step`` / ``test_step`` /
  ``predict_step`` of a ``keras.Model`` subclass, unless the model runs eagerly.
- ``Layer.call`` / ``Model.call`` runs on symbolic tensors when a functional or Sequential model is
  built and inside ``fit``/``predict``; only a direct call on eager tensors runs it eagerly.
- tf.data traces, once, every function given to ``Dataset.map``, ``filter``, ``flat_map``,
  ``interleave``, ``reduce``, ``scan``, ``group_by_window``... and to the
  ``tf.data.experimental`` transformations.
- ``tf.vectorized_map`` traces its callback even when called eagerly.

Everything is resolved through imports (``syntax.names``), never by inferring into TensorFlow:

- a class is a Keras model/layer when one of its bases is spelled ``keras.Model``,
  ``tf.keras.layers.Layer``, ``tf_keras.Model``... or is a project class (this module, or imported
  from the same package) that is one (``hybrids.keras.keras_kind``);
- a ``.map(...)`` receiver is a dataset only when the code shows it: a ``tf.data`` constructor, a
  Keras ``*_dataset_from_*`` utility, ``tfds.load(..., split=...)``, a chain of Dataset methods
  on one of those, a name every binding of which is one, or a parameter annotated
  ``tf.data.Dataset``. Python's ``map``, thread pools, Spark RDDs and unknown receivers stay silent.
- a model is known to run eagerly when this module compiles it with ``run_eagerly=True`` (on
  ``self``, or on a name bound to a new instance of the class) or sets ``run_eagerly = True``.

The tables (step methods, Dataset factories) are in ``catalogue.tracing``; which Dataset methods
and tf.data transformations trace which of their arguments is read from the measured catalogue
``catalogue.entry_points`` (``entry_point_callables``), as the graph control flow of ``traced`` is. What a context's autograph setting is (Keras 3 does not convert what it
traces; tf.data does) belongs to ``TracedContext``.
"""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.catalogue.entry_points import ALWAYS, LIBRARY_OPTION_CLASSES, NEVER, entry_point, library_hooks
from pylint_hybridize.model.catalogue.tracing import (
    DATA_EXPERIMENTAL_TRACING,
    DATASET,
    DATASET_FACTORIES,
    DATASET_METHODS,
    DATASET_TRACING_METHODS,
    KERAS_STEP_METHODS,
)
from pylint_hybridize.model.hybrids.functions import HybridFunction
from pylint_hybridize.model.hybrids.keras import keras_kind
from pylint_hybridize.model.project.index import module_index
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import keyword_value
from pylint_hybridize.model.syntax.references import (
    class_method,
    enclosing_class,
    function_reference,
    is_self_reference,
    library_base,
    project_class,
)
from pylint_hybridize.model.syntax.walk import FunctionLike

_MAX_DEPTH = 12


@dataclass(eq=False)
class TracedContext(HybridFunction):
    """A function that TensorFlow traces although no ``tf.function`` is written on it.

    Keras traces ``train_step``/``test_step``/``predict_step`` under ``fit``/``evaluate``/``predict``
    and runs ``Layer.call`` on symbolic tensors; tf.data traces the functions given to
    ``Dataset.map`` and its siblings; ``tf.vectorized_map`` always traces its callback. For the
    checkers it behaves like a hybrid with tf.function's defaults (autograph on, no
    input_signature); it is never in ``TraceModel.hybrids`` (it has no call sites of its own).
    """

    kind: str = ""
    """``keras-step``, ``keras-call``, ``library-step`` (Orbit's ``train_step``), ``dataset`` or ``vectorized-map``."""
    tracer: str = ""
    """What traces it, as shown to the user: ``Keras Model.fit``, ``Dataset.map``."""

    @property
    def is_keras(self) -> bool:
        return self.kind in ("keras-step", "keras-call")

    def phrase(self) -> str:
        """Completes ``'<name>' ...`` in a message."""
        if self.kind == "keras-call":
            return (
                "is traced by Keras (under fit/evaluate/predict and when the model is built; only a direct "
                "call on eager tensors runs it eagerly)"
            )
        return f"is traced by {self.tracer}"


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
        if _is_true(keyword_value(call, "run_eagerly")):
            receivers.append(func.expr)
    assignments = [
        assign for assign in module_index(module).of_class(nodes.AssignAttr)
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
    for cls in module_index(module).of_class(nodes.ClassDef):
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


# -- library loops: Orbit's StandardTrainer / StandardEvaluator ---------------------------------------
def library_contexts(module: nodes.Module) -> list[TracedContext]:
    """The hook methods of project subclasses of the catalogue's library bases that the library traces
    itself (``when == always``: Orbit's ``train_step`` / ``eval_step``), when the subclass visibly keeps
    the option that turns the tracing on (``_keeps_option``) and does not replace the library's loop."""
    found: list[TracedContext] = []
    for cls in module_index(module).of_class(nodes.ClassDef):
        if not cls.bases:
            continue
        base = library_base(cls)
        if base is None:
            continue
        qualified, naming = base
        for hook, row in library_hooks(qualified).items():
            method = class_method(cls, hook)
            if row["when"] != ALWAYS or method is None or method.root() is not module:
                continue
            if any(class_method(cls, name) is not None for name in row["overrides"]):
                continue
            if row["option"] is not None and not _keeps_option(naming, row["option"]):
                continue
            library, _, public = qualified.rpartition(".")
            tracer = f"{library.split('.')[0].capitalize()} {public}.{row['run_by']}"
            found.append(TracedContext(method, cls, "library", kind="library-step", tracer=tracer))
    return found


def _keeps_option(cls: nodes.ClassDef, option: tuple) -> bool:
    """``cls.__init__`` calls the library base's ``__init__`` (``super().__init__(...)``) without the options
    argument, with None, or with an options object whose ``field`` is left at its default or given it as a
    literal. Anything else (a parameter, a config value) is unknown: False."""
    keyword, position, field, default = option
    init = cls.locals.get("__init__", ())
    init = next((f for f in init if isinstance(f, nodes.FunctionDef)), None)
    if init is None:
        return False
    calls = [
        c for c in init.nodes_of_class(nodes.Call)
        if isinstance(c.func, nodes.Attribute) and c.func.attrname == "__init__"
        and isinstance(c.func.expr, nodes.Call) and isinstance(c.func.expr.func, nodes.Name) and c.func.expr.func.name == "super"
    ]  # fmt: skip
    if len(calls) != 1 or any(isinstance(a, nodes.Starred) for a in calls[0].args):
        return False
    call = calls[0]
    if any(k.arg is None for k in call.keywords or ()):
        return False  # **kwargs may carry the options
    value = keyword_value(call, keyword)
    if value is None and position < len(call.args):
        value = call.args[position]
    if value is None or (isinstance(value, nodes.Const) and value.value is None):
        return True
    if not (isinstance(value, nodes.Call) and isinstance(value.func, (nodes.Name, nodes.Attribute))):
        return False
    if names.qualified_name(value.func) not in LIBRARY_OPTION_CLASSES or value.args:
        return False
    given = {k.arg: k.value for k in value.keywords or ()}
    if None in given:
        return False
    if field not in given:
        return True
    return isinstance(given[field], nodes.Const) and given[field].value is default


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
        entry = f"{DATASET}.{method}" if tracer.startswith("Dataset.") else qualified
        for function in entry_point_callables(call, entry):
            found.append(TracedContext(function, call, "call", kind=kind, tracer=tracer))
    return found


def entry_point_callables(call: nodes.Call, qualified: str | None) -> list[FunctionLike]:
    """The project functions ``call`` hands to the entry point ``qualified`` of the measured catalogue
    (``catalogue.entry_points``) as the callable arguments it runs traced (by keyword, or by position
    with a method's receiver not counted; through ``tf.case``'s pairs and ``tf.switch_case``'s
    branches); never an eager island's (``tf.py_function``)."""
    row = entry_point(qualified)
    if row is None:
        return []
    keywords = {k.arg: k.value for k in call.keywords or () if k.arg}
    starred = next((i for i, a in enumerate(call.args) if isinstance(a, nodes.Starred)), len(call.args))
    found: list[FunctionLike] = []
    for keyword, position, form, when, _autograph in row["arguments"]:
        if when == NEVER:
            continue
        argument = keywords.get(keyword)
        if argument is None and position is not None and position < starred:
            argument = call.args[position]
        if argument is None:
            continue
        for candidate in _callables_in(argument, form):
            function = function_reference(candidate)  # also self.f, obj.f, functools.partial(f, ...)
            if function is not None and function not in found:
                found.append(function)
    return found


def _callables_in(argument: nodes.NodeNG, form: str) -> list[nodes.NodeNG]:
    """``form`` (the catalogue's): ``callable``/``hooks`` one; ``pairs`` the callables of ``[(pred, fn), ...]``
    or ``{pred: fn}``; ``callables`` those of a list, tuple or dict of branches."""
    if form in ("pairs", "callables"):
        if isinstance(argument, nodes.Dict):
            return [value for _key, value in argument.items]
        if isinstance(argument, (nodes.List, nodes.Tuple)):
            if form == "callables":
                return list(argument.elts)
            return [pair.elts[1] for pair in argument.elts if isinstance(pair, (nodes.List, nodes.Tuple)) and len(pair.elts) == 2]
        return []
    return [argument]


# Dataset methods whose result is the whole effect: a statement that drops it does nothing (``apply``
# runs the user's function, which may do more than build a dataset).
_DISCARDABLE = DATASET_METHODS - {"apply"}


def discarded_dataset_call(statement: nodes.Expr) -> tuple[nodes.Call, nodes.NodeNG] | None:
    """``ds.map(f)`` as a statement of its own, ``ds`` shown to be a Dataset (``is_dataset``): the call,
    which returns a new dataset that the statement drops, and the name or ``self.x`` the chain starts
    from when it is one (the fix assigns the result back to it; None otherwise)."""
    call = statement.value
    if not (isinstance(call, nodes.Call) and isinstance(call.func, nodes.Attribute) and call.func.attrname in _DISCARDABLE):
        return None
    if not is_dataset(call.func.expr):
        return None
    start = call.func.expr
    while isinstance(start, nodes.Call) and isinstance(start.func, nodes.Attribute) and start.func.attrname in DATASET_METHODS:
        start = start.func.expr
    plain = isinstance(start, nodes.Name) or (isinstance(start, nodes.Attribute) and is_self_reference(start.expr))
    return call, start if plain else None


def find_contexts(module: nodes.Module, calls: list[nodes.Call]) -> list[TracedContext]:
    """Every function of ``module`` (or reached from it) that Keras or tf.data traces."""
    return [*keras_contexts(module, calls), *library_contexts(module), *dataset_contexts(calls)]
