"""Project wrappers: functions of the project that return ``tf.function(...)`` of one of their
parameters. They are found, not configured (``--hybridize-extra-decorators`` stays for the
wrappers of other packages, which the model cannot read)::

    def _wrap(self, function, signature):          def compiled(fn, jit=False):
        return tf.function(                            step = tf.function(fn, jit_compile=jit)
            input_signature=signature)(function)       return step

What a wrapper is called with is a hybrid (``hybrids.functions`` builds it), with the wrapper's
tf.function arguments as its settings: an argument that is a parameter of the wrapper takes the
value the call passes (or the parameter's default).

A function is a wrapper only when *every* ``return`` of its own body returns that tf.function
(``return fn if eager else tf.function(fn)`` is not one: the wrapped function may run eagerly).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.project.index import module_index
from pylint_hybridize.model.project.store import module_facts
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import keyword_value
from pylint_hybridize.model.syntax.references import partial_target, resolve_callee
from pylint_hybridize.model.syntax.walk import own_returns, owner

WrapperOf = Callable[[nodes.NodeNG], "str | None"]
"""``HybridFinder.wrapper_of``: the qualified name of tf.function (or a configured wrapper) a
node names, None otherwise."""


@dataclass(frozen=True)
class ProjectWrapper:
    """One project function that returns ``tf.function(...)`` of its parameter ``parameter``."""

    function: nodes.FunctionDef
    parameter: str
    """The name of the parameter that is wrapped."""
    tf_function: str
    """What wraps it: tf.function, or a configured wrapper."""
    options_call: nodes.Call
    """The call whose arguments are tf.function's options (``tf.function(f, ...)`` or the
    ``tf.function(...)`` of ``tf.function(...)(f)``)."""
    passes_keywords: bool
    """``tf.function(f, **kwargs)``: the call's extra keywords are options too."""

    def parameter_names(self, bound_method: bool) -> list[str]:
        """The positional parameters a call binds, ``self`` left out for a bound method."""
        args = self.function.args
        positional = [a.name for a in (args.posonlyargs or []) + (args.args or [])]
        return positional[1:] if bound_method and positional else positional


def _wrapped_name(call: nodes.Call, wrapper_of: WrapperOf) -> tuple[nodes.NodeNG, str, nodes.Call] | None:
    """(the wrapped expression, the tf.function name, the options call) of ``tf.function(f, ...)``
    or ``tf.function(...)(f)``; None for any other call."""
    func = call.func
    if isinstance(func, (nodes.Name, nodes.Attribute)):
        wrapper = wrapper_of(func)
        if wrapper is None:
            return None
        target = call.args[0] if call.args else keyword_value(call, "func")
        if target is None or isinstance(target, nodes.Starred):
            return None
        return target, wrapper, call
    if isinstance(func, nodes.Call) and len(call.args) == 1 and not call.keywords:
        wrapper = wrapper_of(func.func) if isinstance(func.func, (nodes.Name, nodes.Attribute)) else None
        if wrapper is None or func.args or keyword_value(func, "func") is not None:
            return None
        return call.args[0], wrapper, func
    return None


def _parameter_named(function: nodes.FunctionDef, expr: nodes.NodeNG) -> str | None:
    """The parameter ``expr`` names (``f``, or ``f`` of ``functools.partial(f, ...)``) when it is a
    parameter of ``function`` that its body never rebinds."""
    target = partial_target(expr) or expr
    if not isinstance(target, nodes.Name):
        return None
    binding = names.only_assignment(target)
    if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Arguments) and binding.parent.parent is function:
        return target.name
    return None



def _returned(value: nodes.Call, function: nodes.FunctionDef) -> bool:
    """Every ``return`` of ``function`` returns ``value`` (directly, or the one name it is bound to)."""
    returns = own_returns(function)
    if not returns:
        return False
    parent = value.parent
    bound: str | None = None
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], nodes.AssignName):
        bound = parent.targets[0].name
    for statement in returns:
        if statement.value is value:
            continue
        if bound is not None and isinstance(statement.value, nodes.Name) and statement.value.name == bound:
            if names.only_assignment(statement.value) is parent.targets[0]:
                continue
        return False
    return True


def find_wrappers(calls: list[nodes.Call], wrapper_of: WrapperOf) -> dict[nodes.FunctionDef, ProjectWrapper]:
    """The wrappers among the functions that make ``calls`` (a module's walk)."""
    found: dict[nodes.FunctionDef, ProjectWrapper] = {}
    for call in calls:
        wrapped = _wrapped_name(call, wrapper_of)
        if wrapped is None:
            continue
        target, tf_function, options_call = wrapped
        function = owner(call)
        if not isinstance(function, nodes.FunctionDef) or function in found:
            continue
        parameter = _parameter_named(function, target)
        if parameter is None or not _returned(call, function):
            continue
        passes = any(k.arg is None for k in options_call.keywords or ())
        found[function] = ProjectWrapper(function, parameter, tf_function, options_call, passes)
    return found


