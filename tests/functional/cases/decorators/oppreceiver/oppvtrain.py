"""The driver of oppvae.py: a training step, a report once per epoch, and the smoothers."""
# pylint: disable=missing-function-docstring
import tensorflow as tf

from oppvae import VAE, Escaping, Smoother, run_escaping, smooth
from oppvloss import vae_loss

model = VAE()
optimizer = tf.keras.optimizers.Adam()
smoother = Smoother(model)
escaping = Escaping(model)
HOOKS = {"escaping": escaping}


def train_step(model, x):  # [tf-function-opportunity]
    with tf.GradientTape() as tape:
        loss = vae_loss(model, x)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def report(model, x, epoch):
    z = model.encode(x)
    return float(tf.reduce_mean(model.sample(z))), epoch


for epoch in range(3):
    batch = tf.ones([2, 8])
    train_step(model, batch)
    report(model, batch, epoch)
    smooth(smoother, batch, 2)
    run_escaping(escaping, batch, 2)
