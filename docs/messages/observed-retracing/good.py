import tensorflow as tf


def load_batches():
    # batch sizes come from the data: nothing at the call site shows them
    return [tf.random.stateless_uniform([size, 4], seed=[size, 0]) for size in (3, 5, 8, 13, 21, 34)]


# the signature observed-retracing suggests: the recorded dtype and rank, None where sizes varied
@tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])
def normalise(x):
    centred = x - tf.reduce_mean(x, axis=0)
    return centred / (tf.math.reduce_std(x, axis=0) + 1e-6)


if __name__ == "__main__":
    from _evidence import ok

    for batch in load_batches():
        eager = normalise.python_function(batch)  # the same code, run eagerly
        tf.debugging.assert_near(normalise(batch), eager)
    traces = normalise.experimental_get_tracing_count()
    assert traces == 1, traces
    ok(f"input_signature [None, 4]: {traces} trace for 6 batch sizes, same results as eager")
