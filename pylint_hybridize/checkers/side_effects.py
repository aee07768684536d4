"""Python side effects in traced code: they run once per trace, not once per call.

A tf.function runs its Python body only while tracing; the graph it builds runs
on every later call. Python effects (printing, logging, mutating outer state,
drawing random numbers, reading the clock) therefore happen once per trace, and
their results are frozen into the graph as constants. TensorFlow says nothing.

Precision: mutations are reported only on objects the code shows to be Python
containers defined outside the function (``outer = []``/``{}``/``set()`` at
module level, in an enclosing function, or as ``self.attr = []`` in the class);
a parameter or unknown receiver stays silent. Locals are never reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages
from pylint.interfaces import HIGH, INFERENCE

from pylint_hybridize import fixes
from pylint_hybridize.checkers.base import HybridizeChecker, confidence_for, describe, guarded, kind_confidence
from pylint_hybridize.model import names, strings
from pylint_hybridize.model.contexts import shows_tensor_value
from pylint_hybridize.model.hybrids import display_name, enclosing_class, is_self_reference, resolve_function_reference
from pylint_hybridize.model.state import eager_attribute_updates, parameter_mutations
from pylint_hybridize.model.static import is_static
from pylint_hybridize.model.traced import TraceInfo
from pylint_hybridize.model.values import Kind
from pylint_hybridize.model.walk import FUNCTION_TYPES, is_none_test, owner
from pylint_hybridize.rules import Rule, pylint_msgs

if TYPE_CHECKING:
    from pylint.lint import PyLinter


RULES = (
    Rule(
        "W9101",
        "print-at-trace-time",
        template=(
            "print() runs only while %s, not on every call; fix: %s"
        ),
        description=(
            "Python's print() inside a tf.function (or a function it calls) runs "
            "while TensorFlow traces the function, not when the graph runs: it "
            "prints once per trace instead of once per call. tf.print() is a graph "
            "op and prints on every call."
        ),
        fix_safety="safe+unsafe",
    ),
    Rule(
        "W9102",
        "logging-at-trace-time",
        template=(
            "%s() runs only while %s, not on every call; fix: %s"
        ),
        description=(
            "logging/warnings calls and file writes in traced code run at trace time only. Often that is "
            "intended (a 'retracing now' log), so this message is disabled by default; "
            "enable it to audit such logs."
        ),
        fix_safety="none",
        default_enabled=False,
    ),
    Rule(
        "W9103",
        "outer-state-mutation-at-trace-time",
        template=(
            "%s mutates %s only while %s, not on every call; fix: %s"
        ),
        description=(
            "Appending to, updating or assigning into a Python container defined outside "
            "the traced function happens once per trace; later calls leave it unchanged, and "
            "what it holds are symbolic tensors that cannot be used outside the graph."
        ),
        fix_safety="none",
    ),
    Rule(
        "W9104",
        "python-state-update-at-trace-time",
        template=(
            "%s runs only while %s, so the Python value is frozen into the graph; fix: %s"
        ),
        description=(
            "Augmented assignment to a global, nonlocal or self attribute in traced code runs "
            "once per trace: a counter stays at its first value and the graph uses a constant."
        ),
        fix_safety="none",
    ),
    Rule(
        "W9105",
        "leaked-tensor-at-trace-time",
        template=(
            "%s is assigned a graph tensor while %s; using it outside raises 'out of scope'; fix: %s"
        ),
        description=(
            "A tensor computed in a traced function and stored in a global, nonlocal or self "
            "attribute is a symbolic graph tensor: reading it after the call fails."
        ),
        fix_safety="none",
    ),
    Rule(
        "W9106",
        "frozen-value-at-trace-time",
        template=(
            "%s is evaluated only while %s; every call reuses the same value; fix: %s"
        ),
        description=(
            "Calls of random.*, numpy.random.*, time.time(), datetime.now() and next() on an outer "
            "Python iterator run once at trace time, and their result becomes a graph constant."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "W9107",
        "stale-global-read",
        template=(
            "'%s' is read while %s, so its value at trace time is frozen into the graph, but %s "
            "it later; fix: %s"
        ),
        description=(
            "A module-level name that some function rebinds (global X; X = ...), or an item or "
            "attribute of a module-level object that some eager function changes (X['k'] = ..., "
            "X.attr = ...), is read in traced code: the graph keeps the value it had when it was "
            "traced, later changes are ignored."
        ),
        fix_safety="none",
    ),
    Rule(
        "W9108",
        "stale-attribute-read",
        template=(
            "'%s' is read while %s, so its value at trace time is frozen into the graph, but %s updates it "
            "eagerly; fix: %s"
        ),
        description=(
            "An attribute of self that eager code updates from its old value (self.steps += 1 after each "
            "step) is read in traced code: the graph keeps the value of the first trace."
        ),
        fix_safety="none",
    ),
    Rule(
        "E9109",
        "argument-mutated-in-traced-code",
        template=(
            "'%s' mutates its argument '%s' (%s) while traced: TF raises 'ValueError: ... should not modify "
            "its Python input arguments'; fix: %s"
        ),
        description=(
            "tf.function rejects a call that changes a Python list or dict passed to it as an argument."
        ),
        fix_safety="none",
    ),
    Rule(
        "W9110",
        "tensor-formatted-at-trace-time",
        template=(
            "%s formats the symbolic tensor '%s' into the text of %s while %s: it shows Tensor(...), "
            "not the value; fix: %s"
        ),
        description=(
            "In traced code a tensor is symbolic: an f-string, %-formatting, .format() or str() turns it into "
            "the text 'Tensor(\"x:0\", shape=(), dtype=float32)' once, at trace time, and tf.print or a log "
            "shows that text on every call instead of the value."
        ),
        fix_safety="safe+unsafe",
    ),
)

# container methods that mutate the receiver
MUTATING_METHODS = frozenset(
    {
        "append", "extend", "insert", "pop", "popitem", "update", "add", "setdefault",
        "remove", "discard", "clear", "appendleft", "extendleft", "sort", "reverse",
    }
)
_CONTAINER_BUILTINS = frozenset({"list", "dict", "set"})
_CONTAINER_FACTORIES = frozenset(
    {"collections.defaultdict", "collections.OrderedDict", "collections.deque", "collections.Counter"}
)
_OUTPUT_PREFIXES = ("logging.", "absl.logging.", "warnings.warn")
_OUTPUT_FUNCTIONS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "fatal", "vlog", "log_first_n",
     "log_every_n", "log_every_n_seconds"}
)
# Python values frozen at trace time -> what to use instead
FROZEN_CALLS: dict[str, str] = {
    "random.random": "tf.random.uniform([])",
    "random.uniform": "tf.random.uniform([], minval, maxval)",
    "random.randint": "tf.random.uniform([], low, high + 1, dtype=tf.int32)",
    "random.randrange": "tf.random.uniform([], low, high, dtype=tf.int32)",
    "random.choice": "tf.random.shuffle(...)[0] or tf.gather with tf.random.uniform indices",
    "random.gauss": "tf.random.normal([], mean, stddev)",
    "random.normalvariate": "tf.random.normal([], mean, stddev)",
    "random.shuffle": "tf.random.shuffle(...)",
    "random.sample": "tf.random.shuffle(...)[:k]",
    "time.time": "tf.timestamp()",
    "time.time_ns": "tf.timestamp()",
    "time.perf_counter": "tf.timestamp()",
    "time.monotonic": "tf.timestamp()",
    "datetime.datetime.now": "tf.timestamp()",
    "datetime.datetime.utcnow": "tf.timestamp()",
    "datetime.datetime.today": "tf.timestamp()",
    "datetime.date.today": "tf.timestamp()",
    "uuid.uuid1": "a value passed in as an argument",
    "uuid.uuid4": "a value passed in as an argument",
    "os.urandom": "tf.random.uniform(...) / tf.random.Generator",
}
_NUMPY_RANDOM_FIX = {
    "rand": "tf.random.uniform(shape)",
    "random": "tf.random.uniform(shape)",
    "uniform": "tf.random.uniform(shape, minval, maxval)",
    "randn": "tf.random.normal(shape)",
    "normal": "tf.random.normal(shape, mean, stddev)",
    "randint": "tf.random.uniform(shape, low, high, dtype=tf.int32)",
    "shuffle": "tf.random.shuffle(...)",
    "permutation": "tf.random.shuffle(tf.range(n))",
    "choice": "tf.random.categorical / tf.random.shuffle",
}
# safe-to-type replacements for zero-argument calls
_ZERO_ARG_REPLACEMENTS = {"random.random": "{tf}.random.uniform([])", "time.time": "{tf}.timestamp()"}


class SideEffectsChecker(HybridizeChecker):
    name = "hybridize-side-effects"
    msgs = pylint_msgs(RULES)

    @only_required_for_messages("stale-attribute-read")
    @guarded
    def visit_attribute(self, node: nodes.Attribute) -> None:
        if not is_self_reference(node.expr) or not _flows_into_graph(node, decisions=True):
            return
        trace = self.trace_info(node)
        cls = enclosing_class(node) if trace is not None else None
        if cls is None:
            return
        model = self.model(node)
        updates = eager_attribute_updates(cls, node.attrname, model.traced, model.calls)
        if not updates or any(function is owner(node) for _statement, function in updates):
            return
        prefix, _ = fixes.tf_prefix(node)
        shown = node.as_string()
        self.report(
            "stale-attribute-read",
            node,
            args=(
                shown,
                trace.describe(),
                f"'{display_name(updates[0][1])}' (line {updates[0][0].lineno})",
                f"make {shown} a {prefix}.Variable created once in __init__ and .assign()/.assign_add() it",
            ),
            confidence=INFERENCE,
        )

    @only_required_for_messages("argument-mutated-in-traced-code")
    @guarded
    def visit_module(self, node: nodes.Module) -> None:
        model = self.model(node)
        for hybrid in model.hybrids:
            if hybrid.function.root() is not node:
                continue
            sites = model.sites_of(hybrid)
            for parameter, mutation in parameter_mutations(hybrid.function, resolve_function_reference).items():
                if mutation.node.root() is not node:
                    continue
                if not any(_passes_container(site.call, hybrid.function, parameter) for site in sites):
                    continue  # a Python container only when a call shows one (acc.append may be any object's)
                path = "" if len(mutation.path) == 1 else f" in {' -> '.join(mutation.path)}"
                self.report(
                    "argument-mutated-in-traced-code",
                    mutation.node,
                    args=(
                        hybrid.name,
                        parameter,
                        f"{mutation.what}{path}",
                        f"work on a copy ({parameter} = list({parameter}) / dict({parameter})) and return the "
                        "result, or collect values in a tf.TensorArray",
                    ),
                    confidence=HIGH if len(mutation.path) == 1 else INFERENCE,
                )

    @only_required_for_messages("stale-global-read")
    @guarded
    def visit_name(self, node: nodes.Name) -> None:
        module = node.root()
        rebinders = _global_rebinders(module).get(node.name)
        mutators = _global_mutators(module).get(node.name) if rebinders is None else None
        if rebinders is None and mutators is None:
            return
        trace = self.trace_info(node)
        if trace is None:
            return
        function = owner(node)
        if not isinstance(names.binding_scope(node), nodes.Module) or function in (rebinders or [writer for writer, _ in mutators]):
            return  # a local, or the function that updates it (python-state-update-at-trace-time)
        if rebinders is not None:
            read, writers, verb = node, rebinders, "rebinds"
        else:
            # X["key"] / X.attr: what the graph bakes in is the item, read from a container that
            # an eager function changes (a traced one is outer-state-mutation-at-trace-time's)
            read, verb = node.parent, "changes"
            is_item = isinstance(read, nodes.Subscript) and read.value is node
            if not (is_item or isinstance(read, nodes.Attribute) and read.expr is node):
                return
            model = self.model(node)
            key = _read_key(read)
            writers = [
                writer for writer, changed in mutators if changed in (_ANY_PART, key) and writer not in model.traced
            ]
            if not writers:
                return
        if _declares_global(function, node.name) or not _flows_into_graph(read):
            return  # e.g. ``TRACKER.add(obj)``, ``if X is None``: used at trace time, not baked in
        prefix, _ = fixes.tf_prefix(node)
        shown = read.as_string()
        self.report(
            "stale-global-read",
            read,
            args=(
                shown,
                trace.describe(),
                f"'{writers[0].name}' {verb}",
                f"pass {shown} in as a tensor argument, or make it a {prefix}.Variable and .assign() it",
            ),
            confidence=confidence_for(trace),
        )

    @only_required_for_messages(
        "print-at-trace-time",
        "logging-at-trace-time",
        "outer-state-mutation-at-trace-time",
        "frozen-value-at-trace-time",
        "tensor-formatted-at-trace-time",
    )
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        trace = self.trace_info(node)
        if trace is None:
            return
        self._check_formatted_call(node, trace)
        builtin = names.builtin_name(node.func)
        if builtin == "print":
            self._report_print(node, trace)
        elif builtin == "open" and _opens_for_writing(node):
            self.report(
                "logging-at-trace-time",
                node,
                args=("open", trace.describe(), "write files outside the function (or tf.io.write_file)"),
                confidence=confidence_for(trace),
            )
        elif builtin == "next":
            self._check_next(node, trace)
        elif isinstance(node.func, (nodes.Name, nodes.Attribute)):
            qualified = names.qualified_name(node.func) or _logger_call(node.func)
            if qualified is not None:
                self._check_library_call(node, qualified, trace)
                return
            if isinstance(node.func, nodes.Attribute) and node.func.attrname in MUTATING_METHODS:
                receiver = node.func.expr
                self._check_mutation(node, receiver, f"{receiver.as_string()}.{node.func.attrname}()", trace)

    def _report_print(self, node: nodes.Call, trace: TraceInfo) -> None:
        if trace.static_output_is_deliberate and not any(shows_tensor_value(a) for a in node.args):
            return  # ``print(x.shape)``, notices in Layer.call: the usual debugging (see docs/traced-contexts.md)
        prefix, needs_import = fixes.tf_prefix(node)
        rewrite = fixes.tf_print_rewrite(node, prefix, is_print=True)
        edits, safe, imports = rewrite or ((), False, ())
        description = f"use {prefix}.print(...)"
        if any(strings.formatted(argument) for argument in node.args):
            description += " with the values as its own arguments (a formatted string shows the symbolic tensor)"
        fix = fixes.Fix(description, edits, safe=safe, needs_tf_import=needs_import, imports=imports)
        self.report(
            "print-at-trace-time",
            node,
            args=(trace.describe(), fix.description),
            confidence=confidence_for(trace),
            fix=fix,
        )

    # -- tensor-formatted-at-trace-time ------------------------------------------------
    # Not in exception messages: a ``raise`` in traced code runs only while tracing (autograph does
    # not stage it), so it reports a trace-time check of static facts, and the symbolic tensor's
    # text (name, shape, dtype) is what its author wants to show (10 corpus findings, all that shape).
    def _check_formatted_call(self, node: nodes.Call, trace: TraceInfo) -> None:
        """tf.print(f"d {x}"), logging.info("d %s", x): text made from a symbolic tensor (print is
        print-at-trace-time's, whose fix rewrites the formatting too)."""
        if not isinstance(node.func, (nodes.Name, nodes.Attribute)):
            return
        qualified = names.qualified_name(node.func) or _logger_call(node.func)
        if qualified == "tensorflow.print":
            self._report_formatted(node, list(node.args), "tf.print", trace)
        elif qualified is not None and _is_output_call(qualified) and not qualified.startswith("warnings."):
            self._report_formatted(node, list(node.args), "a log message", trace)

    def _report_formatted(self, call: nodes.Call, arguments: list[nodes.NodeNG], where: str, trace: TraceInfo) -> None:
        for index, argument in enumerate(arguments):
            found = strings.formatted(argument)
            values = [p.value for p in found.values] if found else []
            how = found.how if found else ""
            if where == "a log message" and index > 0 and _is_literal_str(arguments[0]) and "%" in arguments[0].value:
                values, how = [argument], "logging's %-formatting"  # logging.info("d %s", x)
            kinds = self.model(call)
            tensor, answer = next(((v, a) for v in values if (a := kinds.kind(v)).is_tensor), (None, None))
            if tensor is None:
                continue
            prefix, needs_import = fixes.tf_prefix(call)
            rewrite = fixes.tf_print_rewrite(call, prefix, is_print=False) if where == "tf.print" else None
            description = {
                "tf.print": f"pass the tensor as an argument of {prefix}.print(\"...\", x), which prints its value",
                "a log message": f"print the value with {prefix}.print(\"...\", x), or log outside the function",
            }[where]
            fix = fixes.Fix(description, rewrite[0], rewrite[1], needs_import) if rewrite else fixes.Fix(description)
            self.report(
                "tensor-formatted-at-trace-time", argument,
                args=(how, tensor.as_string(), where, describe(trace, answer), description),
                confidence=kind_confidence(trace, answer), fix=fix,
            )  # fmt: skip
            return

    # -- logging / warnings ---------------------------------------------------
    def _check_library_call(self, node: nodes.Call, qualified: str, trace: TraceInfo) -> None:
        if _is_output_call(qualified):
            if trace.static_output_is_deliberate and not any(
                shows_tensor_value(a) for a in [*node.args, *(k.value for k in node.keywords or ())]
            ):
                return  # Layer.call's build-time notices and shape logs (see docs/precision.md, issue 14)
            traced = self.model(node).traced
            if _logs_static_values(node, traced) or _under_early_return_guard(node, traced):
                return  # a configuration notice: meant to be written once per trace
            prefix, _ = fixes.tf_prefix(node)
            self.report(
                "logging-at-trace-time",
                node,
                args=(qualified, trace.describe(), f"{prefix}.print(...) for per-call output, or log outside the function"),
                confidence=confidence_for(trace),
            )
            return
        replacement = _frozen_replacement(qualified)
        if replacement is None:
            return
        prefix, needs_import = fixes.tf_prefix(node)
        replacement = replacement.replace("tf.", f"{prefix}.")
        fix = None
        template = _ZERO_ARG_REPLACEMENTS.get(qualified)
        if template is not None and not node.args and not node.keywords:
            text = template.format(tf=prefix)
            fix = fixes.Fix(f"use {text}", (fixes.Edit.replace_node(node, text),), safe=False, needs_tf_import=needs_import)
        self.report(
            "frozen-value-at-trace-time",
            node,
            args=(f"{qualified}()", trace.describe(), f"use {replacement}" if fix is None else fix.description),
            confidence=confidence_for(trace),
            fix=fix,
        )

    def _check_next(self, node: nodes.Call, trace: TraceInfo) -> None:
        if not node.args:
            return
        iterator = node.args[0]
        if _outer_binding_kind(iterator) is None or not _is_python_iterator(iterator):
            return  # next() on a tf.data iterator is a graph op: it advances on every call
        self.report(
            "frozen-value-at-trace-time",
            node,
            args=(
                f"next({iterator.as_string()})",
                trace.describe(),
                "iterate a tf.data.Dataset inside the function, or pass next(...) in as an argument",
            ),
            confidence=confidence_for(trace),
        )

    # -- mutation of outer state -------------------------------------------------
    def _check_mutation(self, node: nodes.NodeNG, receiver: nodes.NodeNG, what: str, trace: TraceInfo) -> None:
        where = _outer_container(receiver)
        if where is None or self._local_to_traced_code(receiver):
            return
        if trace.in_layer_call and where == "an attribute container":
            return  # per-call stashes and build-time bookkeeping on self in Layer.call (docs/traced-contexts.md)
        self.report(
            "outer-state-mutation-at-trace-time",
            node,
            args=(
                what,
                where,
                trace.describe(),
                "return the values (or collect them in a tf.TensorArray) instead of mutating outer state",
            ),
            confidence=confidence_for(trace),
        )

    def _local_to_traced_code(self, receiver: nodes.NodeNG) -> bool:
        """A closure container bound in a function that itself runs at trace time (a helper's local list
        filled by its nested ``recurse``): made afresh on every run, it does not outlive the trace."""
        scope = names.binding_scope(receiver)
        return isinstance(scope, nodes.FunctionDef) and scope in self.model(receiver).traced

    @only_required_for_messages(
        "outer-state-mutation-at-trace-time", "leaked-tensor-at-trace-time", "python-state-update-at-trace-time"
    )
    @guarded
    def visit_assign(self, node: nodes.Assign) -> None:
        trace = self.trace_info(node)
        if trace is None:
            return
        for target in node.targets:
            if isinstance(target, nodes.Subscript):
                if _is_box_assignment(target):
                    continue  # closure ``box[0] = value``: the deliberate "capture while tracing" idiom
                self._check_mutation(node, target.value, f"{target.value.as_string()}[...] = ...", trace)
            elif isinstance(target, nodes.AssignAttr) and is_self_reference(target.expr):
                self._check_leak(node, target, f"self.{target.attrname}", trace)
            elif isinstance(target, nodes.AssignName) and _declared_outer(target):
                self._check_leak(node, target, target.name, trace)
            elif isinstance(target, nodes.AssignAttr) and _module_level_object(target.expr):
                # CONFIG.last = t: the tensor outlives the trace on a module-level object
                self._check_leak(node, target, target.as_string(), trace, rebinding=False)

    @only_required_for_messages("outer-state-mutation-at-trace-time")
    @guarded
    def visit_delete(self, node: nodes.Delete) -> None:
        trace = self.trace_info(node)
        if trace is None:
            return
        for target in node.targets:
            if isinstance(target, nodes.Subscript):
                self._check_mutation(node, target.value, f"del {target.value.as_string()}[...]", trace)

    def _check_leak(
        self, node: nodes.Assign, target: nodes.NodeNG, name: str, trace: TraceInfo, rebinding: bool = True
    ) -> None:
        answer = self.model(node).kind(node.value)
        if answer.kind is not Kind.TENSOR and not (answer.kind is Kind.CONTAINER and answer.of_tensors):
            if rebinding and len(node.targets) == 1:
                self._check_rebinding(node, target, name, trace)
            return
        if trace.in_layer_call and name.startswith("self."):
            return  # Keras layers stash per-call tensors on self for their other methods (see docs/precision.md)
        prefix, _ = fixes.tf_prefix(node)
        self.report(
            "leaked-tensor-at-trace-time",
            node,
            args=(
                name,
                describe(trace, answer),
                f"return the tensor, or store it in a {prefix}.Variable created once and .assign(...) it",
            ),
            confidence=kind_confidence(trace, answer),
        )

    def _check_rebinding(self, node: nodes.Assign, target: nodes.NodeNG, name: str, trace: TraceInfo) -> None:
        """``x = x + 1`` on a global, nonlocal or self attribute: the same update as ``x += 1``."""
        value = node.value
        if not isinstance(value, nodes.BinOp):
            return
        written = target.as_string()
        if written not in (value.left.as_string(), value.right.as_string()):
            return
        self._report_state_update(node, f"{name} = {value.as_string()}", name, trace)

    @only_required_for_messages("python-state-update-at-trace-time", "outer-state-mutation-at-trace-time")
    @guarded
    def visit_augassign(self, node: nodes.AugAssign) -> None:
        trace = self.trace_info(node)
        if trace is None:
            return
        target = node.target
        if isinstance(target, nodes.Subscript):
            self._check_mutation(node, target.value, f"{target.value.as_string()}[...] {node.op} ...", trace)
            return
        if isinstance(target, nodes.AssignAttr) and is_self_reference(target.expr):
            name = f"self.{target.attrname}"
            if trace.in_layer_call:
                return  # trace-time bookkeeping (call ids, name counters) in Layer.call (docs/traced-contexts.md)
        elif isinstance(target, nodes.AssignName) and _declared_outer(target):
            name = target.name
        else:
            return
        self._report_state_update(node, f"{name} {node.op} ...", name, trace)

    def _report_state_update(self, node: nodes.NodeNG, what: str, name: str, trace: TraceInfo) -> None:
        prefix, _ = fixes.tf_prefix(node)
        self.report(
            "python-state-update-at-trace-time",
            node,
            args=(
                what,
                trace.describe(),
                f"make {name} a {prefix}.Variable created once and use .assign_add(...)/.assign(...)",
            ),
            confidence=confidence_for(trace),
        )


def _module_level_object(expr: nodes.NodeNG) -> bool:
    """``CONFIG`` in ``CONFIG.last = t``: a name bound at module level (not a module import)."""
    if not isinstance(expr, nodes.Name):
        return False
    try:
        scope, assignments = expr.lookup(expr.name)
    except Exception:  # pylint: disable=broad-except
        return False
    return (
        isinstance(scope, nodes.Module)
        and scope.name != "builtins"
        and bool(assignments)
        and all(isinstance(a, nodes.AssignName) for a in assignments)
    )


def _declares_global(function: nodes.NodeNG | None, name: str) -> bool:
    if not isinstance(function, nodes.FunctionDef):
        return False
    return any(name in g.names for g in function.nodes_of_class(nodes.Global, skip_klass=FUNCTION_TYPES))


def _passes_container(call: nodes.Call, function: nodes.NodeNG, parameter: str) -> bool:
    """``call`` passes a Python list/dict/set (a literal, or a name bound to one) as ``parameter``."""
    if not isinstance(function, nodes.FunctionDef):
        return False
    positional = [a.name for a in (function.args.posonlyargs or []) + (function.args.args or [])]
    if positional and isinstance(function.parent, nodes.ClassDef):
        positional = positional[1:]
    arguments = [a for i, a in enumerate(call.args) if i < len(positional) and positional[i] == parameter]
    arguments += [k.value for k in call.keywords or () if k.arg == parameter]
    for argument in arguments:
        if _is_container_value(argument):
            return True
        binding = names.sole_binding(argument)
        if binding is not None and _is_container_value(_assigned_value(binding)):
            return True
    return False


def _flows_into_graph(name: nodes.NodeNG, decisions: bool = False) -> bool:
    """The value becomes part of what the graph computes: an operand, a TF op argument, a return value
    (with ``decisions``, also a comparison or condition decided while tracing: ``if self.steps >= N``)."""
    parent = name.parent
    if isinstance(parent, (nodes.BinOp, nodes.UnaryOp, nodes.Return)):
        return True
    if decisions and (isinstance(parent, (nodes.Compare, nodes.BoolOp))
                      or isinstance(parent, (nodes.If, nodes.While, nodes.IfExp)) and parent.test is name):
        return True
    if isinstance(parent, nodes.Keyword):
        parent = parent.parent
    if isinstance(parent, nodes.Call) and name is not parent.func and isinstance(parent.func, (nodes.Name, nodes.Attribute)):
        return names.is_tensorflow(names.qualified_name(parent.func))
    return False


_REBINDERS_CACHE: dict[int, tuple[nodes.Module, dict[str, list[nodes.FunctionDef]]]] = {}


def _global_rebinders(module: nodes.Module) -> dict[str, list[nodes.FunctionDef]]:
    """{module-level name: functions that rebind it through ``global``} (cached per module)."""
    cached = _REBINDERS_CACHE.get(id(module))
    if cached is not None and cached[0] is module:
        return cached[1]
    found: dict[str, list[nodes.FunctionDef]] = {}
    for statement in module.nodes_of_class(nodes.Global):
        function = owner(statement)
        if not isinstance(function, nodes.FunctionDef):
            continue
        for name in statement.names:
            # lazy one-time initialisation (``if X is None: X = ...``) only replaces None, once:
            # a value read at trace time cannot go stale through it
            assigned = any(
                target.name == name and not _lazy_init(target, name)
                for target in function.nodes_of_class(nodes.AssignName, skip_klass=FUNCTION_TYPES)
            )
            if assigned and module.locals.get(name):
                found.setdefault(name, []).append(function)
    if len(_REBINDERS_CACHE) > 256:
        _REBINDERS_CACHE.clear()
    _REBINDERS_CACHE[id(module)] = (module, found)
    return found


_ANY_PART = ("any",)
"""What ``X.update(...)`` or ``X[key] = v`` with a computed key may change: every item."""
_MUTATORS_CACHE: dict[int, tuple[nodes.Module, dict[str, list[tuple[nodes.FunctionDef, tuple]]]]] = {}
# module-level values whose contents a function can change: containers and constructed objects
_MUTABLE_VALUES = (nodes.Dict, nodes.List, nodes.Set, nodes.DictComp, nodes.ListComp, nodes.SetComp, nodes.Call)


def _global_mutators(module: nodes.Module) -> dict[str, list[tuple[nodes.FunctionDef, tuple]]]:
    """{module-level object: (function, what it changes)} for functions that change its items or
    attributes (cached per module); what is changed: ``("item", key)``, ``("attr", name)`` or ``_ANY_PART``.

    ``X[k] = v``, ``del X[k]``, ``X.attr = v`` and ``X.update(...)``-style calls inside a function;
    changes made by module-level statements run at import, before anything is traced.
    """
    cached = _MUTATORS_CACHE.get(id(module))
    if cached is not None and cached[0] is module:
        return cached[1]
    data = {
        name
        for name, bindings in module.locals.items()
        if bindings
        and all(
            isinstance(b, nodes.AssignName) and isinstance(b.parent, nodes.Assign)
            and isinstance(b.parent.value, _MUTABLE_VALUES)
            for b in bindings
        )
    }
    found: dict[str, list[tuple[nodes.FunctionDef, tuple]]] = {}
    if data:
        for node in module.nodes_of_class((nodes.Subscript, nodes.AssignAttr, nodes.DelAttr, nodes.Call)):
            target = _mutated_object(node)
            if not isinstance(target, nodes.Name) or target.name not in data:
                continue
            function = owner(node)
            if not isinstance(function, nodes.FunctionDef):
                continue
            entry = (function, _ANY_PART if isinstance(node, nodes.Call) else _read_key(node))
            if isinstance(names.binding_scope(target), nodes.Module) and entry not in found.get(target.name, ()):
                found.setdefault(target.name, []).append(entry)
    if len(_MUTATORS_CACHE) > 256:
        _MUTATORS_CACHE.clear()
    _MUTATORS_CACHE[id(module)] = (module, found)
    return found


def _read_key(node: nodes.NodeNG) -> tuple:
    """``("item", "k")`` for ``X["k"]``, ``("attr", "a")`` for ``X.a``; ``_ANY_PART`` for a computed key."""
    if isinstance(node, nodes.Subscript):
        if isinstance(node.slice, nodes.Const):
            return ("item", node.slice.value)
        return _ANY_PART
    return ("attr", node.attrname)


def _mutated_object(node: nodes.NodeNG) -> nodes.NodeNG | None:
    """``X`` in ``X[k] = v``, ``del X[k]``, ``X.attr = v``, ``X.update(...)``; None otherwise."""
    if isinstance(node, nodes.Subscript):
        return node.value if getattr(node.ctx, "name", "") in ("Store", "Del") else None
    if isinstance(node, (nodes.AssignAttr, nodes.DelAttr)):
        return node.expr
    if isinstance(node, nodes.Call) and isinstance(node.func, nodes.Attribute) and node.func.attrname in MUTATING_METHODS:
        return node.func.expr
    return None


def _lazy_init(target: nodes.AssignName, name: str) -> bool:
    """``target`` is inside the body of an ``if <name> is None:`` of its own function."""
    child, parent = target, target.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.Module, nodes.ClassDef)):
        if isinstance(parent, nodes.If) and child in parent.body and is_none_test(parent.test, name):
            return True
        child, parent = parent, parent.parent
    return False


