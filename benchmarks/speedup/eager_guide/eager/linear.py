import tensorflow as tf


class Linear(tf.keras.Model):
    def __init__(self):
        super(Linear, self).__init__()
        self.W = tf.Variable(5., name='weight')
        self.B = tf.Variable(10., name='bias')

    def call(self, inputs):
        return inputs * self.W + self.B


def make_points(num_examples=2000):
    # A toy dataset of points around 3 * x + 2
    training_inputs = tf.random.normal([num_examples])
    noise = tf.random.normal([num_examples])
    training_outputs = training_inputs * 3 + 2 + noise
    return training_inputs, training_outputs


# The loss function to be optimized
def loss(model, inputs, targets):
    error = model(inputs) - targets
    return tf.reduce_mean(tf.square(error))


def grad(model, inputs, targets):
    with tf.GradientTape() as tape:
        loss_value = loss(model, inputs, targets)
    return tape.gradient(loss_value, [model.W, model.B])
