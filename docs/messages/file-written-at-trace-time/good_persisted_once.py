import os
import tempfile

import numpy as np
import tensorflow as tf

PATH = os.path.join(tempfile.mkdtemp(), "support_idx.npy")
IMAGES = np.arange(100, dtype=np.float32)


def support_indices():
    """Drawn on the first run and saved; every later use reads the same indices back."""
    if not os.path.exists(PATH):
        sampled = np.random.choice(len(IMAGES), 5)
        np.save(PATH, sampled)
    else:
        sampled = np.load(PATH)
    return sampled


def pick(label):
    return tf.gather(IMAGES, support_indices()) + tf.cast(label, tf.float32)


def run(function):
    if os.path.exists(PATH):
        os.remove(PATH)
    values = [function(tf.constant(label)).numpy().tolist() for label in range(4)]
    return values, np.load(PATH).tolist()


if __name__ == "__main__":
    from _evidence import ok

    traced = tf.function(pick)
    graph_values, graph_saved = run(traced)
    eager_values, eager_saved = run(pick)
    # under the graph and eagerly alike: one draw, saved once, and every call uses the saved indices
    for values, saved in ((graph_values, graph_saved), (eager_values, eager_saved)):
        assert values == [[IMAGES[i] + label for i in saved] for label in range(4)], (values, saved)
    dataset_values = list(tf.data.Dataset.range(3).map(pick).as_numpy_iterator())
    kept = np.load(PATH).tolist()
    assert [v.tolist() for v in dataset_values] == [[IMAGES[i] + label for i in kept] for label in range(3)]
    ok("if not os.path.exists(p): draw, np.save(p): traced, the draw and the write happen once and every call "
       "uses the saved indices, as eagerly (4 calls each); a Dataset.map function reads the saved file back")
