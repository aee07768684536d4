import tensorflow as tf


def make_dataset():
    ds = tf.data.Dataset.range(4)
    ds.map(lambda x: x * 10)  # [discarded-dataset-transformation]
    return ds


if __name__ == "__main__":
    from _evidence import symptom

    values = [int(x) for x in make_dataset()]
    assert values == [0, 1, 2, 3], f"expected the map to be lost, saw {values}"
    symptom(f"ds.map(...) as a statement: the dataset still yields {values}, the map never runs")
