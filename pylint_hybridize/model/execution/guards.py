"""Guards: does a node of traced code run on every trace, once, lazily, or eagerly?

One query, ``guard_of(node)`` (cached per module as ``TraceModel.guard_of``), walks once from a node
up to the function whose body runs it and records every guard on the way:

- ``branch``: the innermost ``if``/``else`` (or conditional expression) of that function around the
  node, its test excluded. A first-call guard (``if self.v is None: self.v = tf.Variable(...)``) or a
  condition we cannot judge: either way the node need not run on every trace.
- ``lazy_subjects``: the subjects of ``if <x> is None:`` bodies around it (``self.v``): lazy creation;
  ``lazy_on(subject)`` asks about one.
- ``early_exit``: the innermost ``if`` whose body holds the node and ends in ``return``/``raise``;
  ``static_early_exit(traced)``: its test is a Python value fixed at trace time.
- ``init_scope``: the ``with tf.init_scope():`` whose body holds the node (it runs eagerly).
- ``caught``: the ``try`` (with handlers) whose body holds the node.
- ``eager_check``: the function checks for eager mode (``tf.executing_eagerly()``, ``EagerTensor``,
  ``tf.inside_function()``, ``hasattr(x, "numpy")``): the node may run only eagerly.
- ``run_once_method``: the function is ``__init__``/``build``/... that runs once by contract.

With ``callbacks=True`` a lambda handed to a call (``tf.nest.map_structure(lambda t: ..., x)``) runs
where that call is: the walk goes on into the function around the call.

``under_static_branch(node, traced)`` answers the related question: does a branch that a Python value
fixed at trace time decides (``if x.shape.rank > 2:``) hold the node.
"""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.catalogue.tracing import EAGER_CHECK_WORDS, RUN_ONCE_METHODS
from pylint_hybridize.model.execution.traced import enters_init_scope
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.walk import FUNCTION_TYPES, none_test_subject, owner
from pylint_hybridize.model.values.static import is_static


@dataclass(frozen=True)
class Guard:
    """The guards around one node, inside the function whose body runs it (see the module doc)."""

    function: nodes.NodeNG | None
    """The FunctionDef/Lambda whose body runs the node (Module/ClassDef at top level)."""
    branch: nodes.If | nodes.IfExp | None = None
    lazy_subjects: tuple[str, ...] = ()
    early_exit: nodes.If | None = None
    init_scope: nodes.With | None = None
    caught: nodes.Try | None = None
    eager_check: bool = False
    run_once_method: bool = False

    @property
    def runs_once(self) -> bool:
        """Need not run on every trace: under a branch, in ``tf.init_scope()``, or in a run-once method."""
        return self.branch is not None or self.init_scope is not None or self.run_once_method

    @property
    def lazy(self) -> bool:
        """Under ``if <x> is None:``: created on first use."""
        return bool(self.lazy_subjects)

    @property
    def runs_eagerly(self) -> bool:
        """Runs outside the graph (``tf.init_scope()``), or its function checks for eager mode first."""
        return self.init_scope is not None or self.eager_check

    def lazy_on(self, subject: str) -> bool:
        """Under ``if <subject> is None:`` (``subject`` as written: ``X``, ``self.v``): it only replaces
        None, once (lazy one-time initialisation)."""
        return subject in self.lazy_subjects

    def static_early_exit(self, traced=frozenset()) -> bool:
        """The early exit around the node (``if not metric: logging.info('skip'); return``) is decided
        by a Python value fixed at trace time, not a tensor condition: a configuration branch that
        says why the function stops there. ``traced``: as for ``static.is_static``."""
        return self.early_exit is not None and is_static(self.early_exit.test, traced)


