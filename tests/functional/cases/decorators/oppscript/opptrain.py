"""tf-function-opportunity in a script beside its modules (no package): the helpers, metric objects
and model classes it imports are read from the sibling files (issue 30)."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf

from opplosses import Counting, Metrics, compute_loss, noisy_loss
from oppnets import Net, get_net

model = get_net()
scorer = Net()
optimizer = tf.keras.optimizers.SGD(0.1)
metrics = Metrics()
counting = Counting()


def train_step(x, y):  # [tf-function-opportunity]
    with tf.GradientTape() as tape:
        loss = compute_loss(model, x, y)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    metrics.update(loss)
    return loss


def test_step(x, y):  # [tf-function-opportunity]
    metrics.update(compute_loss(model, x, y))


def score(x):  # [tf-function-opportunity]
    return tf.nn.sigmoid(scorer(x))


def noisy_step(x, y):  # the helper prints: it would print only while tracing
    with tf.GradientTape() as tape:
        loss = noisy_loss(model, x, y)
    return tape.gradient(loss, model.trainable_variables)


def counted_step(x, y):  # the metric object keeps a Python counter
    counting.update(compute_loss(model, x, y))


def main(dataset):
    for step, (x, y) in enumerate(dataset):
        train_step(x, y)
        noisy_step(x, y)
        counted_step(x, y)
        score(x)
        print(step)
    for x, y in dataset:
        test_step(x, y)
