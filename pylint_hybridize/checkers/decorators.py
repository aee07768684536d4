"""Decorator hygiene: deprecated tf.function arguments, debug leftovers, redundant decorators.

The empirical study found most hybridization fixes are decorator changes: add
``tf.function``, remove it, or change one of its parameters. This family finds
the parameter changes TensorFlow has already made for you (deprecated names),
switches that silently turn every tf.function back into eager code, and
decorators that only add a second trace cache because every caller is traced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages
from pylint.interfaces import HIGH, INFERENCE

from pylint_hybridize import fixes
from pylint_hybridize.checkers.base import HybridizeChecker, guarded
from pylint_hybridize.model import (
    HybridFunction,
    TF_FUNCTION,
    barren,
    catalogue,
    debug_context,
    evidence,
    extra_keywords,
    imports_tensorflow,
    is_test_file,
    is_true,
    names,
    profile_entry,
    python_object_argument,
    settings_text,
    true_by_default,
    under_scope,
)
from pylint_hybridize.rules import Rule, pylint_msgs

if TYPE_CHECKING:
    from pylint.lint import PyLinter


RULES = (
    Rule(
        "W9501",
        "deprecated-tf-function-argument",
        template=(
            "tf.function argument '%s' is deprecated (TF still accepts it and warns at most once per "
            "process, usually never); fix: %s"
        ),
        description=(
            "experimental_relax_shapes, experimental_compile and experimental_follow_type_hints were "
            "renamed or removed; TF 2.21 still maps them silently."
        ),
        fix_safety="safe",
    ),
    Rule(
        "W9502",
        "eager-execution-leftover",
        template=(
            "%s turns every tf.function into eager code (no graph speed-up, graph-only errors hidden); "
            "fix: %s"
        ),
        description=(
            "tf.config.run_functions_eagerly(True) and compile(run_eagerly=True) are debugging "
            "switches; left in production code they remove the whole benefit of tf.function "
            "(measured: 2.47 ms vs 0.50 ms per train step)."
        ),
        fix_safety="none",
    ),
    Rule(
        "R9503",
        "redundant-tf-function",
        template=(
            "'%s' is only ever called from traced code (%s), where it is traced inline anyway; the "
            "decorator only adds a second trace cache; fix: %s"
        ),
        description=(
            "A tf.function called only from other tf.functions is traced as part of its callers; "
            "its own decorator adds nothing but another function object and trace cache. Off by "
            "default: when right, the finding is typically harmless (one call op, a second trace "
            "cache; on the user-code benchmark none of its right findings was worth fixing)."
        ),
        fix_safety="unsafe",
        default_enabled=False,
    ),
    Rule(
        "E9505",
        "input-signature-mismatch",
        template=(
            "'%s' has an input_signature, but %s: TF raises 'TypeError: Binding inputs to tf.function "
            "failed'; fix: %s"
        ),
        description=(
            "With an input_signature, every argument must convert to its TensorSpec: extra keyword "
            "arguments (**kwargs) and Python objects (instances, dicts) are rejected when the function "
            "is called."
        ),
        fix_safety="none",
    ),
    Rule(
        "R9506",
        "barren-tf-function",
        template=(
            "'%s' is a tf.function but does no tensor work (no TF op, no tensor argument): tracing "
            "only adds cost and turns its Python results into tensors; fix: %s"
        ),
        description=(
            "The 'optimise hybrid function' refactoring: a decorated function that computes nothing "
            "with tensors gains nothing from a graph."
        ),
        fix_safety="unsafe",
    ),
    Rule(
        "C9504",
        "tf-function-opportunity",
        template=(
            "'%s' runs TensorFlow ops eagerly and is called in a loop (line %s); it has no Python side "
            "effects, so tf.function could run it as one graph; fix: %s"
        ),
        description=(
            "The 'convert eager function to hybrid' refactoring: an eager function doing tensor work, "
            "free of side effects and eager-only calls, called repeatedly (a train step). Off by "
            "default: whether the speed-up is worth tracing is the author's call."
        ),
        fix_safety="unsafe",
        default_enabled=False,
    ),
)


class DecoratorsChecker(HybridizeChecker):
    name = "hybridize-decorators"
    msgs = pylint_msgs(RULES)

    # -- dispatch ----------------------------------------------------------------
    @only_required_for_messages("tf-function-opportunity", "input-signature-mismatch")
    @guarded
    def visit_module(self, node: nodes.Module) -> None:
        model = self.model(node)
        self.input_signature_mismatch(model, node)
        if self.linter.is_message_enabled("tf-function-opportunity"):
            self.tf_function_opportunity(model, node)

    @only_required_for_messages("deprecated-tf-function-argument", "eager-execution-leftover")
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        if not isinstance(node.func, (nodes.Name, nodes.Attribute)):
            return
        if names.qualified_name(node.func) == TF_FUNCTION:
            self.deprecated_tf_function_argument(node)
        else:
            self.eager_execution_leftover(node)

    @only_required_for_messages("redundant-tf-function", "barren-tf-function")
    @guarded
    def visit_functiondef(self, node: nodes.FunctionDef) -> None:
        hybrid = self.model(node).hybrid_of(node)
        if hybrid is None or hybrid.via != "decorator" or hybrid.is_wrapper:
            return
        if not self.barren_tf_function(node, hybrid):
            self.redundant_tf_function(node, hybrid)

    # -- tf-function-opportunity: an eager train step called in a loop -----------------
    def tf_function_opportunity(self, model, module: nodes.Module) -> None:
        if not model.hybrids and not imports_tensorflow(module):
            return
        for function, call in model.tf_function_opportunities().items():
            settings = model.tf_function_settings(function)
            signature = model.tf_function_signature(function)
            speaks, measured = evidence(profile_entry(function), settings_text(signature, settings))
            if not speaks:
                continue  # the user's tests measured it (with these settings) slower traced, or different
            prefix, needs_import = fixes.tf_prefix(module)
            if signature:
                specs = ", ".join(
                    f"{prefix}.TensorSpec(shape=[{', '.join('None' if d is None else str(d) for d in spec.dims)}], "
                    f"dtype={prefix}.{spec.dtype})"
                    for spec in signature
                )
                settings = f"input_signature=[{specs}]"
            decorator = f"@{prefix}.function({settings})" if settings else f"@{prefix}.function"
            fix = fixes.Fix(
                f"decorate '{function.name}' with {decorator}{measured}",
                fixes.add_decorator(function, decorator),
                safe=False,
                needs_tf_import=needs_import,
            )
            self.report(
                "tf-function-opportunity",
                function,
                args=(function.name, call.lineno, fix.description),
                confidence=INFERENCE,
                fix=fix,
            )

    # -- input-signature-mismatch --------------------------------------------------
    def input_signature_mismatch(self, model, module: nodes.Module) -> None:
        """Arguments TF cannot bind to an input_signature: a Python object for a TensorSpec, or an
        extra keyword for a def with ``**kwargs``. A Python int/float/bool converts to a scalar spec
        (measured: 1 trace for 5 values) and is silent; a def taking ``**kwargs`` is an error only
        at a call that passes a keyword it does not name. One report per node, however many
        ``tf.function(...)`` wrappers share the def."""
        reported: set[nodes.NodeNG] = set()
        for hybrid in model.hybrids:
            if hybrid.function.root() is not module or not hybrid.has_input_signature:
                continue
            function = hybrid.function
            count = len(hybrid.signature or ())
            for site in model.sites_of(hybrid):
                for argument in site.call.args[:count]:
                    if argument not in reported and python_object_argument(argument):
                        reported.add(argument)
                        self.report(
                            "input-signature-mismatch",
                            argument,
                            args=(hybrid.name, f"this call passes '{argument.as_string()}', a Python object",
                                  "pass tensors matching the TensorSpec, or drop the input_signature"),
                            confidence=HIGH,
                        )
                for keyword in extra_keywords(function, site.call):
                    if keyword in reported:
                        continue
                    reported.add(keyword)
                    self.report(
                        "input-signature-mismatch",
                        keyword,
                        args=(hybrid.name,
                              f"this call passes '{keyword.arg}=', which only its **{function.args.kwarg} takes "
                              "(an input_signature binds no extra keyword)",
                              f"pass {keyword.arg} as a named parameter covered by the signature, or drop the "
                              "input_signature"),
                        confidence=HIGH,
                    )

    # -- eager-execution-leftover ------------------------------------------------------
    def eager_execution_leftover(self, node: nodes.Call) -> None:
        qualified = names.qualified_name(node.func)
        if qualified in catalogue.EAGER_SWITCHES:
            if node.args and is_true(node.args[0]) and not debug_context(node):
                self.report(
                    "eager-execution-leftover",
                    node,
                    args=(f"{node.func.as_string()}(True)", "remove it (or guard it behind a debug flag)"),
                    confidence=HIGH,
                )
            elif node.args and true_by_default(node.args[0]) and not debug_context(node):
                name = node.args[0].name
                self.report(
                    "eager-execution-leftover",
                    node,
                    args=(f"{node.func.as_string()}({name}) with {name}=True by default",
                          f"make {name} default to False"),
                    confidence=INFERENCE,
                )
        elif isinstance(node.func, nodes.Attribute) and node.func.attrname == "compile":
            for keyword in node.keywords or ():
                if keyword.arg != "run_eagerly" or debug_context(node):
                    continue
                if is_true(keyword.value):
                    self.report(
                        "eager-execution-leftover",
                        keyword,
                        args=("compile(run_eagerly=True)", "remove run_eagerly=True (or guard it behind a debug flag)"),
                        confidence=INFERENCE,
                    )
                elif true_by_default(keyword.value):
                    name = keyword.value.name
                    self.report(
                        "eager-execution-leftover",
                        keyword,
                        args=(f"compile(run_eagerly={name}) with {name}=True by default",
                              f"make {name} default to False"),
                        confidence=INFERENCE,
                    )

    # -- deprecated-tf-function-argument ---------------------------------------------
    def deprecated_tf_function_argument(self, node: nodes.Call) -> None:
        for keyword in node.keywords or ():
            if keyword.arg not in catalogue.DEPRECATED_TF_FUNCTION_ARGUMENTS:
                continue
            replacement = catalogue.DEPRECATED_TF_FUNCTION_ARGUMENTS[keyword.arg]
            if replacement is None:
                fix = fixes.Fix(f"remove {keyword.arg}= (use input_signature or reduce_retracing instead)")
            elif any(other.arg == replacement for other in node.keywords):
                fix = fixes.Fix(f"remove {keyword.arg}= ({replacement}= is already given)")
            else:
                fix = fixes.Fix(
                    f"rename it to {replacement}=",
                    (
                        fixes.Edit(
                            keyword.lineno,
                            keyword.col_offset,
                            keyword.lineno,
                            keyword.col_offset + len(keyword.arg),
                            replacement,
                        ),
                    ),
                    safe=True,
                )
            self.report("deprecated-tf-function-argument", keyword, args=(keyword.arg, fix.description), confidence=HIGH, fix=fix)

    # -- barren-tf-function --------------------------------------------------------
    def barren_tf_function(self, node: nodes.FunctionDef, hybrid: HybridFunction) -> bool:
        if not barren(hybrid):
            return False
        decorator = hybrid.creation
        self.report(
            "barren-tf-function",
            node,
            args=(node.name, f"remove @{decorator.as_string()}"),
            confidence=HIGH,
            fix=_remove_decorator_fix(node, decorator),
        )
        return True

    # -- redundant-tf-function -------------------------------------------------------
    def redundant_tf_function(self, node: nodes.FunctionDef, hybrid: HybridFunction) -> None:
        if is_test_file(node.root().file):
            return  # tests nest tf.functions on purpose, to test exactly that (corpus: 3 of 3 were)
        if hybrid.options:
            # input_signature, reduce_retracing, jit_compile, autograph...: removing the decorator
            # would change what a caller can observe (the signature's checks, XLA, conversion)
            return
        model = self.model(node)
        callers = model.traced_uses(hybrid) or model.traced_call_sites(hybrid)
        if callers is None:
            return
        fix = _remove_decorator_fix(node, hybrid.creation)
        self.report("redundant-tf-function", node, args=(node.name, callers, fix.description), confidence=HIGH, fix=fix)


def _remove_decorator_fix(node: nodes.FunctionDef, decorator: nodes.NodeNG) -> fixes.Fix:
    """Delete ``@<decorator>\n`` and the next line's indentation (the def or the next decorator).
    Only described, never applied, where a comment on or above the decorators may explain it, or a
    ``with`` (a device, a strategy's scope) encloses the def."""
    description = f"remove @{decorator.as_string()} from '{node.name}'"
    if decorator.lineno != decorator.end_lineno or fixes.commented(node) or under_scope(node):
        return fixes.Fix(description)
    return fixes.Fix(description, fixes.remove_decorator(decorator), safe=False)


def register(linter: PyLinter) -> None:
    linter.register_checker(DecoratorsChecker(linter))
