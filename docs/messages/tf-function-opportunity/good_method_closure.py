import tensorflow as tf


class Trainer:
    def __init__(self):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        self.optimizer = tf.keras.optimizers.SGD(0.1)

    def fit(self, batches, epochs):
        model, optimizer = self.model, self.optimizer
        losses = tf.keras.metrics.Mean()

        @tf.function
        def train_step(x, y):
            # a new tf.function per call of fit: traced on fit's first batch, one graph for its loop
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(x) - y) ** 2)
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            losses.update_state(loss)

        history = []
        for _ in range(epochs):
            losses.reset_state()
            for x, y in batches:
                train_step(x, y)
            history.append(float(losses.result()))
        return history, train_step


def batches_of(seed):
    x = tf.random.stateless_normal([32, 4], seed=[seed, 2])
    return [(x[i:i + 8], tf.reduce_sum(x[i:i + 8], axis=1, keepdims=True)) for i in range(0, 32, 8)]


if __name__ == "__main__":
    from _evidence import ok

    histories = {}
    for eager in (True, False):  # eagerly first (the reference), then as graphs, from the same seed
        tf.config.run_functions_eagerly(eager)
        tf.keras.utils.set_random_seed(0)
        trainer = Trainer()
        histories[eager], step = trainer.fit(batches_of(1), 4)
    tf.config.run_functions_eagerly(False)
    eager_history, history = histories[True], histories[False]
    # the first trace creates the optimizer's variables, and TF traces once more (as for any step)
    first = step.experimental_get_tracing_count()
    _, again = trainer.fit(batches_of(2), 1)
    assert all(abs(a - b) <= 1e-5 for a, b in zip(history, eager_history)), (history, eager_history)
    assert first <= 2 and again.experimental_get_tracing_count() == 1, (first, again.experimental_get_tracing_count())
    ok(f"decorated: the eager losses, {first} trace(s) for 16 steps, one more per later call of fit")
