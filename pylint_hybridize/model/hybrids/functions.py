"""Find the hybrid functions of a module: what ``tf.function`` turns into graphs, with its options.

Spellings recognised (``tf`` resolved through imports, see ``syntax.names``)::

    @tf.function                    @tf.function(jit_compile=True)
    g = tf.function(f)              g = tf.function(f, input_signature=[...])
    g = tf.function(lambda x: x)    self.step = tf.function(self._step)
    g = tf.function(**opts)(f)      @configured.wrapper  /  @configured.wrapper(...)
    self.g = self._wrap(self._g, signature)      @wrap        (project wrappers: ``hybrids.wrappers``)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from astroid import nodes

from pylint_hybridize.model.catalogue.tracing import TF_FUNCTION, TF_FUNCTION_PARAMETERS, WRAPPER_AUTOGRAPH_DEFAULTS
from pylint_hybridize.model.hybrids.signature import Spec, parse_input_signature
from pylint_hybridize.model.hybrids.wrappers import ProjectWrapper, bind_wrapper_call, find_wrappers, module_wrappers, wrapper_called
from pylint_hybridize.model.project.gate import astroid_imports, imports_traced_module
from pylint_hybridize.model.project.index import module_index
from pylint_hybridize.model.project.settings import Settings
from pylint_hybridize.model.project.store import Facts, module_facts
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import keyword_value
from pylint_hybridize.model.syntax.modules import mentions_tensorflow
from pylint_hybridize.model.syntax.references import display_name, resolve_callee, resolve_function_reference
from pylint_hybridize.model.syntax.walk import FunctionLike, ModuleIndex


class _Unknown:
    """An option given as an expression we do not evaluate."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


@dataclass(eq=False)
class HybridFunction:
    """One Python function that runs as a graph because of tf.function."""

    function: FunctionLike
    """The def or lambda whose body runs at trace time."""
    creation: nodes.NodeNG
    """The decorator expression, or the ``tf.function(...)`` call."""
    via: str
    """``decorator`` or ``call``."""
    wrapper: str = TF_FUNCTION
    """Qualified name of what made it hybrid (tf.function or a configured wrapper)."""
    options: dict[str, nodes.NodeNG] = field(default_factory=dict)
    """Keyword (or positional) arguments given to tf.function, as written."""
    bindings: list[nodes.NodeNG] = field(default_factory=list)
    """AssignName / AssignAttr nodes the ``tf.function(...)`` result is stored in."""
    value: nodes.Call | None = None
    """The expression that evaluates to the hybrid: ``tf.function(f, ...)`` or ``tf.function(...)(f)``
    (``via == 'call'``); calling it (``tf.function(f)(x)``) calls the hybrid."""
    through: nodes.FunctionDef | None = None
    """The project wrapper (``hybrids.wrappers``) whose call or decorator made it hybrid: ``creation``
    is that call or decorator, ``options`` its tf.function's with this call's arguments."""

    @property
    def name(self) -> str:
        return display_name(self.function)

    @property
    def is_wrapper(self) -> bool:
        """Made hybrid by something else than tf.function written here: a fix cannot edit its options."""
        return self.wrapper != TF_FUNCTION or self.through is not None

    def option(self, name: str, default: Any = None) -> Any:
        """The option's literal value; ``default`` when absent; UNKNOWN when not a literal."""
        node = self.options.get(name)
        if node is None:
            return default
        if isinstance(node, nodes.Const):
            return node.value
        return UNKNOWN

    @property
    def autograph(self) -> bool | None:
        """True/False when known; None for configured wrappers that may change the default."""
        default = None if self.wrapper != TF_FUNCTION else True
        value = self.option("autograph", default)
        return None if value is UNKNOWN else value

    @property
    def effective_autograph(self) -> bool | None:
        """autograph as it will be: tf.function's default True, known wrapper defaults
        (``WRAPPER_AUTOGRAPH_DEFAULTS``), None when unknown."""
        value = self.autograph
        if value is not None:
            return value
        if "autograph" in self.options:
            return None  # given, but not as a literal
        function = self.function
        if isinstance(function, nodes.FunctionDef) and function.decorators and any(
            decorator is not self.creation for decorator in function.decorators.nodes
        ):
            # another decorator may set the wrapper's defaults (tf_agents'
            # ``@common.set_default_tf_function_parameters(autograph=True)``)
            return None
        return WRAPPER_AUTOGRAPH_DEFAULTS.get(self.wrapper)

    @property
    def reduce_retracing(self) -> bool | None:
        """reduce_retracing as it will be (its old name experimental_relax_shapes too): the literal
        given; False when absent (tf.function's default, which no known wrapper changes); None when
        not a literal."""
        return self._boolean_setting("reduce_retracing", "experimental_relax_shapes")

    @property
    def jit_compile(self) -> bool | None:
        """jit_compile as it will be (its old name experimental_compile too); False when absent (TF
        then compiles nothing with XLA on purpose); None when not a literal."""
        return self._boolean_setting("jit_compile", "experimental_compile")

    def _boolean_setting(self, *spellings: str) -> bool | None:
        for spelling in spellings:
            value = self.option(spelling)
            if value is not None:
                return None if value is UNKNOWN else bool(value)
        return False

    @property
    def has_input_signature(self) -> bool:
        return self.option("input_signature") not in (None,)

    @cached_property
    def signature(self) -> list[Spec] | None:
        """The parsed ``input_signature`` (one ``Spec`` per positional parameter: literal shape, dtype,
        node); None without one, or when it is not a list/tuple literal (``input_signature=SPECS``)."""
        return parse_input_signature(self.options.get("input_signature"))


