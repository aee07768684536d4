"""Python state changed in place: the container methods that do it, the ``self`` attributes that
eager code updates from their old value, and the parameters whose container a function mutates.

Two facts the side-effect rules need beyond "does this run at trace time":

- ``eager_attribute_updates(cls, traced)``: the attributes of ``self`` that eager code (a method
  that does not run at trace time) updates from their previous value (``self.steps += 1``,
  ``self.mean = 0.9 * self.mean + 0.1 * x``). Traced code that reads one sees the value of the
  first trace forever. Attributes assigned only in ``__init__`` are constants, and a
  ``tf.Variable`` changed with ``.assign`` is not rebound: neither is an update here.
- ``parameter_mutations(function)``: the parameters whose Python container a function mutates
  (``acc.append(x)``, ``d[k] = v``), directly or through the project helpers it hands them to.
  tf.function rejects a call that changes a list or dict passed as an argument.
"""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import (
    is_self_reference,
    parameter_annotation,
    resolve_function_reference,
)
from pylint_hybridize.model.syntax.walk import FUNCTION_TYPES, enclosing_loop, owner
from pylint_hybridize.model.values.static import is_static

_CONSTRUCTORS = frozenset({"__init__", "__new__", "__post_init__", "setUp"})
# container methods that change the receiver in place (lists, dicts, sets, deques): the one table
MUTATING_METHODS = frozenset(
    {
        "append", "extend", "insert", "pop", "popitem", "update", "add", "setdefault",
        "remove", "discard", "clear", "appendleft", "extendleft", "sort", "reverse",
    }
)
# the list and dict methods of them, for argument-mutated-in-traced-code: TF 2.21 raises "should not
# modify its Python input arguments" for a changed list or dict argument, while a set or deque
# argument never reaches the body ("TypeError: Could not generate a generic TraceType for set()")
CONTAINER_MUTATORS = MUTATING_METHODS - {"add", "discard", "appendleft", "extendleft"}


# -- self attributes updated by eager code ------------------------------------------------
_UPDATES_CACHE: dict[int, tuple[nodes.ClassDef, dict[str, list[nodes.NodeNG]]]] = {}


def attribute_updates(cls: nodes.ClassDef) -> dict[str, list[nodes.NodeNG]]:
    """{attribute: update statements} for ``self.<attribute>`` rebound from its old value in a method
    of ``cls`` (or a function nested in one) other than a constructor (cached per class)."""
    cached = _UPDATES_CACHE.get(id(cls))
    if cached is not None and cached[0] is cls:
        return cached[1]
    found: dict[str, list[nodes.NodeNG]] = {}
    for statement in cls.nodes_of_class((nodes.AugAssign, nodes.Assign), skip_klass=nodes.ClassDef):
        method = _method_of(statement, cls)
        if method is None or method.name in _CONSTRUCTORS:
            continue
        targets = [statement.target] if isinstance(statement, nodes.AugAssign) else statement.targets
        for target in targets:
            if not (isinstance(target, nodes.AssignAttr) and is_self_reference(target.expr)):
                continue
            if isinstance(statement, nodes.Assign) and not _reads_attribute(statement.value, target.attrname):
                continue  # a plain re-assignment (a reset, a setter): not an update of the old value
            found.setdefault(target.attrname, []).append(statement)
    if len(_UPDATES_CACHE) > 256:
        _UPDATES_CACHE.clear()
    _UPDATES_CACHE[id(cls)] = (cls, found)
    return found


def eager_attribute_updates(
    cls: nodes.ClassDef, attribute: str, traced: dict, calls: list[nodes.Call]
) -> list[tuple[nodes.NodeNG, nodes.NodeNG]]:
    """[(update statement, function holding it)] for updates of ``self.<attribute>`` made by code
    that does not run at trace time, again and again: an augmented assignment (a counter), or an
    update inside a loop or in a function that a loop calls (``calls``: the module's calls). A
    one-time ``self.y = f(self.y)`` while setting up is not such an update."""
    found = []
    for statement in attribute_updates(cls).get(attribute, ()):
        function = owner(statement)
        if not isinstance(function, FUNCTION_TYPES) or function in traced:
            continue
        if (
            (isinstance(statement, nodes.AugAssign) and not _set_before_in(function, statement, attribute))
            or enclosing_loop(statement) is not None
            or _called_in_loop(function, calls)
        ):
            found.append((statement, function))
    return found


