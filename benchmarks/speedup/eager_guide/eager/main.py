"""The eager execution guide's two training examples: an MNIST-like classifier and a linear fit."""

import numpy as np
import tensorflow as tf

import speedup_clock as clock

tf.keras.utils.set_random_seed(0)
clock.start()

from data import make_dataset  # noqa: E402
from linear import Linear, grad, loss, make_points  # noqa: E402
from mnist import loss_history, mnist_model, train  # noqa: E402

dataset = make_dataset(count=32 * clock.steps(12))
for images, labels in dataset.take(1):
    print("Logits: ", mnist_model(images[0:1]).numpy())

train(dataset, epochs=3)

# Variables and optimizers: the linear fit
training_inputs, training_outputs = make_points()
model = Linear()
optimizer = tf.keras.optimizers.SGD(learning_rate=0.01)

print("Initial loss: {:.3f}".format(loss(model, training_inputs, training_outputs)))

steps = clock.steps(300)
for i in range(steps):
    with clock.step():
        grads = grad(model, training_inputs, training_outputs)
        optimizer.apply_gradients(zip(grads, [model.W, model.B]))
    if i % 20 == 0:
        print("Loss at step {:03d}: {:.3f}".format(i, loss(model, training_inputs, training_outputs)))

final_loss = loss(model, training_inputs, training_outputs)
print("Final loss: {:.3f}".format(final_loss))
print("W = {}, B = {}".format(model.W.numpy(), model.B.numpy()))

clock.finish({
    "mnist_loss_first": loss_history[0],
    "mnist_loss_last": loss_history[-1],
    "mnist_loss_mean": np.mean(loss_history),
    "linear_final_loss": final_loss,
    "W": model.W,
    "B": model.B,
})
