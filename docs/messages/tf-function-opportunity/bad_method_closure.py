import tensorflow as tf


class Trainer:
    def __init__(self):
        self.model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        self.optimizer = tf.keras.optimizers.SGD(0.1)

    def fit(self, batches, epochs):
        model, optimizer = self.model, self.optimizer
        losses = tf.keras.metrics.Mean()

        def train_step(x, y):  # [tf-function-opportunity]
            # defined in fit, called only by fit's own loop: every batch runs eagerly
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
        return history


def batches_of(seed):
    x = tf.random.stateless_normal([32, 4], seed=[seed, 2])
    return [(x[i:i + 8], tf.reduce_sum(x[i:i + 8], axis=1, keepdims=True)) for i in range(0, 32, 8)]


if __name__ == "__main__":
    import sys

    from _evidence import symptom

    bodies_run = []  # each time the Python body of train_step starts: eagerly, once per batch
    sys.setprofile(lambda frame, event, _arg: event == "call" and frame.f_code.co_name == "train_step"
                   and bodies_run.append(1))
    tf.keras.utils.set_random_seed(0)
    history = Trainer().fit(batches_of(1), 4)
    sys.setprofile(None)
    assert history[-1] < history[0] and len(bodies_run) == 16, (history, len(bodies_run))
    symptom("4 epochs x 4 batches of fit's own train_step: its Python body ran 16 times, every op eagerly")
