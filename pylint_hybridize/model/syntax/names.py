"""Resolve what a name means by reading the module's imports, never by importing.

``tf.function`` is ``tensorflow.function`` only because the module said
``import tensorflow as tf``. We follow exactly that chain of import statements
(astroid's ``lookup``, which is a scope walk, not inference) and stop there: we
never let astroid infer into the installed ``tensorflow`` package, which is slow
(seconds per module) and often wrong (TF's lazy loaders defeat inference). The
same code therefore gives the same answers with or without TensorFlow installed.
"""

from __future__ import annotations

import os

import astroid
from astroid import nodes

from pylint_hybridize.model.catalogue.spellings import CANONICAL_EXACT, CANONICAL_PREFIXES, EXTERNAL_ROOTS
from pylint_hybridize.model.syntax.shared_lookup import shared_lookup
from pylint_hybridize.model.syntax.straight import reaching_binding

def canonical(qualified: str) -> str:
    """Map the many spellings of one TF/Keras API onto one name."""
    known = _CANONICAL.get(qualified)
    if known is None:
        if len(_CANONICAL) > 65_536:
            _CANONICAL.clear()
        known = _CANONICAL[qualified] = _canonical(qualified)
    return known


_CANONICAL: dict[str, str] = {}
"""``canonical``'s answers: a pure function of the spelling, asked for every qualified name."""


def _canonical(qualified: str) -> str:
    exact = CANONICAL_EXACT.get(qualified)
    if exact is not None:
        return exact
    for prefix, replacement in CANONICAL_PREFIXES:
        if qualified.startswith(prefix):
            return replacement + qualified[len(prefix) :]
    return qualified


def _imported_name(import_node: nodes.Import | nodes.ImportFrom, local: str) -> str | None:
    """The dotted name that ``local`` is bound to by this import statement."""
    if isinstance(import_node, nodes.Import):
        for name, alias in import_node.names:
            if alias == local:
                return name
            if alias is None and name.split(".", 1)[0] == local:
                # ``import tensorflow.keras`` binds ``tensorflow``.
                return local
        return None
    if import_node.level:  # relative import: project code, not a library
        return None
    modname = import_node.modname or ""
    for name, alias in import_node.names:
        if (alias or name) == local and name != "*":
            return f"{modname}.{name}" if modname else name
    return None


def import_target(name_node: nodes.Name) -> str | None:
    """Dotted name a bare ``Name`` stands for when it was bound by an import.

    ``None`` when the name is bound by anything else (an assignment, a
    parameter, a ``def``) in the scope that wins, i.e. when it is shadowed.
    """
    if not may_be_imported(name_node):
        return None  # no scope it can be looked up in binds it by an import: no look-up needed
    found = lookup(name_node, builtins=True)
    if found is None:
        return None
    scope, assignments = found
    return _target_of(name_node.name, assignments, scope, frozenset())


_IMPORTS = (nodes.Import, nodes.ImportFrom)


def may_be_imported(name_node: nodes.Name) -> bool:
    """Some scope from ``name_node``'s own up to its module, or astroid's builtins module, binds its
    name by an import (a star import too: astroid lists it among the bindings of each name it copies;
    the builtins bind ``open`` as ``from io import open``). astroid's look-up answers from one of these
    scopes' bindings, so without such a binding ``import_target`` is None: ``self``, locals, most
    builtins and the module's own defs need no look-up."""
    return name_node.name in _imported_names(name_node.scope())


_IMPORTED_NAMES = "_hybridize_imported_names"


