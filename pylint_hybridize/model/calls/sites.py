"""Where each hybrid function is called, and whether the call sits in a loop."""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.hybrids.functions import HybridFunction
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.references import enclosing_class, instance_class, is_self_reference, receiver_classes
from pylint_hybridize.model.syntax.walk import Loop, enclosing_loop


@dataclass(frozen=True)
class CallSite:
    call: nodes.Call
    hybrid: HybridFunction
    loop: Loop | None
    """The innermost loop (in the same function body) the call is repeated by."""


class CallSiteIndex:
    """Maps call expressions to the hybrids they call (module-local, no inference)."""

    def __init__(self, hybrids: list[HybridFunction]) -> None:
        self.by_function = {h.function: h for h in hybrids}
        self.by_binding_name: dict[str, list[HybridFunction]] = {}
        self.by_class_attr: dict[tuple[nodes.ClassDef, str], HybridFunction] = {}
        self.by_value: dict[nodes.Call, HybridFunction] = {}
        for hybrid in hybrids:
            function = hybrid.function
            if hybrid.value is not None:
                self.by_value[hybrid.value] = hybrid
            if hybrid.via == "decorator" and isinstance(function.parent, nodes.ClassDef):
                self.by_class_attr[(function.parent, function.name)] = hybrid
            for binding in hybrid.bindings:
                if isinstance(binding, nodes.AssignName):
                    self.by_binding_name.setdefault(binding.name, []).append(hybrid)
                elif isinstance(binding, nodes.AssignAttr) and is_self_reference(binding.expr):
                    cls = enclosing_class(binding)
                    if cls is not None:
                        self.by_class_attr[(cls, binding.attrname)] = hybrid

    def hybrid_called_by(self, call: nodes.Call) -> HybridFunction | None:
        """The hybrid ``call`` calls: by its name, a ``self.``/instance attribute, or the wrapper call
        itself (``tf.function(f)(x)``, ``common.function(f)(x)``)."""
        func = call.func
        if isinstance(func, nodes.Call):
            return self.by_value.get(func)
        if isinstance(func, nodes.Name):
            return self._by_name(func)
        if isinstance(func, nodes.Attribute):
            if is_self_reference(func.expr):
                cls = enclosing_class(func)
                if cls is not None:
                    return self.by_class_attr.get((cls, func.attrname))
                return None
            if isinstance(func.expr, nodes.Name):
                cls = instance_class(func.expr)
                if cls is not None:
                    return self.by_class_attr.get((cls, func.attrname))
            if self.by_class_attr:  # self.helper.step(x), SHARED.step(x): the objects' classes
                found = {self.by_class_attr.get((cls, func.attrname)) for cls in receiver_classes(func.expr) or ()}
                return found.pop() if len(found) == 1 else None
        return None

    def _by_name(self, name: nodes.Name) -> HybridFunction | None:
        assignment = names.only_assignment(name)
        if assignment is None:
            return None
        hybrid = self.by_function.get(assignment)
        if hybrid is not None and hybrid.via == "decorator":
            return hybrid
        for candidate in self.by_binding_name.get(name.name, ()):
            if assignment in candidate.bindings:
                return candidate
        return None


def find_call_sites(calls: list[nodes.Call], hybrids: list[HybridFunction]) -> list[CallSite]:
    if not hybrids:
        return []
    index = CallSiteIndex(hybrids)
    sites = []
    for call in calls:
        hybrid = index.hybrid_called_by(call)
        if hybrid is not None:
            sites.append(CallSite(call, hybrid, enclosing_loop(call)))
    return sites
