"""What a loop repeats: values that change on every iteration, and objects built per iteration.

The retracing rules need evidence in the code that an argument differs from one
call to the next: a loop variable bound to Python values (or a value computed
from one in the loop body), a project class instantiated in the loop, a shape
built from the loop variable. These answers are syntactic plus ``lookup``, like
the rest of the model; ``kinds`` (``ValueModel.kinds``) says what a loop binds.
"""

from __future__ import annotations

from dataclasses import dataclass
from astroid import nodes

from pylint_hybridize.model import catalogue
from pylint_hybridize.model.execution.model import ExecutionModel
from pylint_hybridize.model.execution.traced import traced_arguments
from pylint_hybridize.model.hybrids.functions import HybridFunction
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import project_class, resolve_local_class
from pylint_hybridize.model.syntax.walk import enclosing_loop, is_none_test, owner
from pylint_hybridize.model.values.answers import Kind
from pylint_hybridize.model.values.kinds import Kinds

_MAX_DEPENDENCY_DEPTH = 4


def varying_loop_variable(expr: nodes.NodeNG, loop: nodes.NodeNG | None, kinds: Kinds | None = None,
                          _depth: int = 0) -> str | None:
    """The loop variable that ``expr`` depends on (directly, or through assignments in the loop body,
    ``lr = 0.1 / (epoch + 1)``), when it is bound by ``loop`` or a loop around it to Python values
    (``range(...)``, the index of ``enumerate(...)``, a list of Python scalars)."""
    if loop is None or _depth > _MAX_DEPENDENCY_DEPTH:
        return None
    for name in _names_in(expr):
        assignment = names.sole_binding(name)
        if assignment is None:
            continue
        binder = _binding_statement(assignment)
        if isinstance(binder, (nodes.For, nodes.Comprehension)) and loop_encloses(binder, loop):
            if _iterates_python_values(binder, assignment, kinds):
                return name.name
        elif isinstance(binder, nodes.Assign) and inside_loop_body(binder, loop):
            found = varying_loop_variable(binder.value, loop, kinds, _depth + 1)
            if found:
                return found
    return None


@dataclass(frozen=True)
class VaryingShape:
    """A tensor argument whose shape follows a loop variable."""

    how: str
    """``slice`` (``x[:i]``) or ``factory`` (``tf.zeros([i])``)."""
    variable: str


def varying_shape(argument: nodes.NodeNG, loop: nodes.NodeNG | None, kinds: Kinds | None = None) -> VaryingShape | None:
    """``x[:i]`` with a loop-dependent bound, or ``tf.zeros([i + 1])`` with a loop-dependent shape."""
    if isinstance(argument, nodes.Subscript) and isinstance(argument.slice, nodes.Slice):
        bounds = [b for b in (argument.slice.lower, argument.slice.upper) if b is not None]
        for bound in bounds:
            variable = varying_loop_variable(bound, loop, kinds)
            if variable is not None:
                return VaryingShape("slice", variable)
    if isinstance(argument, nodes.Call) and isinstance(argument.func, (nodes.Name, nodes.Attribute)):
        if names.qualified_name(argument.func) in catalogue.SHAPE_FACTORIES and argument.args:
            variable = varying_loop_variable(argument.args[0], loop, kinds)
            if variable is not None:
                return VaryingShape("factory", variable)
    return None


def new_instance_in_loop(argument: nodes.NodeNG, loop: nodes.NodeNG | None) -> bool:
    """``f(x, Config(...))`` inside the loop: an instance of a project class built per iteration
    (ExtensionType / NamedTuple classes are traced by their fields: not counted). Builtins
    (``float(i)``, ``int(n)``) make Python values, not objects: python-scalar-retracing's."""
    if loop is None or not isinstance(argument, nodes.Call):
        return False
    cls = resolve_local_class(argument.func)
    return cls is not None and cls.root() is argument.root() and not traced_structurally(cls)


def traced_structurally(cls: nodes.ClassDef) -> bool:
    """A class tf.function traces by its fields, not by identity (ExtensionType, NamedTuple)."""
    for base in cls.bases:
        if isinstance(base, (nodes.Name, nodes.Attribute)) and names.qualified_name(base) in catalogue.STRUCTURAL_BASES:
            return True
    return False


