"""Python control flow on tensors: a message only when autograph is off."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf
from tf_agents.utils import common


@tf.function(autograph=False)
def no_autograph(x):
    y = tf.reduce_sum(x)
    if y > 0:  # [tensor-python-control-flow]
        y = y * 2
    while y < 10:  # [tensor-python-control-flow]
        y = y + 1
    for row in tf.unstack(x):  # fine: a Python list of tensors
        y = y + row
    for item in tf.range(3):  # [tensor-python-control-flow]
        y = y + tf.cast(item, tf.float32)
    a = float(y)  # [tensor-python-control-flow]
    b = int(tf.size(x))  # [tensor-python-control-flow]
    c = len(tf.shape(x))  # [tensor-python-control-flow]
    d = len(x.shape)  # static shape: fine
    if x.shape[0] is None:  # Python check: fine
        return y
    return y + a + b + c + d


def helper(t):
    if tf.reduce_sum(t) > 0:  # [tensor-python-control-flow]
        return t
    return -t


@tf.function(autograph=False)
def calls_helper(x):
    return helper(tf.reduce_sum(x))


@tf.function(autograph=True)
def explicit_on(x):
    y = tf.reduce_sum(x)
    if y > 0:
        y = -y
    return float(y)


AUTOGRAPH = False


@tf.function(autograph=AUTOGRAPH)
def unknown_autograph(x):
    y = tf.reduce_sum(x)
    if y > 0:  # not a literal: silent
        y = -y
    return y


@common.function
def tf_agents_default(x):
    y = tf.reduce_sum(x)
    if y > 0:  # [tensor-python-control-flow]
        y = -y
    return y


@common.function(autograph=True)
def tf_agents_on(x):
    y = tf.reduce_sum(x)
    if y > 0:
        y = -y
    return y
