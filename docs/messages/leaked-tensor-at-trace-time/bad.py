import tensorflow as tf


class Model(tf.Module):
    @tf.function
    def __call__(self, x):
        self.last_loss = tf.reduce_sum(x)  # [leaked-tensor-at-trace-time]
        return x * 2


if __name__ == "__main__":
    from _evidence import symptom

    model = Model()
    model(tf.constant([1.0, 2.0]))
    try:
        model.last_loss + 1.0
    except TypeError as error:
        assert "out of scope" in str(error), error
    else:
        raise AssertionError("reading the leaked graph tensor should fail")
    symptom("self.last_loss holds a graph tensor: using it raises TypeError (out of scope)")
