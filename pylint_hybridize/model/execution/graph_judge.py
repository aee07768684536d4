"""``GraphJudge``: the ``bodies.BodyJudge`` of the graph one ``tf-function-opportunity`` candidate
would become. A parameter of a def in it receives what the calls *in that graph* pass (the
candidate's own parameters: what its visible calls pass); and a list that a helper appends to while
iterating a Python sequence (the outputs of a multi-output Keras model) is unrolled at trace time.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.calls.graph import CallGraph, builds_instance
from pylint_hybridize.model.execution import bodies
from pylint_hybridize.model.hybrids.keras import holds_keras_network
from pylint_hybridize.model.project.index import calls_from_importers
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import argument_or_default, bind_arguments, keyword_value, parameter_of
from pylint_hybridize.model.syntax.references import enclosing_class, is_self_reference
from pylint_hybridize.model.syntax.walk import owner
from pylint_hybridize.model.values.shapes import int_literal, loop_carried
from pylint_hybridize.model.values.static import is_static

_ARGUMENT_DEPTH = 4
_SEQUENCE_DEPTH = 12  # steps through names, parameters, attributes and returns


class GraphJudge:
    """``bodies.BodyJudge`` for the graph one candidate would become: a parameter of a def in it
    receives what the calls *in that graph* pass (the candidate's own parameters: what its visible
    calls pass), so a helper that other, eager, code calls differently is judged by this graph's
    calls only (``gradient_penalty(functools.partial(D, ...), ..., mode=args.mode)`` in ``train_D``)."""

    def __init__(self, model, root: nodes.FunctionDef, incoming: dict[nodes.FunctionDef, list[nodes.Call]]) -> None:
        self.model = model
        self.root = root
        self.incoming = incoming
        self.answers: dict = {}

    def network_parameter(self, function: nodes.FunctionDef, name: str) -> bool:
        """Every call passes a Keras network as ``name``: a name or a call ``holds_keras_network``
        proves, a name bound to a new Keras object, ``functools.partial`` of one, or a parameter of
        the calling def for which the same holds. No calls: False."""
        return self._every(function, name, self._network_value, 0)

    def static_parameter(self, function: nodes.FunctionDef, name: str) -> bool:
        """Every call passes a Python value fixed at trace time as ``name`` (``is_static``: a literal,
        a module setting such as ``args.mode``), or a parameter of the calling def for which the same
        holds; a call leaving it out takes a literal default."""
        return self._every(function, name, self._static_value, 0)

    def _every(self, function: nodes.FunctionDef, name: str, check, depth: int) -> bool:
        key = (check.__name__, function, name)
        limit = _SEQUENCE_DEPTH if check.__name__ in ("_sequence_value", "_list_model_value") else _ARGUMENT_DEPTH
        if depth > limit or key in self.answers and self.answers[key] is None:
            return False  # too deep, or re-entered (recursion): unsure
        if key not in self.answers:
            self.answers[key] = None
            self.answers[key] = self._compute(function, name, check, depth)
        return bool(self.answers[key])

    def _compute(self, function: nodes.FunctionDef, name: str, check, depth: int) -> bool:
        sites = self.model.calls_to(function) if function is self.root else self.incoming.get(function)
        if not sites:
            return False
        for site in sites:
            value, default = argument_or_default(site, function, name)
            if value is None or (default and not isinstance(value, nodes.Const)):
                return False
            if not check(value, site, depth):
                return False
        return True

    @staticmethod
    def _caller_parameter(value: nodes.NodeNG, site: nodes.Call) -> tuple[nodes.FunctionDef, str] | None:
        """(the calling def, the parameter) when ``value`` is a parameter it never rebinds
        (``binding.parameter_of``: not ``self``/``cls``, ``*args``, ``**kwargs``)."""
        found = parameter_of(value)
        return found if found is not None and found[0] is owner(site) else None

    def _network_value(self, value: nodes.NodeNG, site: nodes.Call, depth: int) -> bool:
        passed = self._caller_parameter(value, site)
        if passed is not None:
            return self._every(*passed, self._network_value, depth + 1)
        if isinstance(value, nodes.Call) and isinstance(value.func, (nodes.Name, nodes.Attribute)) \
                and names.qualified_name(value.func) == "functools.partial" and value.args:
            return self._network_value(value.args[0], site, depth)
        if isinstance(value, nodes.Name) and bodies.keras_model_name(value):
            return True
        return holds_keras_network(value)

    def _static_value(self, value: nodes.NodeNG, site: nodes.Call, depth: int) -> bool:
        passed = self._caller_parameter(value, site)
        if passed is not None:
            return self._every(*passed, self._static_value, depth + 1)
        return is_static(value, frozenset(a for a in site.node_ancestors() if isinstance(a, nodes.FunctionDef)))

    # -- a local list filled while a Python loop unrolls ------------------------------------
    def unrolled_append(self, call: nodes.Call, function: nodes.FunctionDef) -> bool:
        """``losses.append(x)`` where ``losses`` is a local list (every binding ``losses = []``) and
        every statement around the call, up to its def, is a ``with`` or a ``for`` over a Python
        sequence (a list or tuple literal or comprehension, ``range`` of literal ints, a name bound
        only to one (loop-carried rebindings included), or the outputs
        of a Keras functional model built with a list of outputs, reached through parameters and
        ``self`` attributes set in ``__init__``): at trace time the loop is unrolled in Python and
        the list fills as it would eagerly. A loop over a tensor would become a ``tf.while_loop``,
        which cannot append to a Python list: not proven, not safe."""
        target = call.func.expr if isinstance(call.func, nodes.Attribute) else None
        if not isinstance(target, nodes.Name) or not isinstance(call.parent, nodes.Expr):
            return False
        bindings = [b for b in function.nodes_of_class(nodes.AssignName) if b.name == target.name and b.scope() is function]
        if not bindings or not all(
            isinstance(b.parent, nodes.Assign) and isinstance(b.parent.value, nodes.List) and b.parent.targets == [b]
            for b in bindings
        ):
            return False
        child, parent = call.parent, call.parent.parent
        while parent is not function:
            if isinstance(parent, nodes.For):
                if child not in parent.body or not self._python_sequence(parent.iter, 0):
                    return False
            elif not isinstance(parent, nodes.With):
                return False  # an ``if``/``while``/``try``: autograph may turn it into graph control flow
            child, parent = parent, parent.parent
        return True

    def _python_sequence(self, expr: nodes.NodeNG, depth: int) -> bool:
        if depth > _SEQUENCE_DEPTH:
            return False
        if isinstance(expr, (nodes.List, nodes.Tuple, nodes.ListComp)):
            return True
        if isinstance(expr, nodes.Call):
            if names.builtin_name(expr.func) == "range" and not expr.keywords and expr.args:
                # range of literal ints iterates Python ints (of a tensor, autograph makes a tf.while_loop)
                return all(int_literal(a) is not None for a in expr.args)
            return self._list_model(expr.func, depth + 1)
        return isinstance(expr, nodes.Name) and self._bindings_hold(expr, self._sequence_value, self._python_sequence, depth)

    def _sequence_value(self, value: nodes.NodeNG, site: nodes.Call, depth: int) -> bool:
        passed = self._caller_parameter(value, site)
        if passed is not None:
            return self._every(*passed, self._sequence_value, depth + 1)
        return self._python_sequence(value, depth + 1)

    def _list_model(self, func: nodes.NodeNG, depth: int) -> bool:
        """``func`` holds a Keras functional model whose outputs are a list (calling it returns a list)."""
        if depth > _SEQUENCE_DEPTH:
            return False
        if isinstance(func, nodes.Attribute) and is_self_reference(func.expr):
            return self._list_model_attribute(func, depth)
        return isinstance(func, nodes.Name) and self._bindings_hold(
            func, self._list_model_value, lambda value, depth: self._list_model_value(value, None, depth), depth
        )

    def _bindings_hold(self, name: nodes.Name, passed_check, value_check, depth: int) -> bool:
        """Every binding reaching ``name`` (and its rebindings later in the loops around it) is a
        parameter whose every call passes a value ``passed_check`` proves (``_every``), or ``name =
        <value>`` of a value ``value_check(value, depth)`` proves."""
        found = names.lookup(name, builtins=False)
        if found is None or not found[1]:
            return False
        for binding in [*found[1], *loop_carried(name, found[0])]:
            parent = binding.parent
            if isinstance(parent, nodes.Arguments) and isinstance(parent.parent, nodes.FunctionDef):
                if not self._every(parent.parent, binding.name, passed_check, depth + 1):
                    return False
            elif not (isinstance(parent, nodes.Assign) and parent.targets == [binding]
                      and value_check(parent.value, depth + 1)):
                return False
        return True

    def _list_model_value(self, value: nodes.NodeNG, site: nodes.Call | None, depth: int) -> bool:
        if depth > _SEQUENCE_DEPTH:
            return False
        if site is not None:
            passed = self._caller_parameter(value, site)
            if passed is not None:
                return self._every(*passed, self._list_model_value, depth + 1)
        if isinstance(value, nodes.Attribute) and is_self_reference(value.expr):
            return self._list_model_attribute(value, depth + 1)
        if isinstance(value, nodes.Name):
            bound = names.bound_value(value)
            return bound is not None and self._list_model_value(bound, None, depth + 1)
        if not isinstance(value, nodes.Call) or not isinstance(value.func, (nodes.Name, nodes.Attribute)):
            return False
        if names.qualified_name(value.func) in ("keras.Model", "keras.models.Model"):
            outputs = keyword_value(value, "outputs")
            if outputs is None and len(value.args) >= 2:
                outputs = value.args[1]
            if isinstance(outputs, nodes.Name):
                outputs = names.bound_value(outputs)
            return isinstance(outputs, (nodes.List, nodes.Tuple, nodes.ListComp))
        callee = CallGraph.of(value.root(), self.model.settings).callee_of(value)
        if not isinstance(callee, nodes.FunctionDef) or callee.is_generator():
            return False
        returns = [r for r in callee.nodes_of_class(nodes.Return) if r.scope() is callee]
        return bool(returns) and all(
            r.value is not None and self._list_model_value(r.value, None, depth + 1) for r in returns
        )

    def _list_model_attribute(self, attribute: nodes.Attribute, depth: int) -> bool:
        """``self.model`` set only in ``__init__``, from a parameter never rebound, that every
        visible ``Cls(...)`` of the class (in its module and its importers) passes a list model."""
        cls = enclosing_class(attribute)
        if cls is None:
            return False
        assignments = [a for a in cls.nodes_of_class(nodes.AssignAttr)
                       if a.attrname == attribute.attrname and is_self_reference(a.expr)]
        if not assignments:
            return False
        for assignment in assignments:
            method = assignment.scope()
            statement = assignment.parent
            if not (isinstance(method, nodes.FunctionDef) and method.name == "__init__" and method.parent is cls
                    and isinstance(statement, nodes.Assign) and statement.targets == [assignment]
                    and isinstance(statement.value, nodes.Name)
                    and parameter_of(statement.value) == (method, statement.value.name)):
                return False
            creations = self._creations(cls)
            if not creations:
                return False
            for creation in creations:
                value = bind_arguments(creation, method).values.get(statement.value.name)
                if value is None or not self._list_model_value(value, creation, depth + 1):
                    return False
        return True

    def _creations(self, cls: nodes.ClassDef) -> list[nodes.Call]:
        """Every ``Cls(...)`` in ``cls``'s module and the modules importing it by that name."""
        settings = self.model.settings
        home = cls.root()
        found = list(CallGraph.of(home, settings).instantiations(cls))
        try:
            for _other, calls in calls_from_importers(home, {cls.name}, settings.extra_wrappers):
                found += [c for c in calls if builds_instance(c, cls)]
        except (RecursionError, MemoryError, OSError):
            return []
        return found

