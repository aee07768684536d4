import tensorflow as tf


def make_dataset():
    ds = tf.data.Dataset.range(4)
    ds = ds.map(lambda x: x * 10)
    return ds


if __name__ == "__main__":
    from _evidence import ok

    values = [int(x) for x in make_dataset()]
    assert values == [0, 10, 20, 30], f"expected the mapped values, saw {values}"
    ok(f"ds = ds.map(...): the dataset yields {values}")
