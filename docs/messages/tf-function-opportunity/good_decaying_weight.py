import tensorflow as tf


class Trainer:
    """The auxiliary loss's weight decays per epoch. Kept in a tf.Variable (changed with .assign), a
    graph reads its current value on every call; a Python float ``self.alpha = ...`` would be frozen
    at the first trace, and the rule then proposes nothing (study S251)."""

    def __init__(self):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        self.optimizer = tf.keras.optimizers.SGD(0.05)
        self.alpha = tf.Variable(1.0, trainable=False)

    @tf.function
    def train_batch(self, x, y):
        with tf.GradientTape() as tape:
            prediction = self.model(x)
            loss = tf.reduce_mean((prediction - y) ** 2) + self.alpha * tf.reduce_mean(prediction ** 2)
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss

    def train(self, x, y, epochs):
        losses = []
        for _ in range(epochs):
            for _ in range(4):
                loss = self.train_batch(x, y)
            losses.append(float(loss))
            self.alpha.assign(tf.maximum(0.0, self.alpha - 0.5))
        return losses


if __name__ == "__main__":
    from _evidence import ok

    tf.keras.utils.set_random_seed(0)
    x = tf.random.stateless_normal([8, 4], seed=[1, 2])
    y = tf.reduce_sum(x, axis=1, keepdims=True)
    trainer = Trainer()
    trainer.model.build((None, 4))
    initial = trainer.model.get_weights()
    losses = {}
    for eager in (True, False):  # eagerly first (the reference), then as graphs, from the same state
        tf.config.run_functions_eagerly(eager)
        trainer.model.set_weights(initial)
        trainer.alpha.assign(1.0)
        losses[eager] = trainer.train(x, y, 3)
    tf.config.run_functions_eagerly(False)
    eager, graph = losses[True], losses[False]
    traces = trainer.train_batch.experimental_get_tracing_count()
    assert all(abs(a - b) <= 1e-5 for a, b in zip(graph, eager)), (graph, eager)
    assert traces <= 2, traces
    ok(f"decorated: the eager losses {['%.3f' % v for v in graph]} as the weight decays, {traces} trace(s)")
