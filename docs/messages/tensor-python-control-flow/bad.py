import tensorflow as tf


@tf.function(autograph=False)
def absolute_total(x):
    total = tf.reduce_sum(x)
    if total < 0:  # [tensor-python-control-flow]
        total = -total
    return total


@tf.function(autograph=False)
def relu_or_zero(x):
    if x > 0:  # [tensor-python-control-flow]  (x is a tensor at the call below)
        return x
    return tf.zeros_like(x)


if __name__ == "__main__":
    from _evidence import symptom

    try:
        relu_or_zero(tf.constant(2.0))  # a parameter that a call site fills with a tensor
    except tf.errors.OperatorNotAllowedInGraphError:
        pass
    else:
        raise AssertionError("expected OperatorNotAllowedInGraphError: Python if on a tensor parameter")
    try:
        absolute_total(tf.constant([1.0, -3.0]))
    except tf.errors.OperatorNotAllowedInGraphError as error:
        symptom(f"OperatorNotAllowedInGraphError with autograph=False: {str(error).splitlines()[0][:80]}")
    else:
        raise AssertionError("expected OperatorNotAllowedInGraphError: Python if on a tensor without autograph")
