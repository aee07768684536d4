"""What function or class an expression refers to, read through bindings and imports (no inference):
``f``, ``self.f``, ``obj.f`` with ``obj = Cls(...)``, ``mod.f`` of a project module, a lambda,
``functools.partial(f, ...)``; the class a method belongs to; how a function is shown in messages.

The one home of "which def does this call / argument / base name": the call graph, the traced
code, the contexts and the value model all ask here.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.catalogue.entry_points import LIBRARY_HOOKS, library_hook_run_by
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
    return node.name == _self_name(node.frame())


_SELF_NAME = "_hybridize_self_name"
_NO_SELF = object()


def _self_name(frame: nodes.NodeNG) -> str | None:
    """The name of the first parameter of the method ``frame`` is or is nested in (through defs and
    lambdas); None outside a method. Kept on the frame: asked for every ``x.attr`` of its body."""
    kept = frame.__dict__.get(_SELF_NAME, _NO_SELF)
    if kept is not _NO_SELF:
        return kept
    found = None
    current = frame
    while isinstance(current, (nodes.FunctionDef, nodes.Lambda)):
        if isinstance(current, nodes.FunctionDef) and isinstance(current.parent, nodes.ClassDef):
            positional = current.args.posonlyargs + current.args.args if current.args.args is not None else []
            found = positional[0].name if positional else None
            break
        parent = current.parent
        if parent is None:
            break
        current = parent.frame()
    frame.__dict__[_SELF_NAME] = found
    return found


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


def library_base(cls: nodes.ClassDef, _depth: int = 0) -> tuple[str, nodes.ClassDef] | None:
    """The library base class of the catalogue's ``LIBRARY_HOOKS`` that ``cls`` derives from, directly or
    through project base classes (``orbit.StandardTrainer``), with the project class that names it."""
    if _depth > 5:
        return None
    for base in cls.bases:
        qualified = names.qualified_name(base) if isinstance(base, (nodes.Name, nodes.Attribute)) else None
        if qualified in LIBRARY_HOOKS:
            return qualified, cls
        project = project_class(base)
        if project is not None and project is not cls:
            found = library_base(project, _depth + 1)
            if found is not None:
                return found
    return None


def _method_or_hook(cls: nodes.ClassDef, name: str) -> nodes.FunctionDef | None:
    """``cls``'s method ``name``; else, when ``name`` is a library base's public method that runs a hook of
    the subclass where it is called (``TFAgent.train`` runs ``_train``), the subclass's hook."""
    method = class_method(cls, name)
    if method is not None or not cls.bases:
        return method
    found = library_base(cls)
    hook = library_hook_run_by(found[0], name) if found is not None else None
    return class_method(cls, hook) if hook is not None else None


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
            return _method_or_hook(cls, node.attrname)
    if isinstance(node, nodes.Attribute):
        cls = instance_class(node.expr, sole_target=True)
        if cls is not None:
            return _method_or_hook(cls, node.attrname)
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
            return _method_or_hook(cls, func.attrname) if cls is not None else None
        if isinstance(func.expr, nodes.Name):
            found = _project_function(func)  # utils.helper, utils a project module imported by name
            if found is not None:
                return found
        return receiver_method(func)
    return None


# -- calls through objects: which project classes an object may be an instance of ----------------
MAX_RECEIVER_DEPTH = 4


def receiver_method(func: nodes.Attribute) -> nodes.FunctionDef | None:
    """The method ``obj.m`` calls when every project class ``obj`` may be an instance of
    (``receiver_classes``) gives the same def; None when unknown, or when they differ."""
    return shared_method(receiver_classes(func.expr), func.attrname)


def shared_method(classes: list[nodes.ClassDef] | None, name: str) -> nodes.FunctionDef | None:
    """The method ``name`` that an instance of any of ``classes`` runs, when they all give the same
    def (not a classmethod or property); None when unknown or when they differ."""
    if not classes:
        return None
    methods = {_method_or_hook(cls, name) for cls in classes}
    if len(methods) != 1:
        return None
    method = methods.pop()
    if method is None or method.type == "classmethod" or _is_property(method):
        return None
    return method


def _is_property(method: nodes.FunctionDef) -> bool:
    return bool(method.decorators) and any(
        isinstance(d, nodes.Name) and d.name == "property" for d in method.decorators.nodes
    )


def receiver_classes(expr: nodes.NodeNG, _depth: int = 0) -> list[nodes.ClassDef] | None:
    """The project classes the object ``expr`` is an instance of, read from what is assigned to it
    (``o = Optimizer()`` in the function, ``SHARED = Printer()`` at module level or imported from a
    project module, ``self.helper = Printer()`` anywhere in the class) or from its type hint
    (``helper: Printer``); ``None`` assignments are left out. None when any binding is something
    else (a parameter without a hint, a call of a function, a library class): unknown is silent."""
    if _depth > MAX_RECEIVER_DEPTH:
        return None
    if isinstance(expr, nodes.Name):
        return _name_classes(expr, _depth)
    if isinstance(expr, nodes.Attribute):
        if is_self_reference(expr.expr):
            owner = enclosing_class(expr)
            holders = [owner] if owner is not None else None
        else:
            holders = receiver_classes(expr.expr, _depth + 1)
        if not holders:
            return None
        found: list[nodes.ClassDef] = []
        for holder in holders:
            classes = _attribute_classes(holder, expr.attrname, _depth)
            if classes is None:
                return None
            found.extend(c for c in classes if c not in found)
        return found or None
    return None


