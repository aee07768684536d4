"""A small model whose tests retrace: batch sizes come from the data, the step is a Python int.

Nothing in the source shows it (the static checks stay silent); the tests' trace record does:

    pytest --hybridize-traces -p pylint_hybridize.pytest_plugin   # -p only while the plugin is not installed
    pylint-hybridize check .                                        # observed-retracing on train_step
"""

import tensorflow as tf

WEIGHTS = tf.Variable(tf.ones([8, 1]))


@tf.function
def train_step(x, step):
    scale = 1.0 / (1.0 + tf.cast(step, tf.float32))
    return tf.reduce_mean(tf.matmul(x, WEIGHTS)) * scale


def train(batches, start=0):
    losses = []
    step = start
    for batch in batches:
        losses.append(float(train_step(batch, step)))
        step += 1
    return losses