class HybridFinder:
    """Recognises tf.function (and configured wrappers) in decorators and calls."""

    def __init__(self, extra_wrappers: tuple[str, ...] = (), project_wrappers: dict | None = None) -> None:
        self.wrappers = frozenset({TF_FUNCTION, *(names.canonical(w) for w in extra_wrappers)})
        self.project_wrappers: dict[nodes.FunctionDef, ProjectWrapper] = project_wrappers or {}
        """This module's project wrappers (``hybrids.wrappers``), for ``@wrap`` decorators."""
        self.settings: Settings | None = None
        """Given, decorators and calls find the wrappers of other project modules too."""

    def wrapper_of(self, node: nodes.NodeNG) -> str | None:
        """``tensorflow.function`` when ``node`` names tf.function or a wrapper."""
        if not isinstance(node, (nodes.Name, nodes.Attribute)):
            return None
        qualified = names.qualified_name(node)
        if qualified in self.wrappers:
            return qualified
        return None

    # -- decorators -----------------------------------------------------
    def from_decorators(self, function: nodes.FunctionDef) -> HybridFunction | None:
        if not function.decorators:
            return None
        for decorator in function.decorators.nodes:
            wrapper = self.wrapper_of(decorator)
            if wrapper is not None:
                return HybridFunction(function, decorator, "decorator", wrapper)
            if isinstance(decorator, nodes.Call):
                wrapper = self.wrapper_of(decorator.func)
                if wrapper is not None:
                    return HybridFunction(
                        function, decorator, "decorator", wrapper, options=_options(decorator, skip_func=True)
                    )
            if (self.project_wrappers or self.settings is not None) and isinstance(decorator, (nodes.Name, nodes.Attribute)):
                hybrid = self._from_wrapper_decorator(function, decorator)
                if hybrid is not None:
                    return hybrid
        return None

    def _from_wrapper_decorator(self, function: nodes.FunctionDef, decorator: nodes.NodeNG) -> HybridFunction | None:
        """``@wrap`` with ``wrap`` a project wrapper of this module whose first parameter is wrapped."""
        callee = resolve_callee(decorator)
        if not isinstance(callee, nodes.FunctionDef):
            return None
        wrapper = self.project_wrappers.get(callee)
        if wrapper is None and self.settings is not None and callee.root() is not function.root():
            wrapper = module_wrappers(callee.root(), self.settings, self.wrapper_of).get(callee)
        if wrapper is None or isinstance(callee.parent, nodes.ClassDef):
            return None
        if wrapper.parameter_names(bound_method=False)[:1] != [wrapper.parameter]:
            return None
        options = {option: _default_of(node, callee) for option, node in _options(wrapper.options_call, skip_func=True).items()}
        return HybridFunction(function, decorator, "decorator", wrapper.tf_function, options=options, through=callee)

    # -- calls of project wrappers --------------------------------------------------------------
    def from_wrapper_call(self, call: nodes.Call) -> HybridFunction | None:
        """``self._wrap(self._g, signature)`` / ``compiled(step)``: the function a project wrapper
        (of this module or imported from the package) is called with."""
        wrapper = wrapper_called(call, self.project_wrappers, self.settings, self.wrapper_of)
        if wrapper is None:
            return None
        bound = bind_wrapper_call(call, wrapper, _options(wrapper.options_call, skip_func=True))
        if bound is None:
            return None
        function = resolve_function_reference(bound.wrapped)
        if function is None:
            return None
        return HybridFunction(
            function, call, "call", wrapper.tf_function, bound.options, _bindings(call), value=call, through=wrapper.function
        )

    # -- tf.function(f) calls ----------------------------------------------
    def from_call(self, call: nodes.Call) -> HybridFunction | None:
        """``tf.function(f, ...)`` or ``tf.function(...)(f)``; None otherwise."""
        wrapper = self.wrapper_of(call.func)
        if wrapper is not None:
            target = _func_argument(call)
            if target is None:
                return None  # tf.function(input_signature=...) alone: a decorator factory
            function = resolve_function_reference(target)
            if function is None:
                return None
            return HybridFunction(
                function, call, "call", wrapper, _options(call, skip_func=True), _bindings(call), value=call
            )
        if isinstance(call.func, nodes.Call) and call.args:
            factory_wrapper = self.wrapper_of(call.func.func)
            if factory_wrapper is not None and _func_argument(call.func) is None:
                function = resolve_function_reference(call.args[0])
                if function is None:
                    return None
                return HybridFunction(
                    function, call.func, "call", factory_wrapper, _options(call.func, skip_func=True), _bindings(call),
                    value=call,
                )
        return None