_LOGGER_FACTORIES = frozenset({"logging.getLogger", "tensorflow.get_logger", "absl.logging.get_absl_logger"})
_LOG_OPTIONS = frozenset({"exc_info", "stack_info", "stacklevel", "extra", "category"})


def _logger_call(func: nodes.NodeNG) -> str | None:
    """``logger.info`` where ``logger = logging.getLogger(...)`` (or ``tf.get_logger()``): ``logging.info``."""
    if not (isinstance(func, nodes.Attribute) and func.attrname in _OUTPUT_FUNCTIONS):
        return None
    binding = names.sole_binding(func.expr)
    statement = binding.parent if binding is not None else None
    if not (isinstance(statement, nodes.Assign) and isinstance(statement.value, nodes.Call)):
        return None
    factory = statement.value.func
    if not isinstance(factory, (nodes.Name, nodes.Attribute)) or names.qualified_name(factory) not in _LOGGER_FACTORIES:
        return None
    return f"logging.{func.attrname}"


def _logs_static_values(call: nodes.Call, traced) -> bool:
    """Every value the call logs is a Python value fixed at trace time (a configuration notice)."""
    values = [*call.args, *(k.value for k in call.keywords or () if k.arg not in _LOG_OPTIONS)]
    return all(is_static(value, traced) for value in values)


