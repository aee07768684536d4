"""What a call site passes: values that would give a tf.function a new trace, or that a TensorSpec
rejects, and parameters whose default switches something on.

These read one call (or one argument) and its loop, never the callee's body.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.hybrids.functions import HybridFunction
from pylint_hybridize.model.project.store import module_facts
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import resolve_local_class
from pylint_hybridize.model.syntax.walk import FUNCTION_TYPES, enclosing_loop
from pylint_hybridize.model.values.answers import Kind
from pylint_hybridize.model.values.kinds import value_kind
from pylint_hybridize.model.values.model import ValueModel

PYTHON_VALUE_TYPES = frozenset({"int", "float", "bool", "str"})
_UNBOUNDED_PYTHON_TYPES = PYTHON_VALUE_TYPES - {"bool"}  # a bool has two values: two traces at most
_COLLECTION_BUILTINS = frozenset({"sorted", "zip", "enumerate", "range", "reversed", "list", "tuple"})
_COMPREHENSIONS = (nodes.ListComp, nodes.SetComp, nodes.DictComp, nodes.GeneratorExp)


def call_arguments(call: nodes.Call) -> list[nodes.NodeNG]:
    """Positional and keyword argument values of ``call``, in order."""
    return [*call.args, *(k.value for k in call.keywords or ())]


def keyed_arguments(call: nodes.Call, starred: bool = False) -> list[tuple[int | str, nodes.NodeNG]]:
    """``(position or keyword, value)`` for each argument of ``call`` that binds one parameter:
    positional ones by their index, keywords by name (``**kwargs`` left out). ``*args`` is left out
    too unless ``starred`` (the positions of the others do not change)."""
    keyed: list[tuple[int | str, nodes.NodeNG]] = [
        (index, argument)
        for index, argument in enumerate(call.args)
        if starred or not isinstance(argument, nodes.Starred)
    ]
    keyed += [(keyword.arg, keyword.value) for keyword in call.keywords or () if keyword.arg is not None]
    return keyed


def scalar_literals(calls: list[nodes.Call], model: ValueModel) -> dict[int | str, dict[object, nodes.Const]]:
    """The distinct Python scalar literals (``f(x, 3)``, ``f(x, mode="a")``) passed for each parameter
    (position or keyword, see ``keyed_arguments``) across ``calls``: value -> the first literal passing
    it, in call order. Each distinct value is one trace of a tf.function."""
    literals: dict[int | str, dict[object, nodes.Const]] = {}
    for call in calls:
        for key, argument in keyed_arguments(call):
            if isinstance(argument, nodes.Const) and model.kind(argument).kind is Kind.SCALAR:
                literals.setdefault(key, {}).setdefault(argument.value, argument)
    return literals


def hybrid_scalar_literals(hybrid: HybridFunction, model: ValueModel) -> dict[int | str, dict[object, nodes.Const]]:
    """``scalar_literals`` of every visible call of ``hybrid`` (``hybrid_calls``) made outside a
    tf.function's body (``runs_only_while_traced``), kept with the facts of
    the hybrid's own module: every module that calls it asks, and the answer is the package's (a
    literal's kind is its own, whichever model asks)."""
    table = module_facts(hybrid.function.root(), model.settings).kept("scalar-literals", dict)
    found = table.get(hybrid)
    if found is None:
        # calls made while another tf.function is traced add traces once per trace of it, not per call
        calls = [call for call in model.hybrid_calls(hybrid) if not model.runs_only_while_traced(call)]
        found = table[hybrid] = scalar_literals(calls, model)
    return found


def retracing_argument(argument: nodes.NodeNG) -> bool:
    """A value that would give a new trace on (almost) every call: a Python number that varies, a new
    Python object, a list of varying numbers, or a shape computed from a varying Python number."""
    if isinstance(argument, nodes.Starred):
        argument = argument.value
    if isinstance(argument, nodes.Const):
        return False
    kind = value_kind(argument)
    if kind is Kind.SCALAR:
        return True
    if kind is Kind.OBJECT and isinstance(argument, nodes.Call):
        return True  # a new instance per call
    names_in = [argument] if isinstance(argument, nodes.Name) else list(argument.nodes_of_class(nodes.Name))
    return any(varying_python_number(name) for name in names_in)


def varying_python_number(name: nodes.Name) -> bool:
    """A Python number that is not a constant: a loop counter, or computed from one."""
    if value_kind(name) is not Kind.SCALAR:
        return False
    binding = names.sole_binding(name)
    if binding is None:
        return True  # several bindings of a Python number: it changes
    statement = binding.parent
    return not (isinstance(statement, nodes.Assign) and isinstance(statement.value, nodes.Const))


def new_object_per_iteration(argument: nodes.NodeNG, call: nodes.Call) -> bool:
    """A name bound, in the loop around ``call``, to a new Python object or tf.Variable
    (``image_var = [tf.Variable(image)]``): a new object per call, a new trace (or, for variables an
    optimizer updates, slots created on a later trace)."""
    loop = enclosing_loop(call)
    binding = names.sole_binding(argument)
    statement = binding.parent if binding is not None else None
    if loop is None or not isinstance(statement, nodes.Assign) or enclosing_loop(statement) is not loop:
        return False
    value = statement.value
    if isinstance(value, (nodes.List, nodes.Tuple)):
        return any(value_kind(e) in (Kind.OBJECT, Kind.VARIABLE) and isinstance(e, nodes.Call) for e in value.elts)
    return isinstance(value, nodes.Call) and value_kind(value) in (Kind.OBJECT, Kind.VARIABLE)


def takes_python_values(function: nodes.FunctionDef) -> bool:
    """A parameter annotated as a Python number or string (``int``, ``Union[int, tf.Tensor]``): the
    author expects Python values, each distinct one a new trace. Not ``bool``: a flag has two values,
    a trace each, and each trace keeps its branch (measured under TF 2.21, session 36: two flags over
    four combinations, 40 calls, 4 traces, every result the eager one; ``study_measure.py``)."""
    for annotation in [*(function.args.annotations or []), *(function.args.kwonlyargs_annotations or [])]:
        if annotation is None:
            continue
        for name in [annotation, *annotation.nodes_of_class(nodes.Name)]:
            if isinstance(name, nodes.Name) and name.name in _UNBOUNDED_PYTHON_TYPES:
                return True
    return False


def per_element_argument(call: nodes.Call) -> bool:
    """``call`` sits in a loop over a Python collection (``for level in outputs.keys()``, ``zip(...)``,
    a list) and passes the element or something indexed by it: one value, or shape, per element."""
    targets: set[str] = set()
    child, parent = call, call.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.ClassDef, nodes.Module)):
        if isinstance(parent, nodes.For) and child in parent.body and python_collection(parent.iter):
            targets |= _element_names(parent.iter, parent.target)
        elif isinstance(parent, _COMPREHENSIONS):
            for generator in parent.generators:
                if python_collection(generator.iter):
                    targets |= {n.name for n in generator.target.nodes_of_class(nodes.AssignName)}
        child, parent = parent, parent.parent
    if not targets:
        return False
    return any(
        name.name in targets
        for argument in call_arguments(call)
        for name in ([argument] if isinstance(argument, nodes.Name) else argument.nodes_of_class(nodes.Name))
    )


