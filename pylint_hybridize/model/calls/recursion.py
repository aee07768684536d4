"""Recursion among traced functions: the cycles of the call graph that a call closes.

Which functions are traced is the execution layer's answer; it passes them in (``find_cycles``).
"""

from __future__ import annotations

from dataclasses import dataclass

from astroid import nodes

from pylint_hybridize.model.calls.graph import CallGraph
from pylint_hybridize.model.syntax.references import display_name


@dataclass(frozen=True, eq=False)
class Cycle:
    """A recursion cycle among traced functions: ``calls`` close it (source order), with their paths."""

    functions: frozenset
    calls: tuple[tuple[nodes.Call, str], ...]
    """(call, path) where path is ``''`` for direct recursion, else ``f -> g -> f``."""


def find_cycles(graph: CallGraph, traced) -> dict[nodes.Call, Cycle]:
    """{call: the cycle it closes} for the calls of ``graph``'s module among the ``traced`` functions
    (any container of functions: the traced code of the module, its importers' included)."""
    edges = _TracedEdges(graph, traced)
    closing: dict[nodes.Call, tuple[str, frozenset]] = {}
    for function in traced:
        if function.root() is not graph.module:
            continue
        for call, callee in edges.get(function, ()):
            if callee is function:
                closing[call] = ("", frozenset({function}))
                continue
            if function in graph.calls_by_callee(callee):
                path = [callee, function]  # what the breadth-first search finds first: the direct call back
            else:
                path = _path_between(callee, function, edges)
            if path is not None:
                members = [function, *path]
                closing[call] = (" -> ".join(display_name(f) for f in members), frozenset(members))
    by_members: dict[frozenset, list[tuple[nodes.Call, str]]] = {}
    for call, (path, members) in closing.items():
        by_members.setdefault(members, []).append((call, path))
    result: dict[nodes.Call, Cycle] = {}
    for members, calls in by_members.items():
        calls.sort(key=lambda pair: (pair[0].lineno or 0, pair[0].col_offset or 0))
        cycle = Cycle(members, tuple(calls))
        for call, _path in calls:
            result[call] = cycle
    return result


class _TracedEdges:
    """{traced function: its (call, traced callee) edges}, each built when first asked: a module's
    traced code reaches the whole package, and its cycles need only the edges near its own functions."""

    def __init__(self, graph: CallGraph, traced) -> None:
        self._graph = graph
        self._traced = traced
        self._edges: dict[nodes.NodeNG, list] = {}

    def get(self, function: nodes.NodeNG, default=()):
        found = self._edges.get(function)
        if found is None:
            if function not in self._traced:
                return default
            found = self._edges[function] = [(c, f) for c, f in self._graph.callees(function) if f in self._traced]
        return found


def _path_between(start: nodes.NodeNG, goal: nodes.NodeNG, edges: dict) -> list[nodes.NodeNG] | None:
    """Shortest call path start -> ... -> goal (both included), or None."""
    previous: dict[nodes.NodeNG, nodes.NodeNG | None] = {start: None}
    frontier = [start]
    while frontier:
        following = []
        for current in frontier:
            for _call, callee in edges.get(current, ()):
                if callee in previous:
                    continue
                previous[callee] = current
                if callee is goal:
                    path = [goal]
                    while previous[path[-1]] is not None:
                        path.append(previous[path[-1]])  # type: ignore[arg-type]
                    return list(reversed(path))
                following.append(callee)
        frontier = following
    return None
