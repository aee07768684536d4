import numpy as np
import tensorflow as tf

import config
from config import channels, image_height, image_width


def make_images(count, seed):
    # stands in for the image folders: each class is a brightness pattern plus noise
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, config.NUM_CLASSES, size=count)
    rows = np.linspace(0.0, 1.0, image_height, dtype=np.float32)[None, :, None, None]
    patterns = (labels[:, None, None, None] + 1) * rows * 40.0
    noise = rng.normal(0.0, 30.0, size=(count, image_height, image_width, channels))
    images = np.clip(patterns + noise + 60.0, 0, 255).astype(np.float32)
    return images, labels.astype(np.int32)


def load_and_preprocess_image(image, label):
    image = tf.image.resize(image, [image_height, image_width])
    image = tf.cast(image, tf.float32)
    # normalization
    image = image / 255.0
    return image, label


def get_dataset(count, seed, shuffle):
    images, labels = make_images(count, seed)
    dataset = tf.data.Dataset.from_tensor_slices((images, labels))
    dataset = dataset.map(load_and_preprocess_image)
    if shuffle:
        dataset = dataset.shuffle(buffer_size=count, seed=seed, reshuffle_each_iteration=True)
    return dataset.batch(config.BATCH_SIZE, drop_remainder=True)


def generate_datasets(train_count=config.train_count):
    train_dataset = get_dataset(train_count, seed=1, shuffle=True)
    valid_dataset = get_dataset(config.valid_count, seed=2, shuffle=False)
    test_dataset = get_dataset(config.test_count, seed=3, shuffle=False)
    return train_dataset, valid_dataset, test_dataset, train_count, config.valid_count, config.test_count
