import tensorflow as tf


@tf.function
def clip_if_large(x):
    large = bool(tf.reduce_max(x) > 10.0)  # [tensor-bool-in-graph]
    if large:
        x = tf.clip_by_value(x, 0.0, 10.0)
    return x


@tf.function
def is_positive(x):
    return bool(x > 0)  # [tensor-bool-in-graph]  (x is a tensor at the call below)


if __name__ == "__main__":
    from _evidence import symptom

    try:
        is_positive(tf.constant(1.0))  # a parameter that a call site fills with a tensor
    except tf.errors.OperatorNotAllowedInGraphError:
        pass
    else:
        raise AssertionError("expected OperatorNotAllowedInGraphError: bool() of a tensor parameter")
    try:
        clip_if_large(tf.constant([1.0, 20.0]))
    except tf.errors.OperatorNotAllowedInGraphError as error:
        symptom(f"OperatorNotAllowedInGraphError (autograph on): {str(error).strip().splitlines()[-1].strip()[:90]}")
    else:
        raise AssertionError("expected OperatorNotAllowedInGraphError: bool() of a symbolic tensor")
