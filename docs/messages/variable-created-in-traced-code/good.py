import tensorflow as tf

total = tf.Variable(0.0)


@tf.function
def accumulate(x):
    total.assign_add(x)
    return total.read_value()


if __name__ == "__main__":
    from _evidence import ok

    for value in (1.0, 2.0, 3.0):
        accumulate(tf.constant(value))
    assert float(total) == 6.0, float(total)
    ok("variable created once outside: 3 calls, total == 6.0")
