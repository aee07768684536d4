"""Outer Python state: who changes it, and when.

``OuterState`` (one per module, ``TraceModel.outer_state``) answers, for module-level names, ``self``
attributes and outer containers: how a name is bound outside a function (module level, closure,
attribute), whether it holds a Python container, which functions rebind it (``global X; X = ...``)
or change its items and attributes (``X[k] = v``, ``X.attr = v``, ``X.update(...)``), and whether
that function runs at trace time (the model's traced code) or eagerly. It also says which reads of
such state the graph bakes in (``flows_into_graph``), and which trace-time writes are one-time
normalisations (``normalises_once``: ``if self.axis < 0: self.axis += ndims``). What is changed in
place (self attributes by eager code, parameters) is ``mutations``'.
"""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.execution.guards import guard_of
from pylint_hybridize.model.project.index import module_index
from pylint_hybridize.model.project.store import node_fact
from pylint_hybridize.model.state.iterators import assigned_value, is_python_iterator, iterator_passed_twice
from pylint_hybridize.model.state.mutations import (
    MUTATING_METHODS, Mutation, eager_attribute_updates, hinted_container, parameter_mutations, records_once,
)
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import enclosing_class, is_self_reference, resolve_function_reference
from pylint_hybridize.model.syntax.walk import FUNCTION_TYPES, is_none_test, owner
from pylint_hybridize.model.values.static import is_static

# -- the outer state of a module: who rebinds or changes it, and when ---------------------
_CONTAINER_BUILTINS = frozenset({"list", "dict", "set"})
_CONTAINER_FACTORIES = frozenset(
    {"collections.defaultdict", "collections.OrderedDict", "collections.deque", "collections.Counter"}
)
# module-level values whose contents a function can change: containers and constructed objects
_MUTABLE_VALUES = (nodes.Dict, nodes.List, nodes.Set, nodes.DictComp, nodes.ListComp, nodes.SetComp, nodes.Call)
# attributes that give the size of an array or tensor: a static Python int at trace time (or None)
_SIZE_ATTRIBUTES = frozenset({"ndim", "ndims", "rank", "size"})

ANY_PART = ("any",)
"""What ``X.update(...)`` or ``X[key] = v`` with a computed key may change: every item."""
REBINDING = ()
"""The part a rebinding (``global X; X = ...``) changes: the name itself."""


@dataclass(frozen=True)
class Write:
    """One place in a function that rebinds or changes a module-level name."""

    node: nodes.NodeNG
    """The AssignName of a rebinding; the Subscript, AssignAttr, DelAttr or mutating Call of a change."""
    function: nodes.FunctionDef
    """The function whose body holds it."""
    part: tuple
    """``REBINDING``; ``("item", key)``, ``("attr", name)`` or ``ANY_PART`` for a change."""
    at_trace_time: bool
    """The function runs at trace time (it is in the model's traced code); False: it runs eagerly."""


