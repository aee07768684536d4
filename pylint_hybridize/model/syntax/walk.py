"""One iterative walk of a module, which function body owns a node, and which loop repeats it.

Decorators, default values and annotations of a ``def`` are evaluated in the
*enclosing* scope when the ``def`` statement runs, not when the function is
called, so they do not belong to the function's body. ``node.frame()`` does
not make that distinction; ``owner`` does. The walk is iterative so deeply
nested code cannot exhaust the Python stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat

from astroid import nodes

try:  # astroid's base of the nodes without children (Name, Const, Pass...)
    from astroid.nodes._base_nodes import NoChildrenNode
except ImportError:  # another astroid layout: each node's children are asked for
    NoChildrenNode = None

FunctionLike = nodes.FunctionDef | nodes.Lambda
FUNCTION_TYPES = (nodes.FunctionDef, nodes.Lambda)  # unrelated classes in astroid 3/4


def _body_children(function: FunctionLike) -> list[nodes.NodeNG]:
    if isinstance(function, nodes.FunctionDef):
        return list(function.body)
    return [function.body]


def _is_in_body(function: FunctionLike, child: nodes.NodeNG) -> bool:
    if isinstance(function, nodes.FunctionDef):
        return child in function.body
    return child is function.body


def none_test_subject(test: nodes.NodeNG) -> str | None:
    """``x`` in ``x is None`` (as written: ``self.v``), or None for any other test."""
    if (
        isinstance(test, nodes.Compare)
        and len(test.ops) == 1
        and test.ops[0][0] == "is"
        and isinstance(test.ops[0][1], nodes.Const)
        and test.ops[0][1].value is None
    ):
        return test.left.as_string()
    return None


def is_none_test(test: nodes.NodeNG, subject: str) -> bool:
    """``test`` is ``<subject> is None`` (``subject`` as written: ``x``, ``self.x``), a first-use check."""
    return none_test_subject(test) == subject


def owner(node: nodes.NodeNG) -> nodes.NodeNG | None:
    """The FunctionDef/Lambda whose *body* contains ``node``; the Module or ClassDef otherwise."""
    child = node
    parent = node.parent
    while parent is not None:
        if isinstance(parent, FUNCTION_TYPES):
            if _is_in_body(parent, child):
                return parent
        elif isinstance(parent, (nodes.ClassDef, nodes.Module)):
            if isinstance(parent, nodes.Module) or child in parent.body:
                return parent
        child = parent
        parent = parent.parent
    return None


@dataclass
class ModuleIndex:
    """Everything later passes need, gathered in one walk."""

    functions: list[FunctionLike] = field(default_factory=list)
    calls: list[nodes.Call] = field(default_factory=list)
    calls_by_owner: dict[nodes.NodeNG, list[nodes.Call]] = field(default_factory=dict)
    owner_of_call: dict[nodes.Call, nodes.NodeNG] = field(default_factory=dict)
    imports: list[nodes.Import | nodes.ImportFrom] = field(default_factory=list)
    """Every import statement, nested ones included, in source order."""
    order: list[nodes.NodeNG] = field(default_factory=list)
    """Every node of the module, the module first, in the order of astroid's ``nodes_of_class``."""
    by_type: dict[type, list[nodes.NodeNG]] = field(default_factory=dict)
    """``order`` by each node's own class."""

    def of_class(self, klass: type | tuple[type, ...]) -> list[nodes.NodeNG]:
        """``module.nodes_of_class(klass)`` from the walk, without walking again: every module-wide
        question about one kind of node (``global`` statements, classes, string constants) asked
        this walks the whole tree (astroid's recursive generator) once per question and module."""
        matching = [kind for kind in self.by_type if issubclass(kind, klass)]
        if not matching:
            return []
        if len(matching) == 1:
            return list(self.by_type[matching[0]])
        return [node for node in self.order if isinstance(node, klass)]


_PLAIN, _CALL, _IMPORT, _FUNCTION, _CLASS, _LEAF = range(6)
_ROLE: dict[type, int] = {}
"""What the walk does with a node, by its class (``isinstance`` decided once per class, not per node)."""


def _role(kind: type) -> int:
    role = _ROLE.get(kind)
    if role is None:
        if issubclass(kind, nodes.Call):
            role = _CALL
        elif issubclass(kind, (nodes.Import, nodes.ImportFrom)):
            role = _IMPORT
        elif issubclass(kind, FUNCTION_TYPES):
            role = _FUNCTION
        elif issubclass(kind, nodes.ClassDef):
            role = _CLASS
        elif (NoChildrenNode is not None and kind.get_children is NoChildrenNode.get_children) or (
            not kind._astroid_fields and kind.get_children is nodes.NodeNG.get_children
        ):
            role = _LEAF  # a Name, a Const, a Pass...: astroid gives them no children
        else:
            role = _PLAIN
        _ROLE[kind] = role
    return role


