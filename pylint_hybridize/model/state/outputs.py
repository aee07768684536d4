"""Output and trace-time-only calls: what a call in traced code writes, or freezes into the graph.

Python effects in a tf.function run only while it is traced. This module says what kind of such a
call a call is (the API tables are in ``catalogue``):

- ``called_name(call)``: the qualified name of the called function, a logger object's method
  resolved to the logging function (``logger.info`` with ``logger = logging.getLogger(...)`` or
  ``tf.get_logger()`` → ``logging.info``);
- ``is_log_function(qualified)`` / ``is_output_function(qualified)`` (``warnings.warn`` too);
- ``logs_static_values(call, traced)``: everything it logs is fixed at trace time (a notice);
- ``opens_for_writing(call)``: ``open(path, "w")`` and the other writing modes; ``writes_file(call,
  qualified)``: that, or ``json.dump`` / ``pickle.dump`` / ``np.save``... (``catalogue.FILE_WRITERS``);
- ``frozen_call_replacement(qualified)``: a call whose Python value (random numbers, the clock...)
  becomes a graph constant → the TF op to use instead; ``zero_argument_replacement(call,
  qualified)``: the replacement template when the call takes no arguments.
"""

from __future__ import annotations

from astroid import nodes

from pylint_hybridize.model import catalogue
from pylint_hybridize.model.syntax import names
from pylint_hybridize.model.syntax.binding import keyword_value
from pylint_hybridize.model.values.static import is_static

_LOG_MODULES = ("logging.", "absl.logging.")


def logger_method(func: nodes.NodeNG) -> str | None:
    """``logger.info`` where ``logger = logging.getLogger(...)`` (or ``tf.get_logger()``): ``logging.info``."""
    if not (isinstance(func, nodes.Attribute) and func.attrname in catalogue.LOG_FUNCTIONS):
        return None
    value = names.bound_value(func.expr)
    if not isinstance(value, nodes.Call):
        return None
    factory = value.func
    if not isinstance(factory, (nodes.Name, nodes.Attribute)):
        return None
    if names.qualified_name(factory) not in catalogue.LOGGER_FACTORIES:
        return None
    return f"logging.{func.attrname}"


def called_name(call: nodes.Call) -> str | None:
    """The qualified name of the function ``call`` calls (logger methods resolved), or None."""
    func = call.func
    if not isinstance(func, (nodes.Name, nodes.Attribute)):
        return None
    return names.qualified_name(func) or logger_method(func)


def is_log_function(qualified: str) -> bool:
    """A logging / absl.logging function that writes a message (``logging.info``, ``absl.logging.vlog``)."""
    return qualified.startswith(_LOG_MODULES) and qualified.rsplit(".", 1)[-1] in catalogue.LOG_FUNCTIONS


def is_output_function(qualified: str) -> bool:
    """A log function or ``warnings.warn``: output written once per trace."""
    return qualified == "warnings.warn" or is_log_function(qualified)


def logs_static_values(call: nodes.Call, traced=frozenset()) -> bool:
    """Every value the call logs (its options aside) is a Python value fixed at trace time: a
    configuration notice. ``traced``: as for ``static.is_static``."""
    values = [*call.args, *(k.value for k in call.keywords or () if k.arg not in catalogue.LOG_OPTIONS)]
    return all(is_static(value, traced) for value in values)


_TRACE_METADATA = frozenset({"shape", "dtype", "ndim"})


def prints_trace_metadata(call: nodes.Call) -> bool:
    """``print(...)`` shows only what a trace fixes, its shapes and dtypes (``print(x.shape)``,
    ``print("x:", x.shape, x.dtype)``, ``f"{x.shape}"``), labelled by string literals. tf.function
    traces once per input shape and dtype, and a tf.data function's graph has one static shape: once
    per trace it prints every value that a print on each call would, so it is the usual shape
    debugging, not a lost per-call output (TF 2.21: ``good_static_shape.py``). A notice alone
    (``print("step")``) counts the calls and is not this."""
    shown = [*call.args, *(k.value for k in call.keywords or () if k.arg not in ("sep", "end", "flush", "file"))]
    pieces: list[nodes.NodeNG] = []
    for value in shown:
        if isinstance(value, nodes.JoinedStr):
            pieces += [part.value if isinstance(part, nodes.FormattedValue) else part for part in value.values]
        else:
            pieces.append(value)
    metadata = [piece for piece in pieces if _trace_metadata(piece)]
    literals = [piece for piece in pieces if isinstance(piece, nodes.Const) and isinstance(piece.value, str)]
    return bool(metadata) and len(metadata) + len(literals) == len(pieces)


