import numpy as np
import tensorflow as tf


def make_images(count, size=16, seed=0):
    # stands in for MNIST: strokes (a bar and a box) at random places
    rng = np.random.default_rng(seed)
    images = np.zeros((count, size, size, 1), dtype=np.float32)
    for image in images:
        row, col = rng.integers(2, size - 4, size=2)
        image[row:row + 2, 2:size - 2] = 255.0
        image[2:size - 2, col:col + 2] = rng.integers(100, 255)
    return images


def preprocess_images(images):
    images = images / 255.
    return np.where(images > .5, 1.0, 0.0).astype('float32')


def make_datasets(train_size, test_size, batch_size):
    train_images = preprocess_images(make_images(train_size, seed=1))
    test_images = preprocess_images(make_images(test_size, seed=2))
    train_dataset = (tf.data.Dataset.from_tensor_slices(train_images)
                     .shuffle(train_size, seed=0).batch(batch_size))
    test_dataset = (tf.data.Dataset.from_tensor_slices(test_images)
                    .shuffle(test_size, seed=0).batch(batch_size))
    return train_dataset, test_dataset
