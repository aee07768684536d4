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
from pylint_hybridize.model import TraceModel, names
from pylint_hybridize.model.callsites import enclosing_loop
from pylint_hybridize.model.traced import TraceInfo
from pylint_hybridize.rules import Rule, pylint_msgs
from pylint_hybridize.model.walk import owner

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
            "%s creates variables while %s, on every trace: TF raises 'tf.function only supports "
            "singleton tf.Variables created on the first call'; fix: %s"
        ),
        description=(
            "Keras layers, models, optimizers and metrics create variables when built; "
            "constructing one inside traced code fails like tf.Variable does."
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

VARIABLE_CONSTRUCTORS = frozenset({"tensorflow.Variable"})
# Keras modules whose capitalised members are variable-creating classes
_KERAS_VARIABLE_MODULES = ("keras.layers.", "keras.optimizers.", "keras.metrics.")
_KERAS_MODELS = frozenset({"keras.Model", "keras.Sequential", "keras.models.Model", "keras.models.Sequential"})
# Keras layers that own no variables: built in traced code they do not make TF raise (checked
# under TF 2.21 / Keras 3 over three traces). Not Dropout or the random augmentation layers:
# Keras 3 gives them a SeedGenerator, whose state is a variable.
_WEIGHTLESS_KERAS_LAYERS = frozenset(
    {"Lambda", "Reshape", "Activation", "Flatten", "Permute", "RepeatVector",
     "ReLU", "LeakyReLU", "Softmax", "ELU",
     "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"}
    | {f"{kind}{dims}D" for kind in ("MaxPooling", "AveragePooling", "MaxPool", "AvgPool",
                                      "GlobalMaxPooling", "GlobalAveragePooling", "GlobalMaxPool",
                                      "GlobalAvgPool", "UpSampling", "ZeroPadding", "Cropping")
       for dims in (1, 2, 3)}
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
        if qualified not in VARIABLE_CONSTRUCTORS:
            return
        trace = self.trace_info(node)
        if trace is None or self._created_once(node, trace):
            return
        self.report(
            "variable-created-in-traced-code",
            node,
            args=(trace.describe(), _fix_text(node, "the variable", ".assign(...) it inside", trace)),
            confidence=confidence_for(trace),
        )

    # -- keras-object-created-in-traced-code ----------------------------------------------
    def keras_object_created_in_traced_code(self, node: nodes.Call, qualified: str) -> None:
        keras_class = None if qualified in VARIABLE_CONSTRUCTORS else _keras_variable_class(qualified)
        if keras_class is None:
            return
        trace = self.trace_info(node)
        if trace is None or self._created_once(node, trace):
            return
        self.report(
            "keras-object-created-in-traced-code",
            node,
            args=(keras_class, trace.describe(), _fix_text(node, f"the {keras_class}", "call it inside", trace)),
            confidence=confidence_for(trace),
        )

    def _created_once(self, node: nodes.Call, trace: TraceInfo) -> bool:
        """Under a guard or an init_scope (a lambda handed to a call runs where the call is), in a method
        that runs once by contract, or in a helper that traced code calls only under a guard."""
        model = self.model(node)
        if model.guard_of(node, callbacks=True).runs_once:
            return True
        function = owner(node)
        return not trace.is_hybrid_itself and isinstance(function, nodes.FunctionDef) and model.called_under_guard(function)

    # -- hybrid-shared-across-optimizers -----------------------------------------------------
    def hybrid_shared_across_optimizers(self, module: nodes.Module) -> None:
        model = self.model(module)
        built = _built_names(model.calls)
        for hybrid in model.hybrids:
            seen: dict[int | str, tuple[str, str]] = {}
            for site in model.sites_of(hybrid):
                for key, argument in _keyed(site.call):
                    kind = _keras_instance_kind(argument)
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

    def _hybrid_shared_across_optimizers_made_per_call(self, model: TraceModel, module: nodes.Module, built: set[str]) -> None:
        """``opt = Adam(); train_step(x, opt)`` in a loop body, or in an eager function a loop calls:
        a new optimizer for every call, whose slots are created on a trace that is not the first."""
        for site in model.call_sites:
            if site.call.root() is not module or model.trace_info(site.call) is not None:
                continue
            for _key, argument in _keyed(site.call):
                if _keras_instance_kind(argument) != "optimizer" or argument.name in built:
                    continue
                statement = names.sole_binding(argument).parent
                function = owner(statement)
                if function is not owner(site.call):
                    continue
                repeated = _hybrid_shared_across_optimizers_repeated_by(statement, site.call, function, model)
                if repeated is None:
                    continue
                self.report(
                    "hybrid-shared-across-optimizers",
                    argument,
                    args=(
                        site.hybrid.name,
                        "optimizer",
                        f"'{argument.name}' is made anew {repeated}",
                        "create the optimizer once, before the loop"
                        f"{'' if function is module else f' (outside {function.name!r})'}, and pass that one",
                    ),
                    confidence=HIGH,
                )


def _hybrid_shared_across_optimizers_repeated_by(
    statement: nodes.NodeNG, call: nodes.Call, function: nodes.NodeNG, model: TraceModel
) -> str | None:
    """How a statement making a new object before ``call`` runs again and again: in the loop around
    both, or in an eager function that a loop (of this module) calls; None when it runs once."""
    loop = enclosing_loop(statement)
    if loop is not None and enclosing_loop(call) is loop:
        return f"in every iteration of the loop (line {loop.lineno})"
    if loop is not None or not isinstance(function, nodes.FunctionDef):
        return None
    for other in model.calls_to(function):
        if other.root() is model.module and enclosing_loop(other) is not None and model.trace_info(other) is None:
            return f"by every call of '{function.name}', which is called in a loop (line {other.lineno})"
    return None


def _keyed(call: nodes.Call) -> list[tuple[int | str, nodes.NodeNG]]:
    keyed: list[tuple[int | str, nodes.NodeNG]] = list(enumerate(call.args))
    return keyed + [(k.arg, k.value) for k in call.keywords or () if k.arg is not None]


def _keras_instance_kind(argument: nodes.NodeNG) -> str | None:
    """'optimizer' / 'model' when ``argument`` is a name bound once to a new Keras optimizer/model."""
    binding = names.sole_binding(argument)
    statement = binding.parent if binding is not None else None
    if not isinstance(statement, nodes.Assign) or not isinstance(statement.value, nodes.Call):
        return None
    func = statement.value.func
    qualified = names.qualified_name(func) if isinstance(func, (nodes.Name, nodes.Attribute)) else None
    if qualified is None:
        return None
    if qualified.startswith("keras.optimizers.") and qualified.rsplit(".", 1)[-1][:1].isupper():
        return "optimizer"
    if qualified in _KERAS_MODELS:
        return "model"
    return None


def _built_names(calls: list[nodes.Call]) -> set[str]:
    """Names on which ``.build(...)`` is called somewhere in the module (variables made up front)."""
    return {
        call.func.expr.name
        for call in calls
        if isinstance(call.func, nodes.Attribute) and call.func.attrname == "build" and isinstance(call.func.expr, nodes.Name)
    }


def _keras_variable_class(qualified: str) -> str | None:
    """``keras.layers.Dense`` for a Keras class that creates variables; None otherwise."""
    if qualified in _KERAS_MODELS:
        return qualified
    for prefix in _KERAS_VARIABLE_MODULES:
        rest = qualified[len(prefix) :] if qualified.startswith(prefix) else ""
        if rest and "." not in rest and rest[:1].isupper():
            return None if prefix == "keras.layers." and rest in _WEIGHTLESS_KERAS_LAYERS else qualified
    return None


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
