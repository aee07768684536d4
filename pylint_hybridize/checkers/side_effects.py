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
from pylint_hybridize.model import (
    MUTATING_METHODS,
    TraceInfo,
    display_name,
    enclosing_class,
    is_self_reference,
    member_read,
    names,
    outputs,
    owner,
    part_of,
    shows_tensor_value,
    strings,
    updates_from_old_value,
)
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
    Rule(
        "W9111",
        "file-written-at-trace-time",
        template="%s writes its file only while %s, not on every call; fix: %s",
        description=(
            "A file written by Python code (open(path, 'w'), json.dump, pickle.dump, np.save) in a "
            "tf.function is written once, while the function is traced: later calls run the graph "
            "and write nothing."
        ),
        fix_safety="none",
    ),
)


class SideEffectsChecker(HybridizeChecker):
    name = "hybridize-side-effects"
    msgs = pylint_msgs(RULES)

    # -- dispatch: each visit method hands its node to the rules named after their symbols ----
    @only_required_for_messages("stale-attribute-read")
    @guarded
    def visit_attribute(self, node: nodes.Attribute) -> None:
        self.stale_attribute_read(node)

    @only_required_for_messages("argument-mutated-in-traced-code")
    @guarded
    def visit_module(self, node: nodes.Module) -> None:
        self.argument_mutated_in_traced_code(node)

    @only_required_for_messages("stale-global-read")
    @guarded
    def visit_name(self, node: nodes.Name) -> None:
        self.stale_global_read(node)

    @only_required_for_messages(
        "print-at-trace-time",
        "logging-at-trace-time",
        "outer-state-mutation-at-trace-time",
        "frozen-value-at-trace-time",
        "tensor-formatted-at-trace-time",
        "file-written-at-trace-time",
    )
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        trace = self.trace_info(node)
        if trace is None:
            return
        func = node.func
        qualified = outputs.called_name(node)
        builtin = names.builtin_name(func)
        self.tensor_formatted_at_trace_time(node, qualified, trace)
        if builtin == "print":
            self.print_at_trace_time(node, trace)
        elif builtin in ("open", "next"):
            self.file_written_at_trace_time(node, f"builtins.{builtin}", trace)
            self.frozen_value_at_trace_time(node, f"builtins.{builtin}", trace)
        elif qualified is not None:
            self.file_written_at_trace_time(node, qualified, trace)
            self.logging_at_trace_time(node, qualified, trace)
            self.frozen_value_at_trace_time(node, qualified, trace)
        elif isinstance(func, nodes.Attribute) and func.attrname in MUTATING_METHODS:
            self.outer_state_mutation_at_trace_time(node, func.expr, f"{func.expr.as_string()}.{func.attrname}()", trace)

    @only_required_for_messages(
        "outer-state-mutation-at-trace-time", "leaked-tensor-at-trace-time", "python-state-update-at-trace-time"
    )
    @guarded
    def visit_assign(self, node: nodes.Assign) -> None:
        trace = self.trace_info(node)
        if trace is None:
            return
        state = self.model(node).outer_state
        for target in node.targets:
            if isinstance(target, nodes.Subscript):
                if not state.box_assignment(target):  # closure ``box[0] = value``: "capture while tracing"
                    self.outer_state_mutation_at_trace_time(
                        node, target.value, f"{target.value.as_string()}[...] = ...", trace
                    )
                continue
            if isinstance(target, nodes.AssignAttr) and is_self_reference(target.expr):
                name, rebinding = f"self.{target.attrname}", True
            elif isinstance(target, nodes.AssignName) and state.declared_outer(target):
                name, rebinding = target.name, True
            elif isinstance(target, nodes.AssignAttr) and state.module_level_object(target.expr):
                name, rebinding = target.as_string(), False  # CONFIG.last = t: outlives the trace on a module object
            else:
                continue
            self.leaked_tensor_at_trace_time(node, name, trace)
            if rebinding and len(node.targets) == 1:
                self.python_state_update_at_trace_time(node, name, trace)

    @only_required_for_messages("outer-state-mutation-at-trace-time")
    @guarded
    def visit_delete(self, node: nodes.Delete) -> None:
        trace = self.trace_info(node)
        if trace is None:
            return
        for target in node.targets:
            if isinstance(target, nodes.Subscript):
                self.outer_state_mutation_at_trace_time(node, target.value, f"del {target.value.as_string()}[...]", trace)

    @only_required_for_messages("python-state-update-at-trace-time", "outer-state-mutation-at-trace-time")
    @guarded
    def visit_augassign(self, node: nodes.AugAssign) -> None:
        trace = self.trace_info(node)
        if trace is None:
            return
        target = node.target
        if isinstance(target, nodes.Subscript):
            self.outer_state_mutation_at_trace_time(
                node, target.value, f"{target.value.as_string()}[...] {node.op} ...", trace
            )
        elif isinstance(target, nodes.AssignAttr) and is_self_reference(target.expr):
            self.python_state_update_at_trace_time(node, f"self.{target.attrname}", trace)
        elif isinstance(target, nodes.AssignName) and self.model(node).outer_state.declared_outer(target):
            self.python_state_update_at_trace_time(node, target.name, trace)

    # -- print-at-trace-time ---------------------------------------------------------------
    def print_at_trace_time(self, node: nodes.Call, trace: TraceInfo) -> None:
        if trace.static_output_is_deliberate and not any(shows_tensor_value(a) for a in node.args):
            return  # ``print(x.shape)``, notices in Layer.call: the usual debugging (see docs/traced-contexts.md)
        if outputs.prints_trace_metadata(node):
            return  # shapes and dtypes only: fixed per trace, so once per trace prints all a per-call print would
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
    def tensor_formatted_at_trace_time(self, node: nodes.Call, qualified: str | None, trace: TraceInfo) -> None:
        """tf.print(f"d {x}"), logging.info("d %s", x): text made from a symbolic tensor (print is
        print-at-trace-time's, whose fix rewrites the formatting too)."""
        if qualified == "tensorflow.print":
            self._tensor_formatted_at_trace_time_argument(node, list(node.args), "tf.print", trace)
        elif qualified is not None and outputs.is_log_function(qualified):
            self._tensor_formatted_at_trace_time_argument(node, list(node.args), "a log message", trace)

    def _tensor_formatted_at_trace_time_argument(
        self, call: nodes.Call, arguments: list[nodes.NodeNG], where: str, trace: TraceInfo
    ) -> None:
        for index, argument in enumerate(arguments):
            found = strings.formatted(argument)
            values = [p.value for p in found.values] if found else []
            how = found.how if found else ""
            if where == "a log message" and index > 0 and strings.is_percent_template(arguments[0]):
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

    # -- file-written-at-trace-time -----------------------------------------------------
    def file_written_at_trace_time(self, node: nodes.Call, called: str, trace: TraceInfo) -> None:
        """``open(path, "w")``, ``json.dump(obj, f)``, ``np.save(path, a)``: once per trace."""
        if not outputs.writes_file(node, called):
            return
        if trace.in_layer_call:
            return  # Layer.call also runs eagerly on direct calls: once per trace is not all it does
        if outputs.persisted_once(node) is not None:
            return  # ``if not os.path.exists(p): ...; np.save(p, ...)``: written on the first run only, as eagerly
        shown = "open()" if called == "builtins.open" else f"{called.rsplit('.', 1)[-1]}()"
        prefix, _ = fixes.tf_prefix(node)
        description = (
            "write the file in Python outside the traced function, from what it returns "
            f"(or {prefix}.io.write_file, which writes on every call)"
        )
        self.report(
            "file-written-at-trace-time", node, args=(shown, trace.describe(), description),
            confidence=confidence_for(trace), fix=fixes.Fix(description),
        )  # fmt: skip

    # -- logging-at-trace-time ---------------------------------------------------------
    def logging_at_trace_time(self, node: nodes.Call, called: str, trace: TraceInfo) -> None:
        """``called``: the qualified name of the called function (files written: file-written-at-trace-time)."""
        if not outputs.is_output_function(called):
            return
        if trace.static_output_is_deliberate and not any(
            shows_tensor_value(a) for a in [*node.args, *(k.value for k in node.keywords or ())]
        ):
            return  # Layer.call's build-time notices and shape logs (see docs/precision.md, issue 14)
        model = self.model(node)
        if outputs.logs_static_values(node, model.traced) or model.guard_of(node).static_early_exit(model.traced):
            return  # a configuration notice: meant to be written once per trace
        prefix, _ = fixes.tf_prefix(node)
        self.report(
            "logging-at-trace-time",
            node,
            args=(called, trace.describe(), f"{prefix}.print(...) for per-call output, or log outside the function"),
            confidence=confidence_for(trace),
        )

    # -- frozen-value-at-trace-time ----------------------------------------------------
    def frozen_value_at_trace_time(self, node: nodes.Call, called: str, trace: TraceInfo) -> None:
        """``called``: the qualified name of the called function (``builtins.next`` for the builtin)."""
        if called == "builtins.next":
            self._frozen_value_at_trace_time_next(node, trace)
            return
        replacement = outputs.frozen_call_replacement(called)
        if replacement is None or outputs.persisted_once(node) is not None:
            return  # not frozen; or drawn once and saved by ``if not os.path.exists(p):``, as eagerly
        prefix, needs_import = fixes.tf_prefix(node)
        replacement = replacement.replace("tf.", f"{prefix}.")
        fix = None
        template = outputs.zero_argument_replacement(node, called)
        if template is not None:
            text = template.format(tf=prefix)
            fix = fixes.Fix(f"use {text}", (fixes.Edit.replace_node(node, text),), safe=False, needs_tf_import=needs_import)
        self.report(
            "frozen-value-at-trace-time",
            node,
            args=(f"{called}()", trace.describe(), f"use {replacement}" if fix is None else fix.description),
            confidence=confidence_for(trace),
            fix=fix,
        )

    def _frozen_value_at_trace_time_next(self, node: nodes.Call, trace: TraceInfo) -> None:
        if not node.args:
            return
        iterator = node.args[0]
        if not self.model(node).outer_state.outer_python_iterator(iterator):
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

    # -- outer-state-mutation-at-trace-time ----------------------------------------------
    def outer_state_mutation_at_trace_time(
        self, node: nodes.NodeNG, receiver: nodes.NodeNG, what: str, trace: TraceInfo
    ) -> None:
        where = self.model(node).outer_state.container(receiver)
        if where is None:
            return
        if trace.in_layer_call and where == "an attribute container":
            return  # per-call stashes and build-time bookkeeping on self in Layer.call (docs/traced-contexts.md)
        if trace.fresh_self and where == "an attribute container":
            return  # the object was made by this trace (``r = Registry(); r.insert(...)``): it dies with it
        if self.model(node).outer_state.fills_cache_lazily(node, receiver):
            return  # ``v = cache.get(k); if v is None: ...; cache[k] = v``: made once, found afterwards
        if self.model(node).outer_state.records_once(node, receiver):
            return  # ``if k not in seen: seen.add(k)``: a registry of Python keys that makes its branch run once
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

    # -- leaked-tensor-at-trace-time -------------------------------------------------------
    def leaked_tensor_at_trace_time(self, node: nodes.Assign, name: str, trace: TraceInfo) -> None:
        answer = self.model(node).kind(node.value)
        if not answer.holds_tensors:
            return
        prefix, _ = fixes.tf_prefix(node)
        why = describe(trace, answer)
        fix = f"return the tensor, or store it in a {prefix}.Variable created once and .assign(...) it"
        if trace.in_layer_call and name.startswith("self."):
            if not self.model(node).caches_symbolic_first_run(node, name[len("self."):]):
                return  # Keras layers stash per-call tensors on self for their other methods (see docs/precision.md)
            why = (
                f"Keras 3 first runs '{node.frame().parent.name}.call' on symbolic tensors (a build by run of the "
                f"layer or of the model holding it) and the 'is None' guard keeps that tensor for every later call"
            )
            fix = f"compute it on every call (drop the 'if {name} is None' cache)"
        self.report(
            "leaked-tensor-at-trace-time",
            node,
            args=(name, why, fix),
            confidence=kind_confidence(trace, answer),
        )

    # -- python-state-update-at-trace-time -------------------------------------------------
    def python_state_update_at_trace_time(self, node: nodes.Assign | nodes.AugAssign, name: str, trace: TraceInfo) -> None:
        """``x += ...`` or ``x = x + ...`` on a global, nonlocal or self attribute (``name``)."""
        model = self.model(node)
        if isinstance(node, nodes.AugAssign):
            if trace.in_layer_call and name.startswith("self."):
                return  # trace-time bookkeeping (call ids, name counters) in Layer.call (docs/traced-contexts.md)
            what = f"{name} {node.op} ..."
        else:
            if model.kind(node.value).holds_tensors or not updates_from_old_value(node):
                return  # a tensor is leaked-tensor-at-trace-time's; a plain assignment is no update
            what = f"{name} = {node.value.as_string()}"
        if model.outer_state.normalises_once(node):
            return  # ``if self.axis < 0: self.axis += ndims``: settled on the first trace, as eagerly
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

    # -- stale-global-read -------------------------------------------------------------------
    def stale_global_read(self, node: nodes.Name) -> None:
        if not node.root().locals.get(node.name):
            return  # not a module-level name (a cheap test: this runs for every name)
        model = self.model(node)
        state = model.outer_state
        # lazy one-time initialisation (``if X is None: X = ...``) only replaces None, once:
        # a value read at trace time cannot go stale through it
        rebinders = [w.function for w in state.rebinds(node.name) if not model.guard_of(w.node).lazy_on(node.name)]
        changes = state.changes(node.name) if not rebinders else []
        if not rebinders and not changes:
            return
        trace = self.trace_info(node)
        if trace is None:
            return
        function = owner(node)
        if not isinstance(names.binding_scope(node), nodes.Module) or function in (rebinders or [w.function for w in changes]):
            return  # a local, or the function that updates it (python-state-update-at-trace-time)
        if rebinders:
            read, writers, verb = node, rebinders, "rebinds"
        else:
            # X["key"] / X.attr: what the graph bakes in is the item, read from a container that
            # an eager function changes (a traced one is outer-state-mutation-at-trace-time's)
            read, verb = member_read(node), "changes"
            if read is None:
                return
            writers = [w.function for w in state.eager_changes(node.name, part_of(read))]
            if not writers:
                return
        if state.declares_global(function, node.name) or not state.flows_into_graph(read):
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

    # -- stale-attribute-read ----------------------------------------------------------------
    def stale_attribute_read(self, node: nodes.Attribute) -> None:
        if not is_self_reference(node.expr):
            return
        state = self.model(node).outer_state
        if not state.flows_into_graph(node, decisions=True):
            return
        trace = self.trace_info(node)
        cls = enclosing_class(node) if trace is not None else None
        if cls is None:
            return
        updates = state.eager_attribute_updates(cls, node.attrname)
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

    # -- argument-mutated-in-traced-code -------------------------------------------------------
    def argument_mutated_in_traced_code(self, module: nodes.Module) -> None:
        model = self.model(module)
        state = model.outer_state
        for hybrid in model.hybrids:
            if hybrid.function.root() is not module:
                continue
            sites = model.sites_of(hybrid)
            for parameter, mutation in state.parameter_mutations(hybrid.function).items():
                if mutation.node.root() is not module:
                    continue
                if not any(state.passes_container(site.call, hybrid.function, parameter) for site in sites) and (
                    hybrid.has_input_signature or not state.hinted_container(hybrid.function, parameter)
                ):
                    continue  # a Python container only when a call or the hint shows one (acc.append may be any object's)
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


def register(linter: PyLinter) -> None:
    linter.register_checker(SideEffectsChecker(linter))
