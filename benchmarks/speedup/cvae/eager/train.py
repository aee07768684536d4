"""Trains a convolutional VAE with a custom step, evaluates the ELBO after each epoch and samples images."""

import time

import tensorflow as tf

import speedup_clock as clock
from data import make_datasets
from losses import compute_loss
from model import CVAE

tf.keras.utils.set_random_seed(0)
clock.start()

batch_size = 32
train_batches = clock.steps(20)
train_dataset, test_dataset = make_datasets(train_batches * batch_size, 4 * batch_size, batch_size)

optimizer = tf.keras.optimizers.Adam(1e-3)


def train_step(model, x, optimizer):
    """Executes one training step and returns the loss.

    This function computes the loss and gradients, and uses the latter to
    update the model's parameters.
    """
    with tf.GradientTape() as tape:
        loss = compute_loss(model, x)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))


epochs = 3
# set the dimensionality of the latent space to a plane for visualization later
latent_dim = 2
num_examples_to_generate = 16

model = CVAE(latent_dim)


def generate_and_save_images(model, epoch, test_sample):
    mean, logvar = model.encode(test_sample)
    z = model.reparameterize(mean, logvar)
    predictions = model.sample(z)
    # the tutorial plots the images and saves a PNG; the mean pixel stands in for it
    return float(tf.reduce_mean(predictions))


# Pick a sample of the test set for generating output images
for test_batch in test_dataset.take(1):
    test_sample = test_batch[0:num_examples_to_generate, :, :, :]

elbos, image_means = [], []
for epoch in range(1, epochs + 1):
    start_time = time.time()
    for train_x in train_dataset:
        with clock.step():
            train_step(model, train_x, optimizer)
    end_time = time.time()

    loss = tf.keras.metrics.Mean()
    for test_x in test_dataset:
        loss(compute_loss(model, test_x))
    elbo = -loss.result()
    print('Epoch: {}, Test set ELBO: {}, time elapse for current epoch: {}'.format(epoch, elbo, end_time - start_time))
    elbos.append(elbo)
    image_means.append(generate_and_save_images(model, epoch, test_sample))

clock.finish({"elbos": elbos, "image_means": image_means})
