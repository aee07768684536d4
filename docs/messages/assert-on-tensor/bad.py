import tensorflow as tf


@tf.function
def safe_log(x):
    assert tf.reduce_min(x) > 0  # [assert-on-tensor]
    return tf.math.log(x)


@tf.function
def double_positive(scale):
    assert scale > 0  # [assert-on-tensor]  (scale is a tensor at the call below)
    return scale * 2.0


if __name__ == "__main__":
    from _evidence import symptom

    try:
        double_positive(tf.constant(2.0))  # a parameter that a call site fills with a tensor
    except tf.errors.OperatorNotAllowedInGraphError:
        pass
    else:
        raise AssertionError("expected OperatorNotAllowedInGraphError: assert on a tensor parameter")
    try:
        safe_log(tf.constant([1.0, 2.0]))  # the condition holds, and still:
    except tf.errors.OperatorNotAllowedInGraphError as error:
        symptom(f"OperatorNotAllowedInGraphError on valid input: {str(error).strip().splitlines()[-1].strip()[:90]}")
    else:
        raise AssertionError("expected OperatorNotAllowedInGraphError: assert on a symbolic tensor")
