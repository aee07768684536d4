"""tensor-python-control-flow's reading of the code: which Python construct asks a tensor for a Python
value, and the graph form that replaces it. Kept apart so that the execution-mode checker stays small.

Where autograph does not convert the code (``Conversion.unconverted``: ``autograph=False``, Keras 3's
``Layer.call``, Keras steps, ``tf.vectorized_map``...), ``if``/``while``/``for`` on a tensor, conditional
expressions, ``and``/``or``/``not``, and ``int()``/``float()``/``len()``/``range()`` of a tensor run while
tracing and fail. Comprehensions are never converted, so one over a tensor fails in converted code too.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize import fixes
from pylint_hybridize.model import names

_SINGLE_TENSOR_USES = ("Python for", "comprehension", "len()", "Python if", "Python while", "Python and/or",
                       "Python not", "conditional expression")  # fmt: skip
"""Uses a list of tensors passes (a list iterates, has a length and a truth value): not claimed of a
value only hinted to be a tensor (``inputs`` of ``Layer.call``, which Keras may pass as a list)."""

_BUILTINS = {"int": "int()", "float": "float()", "len": "len()", "range": "range()"}


def construct(node: nodes.NodeNG, converted: bool) -> tuple[str, list[nodes.NodeNG]] | None:
    """``(what, subjects)``: the construct at ``node`` and the expressions it asks a Python value of;
    None when ``node`` asks none (or, in ``converted`` code, autograph converts it)."""
    if isinstance(node, nodes.Comprehension):
        return "comprehension", [node.iter]
    if converted:
        return None
    if isinstance(node, (nodes.If, nodes.While, nodes.IfExp, nodes.BoolOp)) and _checks_type(node):
        return None  # ``if not tf.is_tensor(n) and n == 1``: the test asks whether it is a tensor first
    if isinstance(node, nodes.Call):
        builtin = names.builtin_name(node.func)
        if builtin in _BUILTINS and len(node.args) == 1 and not node.keywords:
            return _BUILTINS[builtin], [node.args[0]]
        if builtin == "range" and node.args and not node.keywords:
            return "range()", list(node.args)
        return None
    if isinstance(node, (nodes.If, nodes.While, nodes.IfExp)):
        if _logical(node.test):
            return None  # the and/or/not reports it
        what = {nodes.If: "Python if", nodes.While: "Python while", nodes.IfExp: "conditional expression"}[type(node)]
        return what, [node.test]
    if isinstance(node, nodes.For):
        return "Python for", [node.iter]
    if isinstance(node, nodes.BoolOp):
        # every operand but the last is asked for its truth value; the last too in a test
        operands = node.values if _in_test(node) else node.values[:-1]
        return "Python and/or", list(operands)
    if isinstance(node, nodes.UnaryOp) and node.op == "not":
        return "Python not", [node.operand]
    return None


_TYPE_CHECKS = frozenset({"tensorflow.is_tensor", "tensorflow.is_symbolic_tensor", "tensorflow.executing_eagerly",
                          "tensorflow.inside_function", "tensorflow.get_static_value"})  # fmt: skip


def _checks_type(node: nodes.NodeNG) -> bool:
    """The test (or the and/or) holds a type or eager-mode check: ``isinstance``, ``hasattr``, ``tf.is_tensor``."""
    test = node if isinstance(node, nodes.BoolOp) else node.test
    for call in test.nodes_of_class(nodes.Call):
        if names.builtin_name(call.func) in ("isinstance", "hasattr", "callable"):
            return True
        if isinstance(call.func, (nodes.Name, nodes.Attribute)) and names.qualified_name(call.func) in _TYPE_CHECKS:
            return True
    return False


def _logical(test: nodes.NodeNG) -> bool:
    return isinstance(test, nodes.BoolOp) or (isinstance(test, nodes.UnaryOp) and test.op == "not")


def _in_test(node: nodes.NodeNG) -> bool:
    parent = node.parent
    if isinstance(parent, (nodes.If, nodes.While, nodes.IfExp)) and parent.test is node:
        return True
    if isinstance(parent, nodes.UnaryOp) and parent.op == "not":
        return True
    return isinstance(parent, nodes.BoolOp) and _in_test(parent)


def only_a_single_tensor_fails(what: str) -> bool:
    return what in _SINGLE_TENSOR_USES


def _source(node: nodes.NodeNG) -> str:
    try:
        return node.as_string()
    except Exception:  # pylint: disable=broad-except
        return "..."


def _dynamic_shape_of(expr: nodes.NodeNG) -> tuple[nodes.NodeNG, str] | None:
    """``tf.shape(x)[i]`` -> (x, "[i]"); ``tf.shape(x)`` -> (x, "")."""
    index = ""
    if isinstance(expr, nodes.Subscript):
        index = f"[{_source(expr.slice)}]"
        expr = expr.value
    if (
        isinstance(expr, nodes.Call)
        and isinstance(expr.func, (nodes.Name, nodes.Attribute))
        and names.qualified_name(expr.func) == "tensorflow.shape"
        and len(expr.args) == 1
    ):
        return expr.args[0], index
    return None


def graph_form(what: str, subject: nodes.NodeNG, prefix: str) -> str:
    """The graph form of the construct (the fix's text)."""
    shape = _dynamic_shape_of(subject)
    if what in ("int()", "float()") and shape is not None and shape[1]:
        return (
            f"use the static {_source(shape[0])}.shape{shape[1]} (known when the model is built), or keep "
            f"{_source(subject)} a tensor"
        )
    if what == "len()" and shape is not None and not shape[1]:
        return f"use len({_source(shape[0])}.shape) (the rank is static)"
    forms = {
        "Python if": f"{prefix}.cond(pred, true_fn, false_fn) or {prefix}.where (keras.ops.cond / keras.ops.where)",
        "Python while": f"{prefix}.while_loop (keras.ops.while_loop)",
        "Python for": f"{prefix}.map_fn / {prefix}.while_loop, or a loop over range(x.shape[0]) when it is static",
        "conditional expression": f"{prefix}.where / {prefix}.cond (keras.ops.where / keras.ops.cond)",
        "Python and/or": f"{prefix}.logical_and / {prefix}.logical_or",
        "Python not": f"{prefix}.logical_not",
        "int()": f"keep it a tensor ({prefix}.cast(x, {prefix}.int32)), or use a static x.shape[i]",
        "float()": f"keep it a tensor ({prefix}.cast(x, {prefix}.float32))",
        "len()": f"{prefix}.shape(x)[0], or the static x.shape[0]",
        "range()": f"{prefix}.range (in a tf.while_loop), or a static bound from x.shape",
        "comprehension": f"{prefix}.map_fn(fn, x), or {prefix}.unstack(x) when its first dimension is static",
    }
    form = forms[what]
    if what == "Python if" and any(_dynamic_shape_of(n) for n in subject.nodes_of_class(nodes.Subscript)):
        form += ", or the static x.shape[i] when the shape is known at build time"
    return form if form.startswith(("use", "keep")) else f"use {form}"


def autograph_off_fix(
    node: nodes.NodeNG, what: str, subject: nodes.NodeNG, autograph_on: str, prefix: str, needs_import: bool
) -> fixes.Fix:
    """Under ``tf.function(autograph=False)`` turning autograph on (``autograph_on``: how) is the first way
    out; int()/float()/len() also have a rewrite."""
    if not isinstance(node, nodes.Call) or what not in ("int()", "float()", "len()"):
        return fixes.Fix(f"{autograph_on}, or {graph_form(what, subject, prefix)}")
    source = _source(subject)
    if what == "len()":
        replacement = f"{prefix}.shape({source})[0]"
        edits = (fixes.Edit.replace_node(node.func, f"{prefix}.shape"), fixes.Edit.insert_after(node, "[0]"))
    else:
        dtype = "float32" if what == "float()" else "int32"
        replacement = f"{prefix}.cast({source}, {prefix}.{dtype})"
        edits = (
            fixes.Edit.replace_node(node.func, f"{prefix}.cast"),
            fixes.Edit.insert_after(subject, f", {prefix}.{dtype}"),
        )
    return fixes.Fix(f"use {replacement}, or {autograph_on}", edits, False, needs_import)
