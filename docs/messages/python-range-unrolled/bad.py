import tensorflow as tf


@tf.function
def smooth(x):
    for _ in range(5000):  # [python-range-unrolled]
        x = tf.sin(x) + 1.0
    return x


if __name__ == "__main__":
    import time

    from _evidence import symptom

    start = time.perf_counter()
    graph = smooth.get_concrete_function(tf.TensorSpec([], tf.float32)).graph
    seconds = time.perf_counter() - start
    ops = len(graph.get_operations())
    assert ops > 10_000, ops
    symptom(f"range(5000) unrolled: {ops} ops, {seconds:.1f} s to trace")
