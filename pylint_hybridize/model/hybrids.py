"""Find the hybrid functions of a module: what ``tf.function`` turns into graphs.

Spellings recognised (``tf`` resolved through imports, see ``names``)::

    @tf.function                    @tf.function(jit_compile=True)
    g = tf.function(f)              g = tf.function(f, input_signature=[...])
    g = tf.function(lambda x: x)    self.step = tf.function(self._step)
    g = tf.function(**opts)(f)      @configured.wrapper  /  @configured.wrapper(...)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from astroid import nodes

from pylint_hybridize.model import names
from pylint_hybridize.model.signature import Spec, parse_input_signature

TF_FUNCTION = "tensorflow.function"

# tf.function's parameters in order, so positional options can be named.
TF_FUNCTION_PARAMETERS = (
    "func",
    "input_signature",
    "autograph",
    "jit_compile",
    "reduce_retracing",
    "experimental_implements",
    "experimental_autograph_options",
    "experimental_attributes",
    "experimental_relax_shapes",
    "experimental_compile",
    "experimental_follow_type_hints",
)


# Wrappers whose autograph default is known.
WRAPPER_AUTOGRAPH_DEFAULTS = {
    # tf_agents/utils/common.py: ``autograph = kwargs.pop('autograph', False)``
    "tf_agents.utils.common.function": False,
}


class _Unknown:
    """An option given as an expression we do not evaluate."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()

FunctionLike = nodes.FunctionDef | nodes.Lambda


@dataclass(eq=False)
class HybridFunction:
    """One Python function that runs as a graph because of tf.function."""

    function: FunctionLike
    """The def or lambda whose body runs at trace time."""
    creation: nodes.NodeNG
    """The decorator expression, or the ``tf.function(...)`` call."""
    via: str
    """``decorator`` or ``call``."""
    wrapper: str = TF_FUNCTION
    """Qualified name of what made it hybrid (tf.function or a configured wrapper)."""
    options: dict[str, nodes.NodeNG] = field(default_factory=dict)
    """Keyword (or positional) arguments given to tf.function, as written."""
    bindings: list[nodes.NodeNG] = field(default_factory=list)
    """AssignName / AssignAttr nodes the ``tf.function(...)`` result is stored in."""
    value: nodes.Call | None = None
    """The expression that evaluates to the hybrid: ``tf.function(f, ...)`` or ``tf.function(...)(f)``
    (``via == 'call'``); calling it (``tf.function(f)(x)``) calls the hybrid."""

    @property
    def name(self) -> str:
        return display_name(self.function)

    @property
    def is_wrapper(self) -> bool:
        return self.wrapper != TF_FUNCTION

    def option(self, name: str, default: Any = None) -> Any:
        """The option's literal value; ``default`` when absent; UNKNOWN when not a literal."""
        node = self.options.get(name)
        if node is None:
            return default
        if isinstance(node, nodes.Const):
            return node.value
        return UNKNOWN

    @property
    def autograph(self) -> bool | None:
        """True/False when known; None for configured wrappers that may change the default."""
        default = None if self.is_wrapper else True
        value = self.option("autograph", default)
        return None if value is UNKNOWN else value

    @property
    def effective_autograph(self) -> bool | None:
        """autograph as it will be: tf.function's default True, known wrapper defaults
        (``WRAPPER_AUTOGRAPH_DEFAULTS``), None when unknown."""
        value = self.autograph
        if value is not None:
            return value
        if "autograph" in self.options:
            return None  # given, but not as a literal
        function = self.function
        if isinstance(function, nodes.FunctionDef) and function.decorators and any(
            decorator is not self.creation for decorator in function.decorators.nodes
        ):
            # another decorator may set the wrapper's defaults (tf_agents'
            # ``@common.set_default_tf_function_parameters(autograph=True)``)
            return None
        return WRAPPER_AUTOGRAPH_DEFAULTS.get(self.wrapper)

    @property
    def reduce_retracing(self) -> bool | None:
        """reduce_retracing as it will be (its old name experimental_relax_shapes too): the literal
        given; False when absent (tf.function's default, which no known wrapper changes); None when
        not a literal."""
        return self._boolean_setting("reduce_retracing", "experimental_relax_shapes")

    @property
    def jit_compile(self) -> bool | None:
        """jit_compile as it will be (its old name experimental_compile too); False when absent (TF
        then compiles nothing with XLA on purpose); None when not a literal."""
        return self._boolean_setting("jit_compile", "experimental_compile")

    def _boolean_setting(self, *spellings: str) -> bool | None:
        for spelling in spellings:
            value = self.option(spelling)
            if value is not None:
                return None if value is UNKNOWN else bool(value)
        return False

    @property
    def has_input_signature(self) -> bool:
        return self.option("input_signature") not in (None,)

    @cached_property
    def signature(self) -> list[Spec] | None:
        """The parsed ``input_signature`` (one ``Spec`` per positional parameter: literal shape, dtype,
        node); None without one, or when it is not a list/tuple literal (``input_signature=SPECS``)."""
        return parse_input_signature(self.options.get("input_signature"))


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
    """``keras-step``, ``keras-call``, ``dataset`` or ``vectorized-map``."""
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