def lazily_created(call: nodes.Call, loop: nodes.NodeNG) -> bool:
    """``x = Cls(...)`` under ``if x is None:`` / ``if not x:`` inside the loop: built once, then reused."""
    statement = call.parent
    if not isinstance(statement, nodes.Assign) or len(statement.targets) != 1:
        return False
    target = statement.targets[0]
    if isinstance(target, nodes.AssignName):
        wanted = target.name
    elif isinstance(target, nodes.AssignAttr):
        wanted = target.as_string()
    else:
        return False
    child, parent = statement, statement.parent
    while parent is not None and parent is not loop:
        if isinstance(parent, nodes.If) and child is not parent.test and child in parent.body:
            test = parent.test
            if is_none_test(test, wanted):
                return True
            if isinstance(test, nodes.UnaryOp) and test.op == "not" and test.operand.as_string() == wanted:
                return True
        child, parent = parent, parent.parent
    return False


def used_in_same_iteration(call: nodes.Call, loop: nodes.NodeNG) -> bool:
    """What ``call`` returns is used in the iteration that made it: ``make_step(s)(x)``,
    ``Runner().run(x)``, or ``step = make_step(s)`` then ``step(x)`` in the loop body."""
    parent = call.parent
    if isinstance(parent, nodes.Call) and parent.func is call:
        return True
    if isinstance(parent, nodes.Attribute) and isinstance(parent.parent, nodes.Call) and parent.parent.func is parent:
        return True
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], nodes.AssignName):
        name = parent.targets[0].name
        body = loop.body if isinstance(loop, (nodes.For, nodes.While)) else []
        for statement in body:
            for other in statement.nodes_of_class(nodes.Call):
                func = other.func
                if isinstance(func, nodes.Attribute):
                    func = func.expr
                if isinstance(func, nodes.Name) and func.name == name:
                    return True
    return False


def varying_scalars(argument: nodes.NodeNG, loop: nodes.NodeNG | None, model: ExecutionModel) -> str | None:
    """``f(x, [i, i + 1])``: a list or tuple holding Python scalars that follow a loop variable (a new
    list of new values per iteration); that loop variable, or None."""
    if not isinstance(argument, (nodes.List, nodes.Tuple)):
        return None
    loop_var = varying_loop_variable(argument, loop, model.kinds)
    if loop_var is None or not any(
        model.kind(element).kind is Kind.SCALAR and varying_loop_variable(element, loop, model.kinds)
        for element in argument.elts
    ):
        return None
    return loop_var


def eager_python_loop(loop: nodes.NodeNG, model: ExecutionModel) -> bool:
    """``loop`` runs as a Python loop, eagerly: not in traced code (there it unrolls once per trace,
    or is a graph loop), and not over a tensor (``for _ in tf.range(n)``, ``while t < n``: a loop
    written for a graph, whose caller may well be traced where we cannot see it)."""
    if model.trace_info(loop) is not None:
        return False
    if isinstance(loop, (nodes.For, nodes.Comprehension)):
        driver = loop.iter
    elif isinstance(loop, nodes.While):
        driver = loop.test
    else:
        return False
    return model.kind(driver).kind not in (Kind.TENSOR, Kind.VARIABLE)


def made_and_dropped_per_iteration(creation: nodes.NodeNG, loop: nodes.NodeNG) -> bool:
    """The tf.function made at ``creation`` (a decorated def, or a ``tf.function(...)`` call) in
    ``loop`` is called in the iteration that made it and then dropped: every use of its name in the
    function (or module) around the loop is a call (``step(x)``), at least one in the loop.
    Stored (``host.f = f``, ``fs.append(f)``), passed on (``server.bind(f)``), returned, or bound
    to anything but a plain name: a registry of functions, each traced once, not a bug."""
    if isinstance(creation, nodes.FunctionDef):
        name = creation.name
    else:
        parent = creation.parent
        if isinstance(parent, nodes.Call) and parent.func is creation:
            return True  # tf.function(f)(x): made, called, dropped
        if not (isinstance(parent, nodes.Assign) and len(parent.targets) == 1
                and isinstance(parent.targets[0], nodes.AssignName)):
            return False
        name = parent.targets[0].name
    scope = creation.parent.scope() if creation.parent is not None else creation.root()
    called_in_loop = False
    for use in scope.nodes_of_class(nodes.Name):
        if use.name != name:
            continue
        called = isinstance(use.parent, nodes.Call) and use.parent.func is use
        method_called = (  # step.experimental_get_tracing_count(): asks it, keeps nothing
            isinstance(use.parent, nodes.Attribute) and isinstance(use.parent.parent, nodes.Call)
            and use.parent.parent.func is use.parent
        )
        run_now = (  # strategy.run(f), tf.map_fn(f, xs): TF runs it in this call and keeps nothing
            isinstance(use.parent, nodes.Call) and use in use.parent.args
            and creation in traced_arguments(use.parent)
        )
        if run_now:
            called_in_loop = called_in_loop or _once_per_iteration(use.parent, loop)
            continue
        if not (called or method_called):
            return False
        called_in_loop = called_in_loop or _once_per_iteration(use.parent, loop)
    return called_in_loop


