"""Retracing at call sites: Python scalars, new objects, varying shapes."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name
import tensorflow as tf


@tf.function
def scale(x, factor):
    return x * factor


@tf.function(input_signature=[tf.TensorSpec([None], tf.float32), tf.TensorSpec([], tf.int32)])
def typed(x, n):
    return x * tf.cast(n, tf.float32)


@tf.function
def total(x):
    return tf.reduce_sum(x)


@tf.function(reduce_retracing=True)
def relaxed(x):
    return tf.reduce_sum(x)


@tf.function(reduce_retracing=False)  # said explicitly: still one trace per shape
def strict(x):
    return tf.reduce_sum(x)


class Config:
    def __init__(self, rate):
        self.rate = rate


class Spec(tf.experimental.ExtensionType):
    rate: tf.Tensor


@tf.function
def apply(x, config):
    return x * config.rate


data = tf.ones([10])

for i in range(10):
    scale(data, i)  # [python-scalar-retracing]
    scale(data, factor=i * 2.0)  # [python-scalar-retracing]
    total(data[:i])  # [varying-shape-retracing]
    strict(data[:i])  # [varying-shape-retracing]
    total(tf.zeros([i + 1]))  # [varying-shape-retracing]
    apply(data, Config(0.5))  # [new-object-retracing]
    scale(data, [i, i + 1])  # [new-object-retracing]
    scale(data, float(i))  # [python-scalar-retracing]
    scale(data, factor=int(i * 2))  # [python-scalar-retracing]

for epoch in range(3):
    step = epoch * 100
    scale(data, step)  # [python-scalar-retracing]

for index, batch in enumerate([data, data]):
    scale(batch, index)  # [python-scalar-retracing]
    scale(batch, 2.0)

# ---- negatives ----------------------------------------------------------

for i in range(10):
    scale(data, tf.constant(i))  # a tensor: one trace
    typed(data, i)  # input_signature converts the int: one trace
    relaxed(data[:i])  # reduce_retracing already set
    scale(data, 3)  # the same literal every time
    scale(data, True)  # a bool: at most two traces
    apply(data, Spec(tf.constant(0.5)))  # ExtensionType: traced by its fields

for batch in [data, data]:
    total(batch)  # tensors of one shape

for flag in (True, False):
    scale(data, flag)


def train(dataset, steps):
    for x in dataset:
        scale(x, steps)  # steps does not change inside the loop


@tf.function
def resize(x, size):
    return tf.image.resize(x, [size, size])


image = tf.ones([1, 8, 8, 3])
resize(image, 32)
resize(image, 64)
resize(image, 128)  # [python-scalar-retracing]
scale(data, factor=0.5)
scale(data, factor=0.25)  # two values: like a flag, fine


@tf.function(input_signature=[tf.TensorSpec([3], tf.float32)])
def fixed(x):
    return x


@tf.function(input_signature=[tf.TensorSpec(shape=[None, 4], dtype=tf.float32)])
def batched(x):
    return x


fixed(tf.zeros([3]))
fixed(tf.zeros([5]))  # [over-specified-input-signature]
fixed(tf.constant([1.0, 2.0]))  # [over-specified-input-signature]
batched(tf.ones([7, 4]))
batched(tf.ones([7, 2]))  # [over-specified-input-signature]
batched(tf.ones([2, 3, 4]))  # another rank: a different error, not reported here


@tf.function
def padded(x, mode):
    return tf.pad(x, [[1, 0]]) if mode == "front" else tf.pad(x, [[0, 1]])


# a str picks a code path: bounded by the literals written, and a tf.string tensor would break `mode == "front"`
padded(data, "front")
padded(data, "end")
padded(data, "center")
for name in ["front", "end", "center"]:
    padded(data, name)
for i in range(3):
    padded(data, "inputter_%d_" % i)  # a formatted str: a name, as above
    padded(data, "-" * i)
