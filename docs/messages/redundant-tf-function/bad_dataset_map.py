import tensorflow as tf


@tf.function
def _normalize(x):  # [redundant-tf-function]
    return tf.cast(x, tf.float32) / 4.0


if __name__ == "__main__":
    from _evidence import symptom

    values = list(tf.data.Dataset.range(5).map(_normalize).as_numpy_iterator())
    assert values == [0.0, 0.25, 0.5, 0.75, 1.0], values  # good_dataset_map.py: the same without the decorator
    symptom("Dataset.map gives the same elements with @tf.function as without (good_dataset_map.py): tf.data traces it anyway")
