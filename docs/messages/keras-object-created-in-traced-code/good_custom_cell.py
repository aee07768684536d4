import keras
import tensorflow as tf


class SumCell(keras.layers.Layer):
    """An RNN cell without weights: the RNN that wraps it creates no variable."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.state_size = 3
        self.output_size = 3

    def call(self, inputs, states):
        total = inputs + states[0]
        return total, [total]


@tf.function
def running_sum(x):
    # RNN's variables are its cell's (the catalogue measured RNN(SimpleRNNCell(...))): none here
    return keras.layers.RNN(SumCell())(x)


if __name__ == "__main__":
    from _evidence import ok

    first = running_sum(tf.ones([2, 4, 3]))
    second = running_sum(tf.ones([2, 5, 3]))  # a new shape: a second trace, a second RNN, no error
    assert first.shape == (2, 3) and second.shape == (2, 3)
    assert running_sum.experimental_get_tracing_count() == 2, running_sum.experimental_get_tracing_count()
    ok("keras.layers.RNN of a weightless cell made in traced code: 2 traces, no variable, no error")
