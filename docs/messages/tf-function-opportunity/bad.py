import tensorflow as tf

eager_modes = []


def train_step(x, w):  # [tf-function-opportunity]
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.square(x * w - 1.0))
    return tape.gradient(loss, w)


if __name__ == "__main__":
    from _evidence import symptom

    w = tf.Variable(0.5)
    for _ in range(3):
        grad = train_step(tf.ones([4]), w)
        eager_modes.append(tf.executing_eagerly())
    assert eager_modes == [True, True, True] and not hasattr(train_step, "experimental_get_tracing_count")
    symptom("3 calls, every op dispatched eagerly one by one: no graph was built")
