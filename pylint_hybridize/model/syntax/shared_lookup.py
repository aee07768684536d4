"""astroid's look-up of a Name, shared by the Names of one scope whose answer cannot depend on where
in that scope they stand: ``tf`` in every ``tf.x(...)`` of a function body is one look-up, not one
per use (astroid filters the module's bindings anew each time). Asked by ``names.lookup`` when the
straight-line table (``straight``) has no answer."""

from __future__ import annotations

from astroid import nodes

_NOT_ASKED = object()


def shared_lookup(name: nodes.Name) -> tuple[nodes.NodeNG, list[nodes.NodeNG]] | None:
    """astroid's ``name.lookup(name.name)``, shared by the Names of one scope that astroid answers
    from the module's bindings alone (``_module_lookup_scope``): ``tf`` in every ``tf.x(...)`` of a
    function body is one look-up, not one per use (astroid filters the module's bindings anew each time)."""
    scope = _module_lookup_scope(name)
    if scope is None:
        try:
            return name.lookup(name.name)
        except Exception:  # pylint: disable=broad-except  # astroid may raise on odd scopes
            return None
    shared = scope.__dict__.get(_SHARED_LOOKUPS)
    if shared is None:
        shared = scope.__dict__[_SHARED_LOOKUPS] = {}
    found = shared.get(name.name, _NOT_ASKED)
    if found is _NOT_ASKED:
        try:
            found = name.lookup(name.name)
        except Exception:  # pylint: disable=broad-except  # astroid may raise on odd scopes
            return None  # not shared: another Name of the scope asks astroid itself
        shared[name.name] = found
    return found


_SHARED_LOOKUPS = "_hybridize_shared_lookups"
_MODULE_LEVEL_ONLY = "_hybridize_bound_at_module_level"


def _module_lookup_scope(name: nodes.Name) -> nodes.NodeNG | None:
    """The scope of ``name`` when astroid's look-up of it cannot depend on where in that scope it
    stands, else None. That holds for a Name in the body of a def (its frame; not in the def's
    decorators, defaults or annotations, which astroid looks up in the enclosing frame) that no scope
    between it and the module binds, whose module binds it (if at all) only in module-level code:
    astroid then answers from the module's bindings (``_filter_stmts``), and with the line filter off
    (the Name's frame is not the module) everything it compares the Name with (exclusive branches,
    an ``except`` block or loop holding it, its statement) is the same for every place in the def."""
    if name.name == "__class__" or name.name in nodes.Module.scope_attrs:
        return None  # answered by the def's class / by new nodes each time (``__name__``, ``__file__``)
    frame = name.frame()
    if not isinstance(frame, nodes.FunctionDef) or name.statement() is frame:
        return None
    scope = name.scope()
    current = scope
    while not isinstance(current, nodes.Module):
        if name.name in current.locals or current.parent is None:
            return None
        current = current.parent.scope()
    if not _bound_at_module_level_only(current, name.name):
        return None
    return scope


def _bound_at_module_level_only(module: nodes.Module, name: str) -> bool:
    """Every binding of ``name`` in ``module``'s locals is in module-level code (not a ``global``
    assignment inside a def or class), kept per module and name."""
    kept = module.__dict__.get(_MODULE_LEVEL_ONLY)
    if kept is None:
        kept = module.__dict__[_MODULE_LEVEL_ONLY] = {}
    answer = kept.get(name)
    if answer is None:
        answer = kept[name] = all(
            binding.parent is not None and binding.parent.frame() is module for binding in module.locals.get(name, ())
        )
    return answer