def _default_of(node: nodes.NodeNG, wrapper: nodes.FunctionDef) -> nodes.NodeNG:
    """An option of a wrapper used as a bare decorator: a parameter's default, else as written."""
    if isinstance(node, nodes.Name):
        try:
            return wrapper.args.default_value(node.name)
        except Exception:  # pylint: disable=broad-except  # not a parameter, or no default
            return node
    return node


def _func_argument(call: nodes.Call) -> nodes.NodeNG | None:
    if call.args and not isinstance(call.args[0], nodes.Starred):
        return call.args[0]
    return keyword_value(call, "func")


def _options(call: nodes.Call, skip_func: bool) -> dict[str, nodes.NodeNG]:
    options: dict[str, nodes.NodeNG] = {}
    for index, argument in enumerate(call.args):
        if isinstance(argument, nodes.Starred) or index >= len(TF_FUNCTION_PARAMETERS):
            break
        name = TF_FUNCTION_PARAMETERS[index]
        if skip_func and name == "func":
            continue
        options[name] = argument
    for keyword in call.keywords or ():
        if keyword.arg is not None and keyword.arg != "func":
            options[keyword.arg] = keyword.value
    return options


def _bindings(call: nodes.Call) -> list[nodes.NodeNG]:
    """Where ``x = tf.function(f)`` stores the hybrid: the AssignName/AssignAttr targets."""
    parent = call.parent
    if isinstance(parent, (nodes.Assign, nodes.AnnAssign)):
        targets = parent.targets if isinstance(parent, nodes.Assign) else [parent.target]
        return [t for t in targets if isinstance(t, (nodes.AssignName, nodes.AssignAttr))]
    return []