def captured_iteration_value(creation: nodes.NodeNG, loop: nodes.NodeNG, model: ExecutionModel) -> nodes.Name | None:
    """A Name the tf.function made at ``creation`` reads (in its body, its defaults, or the arguments
    of ``tf.function(...)``) that ``loop``'s iteration binds to a Python object (``network =
    Network(...)``; ``def run(net=network)``). Each iteration's graph is then another one, and the
    same function defined once before the loop would take that object as an argument and trace once
    per object all the same (TF 2.21: the rule's ``good.py``): a trace per iteration is what the
    program needs. None when it reads no such object (a tensor of the iteration is passed as an
    argument instead, without a new trace)."""
    if isinstance(creation, nodes.FunctionDef):
        readers: list[nodes.NodeNG] = [creation]
    elif isinstance(creation, nodes.Call):
        readers = list(creation.args) + [keyword.value for keyword in creation.keywords or ()]
        first = creation.args[0] if creation.args else None
        found = names.lookup(first, builtins=False) if isinstance(first, nodes.Name) else None
        readers += [binding for binding in (found[1] if found else ())
                    if isinstance(binding, (nodes.FunctionDef, nodes.Lambda)) and loop.parent_of(binding)]
    else:
        return None
    for reader in readers:
        inner = reader if isinstance(reader, (nodes.FunctionDef, nodes.Lambda)) else None
        for use in ([reader] if isinstance(reader, nodes.Name) else reader.nodes_of_class(nodes.Name)):
            found = names.lookup(use, builtins=False)
            if found is None:
                continue
            scope, bindings = found
            if inner is not None and (scope is inner or inner.parent_of(scope)):
                continue  # the function's own parameter or local
            if any(isinstance(binding, nodes.AssignName) and loop.parent_of(binding)
                   and _binds_object(binding, model) for binding in bindings):
                return use
    return None


def _binds_object(binding: nodes.AssignName, model: ExecutionModel) -> bool:
    """``binding`` is proven to hold a Python object (an instance: ``net = Network(...)``, ``for env in
    envs`` of instances), not a tensor, a Python scalar or an unknown."""
    statement = _binding_statement(binding)
    if isinstance(statement, (nodes.For, nodes.Comprehension)) and statement.target is binding:
        answer = model.kinds.loop_target(statement.iter)
    elif isinstance(statement, nodes.Assign) and statement.targets == [binding]:
        value = statement.value
        if isinstance(value, nodes.Call) and project_class(value.func) is not None:
            return True  # an instance of a project class (network_lib.Network(...)), made in the iteration
        answer = model.kind(value)
    else:
        return False
    return answer.kind is Kind.OBJECT


def _once_per_iteration(call: nodes.Call, loop: nodes.NodeNG) -> bool:
    """``call`` runs once per iteration of ``loop`` (or once per call of ``loop``, a factory): not in
    a loop of its own inside it. A function made once and then called in an inner loop (one
    evaluation per checkpoint, ``eval_steps`` calls) pays one trace for many calls: harmless."""
    inner = enclosing_loop(call)
    if isinstance(loop, nodes.FunctionDef):
        return inner is None and owner(call) is loop
    return inner is loop


def instance_per_iteration(cls: nodes.ClassDef, model: ExecutionModel) -> nodes.Call | None:
    """The first ``cls(...)`` of this module in an eager loop whose instance is used in the iteration
    that built it (``Runner().run(x)``), not kept for later nor built once under ``if x is None:``,
    nor built around an object of the iteration (``Trainer(model)`` after ``model = Net()``: its
    methods read that object, and one instance made before the loop would have to take it as an
    argument and trace once per object all the same)."""
    for call in model.instantiations(cls):
        loop = enclosing_loop(call)
        if (
            loop is None
            or not used_in_same_iteration(call, loop)
            or lazily_created(call, loop)
            or not eager_python_loop(loop, model)
            or _takes_iteration_object(call, loop, model)
        ):
            continue  # instances kept for later (one per worker), built once under 'if x is None:', graph loops
        return call
    return None


