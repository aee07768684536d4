"""file-written-at-trace-time / frozen-value-at-trace-time: the create-if-missing idiom (``if not
os.path.exists(p): draw; np.save(p, ...)``, else load) runs its body on the first run only and
persists it, traced or not (PAWS-TF's support sample drawn in a Dataset.interleave function). A
draw or a write outside such a branch, or under one that writes nothing, is still reported."""
# pylint: disable=missing-function-docstring
import json
import os
import random
from pathlib import Path

import numpy as np
import tensorflow as tf

PATH = "support.npy"


def sample():
    if not os.path.exists(PATH):
        sampled = np.random.choice(100, 5)
        np.save(PATH, sampled)
    else:
        sampled = np.load(PATH)
    return sampled


def config(path):
    if not Path(path).exists():
        seed = random.random()
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"seed": seed}, handle)
    if not os.path.isfile(path):
        noise = np.random.normal()  # [frozen-value-at-trace-time]
        print_free = noise * 2
        return print_free
    np.save("always.npy", np.zeros(3))  # [file-written-at-trace-time]
    return random.random()  # [frozen-value-at-trace-time]


def by_class(label):
    return tf.data.Dataset.from_tensor_slices(sample()).filter(lambda x: x == tf.cast(label, x.dtype))


dataset = tf.data.Dataset.range(3).interleave(by_class)
other = tf.data.Dataset.range(3).map(lambda x: x + config("config.json"))