def _set_before_in(function: nodes.NodeNG, statement: nodes.AugAssign, attribute: str) -> bool:
    """``self.<attribute> = ...`` earlier in the same function: the ``+=`` finishes computing a value
    the function sets (``self.n = len(a); if b: self.n += len(b)``), it does not count up an old one."""
    for assign in function.nodes_of_class(nodes.Assign):
        if assign.lineno < statement.lineno and any(
            isinstance(t, nodes.AssignAttr) and t.attrname == attribute and is_self_reference(t.expr)
            for t in assign.targets
        ):
            return True
    return False


def _called_in_loop(function: nodes.NodeNG, calls: list[nodes.Call]) -> bool:
    name = getattr(function, "name", None)
    for call in calls:
        func = call.func
        called = func.name if isinstance(func, nodes.Name) else func.attrname if isinstance(func, nodes.Attribute) else None
        if called == name and enclosing_loop(call) is not None and resolve_function_reference(func) is function:
            return True
    return False


def _method_of(node: nodes.NodeNG, cls: nodes.ClassDef) -> nodes.FunctionDef | None:
    """The method of ``cls`` whose body (or a function nested in it) holds ``node``."""
    current = node.parent
    method = None
    while current is not None and current is not cls:
        if isinstance(current, nodes.FunctionDef):
            method = current
        if isinstance(current, nodes.ClassDef):
            return None  # a nested class: its own self
        current = current.parent
    if method is None or method.parent is not cls:
        return None
    return method


def _reads_attribute(value: nodes.NodeNG, attribute: str) -> bool:
    return any(
        node.attrname == attribute and is_self_reference(node.expr)
        for node in value.nodes_of_class(nodes.Attribute)
    )


# -- parameters mutated in place ----------------------------------------------------------
@dataclass(frozen=True)
class Mutation:
    node: nodes.NodeNG
    """The mutating call or statement."""
    what: str
    """``acc.append()``, ``d[...] = ...``."""
    method: str | None
    """The mutating method (``append``), None for item assignment/deletion."""
    path: tuple[str, ...]
    """Functions from the one asked about to the one holding the mutation (helpers)."""


def parameter_mutations(function: nodes.NodeNG, resolve, _depth: int = 0) -> dict[str, Mutation]:
    """{parameter name: first in-place mutation of what it holds} in ``function``'s body, and in the
    project helpers (``resolve(call.func)`` -> def) that receive the parameter unchanged."""
    if not isinstance(function, nodes.FunctionDef) or _depth > 3:
        return {}
    arguments = function.args
    # a **kwargs dict (or *args tuple) is built afresh per call: popping from it is fine (measured)
    parameters = {a.name for a in (arguments.posonlyargs or []) + (arguments.args or []) + (arguments.kwonlyargs or [])}
    positional = [a.name for a in (function.args.posonlyargs or []) + (function.args.args or [])]
    if positional and isinstance(function.parent, nodes.ClassDef):
        parameters.discard(positional[0])  # self/cls
    if not parameters:
        return {}
    rebound = {
        target.name
        for target in function.nodes_of_class(nodes.AssignName, skip_klass=FUNCTION_TYPES)
        if not isinstance(target.parent, nodes.Arguments)
    }
    parameters -= rebound  # ``acc = list(acc)`` works on a copy
    found: dict[str, Mutation] = {}
    for node in _body_nodes(function):
        name, what, method = _mutated_parameter(node)
        if name in parameters and name not in found:
            found[name] = Mutation(node, what, method, (function.name,))
        if isinstance(node, nodes.Call):
            callee = resolve(node.func)
            if callee is None or callee is function:
                continue
            for parameter, argument in _bound_arguments(callee, node):
                if isinstance(argument, nodes.Name) and argument.name in parameters and argument.name not in found:
                    inner = parameter_mutations(callee, resolve, _depth + 1).get(parameter)
                    if inner is not None:
                        found[argument.name] = Mutation(inner.node, inner.what, inner.method,
                                                        (function.name, *inner.path))
    return found


_MUTABLE_CONTAINER_HINTS = frozenset({"list", "dict", "typing.List", "typing.Dict"})