def display_name(function: nodes.NodeNG) -> str:
    """``train_step``, ``Trainer.train_step`` for methods, ``<lambda>`` for lambdas."""
    if isinstance(function, nodes.Lambda):
        binding = function.parent
        if isinstance(binding, nodes.Call):  # h = tf.function(lambda x: ...), not ds = ds.map(lambda x: ...)
            wrapper = names.qualified_name(binding.func) if isinstance(binding.func, (nodes.Name, nodes.Attribute)) else None
            if wrapper is None or not wrapper.endswith("function"):
                return "<lambda>"
            binding = binding.parent
        if isinstance(binding, nodes.Assign) and binding.targets:
            target = binding.targets[0]
            if isinstance(target, nodes.AssignName):
                return target.name
        return "<lambda>"
    name = getattr(function, "name", "<function>")
    parent = function.parent
    if isinstance(parent, nodes.ClassDef):
        return f"{parent.name}.{name}"
    return name


class HybridFinder:
    """Recognises tf.function (and configured wrappers) in decorators and calls."""

    def __init__(self, extra_wrappers: tuple[str, ...] = ()) -> None:
        self.wrappers = frozenset({TF_FUNCTION, *(names.canonical(w) for w in extra_wrappers)})

    def wrapper_of(self, node: nodes.NodeNG) -> str | None:
        """``tensorflow.function`` when ``node`` names tf.function or a wrapper."""
        if not isinstance(node, (nodes.Name, nodes.Attribute)):
            return None
        qualified = names.qualified_name(node)
        if qualified in self.wrappers:
            return qualified
        return None

    # -- decorators -----------------------------------------------------
    def from_decorators(self, function: nodes.FunctionDef) -> HybridFunction | None:
        if not function.decorators:
            return None
        for decorator in function.decorators.nodes:
            wrapper = self.wrapper_of(decorator)
            if wrapper is not None:
                return HybridFunction(function, decorator, "decorator", wrapper)
            if isinstance(decorator, nodes.Call):
                wrapper = self.wrapper_of(decorator.func)
                if wrapper is not None:
                    return HybridFunction(
                        function, decorator, "decorator", wrapper, options=_options(decorator, skip_func=True)
                    )
        return None

    # -- tf.function(f) calls ----------------------------------------------
    def from_call(self, call: nodes.Call) -> HybridFunction | None:
        """``tf.function(f, ...)`` or ``tf.function(...)(f)``; None otherwise."""
        wrapper = self.wrapper_of(call.func)
        if wrapper is not None:
            target = _func_argument(call)
            if target is None:
                return None  # tf.function(input_signature=...) alone: a decorator factory
            function = resolve_function_reference(target)
            if function is None:
                return None
            return HybridFunction(
                function, call, "call", wrapper, _options(call, skip_func=True), _bindings(call), value=call
            )
        if isinstance(call.func, nodes.Call) and call.args:
            factory_wrapper = self.wrapper_of(call.func.func)
            if factory_wrapper is not None and _func_argument(call.func) is None:
                function = resolve_function_reference(call.args[0])
                if function is None:
                    return None
                return HybridFunction(
                    function, call.func, "call", factory_wrapper, _options(call.func, skip_func=True), _bindings(call),
                    value=call,
                )
        return None


def _func_argument(call: nodes.Call) -> nodes.NodeNG | None:
    if call.args and not isinstance(call.args[0], nodes.Starred):
        return call.args[0]
    for keyword in call.keywords or ():
        if keyword.arg == "func":
            return keyword.value
    return None


def _options(call: nodes.Call, skip_func: bool) -> dict[str, nodes.NodeNG]:
    options: dict[str, nodes.NodeNG] = {}
    for index, argument in enumerate(call.args):
        if isinstance(argument, nodes.Starred) or index >= len(TF_FUNCTION_PARAMETERS):
            break
        name = TF_FUNCTION_PARAMETERS[index]
        if skip_func and name == "func":
            continue
        options[name] = argument
    for keyword in call.keywords or ():
        if keyword.arg is not None and keyword.arg != "func":
            options[keyword.arg] = keyword.value
    return options


