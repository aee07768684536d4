import tensorflow as tf


@tf.function
def collect(x, acc):
    acc = list(acc)  # a copy: allowed
    acc.append(x * 2)
    return acc


if __name__ == "__main__":
    from _evidence import ok

    given = []
    result = collect(tf.constant(1.0), given)
    assert given == [] and [float(t) for t in result] == [2.0], (given, result)
    ok("the function changes a copy and returns it: no error, the caller's list untouched")
