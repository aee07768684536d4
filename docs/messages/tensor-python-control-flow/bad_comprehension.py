import tensorflow as tf


@tf.function
def row_sums(x):
    x = tf.convert_to_tensor(x)
    return tf.stack([tf.reduce_sum(row) for row in x])  # [tensor-python-control-flow]


if __name__ == "__main__":
    from _evidence import symptom

    try:
        row_sums(tf.ones([3, 2]))
    except tf.errors.OperatorNotAllowedInGraphError as error:
        symptom(f"autograph does not convert comprehensions: {str(error).splitlines()[0][:70]}")
    else:
        raise AssertionError("expected iterating a tensor in a comprehension to fail in a tf.function")