def index_module(module: nodes.Module) -> ModuleIndex:
    index = ModuleIndex()
    order, by_type = index.order, index.by_type
    stack: list[tuple[nodes.NodeNG, nodes.NodeNG]] = [(module, module)]
    while stack:
        node, current_owner = stack.pop()
        order.append(node)
        kind = type(node)
        bucket = by_type.get(kind)
        if bucket is None:
            bucket = by_type[kind] = []
        bucket.append(node)
        role = _ROLE.get(kind)
        if role is None:
            role = _role(kind)
        if role == _LEAF:
            continue
        if role == _PLAIN:
            children = [*node.get_children()]
            if children:
                children.reverse()  # so that nodes come out in source order
                stack.extend(zip(children, repeat(current_owner)))
        elif role == _CALL:
            index.calls.append(node)
            index.calls_by_owner.setdefault(current_owner, []).append(node)
            index.owner_of_call[node] = current_owner
            children = [*node.get_children()]
            children.reverse()
            stack.extend(zip(children, repeat(current_owner)))
        elif role == _IMPORT:
            index.imports.append(node)
        else:
            if role == _FUNCTION:
                index.functions.append(node)
                body = {id(child) for child in _body_children(node)}
            else:
                body = {id(child) for child in node.body}
            for child in reversed(list(node.get_children())):
                stack.append((child, node if id(child) in body else current_owner))
    return index


def calls_of_body(function: FunctionLike) -> list[nodes.Call]:
    """Calls whose owner is ``function`` (nested defs and lambdas excluded). Kept on the node (the
    tree never changes once built): every module whose hybrids reach ``function`` asks for them."""
    kept = function.__dict__.get(_CALLS_OF_BODY)
    if kept is None:
        kept = function.__dict__[_CALLS_OF_BODY] = tuple(_calls_of_body(function))
    return list(kept)


_CALLS_OF_BODY = "_hybridize_calls_of_body"


def _calls_of_body(function: FunctionLike) -> list[nodes.Call]:
    found: list[nodes.Call] = []
    stack = _body_children(function)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Call):
            found.append(node)
        if isinstance(node, (*FUNCTION_TYPES, nodes.ClassDef)):
            # The nested def/lambda's own decorators and defaults still run here.
            if isinstance(node, nodes.FunctionDef):
                stack.extend(d for d in (node.decorators, node.args) if d is not None)
            elif isinstance(node, nodes.Lambda):
                stack.append(node.args)
            continue
        stack.extend(node.get_children())
    return found


def first_yield(function: FunctionLike) -> nodes.NodeNG | None:
    """The first ``yield``/``yield from`` of ``function``'s own body (nested functions and classes
    excluded): a function with one is a generator."""
    stack = list(reversed(_body_children(function)))
    while stack:
        current = stack.pop()
        if isinstance(current, (nodes.Yield, nodes.YieldFrom)):
            return current
        if isinstance(current, (*FUNCTION_TYPES, nodes.ClassDef)):
            continue
        stack.extend(reversed(list(current.get_children())))
    return None


def own_returns(function: nodes.FunctionDef) -> list[nodes.Return]:
    """The ``return`` statements of ``function``'s own body (not of nested defs, lambdas or classes)."""
    found = []
    stack: list[nodes.NodeNG] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Return):
            found.append(node)
        if isinstance(node, (nodes.FunctionDef, nodes.Lambda, nodes.ClassDef)):
            continue
        stack.extend(node.get_children())
    return found


Loop = nodes.For | nodes.While | nodes.Comprehension


def enclosing_loop(node: nodes.NodeNG) -> Loop | None:
    """The innermost ``for``/``while``/comprehension that repeats ``node``.

    Stops at the enclosing function: a loop around a ``def`` does not repeat
    the calls inside the def's body. The ``iter`` of a ``for`` runs once.
    """
    child = node
    parent = node.parent
    while parent is not None and not isinstance(parent, (nodes.FunctionDef, nodes.Lambda, nodes.ClassDef, nodes.Module)):
        if isinstance(parent, nodes.For) and child in parent.body:
            return parent
        if isinstance(parent, nodes.While) and (child in parent.body or child is parent.test):
            return parent
        if isinstance(parent, nodes.Comprehension) and child is not parent.iter:
            return parent
        if isinstance(parent, (nodes.ListComp, nodes.SetComp, nodes.DictComp, nodes.GeneratorExp)):
            # the element expression is repeated once per item of the first generator
            generators = parent.generators
            if generators and child not in generators:
                return generators[-1]
        child = parent
        parent = parent.parent
    return None


def enclosing_with_items(node: nodes.NodeNG) -> list[nodes.NodeNG]:
    """The context expressions of the ``with`` statements around ``node`` in its own function (the
    innermost first): ``tf.device(d)`` of ``with tf.device(d): f(x)``. A ``with`` around the def of
    the function holding ``node`` does not count: it is not entered when the function runs."""
    items: list[nodes.NodeNG] = []
    child, parent = node, node.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.ClassDef, nodes.Module)):
        if isinstance(parent, nodes.With) and child in parent.body:
            items.extend(expr for expr, _target in parent.items)
        child, parent = parent, parent.parent
    return items
