"""Variables created in traced code: TF rejects them on the first call.

A tf.function that creates a ``tf.Variable`` is traced twice on its first call
(TensorFlow checks that the second trace creates none), so an unconditional
``tf.Variable(...)`` in the body fails at once with ``ValueError: tf.function
only supports singleton tf.Variables created on the first call``. Keras layers,
models, optimizers and metrics create variables too, with the same result.

Precision: creations under any ``if`` (a first-call guard such as ``if self.v
is None:``), inside ``with tf.init_scope():`` (also in a lambda called there, e.g.
``tf.nest.map_structure(lambda t: tf.Variable(...), ...)``), in ``__init__``/``build``
(Keras calls ``build`` once), in a helper that traced code calls only under such a
guard (``if self._loss is None: self._make_loss()``), and in untraced code are silent;
so are Keras layers without weights (``Lambda``, ``Reshape``, ``Activation``, pooling,
merge layers...: TF 2.21 builds them in traced code without error).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from astroid import nodes
from pylint.checkers.utils import only_required_for_messages
from pylint.interfaces import HIGH

from pylint_hybridize import fixes
from pylint_hybridize.checkers.base import HybridizeChecker, confidence_for, guarded
from pylint_hybridize.model import (
    Repetition,
    TraceInfo,
    TraceModel,
    catalogue,
    created_once,
    keras_creation,
    keras_instance_kind,
    keyed_arguments,
    names,
    repetition,
)
from pylint_hybridize.rules import Rule, pylint_msgs

if TYPE_CHECKING:
    from pylint.lint import PyLinter


RULES = (
    Rule(
        "E9301",
        "variable-created-in-traced-code",
        template=(
            "tf.Variable is created while %s, on every trace: TF raises 'tf.function only supports "
            "singleton tf.Variables created on the first call'; fix: %s"
        ),
        description=(
            "A tf.function that creates a variable is traced twice on its first call and TF "
            "rejects any variable created on a trace but the first: an unconditional "
            "tf.Variable(...) in traced code fails on the very first call."
        ),
        fix_safety="none",
    ),
    Rule(
        "E9302",
        "keras-object-created-in-traced-code",
        template=(
            "%s creates variables (%s) while %s, on every trace: TF raises 'tf.function only "
            "supports singleton tf.Variables created on the first call'; fix: %s"
        ),
        description=(
            "A Keras object whose constructor creates variables (Keras 3's Dropout: a seed generator; "
            "metrics, optimizers), or one built and first called in traced code (a Dense layer), "
            "fails there like tf.Variable does. Which classes create which variables, and when, is "
            "measured (model/catalogue/keras_classes.py); a class that creates none, or one not "
            "measured, gets no message."
        ),
        fix_safety="none",
    ),
    Rule(
        "E9303",
        "hybrid-shared-across-optimizers",
        template=(
            "'%s' is called with another %s (%s): its variables are created while the "
            "function traces again, and TF raises 'tf.function only supports singleton tf.Variables "
            "created on the first call'; fix: %s"
        ),
        description=(
            "One tf.function training several models or optimizers: the second one creates its "
            "variables (optimizer slots, lazily built weights) during a later trace, which TF rejects."
        ),
        fix_safety="none",
    ),
)


class VariablesChecker(HybridizeChecker):
    name = "hybridize-variables"
    msgs = pylint_msgs(RULES)

    # -- dispatch -------------------------------------------------------------------
    @only_required_for_messages("hybrid-shared-across-optimizers")
    @guarded
    def visit_module(self, node: nodes.Module) -> None:
        self.hybrid_shared_across_optimizers(node)

    @only_required_for_messages("variable-created-in-traced-code", "keras-object-created-in-traced-code")
    @guarded
    def visit_call(self, node: nodes.Call) -> None:
        if not isinstance(node.func, (nodes.Name, nodes.Attribute)):
            return
        qualified = names.qualified_name(node.func)
        if qualified is None:
            return
        self.variable_created_in_traced_code(node, qualified)
        self.keras_object_created_in_traced_code(node, qualified)

    # -- variable-created-in-traced-code ------------------------------------------------
    def variable_created_in_traced_code(self, node: nodes.Call, qualified: str) -> None:
        if qualified not in catalogue.VARIABLE_CLASSES:
            return
        trace = self.trace_info(node)
        if trace is None or created_once(node, trace, self.model(node)):
            return
        self.report(
            "variable-created-in-traced-code",
            node,
            args=(trace.describe(), _fix_text(node, "the variable", ".assign(...) it inside", trace)),
            confidence=confidence_for(trace),
        )

    # -- keras-object-created-in-traced-code ----------------------------------------------
    def keras_object_created_in_traced_code(self, node: nodes.Call, qualified: str) -> None:
        if qualified in catalogue.VARIABLE_CLASSES or not qualified.startswith("keras."):
            return
        trace = self.trace_info(node)
        if trace is None:
            return
        model = self.model(node)
        created = keras_creation(node, qualified, model.keras.version)
        if created is None or created_once(node, trace, model):
            return  # the measured catalogue: creates no variable, or the class is not known
        if trace.context is not None and model.keras_call_runs_only_eagerly(trace.context):
            return  # eager and symbolic calls build it without error (measured); no graph of a tf.function runs it
        when, variables = created
        named = ", ".join(variables) if variables else "its layers' variables"
        what = f"{named} in its constructor" if when == "constructor" else f"{named} when it is first called here"
        self.report(
            "keras-object-created-in-traced-code",
            node,
            args=(qualified, what, f"{trace.describe()} ({model.keras.phrase()})",
                  _fix_text(node, f"the {qualified}", "call it inside", trace)),
            confidence=confidence_for(trace),
        )  # fmt: skip

    # -- hybrid-shared-across-optimizers -----------------------------------------------------
    def hybrid_shared_across_optimizers(self, module: nodes.Module) -> None:
        model = self.model(module)
        built = model.built_names
        for hybrid in model.hybrids:
            seen: dict[int | str, tuple[str, str]] = {}
            for site in model.sites_of(hybrid):
                for key, argument in keyed_arguments(site.call):
                    kind = keras_instance_kind(argument)
                    if kind is None or argument.name in built:
                        continue
                    first = seen.setdefault(key, (argument.name, kind))
                    if first[0] != argument.name and first[1] == kind:
                        self.report(
                            "hybrid-shared-across-optimizers",
                            argument,
                            args=(
                                hybrid.name,
                                kind,
                                f"'{argument.name}', after '{first[0]}'",
                                f"build it before the first call ({argument.name}.build(...)), or use one "
                                f"tf.function per {kind}",
                            ),
                            confidence=HIGH,
                        )
        self._hybrid_shared_across_optimizers_made_per_call(model, module, built)

    def _hybrid_shared_across_optimizers_made_per_call(self, model: TraceModel, module: nodes.Module,
                                                       built: frozenset[str]) -> None:
        """``opt = Adam(); train_step(x, opt)`` in a loop body, or in an eager function a loop calls:
        a new optimizer for every call, whose slots are created on a trace that is not the first."""
        for site in model.call_sites:
            if site.call.root() is not module or model.trace_info(site.call) is not None:
                continue
            for _key, argument in keyed_arguments(site.call):
                if keras_instance_kind(argument) != "optimizer" or argument.name in built:
                    continue
                repeated = repetition(names.sole_binding(argument).parent, site.call, model)
                if repeated is None:
                    continue
                function = repeated.function
                self.report(
                    "hybrid-shared-across-optimizers",
                    argument,
                    args=(
                        site.hybrid.name,
                        "optimizer",
                        f"'{argument.name}' is made anew {_hybrid_shared_across_optimizers_how(repeated)}",
                        "create the optimizer once, before the loop"
                        f"{'' if function is module else f' (outside {function.name!r})'}, and pass that one",
                    ),
                    confidence=HIGH,
                )


def _hybrid_shared_across_optimizers_how(repeated: Repetition) -> str:
    if repeated.how == "loop":
        return f"in every iteration of the loop (line {repeated.at.lineno})"
    return f"by every call of '{repeated.function.name}', which is called in a loop (line {repeated.at.lineno})"


def _fix_text(node: nodes.Call, what: str, inside: str, trace: TraceInfo | None = None) -> str:
    prefix, _ = fixes.tf_prefix(node)
    context = trace.context if trace is not None else None
    if context is not None and context.is_keras:
        # Keras: a weight belongs in build() (self.add_weight), a sub-layer in __init__
        where = "create the layer in __init__ and call it" if what != "the variable" else (
            "create the weight in build() with self.add_weight(...) (or a tf.Variable in __init__) and use it"
        )
        return f"{where} in {context.function.name}()" if isinstance(context.function, nodes.FunctionDef) else where
    return (
        f"create {what} once outside the traced code (in __init__ or at module level) and {inside}, "
        f"or create it lazily under 'if self.<name> is None:'"
    ).replace("tf.", f"{prefix}.")


def register(linter: PyLinter) -> None:
    linter.register_checker(VariablesChecker(linter))
