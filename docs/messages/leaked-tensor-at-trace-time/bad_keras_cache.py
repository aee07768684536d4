import keras
import tensorflow as tf


class CachingConv(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=[2, 2], initializer="ones")
        self.cached = None

    def call(self, inputs):
        if self.cached is None:
            self.cached = tf.matmul(inputs, self.w)  # [leaked-tensor-at-trace-time]
        return self.cached


class Holder(keras.Model):
    def __init__(self):
        super().__init__()
        self.layer = CachingConv()

    def call(self, inputs):
        return self.layer(inputs)


if __name__ == "__main__":
    from _evidence import symptom

    # Holder has no build() and an unbuilt sublayer: Keras 3 first runs call on symbolic tensors
    result = Holder()(tf.ones([2, 2]))
    assert not hasattr(result, "numpy"), type(result)  # the scratch graph's tensor, not an EagerTensor
    try:
        result + 1.0
    except TypeError as error:
        assert "out of scope" in str(error), error
    else:
        raise AssertionError("the cached tensor should belong to Keras' symbolic build pass")
    symptom(f"Keras {keras.__version__}: the eager call returns the build pass's tensor; using it raises "
            "TypeError ... is out of scope")
