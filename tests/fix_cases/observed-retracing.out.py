import tensorflow as tf


def load_batches():
    # batch sizes come from the data: nothing at the call site shows them
    return [tf.random.stateless_uniform([size, 4], seed=[size, 0]) for size in (3, 5, 8, 13, 21, 34)]


@tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])
def normalise(x):  # [observed-retracing]
    centred = x - tf.reduce_mean(x, axis=0)
    return centred / (tf.math.reduce_std(x, axis=0) + 1e-6)


if __name__ == "__main__":
    from _evidence import symptom

    for batch in load_batches():
        normalise(batch)
    traces = normalise.experimental_get_tracing_count()
    assert traces == 6, traces
    symptom(f"6 batch sizes: {traces} traces for 6 calls (the trace record beside this file holds them)")
