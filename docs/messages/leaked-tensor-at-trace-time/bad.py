import tensorflow as tf

LAST_INPUT = None


class Registry:
    last_total = None


REGISTRY = Registry()


@tf.function
def remember(x):
    global LAST_INPUT
    LAST_INPUT = x  # [leaked-tensor-at-trace-time]  (x is a tensor at the call below)
    REGISTRY.last_total = tf.reduce_sum(x)  # [leaked-tensor-at-trace-time]
    return x * 2


class Model(tf.Module):
    @tf.function
    def __call__(self, x):
        self.last_loss = tf.reduce_sum(x)  # [leaked-tensor-at-trace-time]
        return x * 2


if __name__ == "__main__":
    from _evidence import symptom

    remember(tf.constant([1.0, 2.0]))
    for leaked in (LAST_INPUT, REGISTRY.last_total):
        try:
            leaked + 1.0
        except TypeError as error:
            assert "out of scope" in str(error), error
        else:
            raise AssertionError("reading a leaked graph tensor should fail")
    model = Model()
    model(tf.constant([1.0, 2.0]))
    try:
        model.last_loss + 1.0
    except TypeError as error:
        assert "out of scope" in str(error), error
    else:
        raise AssertionError("reading the leaked graph tensor should fail")
    symptom("self.last_loss holds a graph tensor: using it raises TypeError (out of scope)")
