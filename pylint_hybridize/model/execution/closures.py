"""Closures a method drives in its own loop (``tf-function-opportunity``, session 36, study S360).

A def nested in a method is left out of the opportunity rule: it may be returned, stored or handed
to code that runs it where no visible call shows (a graph, a callback). One kind is provably
eager-driven: a def directly in a method, whose name the method only calls, in its own loop (psiz's
``fit`` defines ``train_step`` and calls it once per batch). Decorated, a new tf.function is made
on each call of the method and traced on its first call there: one trace per call of the method,
then one graph for every batch of its loop (measured under TF 2.21: ``fit`` of 3 epochs x 4
batches, 1 trace; a second ``fit``, 1 more; ``study_measure.py``).

What the closure reads of the method's own names is captured when it is traced: a name the method
rebinds in a loop, or changes in one (``history.append``, ``box.value = ...``), would stay at its
first value, so such a closure is not proven.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.walk import enclosing_loop, owner

# methods that change a Python object in place (a closure reading the object would keep the old value)
_PYTHON_MUTATORS = frozenset({"append", "extend", "insert", "pop", "update", "add", "remove", "clear", "setdefault",
                              "popitem", "discard", "sort", "reverse"})


def driven_by_own_loop(function: nodes.FunctionDef) -> bool:
    """``function`` is a def directly in a method's body (not under another def), bound once, with
    no def or lambda of its own (a factory of functions is no step), and
    every use of its name in the method is the callee of a call the method itself makes, one of them
    in a loop of the method (never returned, stored, passed on, or called from another nested def);
    and every name of the method that the closure reads stays put while the loop runs
    (``_stable_free_names``)."""
    method = function.parent.scope() if function.parent is not None else None
    if not isinstance(method, nodes.FunctionDef) or not isinstance(method.parent, nodes.ClassDef):
        return False
    if len(method.locals.get(function.name, ())) != 1:
        return False  # rebound (``step = tf.function(step)``) or bound twice
    if any(nested is not function for nested in function.nodes_of_class((nodes.FunctionDef, nodes.Lambda))):
        return False  # a factory (tf_keras's ``build_map_fn`` returns a ``map_fn`` for Dataset.map): not a step
    in_loop = False
    for use in method.nodes_of_class(nodes.Name):
        if use.name != function.name:
            continue
        found = names.lookup(use, builtins=False)
        if found is None:
            return False
        if found[0] is not method:
            continue  # another binding of the name, in a nested scope
        call = use.parent
        if not (isinstance(call, nodes.Call) and call.func is use and owner(call) is method):
            return False  # returned, stored, passed on, or called from a nested def or lambda
        in_loop = in_loop or enclosing_loop(call) is not None
    return in_loop and _stable_free_names(function, method)


def _stable_free_names(function: nodes.FunctionDef, method: nodes.FunctionDef) -> bool:
    """Every name the closure reads that the method binds is bound in no loop of the method and not
    by an augmented assignment, and no loop of the method changes it in place (a mutating method of
    a Python container, an attribute or item assignment on it)."""
    for read in function.nodes_of_class(nodes.Name):
        found = names.lookup(read, builtins=False)
        if found is None:
            if read.name in method.locals:
                return False  # a name of the method astroid cannot look up: unsure
            continue  # a builtin (zip, sum)
        scope, bindings = found
        if scope is not method:
            continue
        for binding in bindings:
            statement = binding.parent
            if isinstance(statement, nodes.AugAssign) or (binding is not function and _in_method_loop(binding, method)):
                return False
        if _changed_in_loop(read.name, method):
            return False
    return True


def _in_method_loop(node: nodes.NodeNG, method: nodes.FunctionDef) -> bool:
    """In a loop of the method, or the target of one (``for epoch in ...``: a new value per pass)."""
    if owner(node) is not method:
        return False
    if enclosing_loop(node) is not None:
        return True
    child, parent = node, node.parent
    while parent is not None and parent is not method:
        if isinstance(parent, (nodes.For, nodes.Comprehension)) and child is parent.target:
            return True
        child, parent = parent, parent.parent
    return False


def _changed_in_loop(name: str, method: nodes.FunctionDef) -> bool:
    """``name.append(x)``, ``name.attr = v`` or ``name[i] = v`` in a loop of the method."""
    for node in method.nodes_of_class((nodes.Call, nodes.AssignAttr, nodes.Subscript)):
        if isinstance(node, nodes.Call):
            func = node.func
            base = func.expr if isinstance(func, nodes.Attribute) and func.attrname in _PYTHON_MUTATORS else None
        elif isinstance(node, nodes.AssignAttr):
            base = node.expr
        else:
            base = node.value if isinstance(node.parent, (nodes.Assign, nodes.AugAssign)) \
                and node in getattr(node.parent, "targets", [getattr(node.parent, "target", None)]) else None
        if isinstance(base, nodes.Name) and base.name == name and _in_method_loop(node, method):
            return True
    return False
