"""Parameters whose kind comes from the call sites (issue 15, recall item 2) and recursion forms (item 6)."""
# pylint: disable=missing-function-docstring,invalid-name,global-statement
import tensorflow as tf


@tf.function
def check_positive(x):
    assert x > 0  # [assert-on-tensor]
    return x


@tf.function
def to_flag(x):
    return bool(x > 0)  # [tensor-bool-in-graph]


@tf.function(autograph=False)
def branch(x):
    if x > 0:  # [tensor-python-control-flow]
        return x
    return -x


LAST = None


@tf.function
def keep(x):
    global LAST
    LAST = x  # [leaked-tensor-at-trace-time]
    return x


def _positive_part(t):
    assert t >= 0  # [assert-on-tensor]
    return t


@tf.function
def through_helper(x):
    return _positive_part(x)


# recursion through an undecorated helper: hybrid -> helper -> hybrid
def countdown_helper(n):
    return countdown(n - 1)  # [recursion-in-graph]


@tf.function
def countdown(n):
    if n > 0:
        return countdown_helper(n)
    return n


# recursion through an alias
@tf.function
def fact(n):
    again = fact
    if n <= 1:
        return tf.constant(1)
    return n * again(n - 1)  # [recursion-in-graph]


# recursion between two hybrids
@tf.function
def ping(n):
    if n <= 0:
        return n
    return pong(n - 1)  # [recursion-in-graph]


@tf.function
def pong(n):
    if n <= 0:
        return n
    return ping(n - 1)


check_positive(tf.constant(1.0))
to_flag(tf.constant(2.0))
branch(tf.constant(3.0))
keep(tf.constant(4.0))
through_helper(tf.constant(5.0))
countdown(tf.constant(3))
fact(tf.constant(4))
ping(tf.constant(5))


# ---- negatives: Python values at every call site, or no call site at all ---------


@tf.function
def scaled(x, factor):
    assert factor > 0
    if bool(factor):
        return x * factor
    return x


@tf.function(autograph=False)
def unrolled(x, times):
    for _ in range(times):
        x = x * 2.0
    if times > 3:
        x = x + 1.0
    return x


@tf.function
def unseen(x):
    assert x > 0  # no call site is visible: silent (see docs/precision.md)
    return x


@tf.function
def walk(structure, depth):
    if depth == 0:
        return structure
    return walk(structure, depth - 1)  # [recursion-in-graph]  (a hybrid calling itself: one trace per depth)


scaled(tf.constant(1.0), 2.0)
scaled(tf.constant(1.0), 3.0)
unrolled(tf.constant(1.0), 2)
walk(tf.constant(1.0), 3)


# a wrapper whose autograph default another decorator changes: unknown, silent
from tf_agents.utils import common  # noqa: E402  # pylint: disable=wrong-import-position


@common.set_default_tf_function_parameters(autograph=True)
def loop_with_defaults(a, b):
    for v in a:
        b += v
    return b


def loop_without_defaults(a, b):
    for v in a:  # [tensor-python-control-flow]
        b += v
    return b


with_defaults = common.function(loop_with_defaults)
without_defaults = common.function(loop_without_defaults)
with_defaults(tf.constant([1, 2]), tf.constant(0))
without_defaults(tf.constant([1, 2]), tf.constant(0))


@tf.function
def append_innermost(tensor):
    """seqio's shape: the recursion follows a static fact (the rank), so tracing ends."""
    if tensor.shape.rank > 2:
        return append_innermost(tf.reshape(tensor, [-1, tensor.shape[-1]]))  # a static base case: silent
    return tf.concat([tensor, tf.ones_like(tensor[:, :1])], axis=1)


append_innermost(tf.ones([2, 3, 4]))