def _under_early_return_guard(call: nodes.Call, traced) -> bool:
    """``if <Python condition>: log(...); return`` in the same function: a configuration branch that
    explains why the function stops there (``if not metric: logging.info('skip'); return``)."""
    child, parent = call, call.parent
    while parent is not None and not isinstance(parent, (*FUNCTION_TYPES, nodes.Module, nodes.ClassDef)):
        if isinstance(parent, nodes.If) and child in parent.body and parent.body \
                and isinstance(parent.body[-1], (nodes.Return, nodes.Raise)):
            return is_static(parent.test, traced)  # decided in Python at trace time, not a tensor condition
        child, parent = parent, parent.parent
    return False


def _opens_for_writing(call: nodes.Call) -> bool:
    mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords or () if k.arg == "mode"), None)
    return isinstance(mode, nodes.Const) and isinstance(mode.value, str) and any(c in mode.value for c in "wax+")


def _is_output_call(qualified: str) -> bool:
    if qualified == "warnings.warn":
        return True
    if qualified.startswith(("logging.", "absl.logging.")):
        return qualified.rsplit(".", 1)[-1] in _OUTPUT_FUNCTIONS
    return False


def _frozen_replacement(qualified: str) -> str | None:
    if qualified in FROZEN_CALLS:
        return FROZEN_CALLS[qualified]
    if qualified.startswith("numpy.random."):
        function = qualified.rsplit(".", 1)[-1]
        return _NUMPY_RANDOM_FIX.get(function, "tf.random.* ops or a tf.random.Generator")
    if qualified.startswith("secrets."):
        return "tf.random.* ops"
    return None


