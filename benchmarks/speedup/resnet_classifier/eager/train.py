"""Trains a small ResNet on synthetic images with a custom loop, then evaluates it."""

import math

import tensorflow as tf

import config
import speedup_clock as clock
from evaluate import evaluate
from models.resnet import resnet_small, resnet_tiny
from prepare_data import generate_datasets


def get_model():
    model = resnet_tiny()
    if config.model == "resnet_small":
        model = resnet_small()
    model.build(input_shape=(None, config.image_height, config.image_width, config.channels))
    return model


if __name__ == '__main__':
    tf.keras.utils.set_random_seed(0)
    clock.start()
    steps_per_epoch = clock.steps(config.train_count // config.BATCH_SIZE)
    train_dataset, valid_dataset, test_dataset, train_count, valid_count, test_count = generate_datasets(
        steps_per_epoch * config.BATCH_SIZE)

    # create model
    model = get_model()

    # define loss and optimizer
    loss_object = tf.keras.losses.SparseCategoricalCrossentropy()
    optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)

    train_loss = tf.keras.metrics.Mean(name='train_loss')
    train_accuracy = tf.keras.metrics.SparseCategoricalAccuracy(name='train_accuracy')

    valid_loss = tf.keras.metrics.Mean(name='valid_loss')
    valid_accuracy = tf.keras.metrics.SparseCategoricalAccuracy(name='valid_accuracy')

    def train_step(images, labels):
        with tf.GradientTape() as tape:
            predictions = model(images, training=True)
            loss = loss_object(y_true=labels, y_pred=predictions)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(grads_and_vars=zip(gradients, model.trainable_variables))

        train_loss(loss)
        train_accuracy(labels, predictions)

    def valid_step(images, labels):
        predictions = model(images, training=False)
        v_loss = loss_object(labels, predictions)

        valid_loss(v_loss)
        valid_accuracy(labels, predictions)

    # start training
    history = []
    for epoch in range(config.EPOCHS):
        train_loss.reset_state()
        train_accuracy.reset_state()
        valid_loss.reset_state()
        valid_accuracy.reset_state()
        step = 0
        for images, labels in train_dataset:
            step += 1
            with clock.step():
                train_step(images, labels)
            print("Epoch: {}/{}, step: {}/{}, loss: {:.5f}, accuracy: {:.5f}".format(
                epoch + 1, config.EPOCHS, step, math.ceil(train_count / config.BATCH_SIZE),
                train_loss.result(), train_accuracy.result()))

        for valid_images, valid_labels in valid_dataset:
            valid_step(valid_images, valid_labels)
        history.append((float(train_loss.result()), float(valid_loss.result()), float(valid_accuracy.result())))

    test_loss, test_accuracy = evaluate(model, test_dataset)
    clock.finish({
        "train_loss": history[-1][0],
        "valid_loss": history[-1][1],
        "valid_accuracy": history[-1][2],
        "test_loss": test_loss,
        "test_accuracy": test_accuracy,
    })
