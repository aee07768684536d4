import tensorflow as tf


@tf.function(autograph=False)
def absolute_total(x):
    total = tf.reduce_sum(x)
    if total < 0:  # [tensor-python-control-flow]
        total = -total
    return total


if __name__ == "__main__":
    from _evidence import symptom

    try:
        absolute_total(tf.constant([1.0, -3.0]))
    except tf.errors.OperatorNotAllowedInGraphError as error:
        symptom(f"OperatorNotAllowedInGraphError with autograph=False: {str(error).splitlines()[0][:80]}")
    else:
        raise AssertionError("expected OperatorNotAllowedInGraphError: Python if on a tensor without autograph")
