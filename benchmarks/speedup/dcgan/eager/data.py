import numpy as np
import tensorflow as tf

import tf2lib as tl


def make_blob_images(count, size, seed=0):
    # stands in for fashion-mnist: bright squares of random position and size on a dark field
    rng = np.random.default_rng(seed)
    images = np.zeros((count, size, size, 1), dtype=np.uint8)
    for image in images:
        side = rng.integers(3, size // 2)
        top, left = rng.integers(0, size - side, size=2)
        image[top:top + side, left:left + side] = rng.integers(128, 256)
    return images


def make_16x16_dataset(batch_size, count, drop_remainder=True, shuffle=True, repeat=1):
    train_images = make_blob_images(count, 16)

    def _map_fn(img):
        img = tf.cast(img, tf.float32)
        img = tf.clip_by_value(img, 0, 255)
        return img / 127.5 - 1

    dataset = tl.memory_data_batch_dataset(train_images, batch_size, drop_remainder=drop_remainder,
                                           map_fn=_map_fn, shuffle=shuffle, repeat=repeat)
    img_shape = (16, 16, 1)
    len_dataset = len(train_images) // batch_size
    return dataset, img_shape, len_dataset
