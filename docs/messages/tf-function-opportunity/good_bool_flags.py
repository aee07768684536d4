import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.SGD(0.1)


@tf.function
def train_batch(x, y, compute_auxiliary: bool = False, training: bool = True):
    # each Python bool is part of the trace's key: one graph per combination, each with its branch
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
    from _evidence import ok

    tf.keras.utils.set_random_seed(0)
    model.build((None, 4))
    initial = model.get_weights()
    losses = {}
    for eager in (True, False):  # eagerly first (the reference), then as graphs, from the same weights
        tf.config.run_functions_eagerly(eager)
        model.set_weights(initial)  # (plain SGD keeps no state of its own)
        losses[eager] = run(4)
    tf.config.run_functions_eagerly(False)
    eager, graph = losses[True], losses[False]
    traces = train_batch.experimental_get_tracing_count()
    assert all(abs(a - b) <= 1e-5 for a, b in zip(graph, eager)), (graph, eager)
    # (True, True) and (False, False): two combinations; TF may trace a variable-creating first call twice
    assert traces <= 3, traces
    ok(f"24 calls with two bool flags: the eager losses, {traces} traces")
