import tensorflow as tf


class CustomTraining(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(1)

    def call(self, inputs, training=False):
        return self.dense(inputs)

    def train_step(self, inputs):  # [tf-function-opportunity]
        # fit would trace it, but this program never calls fit: its own loop runs it eagerly
        x, y = inputs
        with tf.GradientTape() as tape:
            loss = self.loss(y, self(x, training=True))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


if __name__ == "__main__":
    from _evidence import symptom

    tf.keras.utils.set_random_seed(0)
    model = CustomTraining()
    model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss=tf.keras.losses.MeanSquaredError())
    x = tf.random.stateless_normal([16, 4], seed=[1, 2])
    y = tf.reduce_sum(x, axis=1, keepdims=True)
    losses = []
    for _ in range(5):
        losses.append(float(model.train_step([x, y])["loss"]))
    assert losses[-1] < losses[0] and not hasattr(model.train_step, "experimental_get_tracing_count")
    symptom("5 calls of train_step from the program's own loop: every op ran eagerly, no graph was built")