def find_hybrids(
    index: ModuleIndex, extra_wrappers: tuple[str, ...] = (), settings: Settings | None = None
) -> list[HybridFunction]:
    """The hybrids of one module walk: decorated defs (source order), then ``tf.function(f)`` calls,
    then calls of project wrappers (``settings``: given, the wrappers of other project modules too)."""
    finder = HybridFinder(extra_wrappers)
    finder.project_wrappers = find_wrappers(index.calls, finder.wrapper_of)
    finder.settings = settings
    hybrids = []
    seen: set[FunctionLike] = set()
    for function in index.functions:
        if isinstance(function, nodes.FunctionDef):
            hybrid = finder.from_decorators(function)
            if hybrid is not None:
                hybrids.append(hybrid)
                seen.add(function)
    for call in index.calls:
        hybrid = finder.from_call(call)
        # a def wrapped by tf.function(f) twice is two graphs: keep both, but a
        # decorated def re-wrapped by tf.function(f) is one hybrid already
        if hybrid is not None and hybrid.function not in seen:
            hybrids.append(hybrid)
    if settings is not None or finder.project_wrappers:
        for call in index.calls:
            hybrid = finder.from_wrapper_call(call)
            if hybrid is not None and hybrid.function not in seen:
                hybrids.append(hybrid)
    return hybrids


def is_analysed(module: nodes.Module, settings: Settings) -> bool:
    """Whether the model looks at ``module`` at all: it imports TF/Keras or a wrapper's package
    (``syntax.modules.mentions_tensorflow``), or a project module that does (``project.gate``)."""
    return module_facts(module, settings).kept("analysed", lambda: _analysed(module, settings))


def _analysed(module: nodes.Module, settings: Settings) -> bool:
    if mentions_tensorflow(module, settings.extra_wrappers):
        return True
    return settings.cross_module and imports_traced_module(
        module.file, astroid_imports(module_index(module).imports), settings.extra_wrappers
    )


def analysed_index(module: nodes.Module, settings: Settings) -> ModuleIndex:
    """The walk of ``module`` when it is analysed at all (``is_analysed``); an empty one otherwise:
    such a module has no hybrids, calls or functions in the model."""
    return module_index(module) if is_analysed(module, settings) else ModuleIndex()


def module_hybrids(module: nodes.Module, settings: Settings, facts: Facts | None = None) -> list[HybridFunction]:
    """The hybrids of ``module`` (``find_hybrids`` on its analysed walk), built once per module
    (``facts``: the module's kept facts, when the caller holds them)."""
    facts = module_facts(module, settings) if facts is None else facts
    return facts.kept("hybrids", lambda: _hybrids(module, settings))


def _hybrids(module: nodes.Module, settings: Settings) -> list[HybridFunction]:
    try:
        return find_hybrids(analysed_index(module, settings), settings.extra_wrappers, settings)
    except (RecursionError, MemoryError):
        return []  # give up on this module quietly


def hybrid_table(module: nodes.Module, settings: Settings, facts: Facts | None = None) -> dict[FunctionLike, HybridFunction]:
    """{function: the first hybrid of ``module`` whose function it is}, built once per module."""
    facts = module_facts(module, settings) if facts is None else facts
    return facts.kept("hybrid-of", lambda: first_by_function(module_hybrids(module, settings, facts)))


def hybrid_of_any(function: nodes.NodeNG, settings: Settings) -> HybridFunction | None:
    """The hybrid (the first) whose function ``function`` is, found in ``function``'s own module."""
    return hybrid_table(function.root(), settings).get(function)


def in_decorated_hybrid(node: nodes.NodeNG, settings: Settings) -> bool:
    """``node`` is in the body of a def decorated with tf.function (not in a def or lambda nested in
    it): it runs only while that hybrid is traced, once per trace, never when the traced graph is
    called. A def made hybrid by a call (``fast = tf.function(slow)``) is not one: ``slow`` may still
    be called by its own name, eagerly."""
    frame = node.frame()
    if not isinstance(frame, nodes.FunctionDef):
        return False
    hybrid = hybrid_of_any(frame, settings)
    return hybrid is not None and hybrid.via == "decorator"


def first_by_function(items: list) -> dict:
    """{function: the first of ``items`` (hybrids or contexts) for it}."""
    table: dict = {}
    for item in items:
        table.setdefault(item.function, item)
    return table