class OuterState:
    """Outer Python state of one module and who changes it (built lazily, once per model)."""

    def __init__(self, module: nodes.Module, traced: dict, calls: list[nodes.Call], calls_to=None) -> None:
        self.module = module
        self.traced = traced
        """The model's traced code: {function: TraceInfo}."""
        self.calls = calls
        self.calls_to = calls_to
        """The call graph's ``calls_to(function)``: every visible call of a def (None: not asked)."""
        self._rebinds: dict[str, list[Write]] | None = None
        self._changes: dict[str, list[Write]] | None = None

    # -- module-level names -----------------------------------------------------------
    def rebinds(self, name: str) -> list[Write]:
        """The assignments to module-level ``name`` in functions that declare it ``global``
        (in source order of the ``global`` statements); lazy ``if X is None`` ones included."""
        if self._rebinds is None:
            self._rebinds = self._find_rebinds()
        return self._rebinds.get(name, [])

    def changes(self, name: str) -> list[Write]:
        """Functions that change the items or attributes of the module-level object ``name`` (a
        container or a constructed object): ``X[k] = v``, ``del X[k]``, ``X.attr = v``,
        ``X.update(...)``; one Write per (function, part). Changes made by module-level statements
        run at import, before anything is traced, and are not listed."""
        if self._changes is None:
            self._changes = self._find_changes()
        return self._changes.get(name, [])

    def eager_changes(self, name: str, part: tuple) -> list[Write]:
        """The ``changes(name)`` made by eager functions (not at trace time) that may change ``part``
        (``part_of(read)``): a change of that very part, or of any part (``X.update(...)``)."""
        return [w for w in self.changes(name) if w.part in (ANY_PART, part) and not w.at_trace_time]

    def _find_rebinds(self) -> dict[str, list[Write]]:
        found: dict[str, list[Write]] = {}
        seen: set[nodes.NodeNG] = set()
        for statement in module_index(self.module).of_class(nodes.Global):
            function = owner(statement)
            if not isinstance(function, nodes.FunctionDef):
                continue
            for name in statement.names:
                if not self.module.locals.get(name):
                    continue
                for target in function.nodes_of_class(nodes.AssignName, skip_klass=FUNCTION_TYPES):
                    if target.name == name and target not in seen:
                        seen.add(target)
                        found.setdefault(name, []).append(
                            Write(target, function, REBINDING, function in self.traced)
                        )
        return found

    def _find_changes(self) -> dict[str, list[Write]]:
        data = {
            name
            for name, bindings in self.module.locals.items()
            if bindings
            and all(
                isinstance(b, nodes.AssignName) and isinstance(b.parent, nodes.Assign)
                and isinstance(b.parent.value, _MUTABLE_VALUES)
                for b in bindings
            )
        }
        found: dict[str, list[Write]] = {}
        if not data:
            return found
        seen: set[tuple] = set()
        for node in module_index(self.module).of_class((nodes.Subscript, nodes.AssignAttr, nodes.DelAttr, nodes.Call)):
            target = _changed_object(node)
            if not isinstance(target, nodes.Name) or target.name not in data:
                continue
            function = owner(node)
            if not isinstance(function, nodes.FunctionDef):
                continue
            part = ANY_PART if isinstance(node, nodes.Call) else part_of(node)
            key = (target.name, function, part)
            if key in seen or not isinstance(names.binding_scope(target), nodes.Module):
                continue
            seen.add(key)
            found.setdefault(target.name, []).append(Write(node, function, part, function in self.traced))
        return found

    @staticmethod
    def declares_global(function: nodes.NodeNG | None, name: str) -> bool:
        """``global <name>`` in the body of ``function`` (not in functions nested in it)."""
        if not isinstance(function, nodes.FunctionDef):
            return False
        return any(name in g.names for g in function.nodes_of_class(nodes.Global, skip_klass=FUNCTION_TYPES))

    @staticmethod
    def declared_outer(target: nodes.AssignName) -> bool:
        """``global x`` / ``nonlocal x`` in the function that assigns ``x``."""
        function = owner(target)
        if not isinstance(function, nodes.FunctionDef):
            return False
        return target.name in node_fact(function, "declared-outer", lambda: _declared_outer_names(function))

    @staticmethod
    def module_level_object(expr: nodes.NodeNG) -> bool:
        """``CONFIG`` in ``CONFIG.last = t``: a name bound at module level (not a module import)."""
        return names.bound_as(
            expr,
            lambda scope, assignments: isinstance(scope, nodes.Module)
            and all(isinstance(a, nodes.AssignName) for a in assignments),
            builtins=False,
        )

    # -- names and attributes bound outside a function --------------------------------------
    @staticmethod
    def binding_kind(expr: nodes.NodeNG) -> str | None:
        """'module-level' / 'closure' / 'attribute' when ``expr`` is bound outside the function
        that uses it (``self.x`` is an attribute); None for a local or anything else."""
        function = owner(expr)
        if isinstance(expr, nodes.Name):
            found = names.lookup(expr, builtins=False)
            if found is None:
                return None
            scope, assignments = found
            if not assignments or scope is function:
                return None
            if isinstance(scope, nodes.Module):
                return "module-level"
            if isinstance(scope, nodes.FunctionDef):
                return "closure"
            return None
        if isinstance(expr, nodes.Attribute) and is_self_reference(expr.expr):
            return "attribute"
        return None

    def container(self, receiver: nodes.NodeNG) -> str | None:
        """Where the outer Python container ``receiver`` is defined ('a module-level container',
        'a closure container', 'an attribute container'); None when not sure it is one, and for a
        closure container bound in a function that itself runs at trace time (made afresh on every
        run, it does not outlive the trace)."""
        kind = self.binding_kind(receiver)
        if kind is None:
            return None
        if isinstance(receiver, nodes.Name):
            _scope, assignments = names.lookup(receiver, builtins=False) or (None, [])
            values = [assigned_value(a) for a in assignments]
            if not (values and all(is_container_value(v) for v in values)):
                return None
            scope = names.binding_scope(receiver)
            if isinstance(scope, nodes.FunctionDef) and scope in self.traced:
                return None
            return f"a {kind} container"
        cls = enclosing_class(receiver)
        if cls is None or not isinstance(receiver, nodes.Attribute):
            return None
        values = [assigned_value(a) for a in cls.instance_attrs.get(receiver.attrname, ())]
        if values and all(is_container_value(v) for v in values):
            return "an attribute container"
        return None

    @staticmethod
    def fills_cache_lazily(node: nodes.NodeNG, receiver: nodes.NodeNG) -> bool:
        """``node`` fills ``receiver`` under ``if v is None:`` with ``v = receiver.get(key)`` in the same
        function: a cache that makes an object (a tf.Variable, a layer) the first time a key is traced
        and finds it afterwards, the lazy-creation idiom, not state the graph needs on every call."""
        function = owner(node)
        lazy = guard_of(node).lazy_subjects
        if function is None or not lazy:
            return False
        spelled = receiver.as_string()
        for assign in function.nodes_of_class(nodes.Assign):
            value = assign.value
            if (
                owner(assign) is function
                and len(assign.targets) == 1
                and isinstance(assign.targets[0], nodes.AssignName)
                and assign.targets[0].name in lazy
                and isinstance(value, nodes.Call)
                and isinstance(value.func, nodes.Attribute)
                and value.func.attrname == "get"
                and value.func.expr.as_string() == spelled
            ):
                return True
        return False

    def records_once(self, node: nodes.NodeNG, receiver: nodes.NodeNG) -> bool:
        """``mutations.records_once`` with this module's traced code."""
        return records_once(node, receiver, self.traced)

    def box_assignment(self, target: nodes.Subscript) -> bool:
        """``box[0] = v`` with a constant index on a closure variable: the "capture a value while
        tracing" idiom, not a container being filled."""
        return (
            isinstance(target.slice, nodes.Const)
            and isinstance(target.slice.value, int)
            and self.binding_kind(target.value) == "closure"
        )

    def outer_python_iterator(self, expr: nodes.NodeNG) -> bool:
        """``expr`` is an outer name bound (once) to a Python iterator, or a parameter to which visible
        calls pass one such name at least twice (``iterators``)."""
        if self.binding_kind(expr) is not None:
            return is_python_iterator(expr)
        return self.calls_to is not None and iterator_passed_twice(expr, self.calls_to)

    # -- self attributes -------------------------------------------------------------------
    def eager_attribute_updates(self, cls: nodes.ClassDef, attribute: str) -> list[tuple[nodes.NodeNG, nodes.NodeNG]]:
        """``eager_attribute_updates`` with this module's traced code and calls."""
        return eager_attribute_updates(cls, attribute, self.traced, self.calls)

    # -- arguments ---------------------------------------------------------------------------
    @staticmethod
    def parameter_mutations(function: nodes.NodeNG) -> dict[str, Mutation]:
        """``parameter_mutations`` through the project's function references."""
        return parameter_mutations(function, resolve_function_reference)

    hinted_container = staticmethod(hinted_container)

    @staticmethod
    def passes_container(call: nodes.Call, function: nodes.NodeNG, parameter: str) -> bool:
        """``call`` passes a Python list/dict/set (a literal, or a name bound to one) as ``parameter``."""
        if not isinstance(function, nodes.FunctionDef):
            return False
        positional = [a.name for a in (function.args.posonlyargs or []) + (function.args.args or [])]
        if positional and isinstance(function.parent, nodes.ClassDef):
            positional = positional[1:]
        arguments = [a for i, a in enumerate(call.args) if i < len(positional) and positional[i] == parameter]
        arguments += [k.value for k in call.keywords or () if k.arg == parameter]
        for argument in arguments:
            if is_container_value(argument):
                return True
            binding = names.sole_binding(argument)
            if binding is not None and is_container_value(assigned_value(binding)):
                return True
            if OuterState._container_attribute(argument):
                return True
        return False

    @staticmethod
    def _container_attribute(argument: nodes.NodeNG) -> bool:
        """``self.items`` of a plain class (no base: no tracking wrapper) every assignment of which in
        the class is a list/dict/set (issue 27)."""
        if not (isinstance(argument, nodes.Attribute) and is_self_reference(argument.expr)):
            return False
        cls = enclosing_class(argument)
        if cls is None or cls.bases:
            return False
        targets = cls.instance_attrs.get(argument.attrname, ())
        return bool(targets) and all(
            isinstance(t, nodes.AssignAttr) and isinstance(t.parent, nodes.Assign) and is_container_value(t.parent.value)
            for t in targets
        )

    # -- reads and writes at trace time ------------------------------------------------------
    @staticmethod
    def flows_into_graph(read: nodes.NodeNG, decisions: bool = False) -> bool:
        """The value read becomes part of what the graph computes: an operand, a TF op argument, a
        return value (with ``decisions``, also a comparison or condition decided while tracing:
        ``if self.steps >= N``). ``TRACKER.add(obj)`` or ``if X is None`` use it without baking it in."""
        parent = read.parent
        if isinstance(parent, (nodes.BinOp, nodes.UnaryOp, nodes.Return)):
            return True
        if decisions and (isinstance(parent, (nodes.Compare, nodes.BoolOp))
                          or isinstance(parent, (nodes.If, nodes.While, nodes.IfExp)) and parent.test is read):
            return True
        if isinstance(parent, nodes.Keyword):
            parent = parent.parent
        if isinstance(parent, nodes.Call) and read is not parent.func and isinstance(parent.func, (nodes.Name, nodes.Attribute)):
            return names.is_tensorflow(names.qualified_name(parent.func))
        return False

    def normalises_once(self, statement: nodes.NodeNG) -> bool:
        """``statement`` (``x = <value>`` or ``x op= <value>``) runs under a test of the same ``x``
        that its new value makes false, and that value comes from static Python facts only: it
        normalises ``x`` on the first trace, and every later trace sees the same value, as eager
        execution would.

        - ``if x is None: x = <static, not None>`` (a lazy default);
        - ``if x < 0: x = x + n`` / ``n + x`` / ``x % n`` / ``x += n`` where ``n`` is a static size
          (``len(...)``, ``.ndim``/``.ndims``/``.rank``/``.size``, ``.shape[i]``, or a name bound
          once to one): a negative axis or index made non-negative.

        A counter (``if x < 0: x += 1``) is not one: 1 is not a size."""
        if isinstance(statement, nodes.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
        elif isinstance(statement, nodes.AugAssign):
            target = statement.target
        else:
            return False
        written = target.as_string()
        child, parent = statement, statement.parent
        while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.Module, nodes.ClassDef)):
            if isinstance(parent, nodes.If) and child in parent.body and self._falsifies(statement, written, parent.test):
                return True
            child, parent = parent, parent.parent
        return False

    def _falsifies(self, statement: nodes.NodeNG, written: str, test: nodes.NodeNG) -> bool:
        value = statement.value
        if is_none_test(test, written):
            return (
                isinstance(statement, nodes.Assign)
                and not (isinstance(value, nodes.Const) and value.value is None)
                and is_static(value, self.traced)
            )
        if not _negative_test(test, written):
            return False
        if isinstance(statement, nodes.AugAssign):
            return statement.op in ("+=", "%=") and self._static_size(value)
        if not isinstance(value, nodes.BinOp):
            return False
        left, right = value.left.as_string() == written, value.right.as_string() == written
        if value.op == "+" and left != right:
            return self._static_size(value.right if left else value.left)
        return value.op == "%" and left and not right and self._static_size(value.right)

    def _static_size(self, expr: nodes.NodeNG) -> bool:
        return _is_size(expr, 0) and is_static(expr, self.traced)


