import tensorflow as tf


@tf.function
def train_step(x):
    return tf.reduce_sum(x * x)


if __name__ == "__main__":
    from _evidence import ok

    history = []
    for value in (1.0, 2.0, 3.0):
        history.append(train_step(tf.constant([value])))
    assert [float(v) for v in history] == [1.0, 4.0, 9.0], history
    ok("return the value and collect it outside: history == [1, 4, 9]")
