import tensorflow as tf


class Generator(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.decoder = tf.keras.layers.Dense(4)

    @tf.function
    def sample(self, z):
        return tf.sigmoid(self.decoder(z))


def report(model, z, epoch):
    return float(tf.reduce_mean(model.sample(z))), epoch


if __name__ == "__main__":
    from _evidence import ok

    tf.keras.utils.set_random_seed(0)
    generator = Generator()
    z = tf.ones([2, 3])
    eager = float(tf.reduce_mean(Generator.sample.python_function(generator, z)))
    means = []
    for epoch in range(3):
        means.append(report(generator, z, epoch)[0])
    assert all(abs(m - eager) <= 1e-6 for m in means), (means, eager)
    assert generator.sample.experimental_get_tracing_count() == 1
    ok("@tf.function on the method: the same samples, traced once, one graph per epoch")