def _is_python_iterator(iterator: nodes.NodeNG) -> bool:
    """Bound (once) to ``iter(<list/tuple/range/comprehension>)``, a generator expression or itertools."""
    assignment = names.only_assignment(iterator)
    if assignment is None:
        return False
    value = _assigned_value(assignment)
    if isinstance(value, nodes.GeneratorExp):
        return True
    if not isinstance(value, nodes.Call):
        return False
    if names.builtin_name(value.func) == "iter" and value.args:
        source = value.args[0]
        if isinstance(source, (nodes.List, nodes.Tuple, nodes.Set, nodes.ListComp, nodes.GeneratorExp, nodes.Const)):
            return True
        return isinstance(source, nodes.Call) and names.builtin_name(source.func) == "range"
    qualified = names.qualified_name(value.func) if isinstance(value.func, (nodes.Name, nodes.Attribute)) else None
    return qualified is not None and qualified.startswith("itertools.")


def _is_box_assignment(target: nodes.Subscript) -> bool:
    """``box[0] = v`` with a constant index on a closure variable."""
    return (
        isinstance(target.slice, nodes.Const)
        and isinstance(target.slice.value, int)
        and _outer_binding_kind(target.value) == "closure"
    )


def _declared_outer(target: nodes.AssignName) -> bool:
    """``global x`` / ``nonlocal x`` in the function that assigns ``x``."""
    function = owner(target)
    if not isinstance(function, nodes.FunctionDef):
        return False
    for statement in function.nodes_of_class((nodes.Global, nodes.Nonlocal), skip_klass=FUNCTION_TYPES):
        if target.name in statement.names:
            return True
    return False


