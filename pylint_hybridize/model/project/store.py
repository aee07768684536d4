"""The fact store: what each layer computed about one module, kept while astroid's parse of it is
used (the most recently used facts, up to ``SIZE``).

Every per-module fact of the model is built once, by its own layer, and kept here under a key that
says which fact it is (and the settings it depends on): the module's walk, its hybrids, its call
graph, the code it traces. A layer asks for another module's facts of its own or a lower layer
(never a higher one), so building a module's model is one pass down the layers. A persistent cache
across runs would be kept here too.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from astroid import nodes

SIZE = 2048

_FACTS: OrderedDict[tuple[int, Hashable], tuple[nodes.Module, object]] = OrderedDict()

T = TypeVar("T")


def module_fact(module: nodes.Module, key: Hashable, build: Callable[[], T]) -> T:
    """The fact ``key`` of ``module``: kept from an earlier question, else ``build()`` (kept)."""
    entry_key = (id(module), key)
    entry = _FACTS.get(entry_key)
    if entry is not None and entry[0] is module:
        _FACTS.move_to_end(entry_key)
        return entry[1]  # type: ignore[return-value]
    value = build()
    _FACTS[entry_key] = (module, value)
    if len(_FACTS) > SIZE:
        _FACTS.popitem(last=False)
    return value


def forget_facts() -> None:
    """Drop every kept fact (after ``index.forget_stale_package`` dropped parses they were built from)."""
    _FACTS.clear()