def _bindings(call: nodes.Call) -> list[nodes.NodeNG]:
    """Where ``x = tf.function(f)`` stores the hybrid: the AssignName/AssignAttr targets."""
    parent = call.parent
    if isinstance(parent, (nodes.Assign, nodes.AnnAssign)):
        targets = parent.targets if isinstance(parent, nodes.Assign) else [parent.target]
        return [t for t in targets if isinstance(t, (nodes.AssignName, nodes.AssignAttr))]
    return []


def enclosing_class(node: nodes.NodeNG) -> nodes.ClassDef | None:
    """The class whose method contains ``node`` (through nested functions too)."""
    frame = node.frame()
    while frame is not None and not isinstance(frame, nodes.Module):
        parent = frame.parent
        if isinstance(parent, nodes.ClassDef):
            return parent
        if parent is None:
            return None
        frame = parent.frame()
    return None


def is_self_reference(node: nodes.NodeNG) -> bool:
    """``self``/``cls``: the first parameter of the enclosing method."""
    if not isinstance(node, nodes.Name):
        return False
    frame = node.frame()
    while isinstance(frame, (nodes.FunctionDef, nodes.Lambda)):
        if isinstance(frame, nodes.FunctionDef) and isinstance(frame.parent, nodes.ClassDef):
            positional = frame.args.posonlyargs + frame.args.args if frame.args.args is not None else []
            return bool(positional) and positional[0].name == node.name
        parent = frame.parent
        if parent is None:
            return False
        frame = parent.frame()
    return False


def class_method(cls: nodes.ClassDef, name: str, _depth: int = 0) -> nodes.FunctionDef | None:
    """A method by name in ``cls`` or its project base classes, without inference."""
    for candidate in cls.locals.get(name, ()):
        if isinstance(candidate, nodes.FunctionDef):
            return candidate
    if _depth > 5:
        return None
    for base in cls.bases:
        base_class = resolve_local_class(base)
        if base_class is not None and base_class is not cls:
            found = class_method(base_class, name, _depth + 1)
            if found is not None:
                return found
    return None


def resolve_local_class(node: nodes.NodeNG) -> nodes.ClassDef | None:
    """A Name that is bound to a class defined in this module (its one binding is the ``class``
    statement; a builtin class such as ``float`` answers too: ``names.only_assignment``)."""
    assignment = names.only_assignment(node)
    return assignment if isinstance(assignment, nodes.ClassDef) else None


FUNCTOOLS_PARTIAL = "functools.partial"


def partial_target(node: nodes.NodeNG, *, keywords_only: bool = False) -> nodes.NodeNG | None:
    """``f`` of ``functools.partial(f, ...)``; None for anything else. ``keywords_only``: only when the
    partial binds keywords alone, so that a call's positions still bind the parameters of ``f``."""
    if not (isinstance(node, nodes.Call) and node.args and isinstance(node.func, (nodes.Name, nodes.Attribute))):
        return None
    if keywords_only and len(node.args) > 1:
        return None
    return node.args[0] if names.qualified_name(node.func) == FUNCTOOLS_PARTIAL else None


def resolve_function_reference(node: nodes.NodeNG) -> FunctionLike | None:
    """What ``f``, ``self._f``, ``lambda ...`` or ``functools.partial(f, k=...)`` refers to, without
    inference (a partial that binds positions too is not resolved: call sites would bind wrongly)."""
    if isinstance(node, nodes.Lambda):
        return node
    target = partial_target(node, keywords_only=True)
    if target is not None:
        return resolve_function_reference(target)
    if isinstance(node, nodes.Name):
        assignment = names.only_assignment(node)
        if assignment is None:
            return None
        if assignment.root() is not node.root():
            return None  # builtins, or another module: see traced.resolve_callee
        if isinstance(assignment, nodes.FunctionDef):
            return assignment
        if isinstance(assignment, nodes.AssignName):
            assign = assignment.parent
            if isinstance(assign, nodes.Assign) and isinstance(assign.value, nodes.Lambda):
                return assign.value
        return None
    if isinstance(node, nodes.Attribute) and is_self_reference(node.expr):
        cls = enclosing_class(node)
        if cls is not None:
            return class_method(cls, node.attrname)
    if isinstance(node, nodes.Attribute):
        cls = instance_class(node.expr, sole_target=True)
        if cls is not None:
            return class_method(cls, node.attrname)
    return None


def instance_class(node: nodes.NodeNG, *, sole_target: bool = False) -> nodes.ClassDef | None:
    """The class of ``obj`` when ``obj`` is a name bound once, to ``Cls(...)`` of a class of this module
    (``sole_target``: by ``obj = Cls(...)`` alone, see ``names.bound_value``)."""
    value = names.bound_value(node, sole_target=sole_target)
    return resolve_local_class(value.func) if isinstance(value, nodes.Call) else None
