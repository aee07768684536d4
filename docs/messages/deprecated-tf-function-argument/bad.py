import tensorflow as tf


@tf.function(experimental_relax_shapes=True)  # [deprecated-tf-function-argument]
def total(x):
    return tf.reduce_sum(x)


if __name__ == "__main__":
    from _evidence import symptom

    for n in range(1, 11):
        total(tf.ones([n]))
    traces = total.experimental_get_tracing_count()
    # still accepted, silently mapped to reduce_retracing: it generalises after the 2nd shape
    assert traces == 2, traces
    symptom(f"deprecated name accepted without error and mapped to reduce_retracing: {traces} traces for 10 shapes")