def _negative_test(test: nodes.NodeNG, written: str) -> bool:
    """``<written> < 0`` or ``0 > <written>``."""
    if not (isinstance(test, nodes.Compare) and len(test.ops) == 1):
        return False
    op, right = test.ops[0]
    if op == "<":
        subject, bound = test.left, right
    elif op == ">":
        subject, bound = right, test.left
    else:
        return False
    return subject.as_string() == written and isinstance(bound, nodes.Const) and bound.value == 0 \
        and type(bound.value) is int


def _is_size(expr: nodes.NodeNG, depth: int) -> bool:
    """``len(...)``, ``x.ndim``/``.ndims``/``.rank``/``.size``, ``x.shape[i]``, or a name bound once to one."""
    if depth > 4:
        return False
    if isinstance(expr, nodes.Call):
        return names.builtin_name(expr.func) == "len"
    if isinstance(expr, nodes.Attribute):
        return expr.attrname in _SIZE_ATTRIBUTES
    if isinstance(expr, nodes.Subscript):
        return isinstance(expr.value, nodes.Attribute) and expr.value.attrname == "shape"
    if isinstance(expr, nodes.Name):
        binding = names.sole_binding(expr)
        value = assigned_value(binding) if binding is not None else None
        return value is not None and _is_size(value, depth + 1)
    return False


