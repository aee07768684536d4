"""What a function body does: tensor work, graph safety, nothing at all.

The decorator refactorings ask these about a body, never about a call site:
- ``substantial``: a model call or a GradientTape, the work a graph pays off for;
- ``graph_safe``: nothing that behaves differently as a graph (Python side effects, NumPy, I/O,
  variable or Keras object creation, summaries, TF1 graph APIs, recursion);
- ``pure_tensor_function``: substantial or tensor work, graph safe, and so are its helpers;
- ``barren``: a hybrid whose body cannot touch a tensor at all.
All answers are conservative: when unsure, a body is not substantial, not safe, not barren.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from astroid import nodes

from pylint_hybridize.model.catalogue.tracing import (
    GRAPH_HOSTILE_FUNCTIONS, GRAPH_HOSTILE_PREFIXES, KERAS_STATE_METHODS, TF_FUNCTION,
)
from pylint_hybridize.model.hybrids.functions import HybridFunction
from pylint_hybridize.model.hybrids.keras import holds_keras_network, keras_kind, keras_tensor_method
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import (
    class_method,
    project_class,
    resolve_callee,
    resolve_function_reference,
)
from pylint_hybridize.model.syntax.walk import FUNCTION_TYPES, owner
from pylint_hybridize.model.values.answers import Kind, tf_call_kind
from pylint_hybridize.model.values.kinds import value_kind
from pylint_hybridize.model.values.static import is_static

# the name of a network object: model, q_net, self._encoder, target_actor (not layers, _flatten_layers)
MODEL_NAME = re.compile(
    r"(^|_)(model|net|network|layer|encoder|decoder|actor|critic|policy|generator|discriminator|backbone)$"
)
_IMPURE_BUILTINS = frozenset({"print", "open", "input", "exec", "eval", "breakpoint", "next", "setattr", "delattr"})
_MUTATORS = frozenset(
    {"append", "extend", "insert", "pop", "update", "add", "remove", "clear", "setdefault", "numpy", "item", "tolist"}
)
_INERT_BUILTINS = frozenset(
    {"len", "range", "int", "float", "str", "bool", "isinstance", "enumerate", "zip", "list", "dict", "tuple",
     "min", "max", "sum", "abs", "round", "sorted", "set", "repr", "format"}
)
_CONVERTING_BUILTINS = frozenset({"int", "float", "bool", "range"})
_CALLEE_DEPTH = 3
KERNEL_OPS = 8
_CONSTRUCTION = re.compile(r"^_*(__init__|init|build|setup|set_up|create|make|construct)")


def _qualified(func: nodes.NodeNG) -> str | None:
    return names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None


def _called_name(func: nodes.NodeNG) -> str:
    return func.name if isinstance(func, nodes.Name) else func.attrname if isinstance(func, nodes.Attribute) else ""


def tensor_ops(function: nodes.NodeNG) -> int:
    """How many calls in ``function`` (nested code included) are TF APIs that return tensors."""
    return sum(1 for call in function.nodes_of_class(nodes.Call) if _is_tensor_op(call))


def _is_tensor_op(call: nodes.Call) -> bool:
    qualified = _qualified(call.func)
    return qualified is not None and tf_call_kind(qualified) is Kind.TENSOR


def substantial(function: nodes.FunctionDef, _depth: int = 0) -> bool:
    """A model call or a GradientTape, in the body or in a project function it calls
    (``loss = compute_loss(model, x)``): a step that tracing pays off for.

    TF ops alone do not count: measured 0 true of the ~260 such findings on both corpora. Nor does
    what a nested ``@tf.function`` def holds: that def is a graph of its own, and the function that
    makes it (a step factory, ``get_train_step_fn(strategy)``) runs none of it."""
    parameters = {a.name for a in function.args.arguments or []}
    for call in _calls_outside_nested_graphs(function):
        func = call.func
        qualified = _qualified(func)
        if qualified == "tensorflow.GradientTape":
            return True
        if _depth < _CALLEE_DEPTH and call.args:
            callee = project_callee(func)
            if callee is not None and callee is not function and substantial(callee, _depth + 1):
                return True
        if qualified is not None:
            continue
        # a model (or layer) called like a function: model(x), self.encoder(x), agent.policy(x)
        # (a parameter, an attribute, or a name bound to a new Keras model: model = keras.Sequential(...))
        is_object = (isinstance(func, nodes.Name) and (func.name in parameters or keras_model_name(func))) or (
            isinstance(func, nodes.Attribute) and resolve_function_reference(func) is None
        )
        if is_object and (call.args or call.keywords) and MODEL_NAME.search(_called_name(func).lower()):
            return True
        if isinstance(func, nodes.Name) and call.args and holds_keras_network(func):
            return True  # G(z) where G = module.ConvGenerator(...) returns a keras.Model
    return False


def _calls_outside_nested_graphs(function: nodes.FunctionDef) -> Iterable[nodes.Call]:
    """The calls of ``function``'s code, nested code included, but not in a def nested in it that is
    decorated with tf.function (``@tf.function`` or ``@tf.function(...)``)."""
    stack = list(function.get_children())
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.FunctionDef) and _decorated_tf_function(node):
            continue
        if isinstance(node, nodes.Call):
            yield node
        stack.extend(node.get_children())


def _decorated_tf_function(function: nodes.FunctionDef) -> bool:
    for decorator in function.decorators.nodes if function.decorators else ():
        target = decorator.func if isinstance(decorator, nodes.Call) else decorator
        if _qualified(target) == TF_FUNCTION:
            return True
    return False


def numerical_kernel(function: nodes.FunctionDef) -> bool:
    """A pure-TF numerical kernel (an ODE step, a physics residual): at least ``KERNEL_OPS`` TF ops
    that return tensors in its own body, every parameter used in them, and no model: eagerly each op
    is dispatched from Python one by one, which a graph saves as much as for a train step."""
    if tensor_ops(function) < KERNEL_OPS:
        return False
    parameters = [a.name for a in function.args.arguments or [] if a.name not in ("self", "cls")]
    used = {n.name for n in function.nodes_of_class(nodes.Name)}
    return bool(parameters) and all(p in used for p in parameters)


def keras_model_name(name: nodes.Name) -> bool:
    """A name bound once to a new Keras object made by a class (``keras.Sequential(...)``) or
    ``load_model``."""
    value = names.bound_value(name)
    if not isinstance(value, nodes.Call):
        return False
    qualified = _qualified(value.func)
    return names.is_keras(qualified) and (qualified.rsplit(".", 1)[-1][:1].isupper() or qualified.endswith("load_model"))


class BodyJudge(Protocol):
    """What a body's safety may depend on beyond the body: the values its parameters receive at
    every visible call (the execution model answers; ``None`` judges the body alone)."""

    def network_parameter(self, function: nodes.FunctionDef, name: str) -> bool:
        """Every call of ``function`` passes a Keras network (or a ``functools.partial`` of one) as ``name``."""

    def static_parameter(self, function: nodes.FunctionDef, name: str) -> bool:
        """Every call of ``function`` passes a Python value fixed at trace time as ``name``."""

    def unrolled_append(self, call: nodes.Call, function: nodes.FunctionDef) -> bool:
        """``name.append(x)`` on a local list, under ``for`` loops over Python sequences only: it
        runs at trace time, once per element, as it would eagerly."""


def graph_safe(function: nodes.NodeNG, _depth: int = 0, judge: BodyJudge | None = None) -> bool:  # noqa: C901, PLR0911
    """Nothing in the body that would behave differently as a graph (conservative). A call of a
    project function or of a method of a project object (``losses.compute_loss(...)``,
    ``train_metrics.update(...)`` with ``train_metrics = Metrics()``) is judged by that function's
    body, a few calls deep; anything else that is not TensorFlow or Keras is unsafe.

    With a ``judge`` (the call sites' facts), three more things are proven safe: a call of a
    parameter that every call passes a Keras network (``f(x)`` with ``f = functools.partial(D,
    training=True)``); a ``raise`` under ``if`` tests of Python values only (``else: raise
    NotImplementedError(mode)`` with ``mode`` a setting: it raises at trace time exactly when it would
    eagerly); a nested def, judged by its own body (a closure is what it does)."""
    if _depth > _CALLEE_DEPTH:
        return False
    if not isinstance(function, nodes.FunctionDef) or function.is_generator() or isinstance(function, nodes.AsyncFunctionDef):
        return False
    parameters = {a.name for a in function.args.arguments or []}
    if _keras_network_method(function):
        parameters.discard(function.args.arguments[0].name)  # ``self(x)`` in a Keras model runs the model
    for call in function.nodes_of_class(nodes.Call):
        func = call.func
        if judge is not None and call.scope() is not function:
            continue  # in a nested def: judged with its own parameters below
        if isinstance(func, nodes.Name) and func.name in parameters and not MODEL_NAME.search(func.name.lower()) \
                and not (judge is not None and judge.network_parameter(function, func.name)):
            return False  # a callable passed in (cost, metric_fn) may run any Python, NumPy included
    for node in function.nodes_of_class(nodes.NodeNG):
        if isinstance(node, nodes.Raise) and judge is not None and _raises_on_settings(node, judge):
            continue
        if isinstance(node, (nodes.Global, nodes.Nonlocal, nodes.Try, nodes.Yield, nodes.YieldFrom, nodes.Assert,
                             nodes.Raise)):
            return False
        if isinstance(node, nodes.Delete) and not all(isinstance(t, nodes.DelName) for t in node.targets):
            return False  # ``del tape`` unbinds a local; ``del self.x`` / ``del d[k]`` mutate state
        if isinstance(node, (nodes.AssignAttr, nodes.Subscript)) and isinstance(node.parent, (nodes.Assign, nodes.AugAssign)) \
                and node in getattr(node.parent, "targets", [getattr(node.parent, "target", None)]):
            return False
        if isinstance(node, FUNCTION_TYPES) and node is not function:
            if judge is not None and isinstance(node, nodes.FunctionDef) and graph_safe(node, _depth + 1, judge):
                continue  # its nodes are walked here too; its own parameters were checked by that call
            return False
        if isinstance(node, nodes.Call) and not _graph_safe_call(node, function, _depth, judge):
            return False
    return True


def _raises_on_settings(node: nodes.Raise, judge: BodyJudge) -> bool:
    """A ``raise`` whose every enclosing ``if`` (up to its def) tests Python values fixed at trace
    time (names and literals compared), in no loop, ``with`` or ``try``: tracing runs it exactly when
    eager code would."""
    function = node.scope()
    if not isinstance(function, nodes.FunctionDef):
        return False
    parameters = {a.name for a in function.args.arguments or []}
    # a name of an enclosing def is judged by its bindings there, not taken as a closure constant
    enclosing = frozenset(a for a in node.node_ancestors() if isinstance(a, FUNCTION_TYPES))
    child, parent = node, node.parent
    while parent is not None and parent is not function:
        if isinstance(parent, (nodes.For, nodes.While, nodes.Try, nodes.With, nodes.IfExp)):
            return False
        if isinstance(parent, nodes.If) and child is not parent.test:
            if any(not isinstance(n, (nodes.Name, nodes.Const, nodes.Compare, nodes.BoolOp, nodes.UnaryOp))
                   for n in parent.test.nodes_of_class(nodes.NodeNG)):
                return False  # only comparisons of names and literals
            for name in parent.test.nodes_of_class(nodes.Name):
                if name.name in parameters:
                    if not judge.static_parameter(function, name.name):
                        return False
                elif not is_static(name, enclosing):
                    return False
        child, parent = parent, parent.parent
    return parent is function


def _keras_network_method(function: nodes.FunctionDef) -> bool:
    """A method (with a ``self``) of a project subclass of a Keras model or layer."""
    cls = function.parent
    return isinstance(cls, nodes.ClassDef) and bool(function.args.arguments) and function.type == "method" \
        and keras_kind(cls) is not None


def _graph_safe_call(call: nodes.Call, function: nodes.FunctionDef, depth: int = 0, judge: BodyJudge | None = None) -> bool:
    func = call.func
    callee = project_callee(func)
    if callee is not None:
        return callee is not function and graph_safe(callee, depth + 1, judge)
    if isinstance(func, nodes.Name) and func.name in _IMPURE_BUILTINS:
        return False
    if tensor_to_python(call):
        return False  # int(tf.shape(x)[0] / n): a concrete value that a graph's symbolic tensor does not have
    if isinstance(func, nodes.Attribute) and func.attrname in _MUTATORS and _qualified(func) is None:
        # (tf.math.add is not set.add); a local list filled while unrolling a Python loop is fine
        return judge is not None and func.attrname == "append" and judge.unrolled_append(call, function)
    if "compat.v1" in func.as_string():
        return False  # TF1 graph-mode APIs
    qualified = _qualified(func)
    if qualified == "functools.partial" and judge is not None:
        return True  # makes a callable; what calling it runs is judged where it is called
    if qualified is not None:
        root = qualified.split(".", 1)[0]
        if root not in ("tensorflow", "keras"):
            return False  # numpy, random, time, logging...: eager-only or frozen at trace time
        last = qualified.rsplit(".", 1)[-1]
        # variables, Keras objects, summaries, TF1 graph APIs, I/O: not for a graph
        return not (qualified in GRAPH_HOSTILE_FUNCTIONS or qualified.startswith(GRAPH_HOSTILE_PREFIXES)
                    or (root == "keras" and last[:1].isupper()))
    if _through_unknown_member(func):
        return False
    return not (isinstance(func, nodes.Name) and resolve_callee(func) is function)  # recursion


def _through_unknown_member(func: nodes.NodeNG) -> bool:
    """A method of an object the model reaches only through another object's attribute
    (``self.actor.policy_dist.logp(a)``): whose class it is, and what its method runs (NumPy on the
    argument, ``copy.deepcopy`` of tensors: RLzoo's distributions), is not read; a method that keeps
    Keras state in variables (``self.model.optimizer.apply_gradients``) is known whatever holds it."""
    return isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Attribute) \
        and isinstance(func.expr.expr, nodes.Attribute) and func.attrname not in KERAS_STATE_METHODS


def project_callee(func: nodes.NodeNG) -> nodes.FunctionDef | None:
    """The project def a call expression runs, read without inference: a def of another project
    module (``losses.compute_loss``, ``from losses import compute_loss``), or the method of an object
    bound once to a new instance of a project class (``train_metrics = Metrics("train")``). Local
    defs and ``self`` methods are the call graph's (``reachable``): None here."""
    if isinstance(func, nodes.Attribute) and isinstance(func.expr, nodes.Name):
        value = names.bound_value(func.expr)
        if isinstance(value, nodes.Call) and isinstance(value.func, (nodes.Name, nodes.Attribute)):
            cls = project_class(value.func)
            if cls is not None:
                method = class_method(cls, func.attrname)
                return method if isinstance(method, nodes.FunctionDef) else None
    if isinstance(func, (nodes.Name, nodes.Attribute)) and names.project_target(func) is not None:
        found = resolve_callee(func)
        return found if isinstance(found, nodes.FunctionDef) else None
    return None


def tensor_to_python(call: nodes.Call) -> bool:
    """``int(t)``, ``float(t)``, ``bool(t)`` or ``range(t)`` of a tensor: it needs the tensor's value,
    which only eager execution has (in a graph, TF raises ``TypeError`` or
    ``OperatorNotAllowedInGraphError``)."""
    if names.builtin_name(call.func) not in _CONVERTING_BUILTINS:
        return False
    return any(value_kind(argument).is_tensor for argument in call.args)


def pure_tensor_function(
    function: nodes.NodeNG, helpers: Iterable[nodes.NodeNG] = (), tensor_work: bool = False,
    judge: BodyJudge | None = None,
) -> bool:
    """Tensor work (``tensor_work``: known already, in a helper), and nothing that would behave
    differently as a graph, in ``function`` and in the ``helpers`` it calls (conservative)."""
    if not isinstance(function, nodes.FunctionDef) or function.is_generator() \
            or isinstance(function, nodes.AsyncFunctionDef):
        return False
    return graph_safe(function, 0, judge) and (tensor_work or tensor_ops(function) > 0 or substantial(function)) and all(
        graph_safe(helper, 0, judge) for helper in helpers if helper is not function
    )


def nested_in_method(function: nodes.NodeNG) -> bool:
    """A closure defined (at any depth) inside a method."""
    parent = function.parent
    while parent is not None and not isinstance(parent, nodes.Module):
        if isinstance(parent, nodes.FunctionDef) and isinstance(parent.parent, nodes.ClassDef):
            return True
        parent = parent.parent
    return False


def in_construction(call: nodes.Call) -> bool:
    """In ``__init__``/``build``/``create_*``/``make_*``: a loop that builds an object runs once per
    object, and often on symbolic Keras inputs: not a hot loop."""
    function = owner(call)
    return isinstance(function, nodes.FunctionDef) and bool(_CONSTRUCTION.match(function.name))


def caller_is_tensor_code(call: nodes.Call, function: nodes.FunctionDef) -> bool:
    """The function around ``call`` (a call of ``function``) computes with TF ops itself (an
    augmentation loop, a loss per level, a layer's ``call``): that function, not its helper, is the
    unit a graph would hold, or it is traced already (tf.data, Keras). Driver loops
    (``for x, y in dataset: train_step(x, y)``) do no TF ops of their own. A method Keras calls with
    a step's tensors (a loss's ``call``, a metric's ``update_state``, a layer's ``call``) is such a
    unit whatever its own op count: ``fit`` traces it with the step (deepreg's multi-scale loss)."""
    caller = owner(call)
    if not isinstance(caller, nodes.FunctionDef):
        return False
    if keras_tensor_method(caller):
        return True
    ops = sum(
        1 for other in caller.nodes_of_class(nodes.Call)
        if _is_tensor_op(other) and not _inside_call_of(other, function)
    )
    return ops >= 2


def _inside_call_of(node: nodes.NodeNG, function: nodes.FunctionDef) -> bool:
    """``node`` is an argument (or part of one) of a call of ``function``: ``step(x, tf.constant(lr))``."""
    parent = node.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.ClassDef, nodes.Module)):
        if isinstance(parent, nodes.Call) and _called_name(parent.func) == function.name:
            return True
        parent = parent.parent
    return False


