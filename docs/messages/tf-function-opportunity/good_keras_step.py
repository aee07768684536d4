import tensorflow as tf


class CustomTraining(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1)

    def call(self, inputs, training=False):
        return self.dense(inputs)

    @tf.function
    def train_step(self, inputs):
        x, y = inputs
        with tf.GradientTape() as tape:
            loss = self.loss(y, self(x, training=True))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


def eager_losses(x, y, steps):
    # the same model and step, run eagerly, for comparison
    tf.keras.utils.set_random_seed(0)
    model = CustomTraining()
    model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss=tf.keras.losses.MeanSquaredError())
    return [float(CustomTraining.train_step.python_function(model, [x, y])["loss"]) for _ in range(steps)]


if __name__ == "__main__":
    from _evidence import ok

    x = tf.random.stateless_normal([16, 4], seed=[1, 2])
    y = tf.reduce_sum(x, axis=1, keepdims=True)
    expected = eager_losses(x, y, 5)
    tf.keras.utils.set_random_seed(0)
    model = CustomTraining()
    model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss=tf.keras.losses.MeanSquaredError())
    losses = [float(model.train_step([x, y])["loss"]) for _ in range(5)]
    assert all(abs(a - b) <= 1e-5 * max(1.0, abs(b)) for a, b in zip(losses, expected)), (losses, expected)
    # the first call creates the optimizer's variables: TF traces it twice, then one graph runs per call
    assert model.train_step.experimental_get_tracing_count() <= 2
    ok("@tf.function on train_step: the same losses, traced at most twice, then one graph per call")
