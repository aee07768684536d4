import numpy as np
import tensorflow as tf


def make_digits(count, features=64, classes=10, seed=0):
    # stands in for flattened MNIST: a noisy prototype vector per class
    rng = np.random.default_rng(seed)
    prototypes = np.random.default_rng(99).normal(0.0, 1.0, size=(classes, features))
    labels = rng.integers(0, classes, size=count)
    x = prototypes[labels] + rng.normal(0.0, 2.0, size=(count, features))
    return x.astype("float32"), labels.astype("int64")


def get_datasets(train_batches, val_batches, batch_size=64):
    x_train, y_train = make_digits(train_batches * batch_size, seed=1)
    x_val, y_val = make_digits(val_batches * batch_size, seed=2)
    train_dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train))
    train_dataset = train_dataset.shuffle(buffer_size=1024, seed=0).batch(batch_size)
    val_dataset = tf.data.Dataset.from_tensor_slices((x_val, y_val))
    val_dataset = val_dataset.batch(batch_size)
    return train_dataset, val_dataset