def _trace_metadata(expr: nodes.NodeNG) -> bool:
    """``x.shape``, ``x.dtype``, ``x.ndim``, ``x.shape[0]``, ``x.get_shape()``, ``x.shape.as_list()``,
    ``len(x.shape)``, or a tuple of those."""
    if isinstance(expr, (nodes.Tuple, nodes.List)):
        return bool(expr.elts) and all(_trace_metadata(element) for element in expr.elts)
    if isinstance(expr, nodes.Attribute):
        return expr.attrname in _TRACE_METADATA
    if isinstance(expr, nodes.Subscript):
        return isinstance(expr.value, nodes.Attribute) and expr.value.attrname == "shape"
    if isinstance(expr, nodes.Call) and not expr.args and not expr.keywords and isinstance(expr.func, nodes.Attribute):
        method = expr.func
        return method.attrname == "get_shape" or (method.attrname == "as_list" and _trace_metadata(method.expr))
    if isinstance(expr, nodes.Call) and len(expr.args) == 1 and isinstance(expr.func, nodes.Name) \
            and expr.func.name == "len":
        return _trace_metadata(expr.args[0])
    return False


def opens_for_writing(call: nodes.Call) -> bool:
    """``open(path, mode)`` with a literal mode that writes, appends, creates or updates."""
    mode = call.args[1] if len(call.args) > 1 else keyword_value(call, "mode")
    return isinstance(mode, nodes.Const) and isinstance(mode.value, str) and any(c in mode.value for c in "wax+")


def writes_file(call: nodes.Call, qualified: str | None) -> bool:
    """``open(path, "w")`` (``qualified``: ``builtins.open``) or a call of ``catalogue.FILE_WRITERS``."""
    if qualified == "builtins.open":
        return opens_for_writing(call)
    return qualified in catalogue.FILE_WRITERS


_EXISTS_CALLS = frozenset({"os.path.exists", "os.path.isfile", "os.path.isdir", "tensorflow.io.gfile.exists"})


def persisted_once(node: nodes.NodeNG) -> nodes.If | None:
    """The ``if not os.path.exists(path):`` around ``node`` (``isfile``, ``tf.io.gfile.exists``,
    ``Path(...).exists()``) whose body writes a file: the create-if-missing idiom (``idx =
    np.random.choice(...); np.save(path, idx)``, else ``np.load(path)``). Its body runs on the first
    run only and persists what it made, which later runs read back: a value frozen or a file written
    once per trace there is what eager execution does too (TF 2.21: file-written-at-trace-time's
    ``good_persisted_once.py``). None when no such branch holds ``node`` in its function."""
    child, parent = node, node.parent
    while parent is not None and not isinstance(parent, (nodes.FunctionDef, nodes.Lambda, nodes.Module)):
        if isinstance(parent, nodes.If) and child in parent.body and _tests_missing_file(parent.test) and any(
            writes_file(call, called_name(call)) for statement in parent.body for call in statement.nodes_of_class(nodes.Call)
        ):
            return parent
        child, parent = parent, parent.parent
    return None


def _tests_missing_file(test: nodes.NodeNG) -> bool:
    """``not os.path.exists(p)``, ``not os.path.isfile(p)``, ``not tf.io.gfile.exists(p)``, ``not p.exists()``."""
    if not (isinstance(test, nodes.UnaryOp) and test.op == "not" and isinstance(test.operand, nodes.Call)):
        return False
    func = test.operand.func
    if isinstance(func, (nodes.Name, nodes.Attribute)) and names.qualified_name(func) in _EXISTS_CALLS:
        return True
    return isinstance(func, nodes.Attribute) and func.attrname in ("exists", "is_file") and not test.operand.args


def frozen_call_replacement(qualified: str) -> str | None:
    """The TF op (written ``tf.``) to use instead of a call whose Python value is frozen into the graph
    at trace time (``random.random``, ``numpy.random.*``, ``time.time``...); None for other calls."""
    if qualified in catalogue.FROZEN_CALLS:
        return catalogue.FROZEN_CALLS[qualified]
    if qualified.startswith("numpy.random."):
        function = qualified.rsplit(".", 1)[-1]
        return catalogue.NUMPY_RANDOM_REPLACEMENTS.get(function, "tf.random.* ops or a tf.random.Generator")
    if qualified.startswith("secrets."):
        return "tf.random.* ops"
    return None


def zero_argument_replacement(call: nodes.Call, qualified: str) -> str | None:
    """For a frozen call without arguments (``time.time()``): the replacement that can be typed in,
    ``{tf}`` standing for the module's alias of tensorflow; None otherwise."""
    if call.args or call.keywords:
        return None
    return catalogue.ZERO_ARGUMENT_REPLACEMENTS.get(qualified)
