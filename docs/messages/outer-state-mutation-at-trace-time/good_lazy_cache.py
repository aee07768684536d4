import tensorflow as tf


class Registry:
    def __init__(self):
        self._entries = {}

    def insert(self, key, value):
        self._entries[key] = value

    def total(self):
        return sum(self._entries.values())


class Stats:
    def __init__(self):
        self._counters = {}

    def update(self, name, n):
        counter = self._counters.get(name)
        if counter is None:  # made the first time `name` is traced, found on every later trace
            counter = tf.Variable(0, dtype=tf.int64)
            self._counters[name] = counter
        counter.assign_add(n)


stats = Stats()


@tf.function
def train_step(x):
    registry = Registry()  # made by this trace: filling it changes nothing outside
    registry.insert("scale", 2.0)
    stats.update("words", tf.cast(tf.size(x), tf.int64))
    return x * registry.total()


if __name__ == "__main__":
    from _evidence import ok

    outputs = [float(train_step(tf.constant([v]))[0]) for v in (1.0, 2.0, 3.0)]
    assert outputs == [2.0, 4.0, 6.0], outputs
    assert int(stats._counters["words"].numpy()) == 3, stats._counters  # counted on every call
    ok("an object the trace makes, and a cache of variables filled lazily, behave as eagerly: counter == 3")