def _imported_names(scope: nodes.NodeNG) -> frozenset[str] | _AnyName:
    """The names an import binds in ``scope`` or in any scope around it, kept on the scope."""
    kept = scope.__dict__.get(_IMPORTED_NAMES)
    if kept is None:
        own = {name for name, bindings in scope.locals.items() if any(isinstance(b, _IMPORTS) for b in bindings)}
        if scope.parent is not None:
            outer = _imported_names(scope.parent.scope())
            if outer is _ANY_NAME:
                return _ANY_NAME
            own |= outer
        else:  # the module: astroid looks up in its builtins module last
            builtins = astroid.MANAGER.astroid_cache.get("builtins")
            if builtins is None:
                return _ANY_NAME  # not built yet: no filter (not kept)
            if builtins is not scope:
                own |= _imported_names(builtins)
        kept = scope.__dict__[_IMPORTED_NAMES] = frozenset(own)
    return kept


class _AnyName:
    def __contains__(self, name: object) -> bool:
        return True


_ANY_NAME = _AnyName()


def _is_star_import(assignment: nodes.NodeNG) -> bool:
    return isinstance(assignment, nodes.ImportFrom) and any(name == "*" for name, _alias in assignment.names)


def _star_target(star: nodes.ImportFrom, local: str, seen: frozenset[str]) -> str | None:
    """What ``local`` means in the module that ``from <module> import *`` copies it from.

    None when that module cannot be read, does not bind ``local`` to an import, or is already
    being resolved (an import cycle: the bindings of the importing module decide then).
    """
    try:
        module = star.do_import_module(star.modname)
    except Exception:  # pylint: disable=broad-except  # unreadable, isolated or missing module
        return None
    if module.name in seen or root_package(module.name) in EXTERNAL_ROOTS:
        return None
    return _target_of(local, module.locals.get(local, []), module, seen | {module.name})


def _target_of(local: str, assignments: list[nodes.NodeNG], scope: nodes.NodeNG, seen: frozenset[str]) -> str | None:
    if isinstance(scope, nodes.Module) and any(_is_star_import(a) for a in assignments):
        # astroid adds a star import to the locals of every name the other module exports, and its
        # lookup lets it shadow an earlier ``import tensorflow as tf``. Which names it exports depends
        # on the order astroid built an import cycle's modules in (so pylint and flake8 differed):
        # follow the star import to the name's import instead, beside the module's other bindings.
        assignments = list(scope.locals.get(local, assignments))
        seen = seen | {scope.name}
    found: str | None = None
    for assignment in assignments:
        if isinstance(assignment, (nodes.Import, nodes.ImportFrom)):
            target = _imported_name(assignment, local)
            if target is None and _is_star_import(assignment) and isinstance(scope, nodes.Module):
                target = _star_target(assignment, local, seen)
            if target is None or shadowed_library(assignment.root(), root_package(target)):
                continue
            if found is not None and found != target:
                return None  # two different imports: we cannot tell which one runs
            found = target
        elif not _is_fallback_assignment(assignment):
            return None
    return found


def _is_fallback_assignment(assignment: nodes.NodeNG) -> bool:
    """``tf = None`` in the ``except ImportError`` branch beside the import.

    A module-level rebinding inside a ``try``/``except`` handler does not stop
    the name from meaning the imported module in the normal case.
    """
    parent = assignment.parent
    while parent is not None and not isinstance(parent, nodes.Module):
        if isinstance(parent, nodes.ExceptHandler):
            return True
        if isinstance(parent, (nodes.FunctionDef, nodes.ClassDef, nodes.Lambda)):
            return False
        parent = parent.parent
    return False


def qualified_name(node: nodes.NodeNG) -> str | None:
    """``tf.keras.layers.Dense`` -> ``keras.layers.Dense`` when ``tf`` is tensorflow.

    Only Name/Attribute chains rooted at an imported name resolve; everything
    else is ``None``. The result is canonical (see ``canonical``).

    Asked about the same node by several rules (28,605 times on tensorflow-addons), so the answer
    is kept on the node: it depends only on the node's own tree, which never changes once built
    (a tree that changes is a new tree, and the model cache drops the old one).
    """
    kept = _kept_by_module(node)[1]
    known = kept.get(node, _NOT_ASKED)
    if known is not _NOT_ASKED:
        return known
    answer = kept[node] = _qualified_name(node)
    return answer