def barren(hybrid: HybridFunction) -> bool:
    """No arguments, no input_signature, and a body that cannot touch a tensor (conservative).

    Any argument may be a tensor, so only argument-less hybrids qualify; any attribute access
    (``self.v`` may be a variable), any name that is not a local or a literal constant, and any
    call but a few inert builtins count as possible tensor work.
    """
    function = hybrid.function
    if hybrid.has_input_signature or not isinstance(function, nodes.FunctionDef) or function.is_generator():
        return False
    parameters = {a.name for a in function.args.arguments} if function.args.arguments else set()
    if parameters - {"self", "cls"} or function.args.vararg or function.args.kwarg:
        return False  # any argument may be a tensor (even one merely returned): stay silent
    body_nodes = [n for statement in function.body for n in statement.nodes_of_class(nodes.NodeNG)]
    if not body_nodes:
        return False
    for node in body_nodes:
        if isinstance(node, (nodes.Attribute, nodes.Lambda, nodes.FunctionDef, nodes.Global, nodes.Nonlocal,
                             nodes.Await, nodes.Yield, nodes.Starred, nodes.AssignAttr, nodes.Subscript)):
            return False
        if isinstance(node, nodes.Call):
            if not (isinstance(node.func, nodes.Name) and names.builtin_name(node.func) in _INERT_BUILTINS):
                return False
        elif isinstance(node, nodes.Name):
            if node.name in parameters:
                if not isinstance(node.parent, nodes.Return):
                    return False  # a parameter used in an operation: may be tensor work
            elif not local_or_constant(node, function):
                return False
    return True


def local_or_constant(name: nodes.Name, function: nodes.FunctionDef) -> bool:
    """A builtin, a local of ``function`` (or of a comprehension in it), or a module/class/enclosing
    function name bound only to literal constants. A name an enclosing function binds to anything
    else is a closure: it may hold a tensor or a captured variable (``v + 1`` reads ``v``)."""
    return names.bound_as(name, lambda scope, assignments: _local_or_constant_scope(scope, assignments, function))


def _local_or_constant_scope(scope: nodes.NodeNG, assignments: list, function: nodes.FunctionDef) -> bool:
    if scope is function:
        return True  # a local of the function (its uses are checked too)
    if isinstance(scope, (nodes.ListComp, nodes.SetComp, nodes.DictComp, nodes.GeneratorExp)) and any(
        ancestor is function for ancestor in scope.node_ancestors()
    ):
        return True  # a local of a comprehension in it
    return all(isinstance(a.parent, nodes.Assign) and isinstance(a.parent.value, nodes.Const) for a in assignments)