def checks_eager_mode(function: nodes.NodeNG) -> bool:
    """``function`` mentions an eager-mode check (``tf.executing_eagerly``, ``EagerTensor``,
    ``tf.inside_function``, ``hasattr(x, "numpy")``) anywhere in it."""
    if not isinstance(function, FUNCTION_TYPES):
        return False
    for sub in function.nodes_of_class((nodes.Name, nodes.Attribute)):
        word = sub.name if isinstance(sub, nodes.Name) else sub.attrname
        if word in EAGER_CHECK_WORDS:
            return True
    for call in function.nodes_of_class(nodes.Call):
        if names.builtin_name(call.func) == "hasattr" and len(call.args) == 2:
            attribute = call.args[1]
            if isinstance(attribute, nodes.Const) and attribute.value == "numpy":
                return True
    return False


def _tests_tensor(test: nodes.NodeNG) -> bool | None:
    """True for ``tf.is_tensor(x)`` (or a name bound once to it), False for its negation, None for any
    other test. The branch taken when it is false runs for Python and NumPy values only, which traced
    code does not hand there (tf_geometric's ``if not edge_index_is_tensor: ... .numpy()``): like an
    eager-mode check, it may run only eagerly."""
    if isinstance(test, nodes.UnaryOp) and test.op == "not":
        inner = _tests_tensor(test.operand)
        return None if inner is None else not inner
    if isinstance(test, nodes.Name):
        test = names.bound_value(test)
    if isinstance(test, nodes.Call) and isinstance(test.func, (nodes.Name, nodes.Attribute)) \
            and names.qualified_name(test.func) == "tensorflow.is_tensor":
        return True
    return None


def _is_callback(function: nodes.NodeNG) -> bool:
    """A lambda passed (positionally) to a call, not the called expression itself."""
    parent = function.parent
    return isinstance(function, nodes.Lambda) and isinstance(parent, nodes.Call) and function is not parent.func


def guard_of(node: nodes.NodeNG, callbacks: bool = False, eager_checks: dict | None = None) -> Guard:
    """The guards around ``node`` in the function whose body runs it (see the module doc).

    ``eager_checks``: a cache of ``checks_eager_mode`` per function (the model passes its own).
    """
    function = owner(node)
    branch = early_exit = init_scope = caught = None
    values_branch = False
    lazy: list[str] = []
    child, parent = node, node.parent
    while parent is not None:
        if parent is function:
            if not (callbacks and _is_callback(function)):
                break
            function = owner(function)
        elif isinstance(parent, (nodes.If, nodes.IfExp)) and child is not parent.test:
            branch = branch or parent
            in_body = child in parent.body if isinstance(parent, nodes.If) else child is parent.body
            values_branch = values_branch or _tests_tensor(parent.test) is (not in_body)
            if isinstance(parent, nodes.If) and child in parent.body:
                subject = none_test_subject(parent.test)
                if subject is not None:
                    lazy.append(subject)
                if early_exit is None and isinstance(parent.body[-1], (nodes.Return, nodes.Raise)):
                    early_exit = parent
        elif isinstance(parent, nodes.With) and child in parent.body and enters_init_scope(parent):
            init_scope = init_scope or parent
        elif isinstance(parent, nodes.Try) and child in parent.body and parent.handlers:
            caught = caught or parent
        child, parent = parent, parent.parent
    if eager_checks is None:
        eager = checks_eager_mode(function)
    else:
        eager = eager_checks.get(function)
        if eager is None:
            eager = eager_checks[function] = checks_eager_mode(function)
    return Guard(
        function,
        branch=branch,
        lazy_subjects=tuple(lazy),
        early_exit=early_exit,
        init_scope=init_scope,
        caught=caught,
        eager_check=eager or values_branch,
        run_once_method=isinstance(function, nodes.FunctionDef) and function.name in RUN_ONCE_METHODS,
    )


def under_static_branch(node: nodes.NodeNG, traced=frozenset()) -> bool:
    """``node`` runs only on a branch that a Python value fixed at trace time decides
    (``if tensor.shape.rank > 2:``, ``if n > 1:`` with ``n = len(indices)``), in its own function.

    ``traced``: the functions that run at trace time (see ``static.is_static``)."""
    function = owner(node)
    current = node.parent
    while current is not None and current is not function:
        if isinstance(current, (nodes.If, nodes.IfExp)) and is_static(current.test, traced):
            return True
        current = current.parent
    return False
