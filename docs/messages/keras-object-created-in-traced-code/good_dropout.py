import keras
import tensorflow as tf

dropout = keras.layers.Dropout(0.5)  # created once, outside the traced code


@tf.function
def noisy(x):
    flat = keras.layers.Flatten()(x)  # Flatten creates no variable: fine in traced code
    return dropout(flat, training=True)


if __name__ == "__main__":
    from _evidence import ok

    first = noisy(tf.ones([2, 3]))
    second = noisy(tf.ones([2, 3]))
    assert first.shape == second.shape == (2, 3)
    ok("Dropout created outside and Flatten created inside the tf.function both work")