def member_read(node: nodes.Name) -> nodes.Subscript | nodes.Attribute | None:
    """``X[...]`` or ``X.attr`` when ``node`` is the ``X`` it reads from (its parent); None otherwise."""
    parent = node.parent
    if isinstance(parent, nodes.Subscript) and parent.value is node:
        return parent
    if isinstance(parent, nodes.Attribute) and parent.expr is node:
        return parent
    return None


def updates_from_old_value(statement: nodes.Assign) -> bool:
    """``x = x + 1``, ``self.n = 2 * self.n``: the value is a binary operation with the (first)
    target, as written, as one of its operands."""
    value = statement.value
    return isinstance(value, nodes.BinOp) and statement.targets[0].as_string() in (
        value.left.as_string(), value.right.as_string()
    )


def part_of(node: nodes.NodeNG) -> tuple:
    """What ``X[...]``/``X.a`` reads or writes of ``X``: ``("item", "k")`` for ``X["k"]``,
    ``("attr", "a")`` for ``X.a``; ``ANY_PART`` for a computed key."""
    if isinstance(node, nodes.Subscript):
        if isinstance(node.slice, nodes.Const):
            return ("item", node.slice.value)
        return ANY_PART
    return ("attr", node.attrname)


def _changed_object(node: nodes.NodeNG) -> nodes.NodeNG | None:
    """``X`` in ``X[k] = v``, ``del X[k]``, ``X.attr = v``, ``X.update(...)``; None otherwise."""
    if isinstance(node, nodes.Subscript):
        return node.value if getattr(node.ctx, "name", "") in ("Store", "Del") else None
    if isinstance(node, (nodes.AssignAttr, nodes.DelAttr)):
        return node.expr
    if isinstance(node, nodes.Call) and isinstance(node.func, nodes.Attribute) and node.func.attrname in MUTATING_METHODS:
        return node.func.expr
    return None


def is_container_value(value: nodes.NodeNG | None) -> bool:
    """A list/dict/set display or comprehension, ``list()``/``dict()``/``set()`` or a collections container."""
    if isinstance(value, (nodes.List, nodes.Dict, nodes.Set, nodes.ListComp, nodes.DictComp, nodes.SetComp)):
        return True
    if isinstance(value, nodes.Call):
        if names.builtin_name(value.func) in _CONTAINER_BUILTINS:
            return True
        return names.qualified_name(value.func) in _CONTAINER_FACTORIES
    return False


def _declared_outer_names(function: nodes.FunctionDef) -> frozenset[str]:
    """The names ``global`` / ``nonlocal`` statements of ``function``'s body declare (nested defs left
    out), read once per function: asked for every assignment in it."""
    return frozenset(
        name
        for statement in function.nodes_of_class((nodes.Global, nodes.Nonlocal), skip_klass=FUNCTION_TYPES)
        for name in statement.names
    )

