import tensorflow as tf


def batch_dataset(dataset, batch_size, drop_remainder=True, map_fn=None, shuffle=True,
                  shuffle_buffer_size=None, repeat=1, seed=0):
    if shuffle:
        dataset = dataset.shuffle(shuffle_buffer_size or batch_size * 8, seed=seed)
    if map_fn:
        dataset = dataset.map(map_fn)
    dataset = dataset.batch(batch_size, drop_remainder=drop_remainder)
    return dataset.repeat(repeat)


def memory_data_batch_dataset(memory_data, batch_size, drop_remainder=True, map_fn=None, shuffle=True,
                              repeat=1):
    dataset = tf.data.Dataset.from_tensor_slices(memory_data)
    return batch_dataset(dataset, batch_size, drop_remainder=drop_remainder, map_fn=map_fn,
                         shuffle=shuffle, repeat=repeat)