def _is_container_value(value: nodes.NodeNG | None) -> bool:
    if isinstance(value, (nodes.List, nodes.Dict, nodes.Set, nodes.ListComp, nodes.DictComp, nodes.SetComp)):
        return True
    if isinstance(value, nodes.Call):
        if names.builtin_name(value.func) in _CONTAINER_BUILTINS:
            return True
        return names.qualified_name(value.func) in _CONTAINER_FACTORIES
    return False


def _outer_binding_kind(expr: nodes.NodeNG) -> str | None:
    """'module-level' / 'closure' / 'attribute' when ``expr`` is bound outside the current function."""
    function = owner(expr)
    if isinstance(expr, nodes.Name):
        try:
            scope, assignments = expr.lookup(expr.name)
        except Exception:  # pylint: disable=broad-except
            return None
        if not assignments or scope is function:
            return None
        if isinstance(scope, nodes.Module) and scope.name != "builtins":
            return "module-level"
        if isinstance(scope, nodes.FunctionDef):
            return "closure"
        return None
    if isinstance(expr, nodes.Attribute) and is_self_reference(expr.expr):
        return "attribute"
    return None


def _outer_container(receiver: nodes.NodeNG) -> str | None:
    """Describe where an outer Python container is defined, or None when not sure it is one."""
    kind = _outer_binding_kind(receiver)
    if kind is None:
        return None
    if isinstance(receiver, nodes.Name):
        _scope, assignments = receiver.lookup(receiver.name)
        values = [_assigned_value(a) for a in assignments]
        if values and all(_is_container_value(v) for v in values):
            return f"a {kind} container"
        return None
    cls = enclosing_class(receiver)
    if cls is None or not isinstance(receiver, nodes.Attribute):
        return None
    values = [_assigned_value(a) for a in cls.instance_attrs.get(receiver.attrname, ())]
    if values and all(_is_container_value(v) for v in values):
        return "an attribute container"
    return None


def _assigned_value(assignment: nodes.NodeNG) -> nodes.NodeNG | None:
    parent = assignment.parent
    if isinstance(parent, (nodes.Assign, nodes.AnnAssign)) and (
        parent.targets[0] is assignment if isinstance(parent, nodes.Assign) else parent.target is assignment
    ):
        return parent.value
    return None


def _is_literal_str(node: nodes.NodeNG) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, str)


def register(linter: PyLinter) -> None:
    linter.register_checker(SideEffectsChecker(linter))
