"""Attribute reads a new ``tf.function`` would freeze (``tf-function-opportunity``, session 36).

A tf.function bakes the Python value of ``self.alpha`` into its graph at the first trace; when the
program reassigns ``self.alpha`` between calls (the epoch loop decays it: study S251), every later
call computes with the first value. Whether an attribute is so reassigned is the fact the
``stale-attribute-read`` rule reports for hybrids (``state.outer.OuterState.eager_attribute_updates``):
this layer cannot import the state layer, so the model answers it through
``reassigned_between_calls`` (``TraceModel`` overrides it; unknown here: ``None``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from astroid import nodes

from pylint_hybridize.model.syntax.references import is_self_reference


def frozen_read(
    functions: Iterable[nodes.FunctionDef], reassigned: Callable[[nodes.Attribute], bool | None]
) -> nodes.Attribute | None:
    """The first read of ``self.<attribute>`` in ``functions`` (a candidate and the helpers it
    reaches) that ``reassigned`` does not prove stable (True: the program reassigns it between
    calls; None: unknown); None when every such read is proven stable."""
    for function in functions:
        for read in function.nodes_of_class(nodes.Attribute):
            if is_self_reference(read.expr) and reassigned(read) is not False:
                return read
    return None
