import keras
import tensorflow as tf


def _normalize(x):
    return x / tf.reduce_max(x)


@tf.function
def train_step(x):
    return _normalize(x) * 2


# -- decorators that stay: each one is observable, so the rule is silent on them ------------------
@tf.function
def _on_cpu(x):
    return x * 3


@tf.function
def infer(x):
    with tf.device("/CPU:0"):  # one call op, placed on that device
        return _on_cpu(x)


@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def _signed(x):
    return x + 1


@tf.function
def uses_signed(x):
    return _signed(x)


class OwnLoop(keras.Model):
    """Runs its own loop instead of Keras fit: nothing traces train_step but its decorator."""

    @tf.function
    def train_step(self, data):
        return data * 2

    def fit(self, dataset):  # pylint: disable=arguments-differ
        step = self.train_step
        return [step(batch) for batch in dataset]


if __name__ == "__main__":
    from _evidence import ok

    x = tf.constant([1.0, 2.0, 4.0])
    assert train_step(x).numpy().tolist() == [0.5, 1.0, 2.0]
    graph = train_step.get_concrete_function(x).graph
    assert not [op for op in graph.get_operations() if op.type.endswith("PartitionedCall")]
    # the device scope keeps the nested function one call op on that device
    calls = [op for op in infer.get_concrete_function(x).graph.get_operations() if op.type.endswith("PartitionedCall")]
    assert calls and all("CPU" in op.device for op in calls), [(op.type, op.device) for op in calls]
    # the input_signature is observable: a concrete function without arguments, and its checks
    assert _signed.get_concrete_function().structured_input_signature
    assert uses_signed(x).numpy().tolist() == [2.0, 3.0, 5.0]
    # the model overriding fit calls its step through an alias: the decorator is what makes it a graph
    model = OwnLoop()
    assert [y.numpy().tolist() for y in model.fit([x, x])] == [[2.0, 4.0, 8.0]] * 2
    assert model.train_step.experimental_get_tracing_count() == 1  # one graph, run twice
    ok("same result inlined; kept where observable: a device-placed call op, an input_signature, a step only the decorator traces")