def _name_classes(name: nodes.Name, depth: int) -> list[nodes.ClassDef] | None:
    found = names.lookup(name, builtins=False)
    if found is None or not found[1]:
        return None
    classes: list[nodes.ClassDef] = []
    for binding in found[1]:
        if isinstance(binding, nodes.ImportFrom):
            answer = _imported_instance(name, depth)
        elif isinstance(binding, nodes.AssignName):
            answer = _binding_classes(binding, depth)
        else:
            return None
        if answer is None:
            return None
        classes.extend(c for c in answer if c not in classes)
    return classes or None


def _imported_instance(name: nodes.Name, depth: int) -> list[nodes.ClassDef] | None:
    """``from .shared import SHARED``: the classes of the project module's ``SHARED``."""
    target = names.project_target(name)
    if target is None:
        return None
    module, wanted = target
    bindings = module.locals.get(wanted, ())
    if not bindings or not all(isinstance(b, nodes.AssignName) for b in bindings):
        return None
    classes: list[nodes.ClassDef] = []
    for binding in bindings:
        answer = _binding_classes(binding, depth + 1)
        if answer is None:
            return None
        classes.extend(c for c in answer if c not in classes)
    return classes


def _binding_classes(binding: nodes.AssignName, depth: int) -> list[nodes.ClassDef] | None:
    """The classes one ``x = ...`` / ``x: C = ...`` / parameter ``x: C`` gives (``[]``: None)."""
    statement = binding.parent
    if isinstance(statement, nodes.Arguments):
        return _hinted_class(parameter_annotation(statement, binding.name), binding)
    if isinstance(statement, nodes.AnnAssign):
        return _hinted_class(statement.annotation, binding)
    if isinstance(statement, nodes.Assign) and binding in statement.targets:
        return _value_classes(statement.value, depth)
    return None


def _attribute_classes(cls: nodes.ClassDef, attribute: str, depth: int) -> list[nodes.ClassDef] | None:
    """The classes of ``self.<attribute>`` in ``cls``: every ``self.<attribute> = ...`` of its methods,
    and a class-level ``<attribute>: C`` hint."""
    classes: list[nodes.ClassDef] = []
    answers = []
    for target in cls.instance_attrs.get(attribute, ()):
        statement = target.parent
        if not isinstance(target, nodes.AssignAttr) or not is_self_reference(target.expr):
            return None
        if enclosing_class(target) is not cls:
            return None
        if isinstance(statement, nodes.AnnAssign):
            answers.append(_hinted_class(statement.annotation, target))
        elif isinstance(statement, nodes.Assign) and target in statement.targets:
            answers.append(_value_classes(statement.value, depth + 1))
        else:
            return None
    for local in cls.locals.get(attribute, ()):
        statement = local.parent
        if isinstance(local, nodes.AssignName) and isinstance(statement, nodes.AnnAssign) and statement.value is None:
            answers.append(_hinted_class(statement.annotation, local))
        else:
            return None  # a class attribute, a method: not an instance of a project class here
    if not answers:
        return None
    for answer in answers:
        if answer is None:
            return None
        classes.extend(c for c in answer if c not in classes)
    return classes


def _value_classes(value: nodes.NodeNG, depth: int) -> list[nodes.ClassDef] | None:
    if isinstance(value, nodes.Const) and value.value is None:
        return []
    if isinstance(value, nodes.Call):
        cls = _instantiated_class(value.func)
        return [cls] if cls is not None else None
    if isinstance(value, (nodes.Name, nodes.Attribute)):
        return receiver_classes(value, depth + 1)
    return None


def _instantiated_class(func: nodes.NodeNG) -> nodes.ClassDef | None:
    """The project class ``Cls(...)`` builds: defined in this module or imported from the package."""
    if isinstance(func, nodes.Name):
        binding = names.only_assignment(func)
        if isinstance(binding, nodes.ClassDef):
            return binding if binding.root() is func.root() else None
    if isinstance(func, (nodes.Name, nodes.Attribute)):
        found = names.project_definition(func, nodes.ClassDef)
        return found if isinstance(found, nodes.ClassDef) else None
    return None


def parameter_annotation(arguments: nodes.Arguments, name: str) -> nodes.NodeNG | None:
    """The type hint of the parameter ``name`` (None: none)."""
    for parameters, hints in (
        (arguments.posonlyargs, arguments.posonlyargs_annotations),
        (arguments.args or [], arguments.annotations),
        (arguments.kwonlyargs, arguments.kwonlyargs_annotations),
    ):
        for parameter, annotation in zip(parameters, hints):
            if parameter.name == name:
                return annotation
    return None


def _hinted_class(annotation: nodes.NodeNG | None, where: nodes.NodeNG) -> list[nodes.ClassDef] | None:
    """The project class a hint names: ``C``, ``mod.C``, ``Optional[C]``, ``C | None``."""
    if annotation is None:
        return None
    if isinstance(annotation, nodes.BinOp) and annotation.op == "|":
        sides = [annotation.left, annotation.right]
        rest = [s for s in sides if not (isinstance(s, nodes.Const) and s.value is None)]
        return _hinted_class(rest[0], where) if len(rest) == 1 else None
    if isinstance(annotation, nodes.Subscript) and isinstance(annotation.value, (nodes.Name, nodes.Attribute)):
        if names.qualified_name(annotation.value) in ("typing.Optional", "Optional"):
            return _hinted_class(annotation.slice, where)
        return None
    cls = _instantiated_class(annotation) if isinstance(annotation, (nodes.Name, nodes.Attribute)) else None
    return [cls] if cls is not None else None


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
