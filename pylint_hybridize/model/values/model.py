"""The value model of one module: its call graph (``calls``) with what its expressions hold.

``ValueModel`` extends ``CallGraph`` with ``kinds`` (the module's ``Kinds``: answers cached, call
sites from this graph) and ``kind(expr)``; the execution model extends it in turn. A question of
this layer that needs a module's facts takes a ``ValueModel`` (the ``TraceModel`` is one).
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model.calls.graph import CallGraph
from pylint_hybridize.model.project.files import package_on_sys_path
from pylint_hybridize.model.project.settings import Settings
from pylint_hybridize.model.values.answers import Answer
from pylint_hybridize.model.values.kinds import Kinds


class ValueModel(CallGraph):
    """A module's call graph and the kinds of its values (see the module doc)."""

    def __init__(self, module: nodes.Module, settings: Settings) -> None:
        super().__init__(module, settings)
        self._kinds: Kinds | None = None

    @property
    def kinds(self) -> Kinds:
        """The value-kind model of this module (call sites across the package, configured wrappers)."""
        if self._kinds is None:
            self._kinds = Kinds(self, policy=self.settings.parameter_policy, extra_wrappers=self.settings.extra_wrappers)
        return self._kinds

    def kind(self, expr: nodes.NodeNG | None) -> Answer:
        """What ``expr`` holds (see ``answers.Answer``)."""
        with package_on_sys_path(self.module.file):
            return self.kinds.of(expr)
