import tensorflow as tf


def _normalize(x):
    return x / tf.reduce_max(x)


@tf.function
def train_step(x):
    return _normalize(x) * 2


if __name__ == "__main__":
    from _evidence import ok

    x = tf.constant([1.0, 2.0, 4.0])
    assert train_step(x).numpy().tolist() == [0.5, 1.0, 2.0]
    graph = train_step.get_concrete_function(x).graph
    assert not [op for op in graph.get_operations() if op.type.endswith("PartitionedCall")]
    ok("same result; the helper is inlined into one graph, no extra function")
