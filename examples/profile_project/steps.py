"""Two eager functions tf-function-opportunity proposes: one pays to hybridize, one does not."""
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(4) for _ in range(12)])
model.build((None, 4))
optimizer = tf.keras.optimizers.SGD(0.01)


def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def double(x):
    with tf.GradientTape():
        return x * 2.0


def fit(data):
    losses = []
    for x, y in data:
        losses.append(train_step(x, y))
        double(x)
    return losses
