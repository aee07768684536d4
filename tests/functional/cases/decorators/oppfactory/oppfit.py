"""A step factory is no eager step (yolov4-tf2's ``get_train_step_fn(strategy)``): its model calls
and GradientTape are in the ``@tf.function`` defs it makes and returns, graphs of their own; the
factory itself runs none of them."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


def get_train_step_fn(strategy):
    @tf.function
    def train_step(images, targets, net, optimizer):
        with tf.GradientTape() as tape:
            loss = net([images] + targets, training=True)
            loss = tf.reduce_sum(net.losses) + loss
        grads = tape.gradient(loss, net.trainable_variables)
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
        return loss

    if strategy is None:
        return train_step
    else:
        @tf.function
        def distributed_train_step(images, targets, net, optimizer):
            losses = strategy.run(train_step, args=(images, targets, net, optimizer))
            return strategy.reduce(tf.distribute.ReduceOp.MEAN, losses, axis=None)

        return distributed_train_step


def fit_one_epoch(net, optimizer, epoch, batches, strategy):
    train_step = get_train_step_fn(strategy)
    print("Start Train")
    total = 0.0
    for images, first, second in batches:
        total = total + train_step(images, [first, second], net, optimizer)
    print("Epoch", epoch, "loss", float(total))


def eager_step(images, net, optimizer):  # [tf-function-opportunity]
    def loss_fn():
        return tf.reduce_mean(net(images, training=True))  # a closure it calls: its own work

    with tf.GradientTape() as tape:
        loss = loss_fn()
    grads = tape.gradient(loss, net.trainable_variables)
    optimizer.apply_gradients(zip(grads, net.trainable_variables))
    return loss