def module_wrappers(module: nodes.Module, settings: Hashable, wrapper_of: WrapperOf) -> dict[nodes.FunctionDef, ProjectWrapper]:
    """The wrappers defined in ``module`` (any project module), kept in its facts (``wrapper_of``
    recognises tf.function and the wrappers ``settings`` configures)."""
    return module_facts(module, settings).kept("wrappers", lambda: find_wrappers(module_index(module).calls, wrapper_of))


@dataclass(frozen=True)
class WrapperCall:
    """A call of a project wrapper: what it wraps and the options it gives."""

    wrapper: ProjectWrapper
    wrapped: nodes.NodeNG
    """The argument that is wrapped, as written at the call."""
    options: dict[str, nodes.NodeNG]
    """tf.function's options with the wrapper's parameters replaced by what this call passes."""


def wrapper_called(
    call: nodes.Call, local: dict[nodes.FunctionDef, ProjectWrapper], settings: Hashable, wrapper_of: WrapperOf
) -> ProjectWrapper | None:
    """The project wrapper ``call`` calls: one of this module's (``local``), or one of another project
    module called by its imported name; None otherwise."""
    func = call.func
    if not call.args and not call.keywords:
        return None
    if isinstance(func, nodes.Name):
        if not any(w.name == func.name for w in local) and not (
            names.may_be_imported(func) and isinstance(names.only_assignment(func), nodes.ImportFrom)
        ):
            return None
    elif isinstance(func, nodes.Attribute):
        if not any(w.name == func.attrname for w in local) and not isinstance(func.expr, nodes.Name):
            return None
    else:
        return None
    callee = resolve_callee(func)
    if not isinstance(callee, nodes.FunctionDef):
        return None
    found = local.get(callee)
    if found is None and settings is not None and callee.root() is not call.root():
        found = module_wrappers(callee.root(), settings, wrapper_of).get(callee)
    return found


def bind_wrapper_call(call: nodes.Call, wrapper: ProjectWrapper, options: dict[str, nodes.NodeNG]) -> WrapperCall | None:
    """What ``call`` of ``wrapper`` wraps and with which options (``options``: the wrapper's own
    tf.function options, as written in it); None when the wrapped argument cannot be told."""
    function = wrapper.function
    bound_method = isinstance(function.parent, nodes.ClassDef) and isinstance(call.func, nodes.Attribute) and not _is_static(function)
    if isinstance(function.parent, nodes.ClassDef) and not bound_method and not _is_static(function):
        return None  # Cls.wrap(self, f): unusual, and positions would bind wrongly
    passed: dict[str, nodes.NodeNG] = {}
    parameters = wrapper.parameter_names(bound_method)
    for position, argument in enumerate(call.args):
        if isinstance(argument, nodes.Starred):
            break
        if position < len(parameters):
            passed[parameters[position]] = argument
    extra: dict[str, nodes.NodeNG] = {}
    unknown_keywords = False
    own = set(parameters) | {a.name for a in function.args.kwonlyargs or []}
    for keyword in call.keywords or ():
        if keyword.arg is None:
            unknown_keywords = True
        elif keyword.arg in own:
            passed[keyword.arg] = keyword.value
        else:
            extra[keyword.arg] = keyword.value
    wrapped = passed.get(wrapper.parameter)
    if wrapped is None:
        return None
    settings: dict[str, nodes.NodeNG] = {}
    for option, node in options.items():
        settings[option] = _argument_for(node, function, passed)
    if wrapper.passes_keywords:
        settings.update(extra)
        if unknown_keywords:
            settings.setdefault("autograph", call)  # not a literal: the options are not known
    return WrapperCall(wrapper, wrapped, settings)


def _argument_for(node: nodes.NodeNG, function: nodes.FunctionDef, passed: dict[str, nodes.NodeNG]) -> nodes.NodeNG:
    """An option's value at one call: the argument passed for a parameter of the wrapper, that
    parameter's default when nothing is passed, or the option as written."""
    if not isinstance(node, nodes.Name):
        return node
    binding = names.only_assignment(node)
    if not (isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Arguments) and binding.parent.parent is function):
        return node
    if node.name in passed:
        return passed[node.name]
    try:
        return function.args.default_value(node.name)
    except Exception:  # pylint: disable=broad-except  # astroid's NoDefault: a required parameter not passed
        return node


def _is_static(function: nodes.FunctionDef) -> bool:
    return function.type == "staticmethod"
