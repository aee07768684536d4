"""Binding a call's arguments to the parameters of the function it calls (``self``/``cls`` handled
here, and only here).
"""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.syntax import names


@dataclass(frozen=True)
class Binding:
    """The arguments of one call bound to the parameters of the function it calls."""

    values: dict[str, nodes.NodeNG]
    complete: bool
    """False when ``*args``/``**kwargs`` at the call hide what some parameters get."""


def implicit_first(function: nodes.NodeNG, call: nodes.Call | None) -> bool:
    """Whether the function's first parameter is filled implicitly (``self``/``cls``) at ``call``."""
    if not isinstance(function, nodes.FunctionDef) or not isinstance(function.parent, nodes.ClassDef):
        return False
    decorators = {d.as_string().rsplit(".", 1)[-1] for d in (function.decorators.nodes if function.decorators else ())}
    if "staticmethod" in decorators:
        return False
    if "classmethod" in decorators:
        return True
    if call is not None and isinstance(call.func, nodes.Attribute) and isinstance(call.func.expr, nodes.Name):
        assignment = names.only_assignment(call.func.expr)
        if assignment is not None and assignment is function.parent:
            return False  # Class.method(instance, ...)
    return True


def parameters(function: nodes.NodeNG, call: nodes.Call | None = None) -> list[str]:
    """Positional parameter names as a caller fills them (``self``/``cls`` left out for method calls)."""
    arguments = getattr(function, "args", None)
    if not isinstance(arguments, nodes.Arguments) or arguments.args is None:
        return []
    positional = [a.name for a in (arguments.posonlyargs or []) + (arguments.args or [])]
    if positional and implicit_first(function, call):
        positional = positional[1:]
    return positional


def bind_arguments(call: nodes.Call, function: nodes.NodeNG) -> Binding:
    """Which expression of ``call`` each parameter of ``function`` receives."""
    positional = parameters(function, call)
    values: dict[str, nodes.NodeNG] = {}
    complete = True
    for index, argument in enumerate(call.args):
        if isinstance(argument, nodes.Starred):
            complete = False
            break
        if index < len(positional):
            values[positional[index]] = argument
    arguments = function.args
    keyword_names = set(positional) | {a.name for a in arguments.kwonlyargs or []}
    for keyword in call.keywords or ():
        if keyword.arg is None:
            complete = False
        elif keyword.arg in keyword_names:
            values[keyword.arg] = keyword.value
    return Binding(values, complete)


def argument_at(call: nodes.Call, position: int, keyword: str) -> nodes.NodeNG | None:
    """The argument ``call`` passes at ``position`` or as ``keyword`` (a library function's parameter,
    named by its signature: ``tf.TensorSpec(shape, dtype)``); None when not given or hidden behind a
    ``*args`` at or before it."""
    if len(call.args) > position and not any(isinstance(a, nodes.Starred) for a in call.args[: position + 1]):
        return call.args[position]
    return keyword_value(call, keyword)


def keyword_value(call: nodes.Call, name: str) -> nodes.NodeNG | None:
    """The value ``call`` passes as the keyword argument ``name`` (``f(x, training=t)``: ``t``), or None
    (not passed by name; a ``**kwargs`` unpacking is not looked into)."""
    return next((k.value for k in call.keywords or () if k.arg == name), None)


def extra_keywords(function: nodes.NodeNG, call: nodes.Call) -> list[nodes.Keyword]:
    """Keywords of ``call`` that only the ``**kwargs`` of ``function`` would take (``**opts`` unpacking:
    unknown, left out)."""
    if not isinstance(function, nodes.FunctionDef) or not function.args.kwarg:
        return []
    named = {a.name for a in (function.args.args or []) + (function.args.kwonlyargs or [])}
    return [k for k in call.keywords or () if k.arg is not None and k.arg not in named]


def default_of(function: nodes.NodeNG, parameter: str) -> nodes.NodeNG | None:
    try:
        return function.args.default_value(parameter)
    except Exception:  # pylint: disable=broad-except  # NoDefault
        return None


def argument_or_default(call: nodes.Call, function: nodes.NodeNG, parameter: str) -> tuple[nodes.NodeNG | None, bool]:
    """(what ``parameter`` of ``function`` receives at ``call``, whether that is its default): the
    default only where the binding is complete (no ``*args``/``**kwargs`` hiding an argument); None
    when it cannot be told."""
    binding = bind_arguments(call, function)
    value = binding.values.get(parameter)
    if value is not None:
        return value, False
    if not binding.complete:
        return None, False
    return default_of(function, parameter), True


def parameter_of(name: nodes.NodeNG) -> tuple[nodes.FunctionDef, str] | None:
    """(the def, the parameter) when ``name`` is a parameter of a def that never rebinds it (not
    ``self``/``cls``, ``*args``, ``**kwargs``)."""
    binding = names.only_assignment(name) if isinstance(name, nodes.Name) else None
    arguments = binding.parent if isinstance(binding, nodes.AssignName) else None
    function = arguments.parent if isinstance(arguments, nodes.Arguments) else None
    if not isinstance(function, nodes.FunctionDef) or binding.name in (arguments.vararg, arguments.kwarg):
        return None
    if any(other is not binding for other in function.locals.get(binding.name, ())):
        return None  # rebound in the def: astroid's answer here misses a rebinding later in a loop
    if isinstance(function.parent, nodes.ClassDef) and function.type != "staticmethod":
        positional = (arguments.posonlyargs or []) + (arguments.args or [])
        if positional and positional[0] is binding:
            return None  # self / cls
    return function, binding.name
