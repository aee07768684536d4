import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.SGD(0.1)


def train_batch(x, y, compute_auxiliary: bool = False, training: bool = True):  # [tf-function-opportunity]
    # two bool flags: a tf.function would trace once per combination used (4 at most), not per call
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=training) - y) ** 2)
        if compute_auxiliary:
            loss += 0.01 * tf.reduce_sum(tf.square(model(x)))
    if training:
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def run(epochs):
    x = tf.random.stateless_normal([8, 4], seed=[1, 2])
    y = tf.reduce_sum(x, axis=1, keepdims=True)
    losses = []
    for _ in range(epochs):
        for _ in range(5):
            train_batch(x, y, True, training=True)
        losses.append(float(train_batch(x, y, training=False)))
    return losses


if __name__ == "__main__":
    from _evidence import symptom

    tf.keras.utils.set_random_seed(0)
    losses = run(4)
    assert losses[-1] < losses[0] and not hasattr(train_batch, "experimental_get_tracing_count")
    symptom("24 calls with bool flags: every op ran eagerly, no graph was built")