def _element_names(iterable: nodes.NodeNG, target: nodes.NodeNG) -> set[str]:
    """The loop targets that take one value per element: all of them, but of ``for i, batch in
    enumerate(dataset)`` only the index ``i`` when ``dataset`` is not a Python collection itself."""
    if isinstance(iterable, nodes.Call) and names.builtin_name(iterable.func) == "enumerate" \
            and iterable.args and not python_collection(iterable.args[0]) and isinstance(target, nodes.Tuple) \
            and target.elts:
        return {n.name for n in target.elts[0].nodes_of_class(nodes.AssignName)}
    return {n.name for n in target.nodes_of_class(nodes.AssignName)}


def python_collection(iterable: nodes.NodeNG, follow: bool = True) -> bool:
    """A Python collection literal, a builtin that makes one (``sorted``, ``zip``, ``range``...),
    ``.items()``/``.keys()``/``.values()``, or a name bound once to one of these."""
    if follow and isinstance(iterable, nodes.Name):
        binding = names.sole_binding(iterable)  # levels = sorted(outputs.keys()); for level in levels
        statement = binding.parent if binding is not None else None
        return isinstance(statement, nodes.Assign) and python_collection(statement.value, follow=False)
    if isinstance(iterable, (nodes.List, nodes.Tuple, nodes.Set, nodes.Dict, nodes.ListComp)):
        return True
    if isinstance(iterable, nodes.Call):
        if names.builtin_name(iterable.func) in _COLLECTION_BUILTINS:
            return True
        return isinstance(iterable.func, nodes.Attribute) and iterable.func.attrname in ("items", "keys", "values")
    return False


def python_object_argument(argument: nodes.NodeNG) -> bool:
    """A dict/set literal or a new instance of a class of this module: nothing a TensorSpec accepts.
    Builtins (``float(epoch)``, ``int(n)``, ``bool(flag)``) convert to a TensorSpec; ExtensionTypes
    and NamedTuples are structures a signature can describe."""
    if isinstance(argument, (nodes.Dict, nodes.Set, nodes.DictComp, nodes.SetComp)):
        return True
    if isinstance(argument, nodes.Call):
        cls = resolve_local_class(argument.func)
        return cls is not None and cls.root() is argument.root() and not any(
            names.qualified_name(b) in ("tensorflow.experimental.ExtensionType", "typing.NamedTuple")
            for b in cls.bases if isinstance(b, (nodes.Name, nodes.Attribute))
        )
    return False


def is_true(node: nodes.NodeNG | None) -> bool:
    """The literal ``True``."""
    return isinstance(node, nodes.Const) and node.value is True


def true_by_default(node: nodes.NodeNG) -> bool:
    """A parameter of the enclosing function, never reassigned there, whose default is ``True``:
    every caller that does not think of it switches the thing on."""
    binding = names.sole_binding(node)
    if binding is None or not isinstance(binding.parent, nodes.Arguments):
        return False
    try:
        default = binding.parent.default_value(binding.name)
    except Exception:  # pylint: disable=broad-except  # no default
        return False
    return is_true(default)
