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

import sys
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
    """Drop every kept fact (after ``index.forget_stale_package`` dropped parses they were built from),
    and the node facts that resolved imports (an unchanged module's nodes may point into a dropped parse)."""
    global _GENERATION  # pylint: disable=global-statement
    _FACTS.clear()
    _IMPORT_KEYS.clear()
    _GENERATION += 1


_NODE_FACTS = "_hybridize_node_facts"
_GENERATION = 0
"""Counts ``forget_facts``: a node fact that resolved imports is kept for one generation."""


def node_fact(node: nodes.NodeNG, key: Hashable, build: Callable[[], T], *, imports: bool = False) -> T:
    """A fact about one node that the code alone decides (no option, no question asked before it),
    kept with the node's tree (a table on its module, as ``syntax.names`` keeps its look-ups): the tree
    never changes once built, and every module model that reaches the node asks the same question (a
    module's hybrids reach the whole package: without this each model re-derives the answer).
    ``imports``: the answer resolves imports through astroid and ``sys.path`` (``package_on_sys_path``),
    so it is kept together with the ``sys.path`` it was found under and built again under another, or
    after ``forget_facts``. (Not in the node's own ``__dict__``: one more key there turns a node's
    shared-key dict into a full one, +330 bytes per node, 20 MB of a 3.4 MB module's peak.)"""
    root = node.root()
    kept = root.__dict__.get(_NODE_FACTS)
    if kept is None:
        kept = root.__dict__[_NODE_FACTS] = {}
    slot = (node, key)
    if imports:
        path = _import_key()
        found = kept.get(slot)
        if found is not None and found[0] is path:
            return found[1]
        value = build()
        kept[slot] = (path, value)
        return value
    found = kept.get(slot, _MISSING)
    if found is not _MISSING:
        return found
    value = kept[slot] = build()
    return value


_MISSING = object()


_IMPORT_KEYS: dict[tuple, tuple] = {}
_LAST_IMPORT_KEY: tuple[list[str], tuple] = ([], ())


def _import_key() -> tuple:
    """(the ``forget_facts`` generation, ``sys.path``): one object per distinct value (``package_on_sys_path``
    adds and removes the package's folder), so that a node fact holds a reference to it, not a copy, and
    is checked by identity."""
    global _LAST_IMPORT_KEY  # pylint: disable=global-statement
    last_path, last_key = _LAST_IMPORT_KEY
    if last_key and last_key[0] == _GENERATION and sys.path == last_path:
        return last_key
    value = (_GENERATION, tuple(sys.path))
    key = _IMPORT_KEYS.setdefault(value, value)
    _LAST_IMPORT_KEY = (list(sys.path), key)
    return key
