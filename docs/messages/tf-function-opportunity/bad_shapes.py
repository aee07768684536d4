import tensorflow as tf


def predict_step(model, images):  # [tf-function-opportunity]
    return tf.nn.softmax(model(images))


def evaluate(model, batches):
    # batches: whatever the caller passes (images of any size): the fix adds reduce_retracing=True
    results = []
    for images in batches:
        results.append(predict_step(model, images))
    return results


if __name__ == "__main__":
    from _evidence import symptom

    net = tf.keras.Sequential([tf.keras.layers.Dense(3)])
    outputs = evaluate(net, [tf.ones([n, 4]) for n in range(1, 6)])
    assert [int(o.shape[0]) for o in outputs] == [1, 2, 3, 4, 5]
    assert not hasattr(predict_step, "experimental_get_tracing_count")
    symptom("5 batches of 5 sizes, every op dispatched eagerly one by one: no graph was built")
