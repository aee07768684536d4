import keras
import tensorflow as tf


class Conv(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=[2, 2], initializer="ones")

    def call(self, inputs):
        return tf.matmul(inputs, self.w)  # computed on every call: no cache


class Holder(keras.Model):
    def __init__(self):
        super().__init__()
        self.layer = Conv()

    def call(self, inputs):
        return self.layer(inputs)


if __name__ == "__main__":
    from _evidence import ok

    model = Holder()
    first = model(tf.ones([2, 2]))
    second = model(2.0 * tf.ones([2, 2]))
    assert float(tf.reduce_sum(first + 1.0)) == 12.0 and float(tf.reduce_sum(second)) == 16.0, (first, second)
    ok("each call computes its own result, eagerly: 8 + 4 then 16, no scratch-graph tensor")
