"""The fact store: what the layers computed about one module, kept while astroid's parse of it is
used (the most recently used modules, up to ``SIZE`` entries).

Every per-module fact of the model is built once, by its own layer, and kept in the module's
``Facts`` under a key that says which fact it is: the module's walk, its hybrids, its call graph,
the code it traces. The facts of one module and one ``Settings`` share one entry, so that facts
built from each other (call sites from hybrids, traced code from both) are dropped, and built
again, together; a model holds its ``Facts`` for its lifetime and stays consistent. A layer asks
for another module's facts of its own or a lower layer (never a higher one), so building a module's
model is one pass down the layers. A persistent cache across runs would be kept here too.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from astroid import nodes

SIZE = 1024
"""Entries kept: one per module and Settings (its facts), one per module (its walk)."""

T = TypeVar("T")


class Facts(dict):
    """The facts kept about one module (under one Settings): {key: fact}."""

    def kept(self, key: Hashable, build: Callable[[], T]) -> T:
        """The fact ``key``: kept from an earlier question, else ``build()`` (kept)."""
        if key not in self:
            self[key] = build()
        return self[key]


_FACTS: OrderedDict[tuple[int, Hashable], tuple[nodes.Module, Facts]] = OrderedDict()


def module_facts(module: nodes.Module, settings: Hashable = None) -> Facts:
    """The facts kept about ``module`` under ``settings`` (None: the facts that depend on no option)."""
    entry_key = (id(module), settings)
    entry = _FACTS.get(entry_key)
    if entry is not None and entry[0] is module:
        _FACTS.move_to_end(entry_key)
        return entry[1]
    facts = Facts()
    _FACTS[entry_key] = (module, facts)
    if len(_FACTS) > SIZE:
        _FACTS.popitem(last=False)
    return facts


def forget_facts() -> None:
    """Drop every kept fact (after ``index.forget_stale_package`` dropped parses they were built from)."""
    _FACTS.clear()