def hinted_container(function: nodes.NodeNG, parameter: str) -> bool:
    """``parameter`` is hinted a Python list or dict (``list``, ``list[str]``, ``typing.Dict[...]``):
    every value the hint admits, a subclass too, makes tf.function raise "should not modify its
    Python input arguments" when the body changes it (TF 2.21, measured: ``list``, a ``list``
    subclass, ``dict``). ``Optional[...]``, unions and ABCs (``Sequence``: a tuple) are not."""
    if not isinstance(function, nodes.FunctionDef):
        return False
    hint = parameter_annotation(function.args, parameter)
    if isinstance(hint, nodes.Subscript):
        hint = hint.value
    if isinstance(hint, nodes.Name) and names.builtin_name(hint) in ("list", "dict"):
        return True
    return isinstance(hint, (nodes.Name, nodes.Attribute)) and names.qualified_name(hint) in _MUTABLE_CONTAINER_HINTS


def _body_nodes(function: nodes.FunctionDef):
    stack = list(reversed(function.body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (*FUNCTION_TYPES, nodes.ClassDef)):
            continue
        stack.extend(reversed(list(node.get_children())))


def _mutated_parameter(node: nodes.NodeNG) -> tuple[str | None, str, str | None]:
    if isinstance(node, nodes.Call) and isinstance(node.func, nodes.Attribute) \
            and node.func.attrname in CONTAINER_MUTATORS and isinstance(node.func.expr, nodes.Name):
        return node.func.expr.name, f"{node.func.expr.name}.{node.func.attrname}()", node.func.attrname
    if isinstance(node, (nodes.Assign, nodes.AugAssign, nodes.Delete)):
        targets = node.targets if isinstance(node, (nodes.Assign, nodes.Delete)) else [node.target]
        for target in targets:
            if isinstance(target, nodes.Subscript) and isinstance(target.value, nodes.Name):
                verb = "del {}[...]" if isinstance(node, nodes.Delete) else "{}[...] = ..."
                return target.value.name, verb.format(target.value.name), None
    return None, "", None


def _bound_arguments(callee: nodes.FunctionDef, call: nodes.Call) -> list[tuple[str, nodes.NodeNG]]:
    """(parameter name, argument) for the plain positional and keyword arguments of ``call``."""
    positional = [a.name for a in (callee.args.posonlyargs or []) + (callee.args.args or [])]
    if positional and isinstance(callee.parent, nodes.ClassDef) and isinstance(call.func, nodes.Attribute):
        positional = positional[1:]  # self.helper(acc): acc binds to the parameter after self
    bound = []
    for index, argument in enumerate(call.args):
        if isinstance(argument, nodes.Starred) or index >= len(positional):
            break
        bound.append((positional[index], argument))
    for keyword in call.keywords or ():
        if keyword.arg is not None:
            bound.append((keyword.arg, keyword.value))
    return bound


def records_once(node: nodes.NodeNG, receiver: nodes.NodeNG, traced=frozenset()) -> bool:
    """``node`` fills ``receiver`` only under ``if key not in receiver:`` (``seen.add(k)``,
    ``seen.append(k)``, ``seen[k] = v``) with Python values fixed at trace time (``traced``: as for
    ``static.is_static``): a registry of what was handled (a warning logged once per metric), which
    exists to make its branch run once; a fill at trace time does exactly that. Tensors stored there
    are not this (a later trace would read another graph's tensor)."""
    if isinstance(node, nodes.Call) and len(node.args) == 1 and not node.keywords:
        key, stored = node.args[0], [node.args[0]]
    elif isinstance(node, nodes.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], nodes.Subscript):
        key, stored = node.targets[0].slice, [node.targets[0].slice, node.value]
    else:
        return False
    absent = (key.as_string(), "not in", receiver.as_string())
    child, parent, function = node, node.parent, owner(node)
    while parent is not None and parent is not function:
        test = parent.test if isinstance(parent, nodes.If) and child in parent.body else None
        if isinstance(test, nodes.Compare) and len(test.ops) == 1 and (
                test.left.as_string(), test.ops[0][0], test.ops[0][1].as_string()) == absent:
            return all(is_static(value, traced) for value in stored)
        child, parent = parent, parent.parent
    return False
