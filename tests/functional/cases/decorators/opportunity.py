"""tf-function-opportunity: only substantial, trace-stable eager steps (issue 15)."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.SGD(0.1)


def train_step(x, y):  # [tf-function-opportunity]
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def predict(net, x):  # [tf-function-opportunity]
    return tf.nn.softmax(net(x))


def normalize(x):  # a tiny helper (2 TF ops, no model, no tape): not worth a graph
    return tf.math.l2_normalize(tf.cast(x, tf.float32))


def scaled_loss(x, y, scale):  # called with a varying Python number: would retrace
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y)) * scale
    return tape.gradient(loss, model.trainable_variables)


def window_loss(x, y):  # called with shapes that change with a Python counter
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    return tape.gradient(loss, model.trainable_variables)


def summarize(x, step):  # tf.summary keyed by a Python string
    with tf.GradientTape():
        tf.summary.scalar("mean", tf.reduce_mean(x), step=step)


def legacy(x):  # TF1 graph-mode API
    with tf.GradientTape():
        return tf.compat.v1.layers.dense(x, 1)


def builds(x):  # creates a Keras object on every call
    with tf.GradientTape():
        return tf.keras.layers.Dense(1)(x)


def outer_step(x, y):  # [tf-function-opportunity]
    with tf.GradientTape() as tape:
        loss = inner_loss(x, y)
    return tape.gradient(loss, model.trainable_variables)


def inner_loss(x, y):  # a candidate too, but its caller is reported instead
    with tf.GradientTape():
        return tf.reduce_mean(tf.square(model(x) - y))


class Gan:
    def __init__(self, discriminators, inputs):
        for discriminator in discriminators:  # builds the model once: not a hot loop
            self.discriminate(discriminator, inputs)

    def discriminate(self, discriminator, inputs):
        with tf.GradientTape():
            return discriminator(inputs)


class Trainer:
    def fit(self, data):
        def step(x):  # [tf-function-opportunity]
            # (a closure the method only calls, in its own loop: eager-driven, session 36)
            with tf.GradientTape():
                return model(x)

        for x in data:
            step(x)
            self.run(x)

    def run(self, x):  # [tf-function-opportunity]
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(model(x))
        return tape.gradient(loss, model.trainable_variables)


def level_loss(outputs, labels):  # called once per pyramid level: a new shape per element
    return tf.reduce_mean(tf.square(model(outputs) - tf.cast(labels, tf.float32)))


def sizes(count: int, low: int, high: int):  # annotated Python ints: a new trace per value
    minval = tf.convert_to_tensor(low)
    length = tf.convert_to_tensor(high - low)
    alpha = tf.random.uniform([count])
    return minval + tf.cast(model(alpha * tf.cast(length, tf.float32)), tf.int32)


def children(obj):  # obj._flatten_layers(...) is a method, not a model call
    return list(obj._flatten_layers(include_self=False))


def augment(image):  # called from a loop that is tensor code itself: the loop's function is the unit
    return model(tf.image.flip_left_right(tf.image.rot90(tf.clip_by_value(image, 0.0, 1.0))))


def augment_all(images, layers):
    for _ in range(layers):
        images = tf.cast(augment(images), tf.float32)
        images = tf.clip_by_value(images, 0.0, 1.0)
    return images


def ascent_step(extractor, image_var):  # a new tf.Variable passed on every call
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(extractor(image_var[0]))
    return tape.gradient(loss, image_var)


def visualize(extractor, image, iterations):
    for _ in range(iterations):
        image_var = [tf.Variable(image)]
        ascent_step(extractor, image_var)


def epoch_step(images, batch_size):  # int() of a tensor: needs an eager value (TypeError in a graph)
    batches = int(tf.shape(images)[0] / batch_size)
    for i in range(batches):
        with tf.GradientTape():
            model(images[i * batch_size:(i + 1) * batch_size])


strategy = tf.distribute.get_strategy()


def replica_step(x):  # also handed to strategy.run, traced there: already a graph
    with tf.GradientTape():
        return model(x)


@tf.function
def distributed(x):
    return strategy.run(replica_step, args=(x,))


def hooked_step(x):  # also handed to a registry: how it runs there, no call shows (unknown: silent)
    with tf.GradientTape():
        return model(x)


HOOKS = {"step": hooked_step}


def main(dataset, features):
    for x, y in dataset:
        replica_step(x)
        distributed(x)
        hooked_step(x)
        train_step(x, y)
        predict(model, x)
        normalize(x)
        outer_step(x, y)
        inner_loss(x, y)
        summarize(x, 1)
        legacy(x)
        builds(x)
    for epoch in range(3):
        scaled_loss(features, features, 0.1 / (epoch + 1))
    for size in range(1, 10):
        window_loss(features[:size], features[:size])
    outputs, labels = features
    for level in sorted(outputs.keys()):
        level_loss(outputs[level], labels[level])
    levels = list(outputs)
    for level in levels:
        level_loss(outputs[level], labels[level])
    for _ in range(3):
        epoch_step(features, 32)
        sizes(4, 1, 5)
        children(model)


def burgers_residual(u, u_x, u_xx, nu):  # [tf-function-opportunity]
    # a physics residual: many TF ops, no model; eagerly each one is a Python dispatch
    flux = tf.math.multiply(u, u_x)
    diffusion = tf.math.multiply(tf.constant(nu, tf.float64), u_xx)
    residual = tf.math.subtract(flux, diffusion)
    squared = tf.math.square(residual)
    scaled = tf.math.divide(squared, tf.cast(tf.size(u), tf.float64))
    return tf.math.reduce_sum(tf.math.sqrt(tf.math.add(scaled, 1e-12)))


def few_ops(u):  # two TF ops: not a kernel worth a graph
    return tf.math.reduce_sum(tf.math.square(u))


def integrate(u, u_x, u_xx, steps):
    total = 0.0
    for _ in range(steps):
        total += burgers_residual(u, u_x, u_xx, 0.01)
        total += few_ops(u)
    return total
