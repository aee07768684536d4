import tensorflow as tf

SCALE = 1.0
CONFIG = {"shift": 0.0}


def set_scale(value):
    global SCALE
    SCALE = value


def set_shift(value):
    CONFIG["shift"] = value


@tf.function
def scaled(x):
    return x * SCALE  # [stale-global-read]


@tf.function
def shifted(x):
    return x + CONFIG["shift"]  # [stale-global-read]


if __name__ == "__main__":
    from _evidence import symptom

    first = float(scaled(tf.constant(2.0)))
    set_scale(3.0)
    second = float(scaled(tf.constant(2.0)))
    assert (first, second) == (2.0, 2.0), (first, second)
    before = float(shifted(tf.constant(2.0)))
    set_shift(5.0)
    after = float(shifted(tf.constant(2.0)))
    assert (before, after) == (2.0, 2.0), (before, after)
    symptom("SCALE rebound to 3.0 and CONFIG['shift'] set to 5.0, but the graphs keep 1.0 and 0.0: 2.0, 2.0 twice")
