import tensorflow as tf


class Trainer:
    """The auxiliary loss's weight decays per epoch. Kept in a tf.Variable (changed with .assign), a
    graph reads its current value on every call; a Python float ``self.alpha = ...`` would be frozen
    at the first trace, and the rule then proposes nothing (study S251)."""

    def __init__(self):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        self.optimizer = tf.keras.optimizers.SGD(0.05)
        self.alpha = tf.Variable(1.0, trainable=False)

    def train_batch(self, x, y):  # [tf-function-opportunity]
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
    from _evidence import symptom

    tf.keras.utils.set_random_seed(0)
    x = tf.random.stateless_normal([8, 4], seed=[1, 2])
    losses = Trainer().train(x, tf.reduce_sum(x, axis=1, keepdims=True), 3)
    assert not hasattr(Trainer.train_batch, "experimental_get_tracing_count")
    symptom(f"12 eager steps, the weight decaying 1.0 -> 0.0: losses {['%.3f' % v for v in losses]}, no graph built")
