import tensorflow as tf


@tf.function
def normalise(x):
    print("normalise:", x.shape, x.dtype)  # shapes and dtypes only: fixed per trace
    return x / tf.reduce_max(x)


def preprocess(image):
    print(f"image {image.shape}")  # a tf.data function has one graph, with one static shape
    return tf.cast(image, tf.float32) / 255.0


if __name__ == "__main__":
    from _evidence import captured_output, ok

    calls = [tf.ones((2,)), tf.ones((2,)) * 3, tf.ones((3,)), tf.ones((2,), tf.float64), tf.ones((3,)) * 2]
    with captured_output() as output:
        for value in calls:
            normalise(value)
    printed = [line for line in output[0].splitlines() if line.startswith("normalise:")]
    per_call = {f"normalise: {value.shape} {value.dtype}" for value in calls}
    # one line per trace, and together they hold every (shape, dtype) that a print on each call would show
    assert len(printed) == normalise.experimental_get_tracing_count() == 3, printed
    assert set(printed) == per_call, (printed, per_call)
    with captured_output() as output:
        dataset = tf.data.Dataset.from_tensor_slices(tf.zeros((4, 8, 8), tf.uint8)).map(preprocess)
        assert len(list(dataset)) == 4
    assert [line for line in output[0].splitlines() if line.startswith("image")] == ["image (8, 8)"]
    ok("5 calls, 3 traces: print(x.shape, x.dtype) printed the 3 distinct (shape, dtype) pairs, all a per-call "
       "print would show; a Dataset.map function printed its one static shape once")
