import tensorflow as tf


def make(files):
    ds = tf.data.TFRecordDataset(files)
    ds = ds.map(tf.io.parse_tensor)  # parse the records
    ds = ds.shuffle(64).batch(
        8,  # per step
    )
    return ds


class Loader:
    def __init__(self):
        self.data = tf.data.Dataset.range(10)
        self.data = self.data.batch(2)
