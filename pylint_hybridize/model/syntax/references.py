"""What function or class an expression refers to, read through bindings and imports (no inference):
``f``, ``self.f``, ``obj.f`` with ``obj = Cls(...)``, ``mod.f`` of a project module, a lambda,
``functools.partial(f, ...)``; the class a method belongs to; how a function is shown in messages.

The one home of "which def does this call / argument / base name": the call graph, the traced
code, the contexts and the value model all ask here.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.walk import FunctionLike

FUNCTOOLS_PARTIAL = "functools.partial"


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
            return None  # builtins, or another module: see resolve_callee
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


def resolve_callee(func: nodes.NodeNG) -> FunctionLike | None:
    """The project function a call expression calls, or None when unsure."""
    if isinstance(func, nodes.Name):
        if isinstance(names.only_assignment(func), nodes.ImportFrom):
            return _project_function(func)  # from .utils import helper
        return resolve_function_reference(func)
    if isinstance(func, nodes.Attribute):
        if is_self_reference(func.expr):
            cls = enclosing_class(func)
            return class_method(cls, func.attrname) if cls is not None else None
        if isinstance(func.expr, nodes.Name):
            return _project_function(func)  # utils.helper, utils a project module imported by name
    return None


def _project_function(func: nodes.NodeNG) -> FunctionLike | None:
    found = names.project_definition(func, nodes.FunctionDef)
    return found if isinstance(found, nodes.FunctionDef) else None


def function_reference(node: nodes.NodeNG, _depth: int = 0) -> FunctionLike | None:
    """What a function-valued argument refers to: ``f``, ``self.f``, ``obj.f``, ``mod.f``, a lambda,
    ``functools.partial(f, ...)``."""
    if _depth > 3:
        return None
    if isinstance(node, nodes.Lambda):
        return node
    if isinstance(node, nodes.Call):
        target = partial_target(node)
        return None if target is None else function_reference(target, _depth + 1)
    if isinstance(node, (nodes.Name, nodes.Attribute)):
        return resolve_callee(node) or resolve_function_reference(node)
    return None


def function_arguments(call: nodes.Call) -> list[FunctionLike]:
    """The project functions passed to ``call``: lambdas, defs, bound methods, functools.partial."""
    found: list[FunctionLike] = []
    for argument in [*call.args, *(k.value for k in call.keywords or ())]:
        function = function_reference(argument)
        if function is not None:
            found.append(function)
    return found


def project_class(node: nodes.NodeNG) -> nodes.ClassDef | None:
    """The project class a base expression names: defined here, or imported from this package."""
    if isinstance(node, nodes.Name):
        assignment = names.only_assignment(node)
        if isinstance(assignment, nodes.ClassDef):
            return assignment
        if not isinstance(assignment, nodes.ImportFrom):
            return None
    found = names.project_definition(node, nodes.ClassDef)  # from .base import Base; base.Base
    return found if isinstance(found, nodes.ClassDef) else None