def _takes_iteration_object(call: nodes.Call, loop: nodes.NodeNG, model: ExecutionModel) -> bool:
    """``call`` is given a Python object that ``loop``'s iteration makes (``Trainer(net)`` after ``net =
    Net(...)``, or ``Trainer(Net(...))``)."""
    for argument in list(call.args) + [keyword.value for keyword in call.keywords or ()]:
        if isinstance(argument, nodes.Call) and project_class(argument.func) is not None:
            return True
        if not isinstance(argument, nodes.Name):
            continue
        found = names.lookup(argument, builtins=False)
        if found is not None and any(isinstance(binding, nodes.AssignName) and loop.parent_of(binding)
                                     and _binds_object(binding, model) for binding in found[1]):
            return True
    return False


def factory_call_per_iteration(factory: nodes.FunctionDef, hybrid: HybridFunction, model: ExecutionModel) -> nodes.Call | None:
    """The first eager call in a loop of this module that runs ``factory`` (which makes ``hybrid``) and
    uses what it made in the same iteration; for ``__init__``, the class's instantiations. A plain
    factory that calls the hybrid it made itself (``step = tf.function(f); return step(x)``) uses it
    at every such call. Functions stored for later (one per task) are deliberate: None."""
    cls = factory.parent if isinstance(factory.parent, nodes.ClassDef) and factory.name == "__init__" else None
    calls = model.instantiations(cls) if cls is not None else model.calls_in_module(factory)
    called_where_made = None
    for call in calls:
        loop = enclosing_loop(call)
        if loop is None or not eager_python_loop(loop, model):
            continue  # traced loops run once; loops over tensors are written for a graph
        called = used_in_same_iteration(call, loop)
        if not called and cls is None:
            if called_where_made is None:
                called_where_made = _calls_what_it_made(factory, hybrid, model)
            called = called_where_made
        if called:
            return call
    return None


def _calls_what_it_made(factory: nodes.FunctionDef, hybrid: HybridFunction, model: ExecutionModel) -> bool:
    """``factory`` calls the hybrid it made and keeps it nowhere (``step = tf.function(f); return
    step(x)``); stored on an object or in a container, it is a cache, made once per key."""
    creation = hybrid.creation if hybrid.via == "call" else hybrid.function
    if creation is None or owner(creation) is not factory:
        return False
    if not any(model.hybrid_called_by(c) is hybrid for c, _ in model.callees(factory)):
        return False
    return made_and_dropped_per_iteration(creation, factory)


def loop_encloses(binder: nodes.NodeNG, loop: nodes.NodeNG) -> bool:
    """Whether ``binder`` (a for/comprehension) is ``loop`` or a loop around it."""
    node: nodes.NodeNG | None = loop
    while node is not None:
        if node is binder:
            return True
        node = enclosing_loop(node) if not isinstance(node, nodes.Comprehension) else enclosing_loop(node.parent)
    return False


def inside_loop_body(statement: nodes.NodeNG, loop: nodes.NodeNG) -> bool:
    """Whether ``statement`` runs in ``loop`` (in the same function)."""
    node = statement.parent
    while node is not None and not isinstance(node, (nodes.FunctionDef, nodes.Module, nodes.ClassDef)):
        if node is loop:
            return True
        node = node.parent
    return False


def _names_in(expr: nodes.NodeNG) -> list[nodes.Name]:
    if isinstance(expr, nodes.Name):
        return [expr]
    return list(expr.nodes_of_class(nodes.Name, skip_klass=(nodes.Lambda, nodes.FunctionDef)))


def _binding_statement(assignment: nodes.AssignName) -> nodes.NodeNG | None:
    node = assignment.parent
    while isinstance(node, (nodes.Tuple, nodes.List, nodes.Starred)):
        node = node.parent
    return node


def _iterates_python_values(binder: nodes.For | nodes.Comprehension, variable: nodes.AssignName,
                            kinds: Kinds | None) -> bool:
    """``range(...)``, the index of ``enumerate(...)``, a list of Python scalars: a Python value each time."""
    if binder.target is variable:
        return kinds is not None and kinds.loop_target(binder.iter).kind is Kind.SCALAR
    iterable = binder.iter
    if isinstance(iterable, nodes.Call) and names.builtin_name(iterable.func) == "enumerate":
        # only the index (first element of the target tuple) is a Python int
        target = binder.target
        return isinstance(target, nodes.Tuple) and bool(target.elts) and target.elts[0] is variable
    return False