_KEPT = "_hybridize_names"
_NOT_ASKED = object()


def _kept_by_module(node: nodes.NodeNG) -> tuple[dict, dict]:
    """({Name: its lookup}, {node: its qualified name}) kept on the node's module, not on each node:
    one more key in a Name's own ``__dict__`` turns its shared-key dict into a full one (+336 bytes
    per node: 20 MB of a 3.4 MB module's peak), a table entry costs about a tenth of that."""
    root = node.root()
    kept = root.__dict__.get(_KEPT)
    if kept is None:
        kept = root.__dict__[_KEPT] = ({}, {})
    return kept


def _qualified_name(node: nodes.NodeNG) -> str | None:
    attributes: list[str] = []
    current = node
    while isinstance(current, nodes.Attribute):
        attributes.append(current.attrname)
        current = current.expr
    if not isinstance(current, nodes.Name):
        return None
    root = import_target(current)
    if root is None:
        return None
    attributes.reverse()
    dotted = ".".join([root, *attributes])
    return canonical(dotted)


def lookup(name: nodes.NodeNG, *, builtins: bool) -> tuple[nodes.NodeNG, list[nodes.NodeNG]] | None:
    """The one scoped lookup of a Name: astroid's ``(scope, assignments)`` (a scope walk, no
    inference). None for any other node and when astroid cannot look it up. ``builtins`` says
    whether a name that still means a builtin (``print``, ``float``: bound in astroid's
    ``builtins`` module) is answered (True) or is None (False)."""
    if not isinstance(name, nodes.Name):
        return None
    kept = _kept_by_module(name)[0]
    found = kept.get(name, _NOT_ASKED)
    if found is _NOT_ASKED:  # kept with the module, as qualified_name is: the tree never changes once built
        try:
            # straight-line rebinds from a table (astroid's scan is linear in the bindings per use)
            found = reaching_binding(name)
        except Exception:  # pylint: disable=broad-except  # astroid may raise on odd scopes
            found = None
        if found is None:
            found = shared_lookup(name)  # astroid's, shared by the Names of a scope where it can be
        kept[name] = found
    if found is None:
        return None
    scope, assignments = found
    if not builtins and _is_builtins(scope):
        return None
    return scope, list(assignments)


def _is_builtins(scope: nodes.NodeNG) -> bool:
    return isinstance(scope, nodes.Module) and scope.name == "builtins"


def only_assignment(name: nodes.NodeNG) -> nodes.NodeNG | None:
    """The one node that binds a Name (an assignment, def, class or import; a builtin's class or
    def too) when there is exactly one; None otherwise, or when astroid cannot look it up."""
    found = lookup(name, builtins=True)
    if found is None:
        return None
    _scope, assignments = found
    return assignments[0] if len(assignments) == 1 else None


def sole_binding(name: nodes.NodeNG) -> nodes.AssignName | None:
    """The one binding of a Name when it has exactly one and it is a plain name assignment
    (``x = ...``, a ``for x in`` target, ...); None otherwise, or when astroid cannot look it up."""
    assignment = only_assignment(name)
    return assignment if isinstance(assignment, nodes.AssignName) else None


def bound_value(name: nodes.NodeNG, *, sole_target: bool = False) -> nodes.NodeNG | None:
    """``v`` in ``x = v`` when ``x`` has exactly one binding (``sole_binding``) and it is a target of an
    assignment statement (``x = y = v`` too; ``sole_target``: only ``x = v``); None otherwise: a
    parameter, a loop target, an unpacking, several bindings."""
    binding = sole_binding(name)
    statement = binding.parent if binding is not None else None
    if not isinstance(statement, nodes.Assign):
        return None
    if sole_target and not (len(statement.targets) == 1 and statement.targets[0] is binding):
        return None
    return statement.value


