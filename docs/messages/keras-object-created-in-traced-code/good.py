import keras
import tensorflow as tf

layer = keras.layers.Dense(2)
layer.build((None, 3))  # variables created here, once, outside the trace


@tf.function
def predict(x):
    return layer(x)


if __name__ == "__main__":
    from _evidence import ok

    outputs = [predict(tf.ones([1, 3])) for _ in range(3)]
    assert all(o.shape == (1, 2) for o in outputs)
    assert predict.experimental_get_tracing_count() == 1, predict.experimental_get_tracing_count()
    ok("layer created and built once outside: 3 calls, 1 trace")
