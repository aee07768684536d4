import tensorflow as tf


class Generator(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.decoder = tf.keras.layers.Dense(4)

    def sample(self, z):  # [tf-function-opportunity]
        return tf.sigmoid(self.decoder(z))


def report(model, z, epoch):
    # called once per epoch; `model` is a parameter: what it holds, the call below says (a Generator)
    return float(tf.reduce_mean(model.sample(z))), epoch


if __name__ == "__main__":
    from _evidence import symptom

    tf.keras.utils.set_random_seed(0)
    generator = Generator()
    z = tf.ones([2, 3])
    means = []
    for epoch in range(3):
        means.append(report(generator, z, epoch)[0])
    assert len(set(means)) == 1 and not hasattr(generator.sample, "experimental_get_tracing_count")
    symptom("3 epochs, each sampling eagerly: the decoder's ops dispatched one by one, no graph built")