def binding_scope(name: nodes.NodeNG) -> nodes.NodeNG | None:
    """The scope (module, function, class...; astroid's ``builtins`` module for a builtin) a Name is
    bound in; None for other nodes, or when astroid cannot look it up."""
    found = lookup(name, builtins=True)
    return None if found is None else found[0]


def bound_as(name: nodes.NodeNG, rule, *, builtins: bool = True) -> bool:
    """One lookup of a Name, judged by ``rule(scope, assignments) -> bool`` (the scope rule of the
    caller: where and how the name must be bound). A builtin is ``builtins`` (bound by default;
    ``builtins=False``: not, as for "a module-level object"); a name astroid cannot look up, or
    that nothing binds, is False."""
    found = lookup(name, builtins=True)
    if found is None:
        return False
    scope, assignments = found
    if _is_builtins(scope):
        return builtins
    if not assignments:
        return False
    return bool(rule(scope, assignments))


def builtin_name(node: nodes.NodeNG) -> str | None:
    """``print`` when ``node`` is a Name that still means the builtin."""
    found = lookup(node, builtins=True)
    if found is not None and _is_builtins(found[0]):
        return node.name
    return None


def same_project(module: nodes.Module, modname: str) -> bool:
    """Whether ``modname`` names a module of the package ``module`` belongs to."""
    own_root = (module.name or "").split(".", 1)[0]
    other_root = modname.split(".", 1)[0]
    if not own_root or other_root in EXTERNAL_ROOTS:
        return False
    if own_root == other_root and bool(module.package or "." in (module.name or "")):
        return True
    return _sibling_of_script(module, other_root)


def _sibling_module(own: nodes.Module, dotted: str) -> nodes.Module | None:
    """The module a script's ``import data`` / ``from data import x`` / ``from pkg import mod`` means
    when its folder is not on ``sys.path`` here (flake8, a library call): parsed from the file beside it."""
    if not dotted or not _sibling_of_script(own, dotted.split(".", 1)[0]):
        return None
    base = os.path.join(os.path.dirname(os.path.abspath(own.file)), *dotted.split("."))
    for path in (f"{base}.py", os.path.join(base, "__init__.py")):
        if os.path.isfile(path):
            try:
                from astroid import MANAGER  # pylint: disable=import-outside-toplevel

                return MANAGER.ast_from_file(path, modname=dotted)
            except Exception:  # pylint: disable=broad-except  # unreadable: give up quietly
                return None
    return None


def _sibling_of_script(module: nodes.Module, other_root: str) -> bool:
    """A script outside any package imports ``data`` from the file beside it (``data.py`` or the
    package ``data/``): Python puts the script's folder first on ``sys.path``, as pylint does."""
    path = getattr(module, "file", None)
    if module.package or "." in (module.name or "") or not path or not path.endswith(".py"):
        return False
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isfile(os.path.join(folder, "__init__.py")):
        return False
    return os.path.isfile(os.path.join(folder, f"{other_root}.py")) \
        or os.path.isfile(os.path.join(folder, other_root, "__init__.py"))


def shadowed_library(module: nodes.Module, root: str) -> bool:
    """Whether ``import <root>`` of a library (``EXTERNAL_ROOTS``: ``tensorflow``, ``keras``...) in
    ``module`` loads a module of the user's own tree instead: a ``<root>.py`` or a package
    ``<root>/__init__.py`` in the folder Python puts first on ``sys.path`` when the project runs (a
    script's own folder; a package's: the folder holding its top-level package, where its scripts
    are). Such a name is not the library: the model reads nothing of it (unknown means silent).
    A module of that package itself (the library's own source) is the library."""
    if root not in EXTERNAL_ROOTS:
        return False
    kept = module.__dict__.setdefault(_SHADOWS, {})
    known = kept.get(root)
    if known is None:
        known = kept[root] = _shadows(getattr(module, "file", None), root)
    return known


