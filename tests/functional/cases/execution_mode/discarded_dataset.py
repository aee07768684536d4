"""A Dataset transformation on a line of its own returns a new dataset that nobody uses (issue 27)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,expression-not-assigned
import tensorflow as tf


def double(x):
    return x * 2


def pipeline(files):
    ds = tf.data.TFRecordDataset(files)
    ds.map(double)  # [discarded-dataset-transformation]
    ds.shuffle(100).batch(32)  # [discarded-dataset-transformation]
    ds = ds.map(double)
    ds.prefetch(tf.data.AUTOTUNE)  # [discarded-dataset-transformation]
    return ds


class Loader:
    def __init__(self):
        self.data = tf.data.Dataset.range(10)
        self.data.batch(2)  # [discarded-dataset-transformation]

    def rebatch(self):
        self.data = self.data.batch(4)


# ---- negatives ----------------------------------------------------------------------
def not_datasets(frame, items):
    frame.map(double)  # unknown receiver: a pandas Series, a Spark RDD...
    items.filter(None)
    list(map(double, items))
    ds = tf.data.Dataset.range(3)
    ds.apply(lambda d: d)  # apply runs user code
    ds.save("/tmp/x")  # returns None: the call is the effect
    ds.reduce(0, lambda a, b: a + b)
    for _element in ds.batch(2):
        pass
    return ds
