import tensorflow as tf


@tf.function
def train_step(x, w):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.square(x * w - 1.0))
    return tape.gradient(loss, w)


if __name__ == "__main__":
    from _evidence import ok

    w = tf.Variable(0.5)
    grads = [float(train_step(tf.ones([4]), w)) for _ in range(3)]
    assert grads == [-4.0, -4.0, -4.0], grads
    assert train_step.experimental_get_tracing_count() == 1
    ok("@tf.function: same gradients, traced once, then the graph runs for every call")
