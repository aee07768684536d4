"""The one input_signature parser (model.signature, HybridFunction.signature) and literal shapes."""

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.hybrids.signature import literal_dims, literal_shape, parse_input_signature, rejected_shapes


def _hybrid(source: str):
    model = TraceModel.for_module(astroid.parse("import tensorflow as tf\n" + source))
    (hybrid,) = model.hybrids
    return hybrid


def test_tensor_specs_with_shapes_and_dtypes():
    hybrid = _hybrid(
        "@tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32), tf.TensorSpec(shape=(), dtype='int32'),\n"
        "                              tf.TensorSpec(dtype=tf.string, shape=[2])])\n"
        "def f(x, n, s): return x\n"
    )
    specs = hybrid.signature
    assert [s.shape for s in specs] == [(None, 4), (), (2,)]
    assert [s.dtype for s in specs] == ["float32", "int32", "string"]
    assert all(s.is_tensor_spec for s in specs)
    assert specs[0].node.as_string().startswith("tf.TensorSpec(")
    assert specs[0].shape_node.as_string() == "[None, 4]"


def test_positional_signature_of_a_call_form():
    hybrid = _hybrid("def f(x): return x\ng = tf.function(f, [tf.TensorSpec([3], tf.float32)])\n")
    assert [s.shape for s in hybrid.signature] == [(3,)]


def test_entries_that_are_not_literal_tensor_specs():
    hybrid = _hybrid(
        "@tf.function(input_signature=[tf.TensorSpec(shape, tf.float32), tf.RaggedTensorSpec([None]), [tf.TensorSpec([])]])\n"
        "def f(x, y, z): return x\n"
    )
    specs = hybrid.signature
    assert len(specs) == 3
    assert [s.shape for s in specs] == [None, None, None]
    assert [s.is_tensor_spec for s in specs] == [True, False, False]
    assert specs[0].dtype == "float32"


@pytest.mark.parametrize(
    "decorator",
    ["@tf.function", "@tf.function(input_signature=SPECS)", "@tf.function(input_signature=None)"],
)
def test_no_parsed_signature(decorator):
    hybrid = _hybrid(f"SPECS = [tf.TensorSpec([1])]\n{decorator}\ndef f(x): return x\n")
    assert hybrid.signature is None


@pytest.mark.parametrize(
    "expression, shape",
    [
        ("tf.zeros([2, 3])", (2, 3)),
        ("tf.ones((7, 4))", (7, 4)),
        ("np.zeros([5])", (5,)),
        ("tf.constant([[1.0, 2.0], [3.0, 4.0]])", (2, 2)),
        ("tf.constant(3)", ()),
        ("tf.constant([[1.0], [2.0, 3.0]])", None),  # ragged
        ("tf.zeros([n])", None),
        ("tf.range(5)", None),
        ("tf.constant(True)", None),
        ("x", None),
    ],
)
def test_literal_shape(expression, shape):
    module = astroid.parse(f"import tensorflow as tf\nimport numpy as np\nf({expression})\n")
    call = list(module.nodes_of_class(astroid.nodes.Call))[0]
    assert literal_shape(call.args[0]) == shape


def test_literal_dims_and_non_literal_signature():
    assert literal_dims(astroid.extract_node("[None, 3]")) == (None, 3)
    assert literal_dims(astroid.extract_node("[None, n]")) is None
    assert literal_dims(astroid.extract_node("[True]")) is None
    assert parse_input_signature(astroid.extract_node("specs")) is None
    assert parse_input_signature(None) is None


def test_parameter_kinds_ask_the_signature():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "@tf.function(input_signature=[tf.TensorSpec([None], tf.float32), tf.TensorSpec([], tf.int32)])\n"
        "def f(x, n):\n    return x, n\n"
    )
    model = TraceModel.for_module(module)
    returned = next(module.nodes_of_class(astroid.nodes.Return)).value
    x, n = (model.kind(element) for element in returned.elts)
    assert (x.kind.name, x.dtype) == ("TENSOR", "float32")
    assert (n.kind.name, n.dtype) == ("TENSOR", "int32")


def test_extra_keywords_only_kwargs_takes():
    from pylint_hybridize.model.syntax.binding import extra_keywords  # pylint: disable=import-outside-toplevel

    module = astroid.parse("def f(x, *, y, **kw): pass\ndef g(x): pass\nf(1, y=2, z=3, **opts)\ng(1, z=3)\n")
    f, g = module.body[:2]
    call_f, call_g = (statement.value for statement in module.body[2:])
    assert [k.arg for k in extra_keywords(f, call_f)] == ["z"]
    assert extra_keywords(g, call_g) == []  # no **kwargs: TF's own binding error, not this question


def test_rejected_shapes():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "specs = [tf.TensorSpec([None, 4], tf.float32), tf.TensorSpec([2], tf.float32)]\n"
        "f(tf.zeros([3, 4]), tf.zeros([2]))\n"  # fits
        "f(tf.zeros([3, 5]), tf.zeros([3]))\n"  # both rejected
        "f(tf.zeros([3, 6, 1]), x)\n"  # another rank, unknown shape: not judged
        "f(tf.zeros([1, 7]))\n"
    )
    specs = parse_input_signature(module.body[1].value)
    calls = [c for c in module.nodes_of_class(nodes.Call) if c.func.as_string() == "f"]
    rejected, varying = rejected_shapes(specs, calls)
    assert [(r.argument.as_string(), r.index, r.passed) for r in rejected] == [
        ("tf.zeros([3, 5])", 0, (3, 5)),
        ("tf.zeros([3])", 1, (3,)),
        ("tf.zeros([1, 7])", 0, (1, 7)),
    ]
    assert varying == {0: {1}, 1: {0}}


@pytest.mark.parametrize(
    "written, spec, array",
    [
        ("[None, 4]", (None, 4), (None, 4)),
        ("(2, 3)", (2, 3), (2, 3)),
        ("(n, 3)", None, (None, 3)),  # a TensorSpec's shape with a name: unknown; an array's: one dimension unknown
        ("5", None, (5,)),  # NumPy's one-dimensional form
        ("(True, 3)", None, (None, 3)),
        ("(1, 1, 1, 1, 1, 1, 1, 1, 1)", (1,) * 9, None),  # more dimensions than an array's rank limit
    ],
)
def test_literal_dims_of_a_spec_and_of_an_array(written, spec, array):
    from pylint_hybridize.model.values.shapes import literal_dims as array_dims  # pylint: disable=import-outside-toplevel

    node = astroid.extract_node(written)
    assert literal_dims(node) == spec
    assert array_dims(node) == array