_SHADOWS = "_hybridize_shadowed_libraries"


def _shadows(path: str | None, root: str) -> bool:
    if not path or not path.endswith(".py"):
        return False
    folder = os.path.dirname(os.path.abspath(path))
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        if os.path.basename(folder) == root:
            return False  # the library's own modules
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent
    return os.path.isfile(os.path.join(folder, f"{root}.py")) \
        or os.path.isfile(os.path.join(folder, root, "__init__.py"))


def project_target(expr: nodes.NodeNG) -> tuple[nodes.Module, str] | None:
    """Which project module, and which name in it, ``expr`` means through this module's imports:
    ``step`` (``from pkg.model import step``, ``from .model import step``) and ``model.step``
    (``from pkg import model``, ``import pkg.model as model``) -> (``pkg.model``, ``'step'``).
    The one answer to "which project module / function does this name": None for libraries,
    local names, and whatever is unsure. Loads the project module with astroid (never a library)."""
    if isinstance(expr, nodes.Name):
        holder, wanted = expr, None
    elif isinstance(expr, nodes.Attribute) and isinstance(expr.expr, nodes.Name):
        holder, wanted = expr.expr, expr.attrname
    else:
        return None
    if not may_be_imported(holder):
        return None  # no look-up can find an import
    node = only_assignment(holder)
    if not isinstance(node, (nodes.Import, nodes.ImportFrom)):
        return None
    own = node.root()
    if isinstance(node, nodes.ImportFrom):
        original = next((n for n, a in node.names if (a or n) == holder.name), None)
        modname = node.modname or ""
        if original is None or (not node.level and not same_project(own, modname)):
            return None
        if wanted is None:  # from pkg.model import step
            dotted, wanted = modname, original
        else:  # from pkg import model; model.step
            dotted = f"{modname}.{original}" if modname else original
    else:
        if wanted is None:
            return None
        dotted = next((n for n, a in node.names if (a or n) == holder.name), None)
        if dotted is None or not same_project(own, dotted):
            return None
    try:
        target = node.do_import_module(dotted)
    except Exception:  # pylint: disable=broad-except  # unresolvable import: give up quietly
        target = None if getattr(node, "level", None) else _sibling_module(own, dotted)
        if target is None:
            return None
    if not isinstance(target, nodes.Module) or target is own:
        return None
    return target, wanted


def project_definition(expr: nodes.NodeNG, kind: type) -> nodes.NodeNG | None:
    """The def/class (an instance of ``kind``) of another project module that ``expr`` names
    (``project_target``): ``from .base import BaseModel``, ``utils.helper``; None otherwise."""
    target = project_target(expr)
    if target is None:
        return None
    module, name = target
    for _hop in range(3):  # a package's __init__ re-exports: ``from tf2gan.loss import gradient_penalty``
        candidates = module.locals.get(name, ())
        for candidate in candidates:
            if isinstance(candidate, kind):
                return candidate
        reexport = next((c for c in candidates if isinstance(c, nodes.ImportFrom)), None)
        if reexport is None or len(candidates) != 1:
            return None
        original = next((n for n, a in reexport.names if (a or n) == name), None)
        if original is None or (not reexport.level and not same_project(module, reexport.modname or "")):
            return None
        try:
            following = reexport.do_import_module(reexport.modname)
        except Exception:  # pylint: disable=broad-except  # unresolvable import: give up quietly
            return None
        if not isinstance(following, nodes.Module) or following is module:
            return None
        module, name = following, original
    return None


def root_package(qualified: str) -> str:
    return qualified.split(".", 1)[0]


def is_tensorflow(qualified: str | None) -> bool:
    return qualified is not None and root_package(qualified) == "tensorflow"


def is_keras(qualified: str | None) -> bool:
    return qualified is not None and root_package(qualified) == "keras"


def is_numpy(qualified: str | None) -> bool:
    return qualified is not None and root_package(qualified) == "numpy"
