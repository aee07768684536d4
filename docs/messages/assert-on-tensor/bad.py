import tensorflow as tf


@tf.function
def safe_log(x):
    assert tf.reduce_min(x) > 0  # [assert-on-tensor]
    return tf.math.log(x)


if __name__ == "__main__":
    from _evidence import symptom

    try:
        safe_log(tf.constant([1.0, 2.0]))  # the condition holds, and still:
    except tf.errors.OperatorNotAllowedInGraphError as error:
        symptom(f"OperatorNotAllowedInGraphError on valid input: {str(error).strip().splitlines()[-1].strip()[:90]}")
    else:
        raise AssertionError("expected OperatorNotAllowedInGraphError: assert on a symbolic tensor")
