"""Facts about a module and who can see its names: test files, debug code, exported functions,
whether it is worth analysing at all (``mentions_tensorflow``).

Read from file names, module-level imports and ``__all__``; nothing is imported or inferred.
"""

from __future__ import annotations

import os

from astroid import nodes

from pylint_hybridize.model.catalogue.spellings import TRIGGER_ROOTS
from pylint_hybridize.model.syntax import names

_TEST_FRAMEWORKS = ("pytest", "unittest")
DEBUG_WORDS = ("debug", "eager", "verbose", "test")


def is_test_file(path: str | None) -> bool:
    """Test files by pytest's and Google's naming conventions."""
    base = os.path.basename(path or "")
    return base.startswith("test_") or base.endswith(("_test.py", "_tests.py")) or base == "conftest.py"


def imports_tensorflow(module: nodes.Module) -> bool:
    """A module-level import that mentions tensorflow."""
    return any(
        isinstance(a, (nodes.Import, nodes.ImportFrom)) and "tensorflow" in a.as_string()
        for assignments in module.locals.values()
        for a in assignments
    )


def imports_test_framework(module: nodes.Module) -> bool:
    """A module-level import of pytest or unittest (a test utility module)."""
    for assignments in module.locals.values():
        for assignment in assignments:
            if isinstance(assignment, nodes.Import) and any(
                n.split(".")[0] in _TEST_FRAMEWORKS for n, _ in assignment.names
            ):
                return True
            if isinstance(assignment, nodes.ImportFrom) and (assignment.modname or "").split(".")[0] in _TEST_FRAMEWORKS:
                return True
    return False


def debug_context(node: nodes.NodeNG) -> bool:
    """In a test file or test utility, under an ``if`` that mentions debug/eager/verbose/test, or in a
    function so named."""
    module = node.root()
    if is_test_file(module.file) or "test" in os.path.basename(module.file or "") or imports_test_framework(module):
        return True  # tests and test utilities (testing_utils.py, a module importing pytest)
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.If) and any(w in parent.test.as_string().lower() for w in DEBUG_WORDS):
            return True
        if isinstance(parent, nodes.FunctionDef) and any(w in parent.name.lower() for w in DEBUG_WORDS):
            return True
        parent = parent.parent
    return False


def exported_names(module: nodes.Module) -> set[str] | None:
    """The names of a literal ``__all__``; an empty set when ``__all__`` is built some other way
    (unknown), None when the module has none."""
    for assignment in module.locals.get("__all__", ()):
        statement = assignment.parent
        if isinstance(statement, nodes.Assign) and isinstance(statement.value, (nodes.List, nodes.Tuple)):
            return {e.value for e in statement.value.elts if isinstance(e, nodes.Const) and isinstance(e.value, str)}
        return set()
    return None


def may_be_called_from_outside(function: nodes.NodeNG) -> bool:
    """A module-level function that is exported (in ``__all__``, or public when there is none) may have
    callers in other packages; a nested function never does."""
    if not isinstance(function.parent, nodes.Module):
        return False
    exported = exported_names(function.parent)
    if exported is not None:
        return function.name in exported
    return not function.name.startswith("_")


def referenced_other_than_called(function: nodes.NodeNG, calls: int) -> bool:
    """The function's name is used in its scope other than by ``calls`` calls (passed around,
    returned, stored)."""
    scope = function.parent.scope() if function.parent is not None else function.root()
    uses = [n for n in scope.nodes_of_class(nodes.Name) if n.name == function.name]
    return len(uses) != calls


def mentions_tensorflow(module: nodes.Module, extra_wrappers: tuple[str, ...] = ()) -> bool:
    """Cheap gate: a module that never imports TF/Keras (or a configured wrapper), nor subclasses a
    class of its own package, gets an empty model.

    Only module-level imports are looked at (``module.locals``), which costs
    nothing; TF imported only inside a function is not analysed.
    """
    wrapper_roots = {names.root_package(w) for w in extra_wrappers}
    for assignments in module.locals.values():
        for assignment in assignments:
            if isinstance(assignment, nodes.Import):
                roots = {names.root_package(name) for name, _alias in assignment.names}
            elif isinstance(assignment, nodes.ImportFrom):
                if assignment.level:
                    continue
                roots = {names.root_package(assignment.modname or "")}
            else:
                continue
            if roots & TRIGGER_ROOTS or roots & wrapper_roots:
                return True
    return _subclasses_project_class(module)


def _subclasses_project_class(module: nodes.Module) -> bool:
    """A class deriving from a class imported from this package (maybe a Keras model defined there)."""
    own_root = (module.name or "").split(".", 1)[0]
    for statement in module.body:
        if not isinstance(statement, nodes.ClassDef):
            continue
        for base in statement.bases:
            while isinstance(base, nodes.Attribute):
                base = base.expr
            if not isinstance(base, nodes.Name):
                continue
            for assignment in module.locals.get(base.name, ()):
                if isinstance(assignment, nodes.ImportFrom) and (
                    assignment.level or (own_root and (assignment.modname or "").split(".", 1)[0] == own_root)
                ):
                    return True
                if isinstance(assignment, nodes.Import) and own_root and any(
                    name.split(".", 1)[0] == own_root for name, _alias in assignment.names
                ):
                    return True
    return False
