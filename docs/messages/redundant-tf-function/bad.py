import tensorflow as tf


@tf.function
def _normalize(x):  # [redundant-tf-function]
    return x / tf.reduce_max(x)


@tf.function
def train_step(x):
    return _normalize(x) * 2


if __name__ == "__main__":
    from _evidence import symptom

    x = tf.constant([1.0, 2.0, 4.0])
    assert train_step(x).numpy().tolist() == [0.5, 1.0, 2.0]
    graph = train_step.get_concrete_function(x).graph
    calls = [op.type for op in graph.get_operations() if op.type.endswith("PartitionedCall")]
    assert calls, "expected the inner tf.function to be a separate function called from the graph"
    symptom(f"same result, but the inner decorator adds a separate traced function ({calls[0]} op)")
