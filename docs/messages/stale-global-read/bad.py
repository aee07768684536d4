import tensorflow as tf

SCALE = 1.0


def set_scale(value):
    global SCALE
    SCALE = value


@tf.function
def scaled(x):
    return x * SCALE  # [stale-global-read]


if __name__ == "__main__":
    from _evidence import symptom

    first = float(scaled(tf.constant(2.0)))
    set_scale(3.0)
    second = float(scaled(tf.constant(2.0)))
    assert (first, second) == (2.0, 2.0), (first, second)
    symptom("SCALE rebound to 3.0, but the graph still multiplies by 1.0: results 2.0, 2.0")
