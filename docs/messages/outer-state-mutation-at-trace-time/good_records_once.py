import logging

import tensorflow as tf

WARNED = set()


def scale(x):
    kind = x.dtype.name
    if kind not in WARNED:  # a registry of what was handled: its branch is meant to run once per key
        WARNED.add(kind)
        logging.getLogger(__name__).warning("%s input is scaled", kind)
    return x * 2


scaled = tf.function(scale)


def run(function, calls):
    WARNED.clear()
    for value in calls:
        function(value)
    return sorted(WARNED)


if __name__ == "__main__":
    from _evidence import ok

    calls = [tf.constant(1.0), tf.constant(2.0), tf.constant(3, tf.int32), tf.constant(4.0)]
    traced, eager = run(scaled, calls), run(scale, calls)
    # filled while tracing, the registry holds what eager execution gives, and its branch ran once per key
    assert traced == eager == ["float32", "int32"], (traced, eager)
    assert scaled.experimental_get_tracing_count() == 2
    ok("4 calls, 2 traces: the 'if k not in seen: seen.add(k)' registry filled at trace time holds the same keys "
       "as under eager execution, its branch run once per key")
