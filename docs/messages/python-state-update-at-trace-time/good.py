import tensorflow as tf

traced_calls = tf.Variable(0)


@tf.function
def count_calls(x):
    traced_calls.assign(traced_calls + 1)
    return x + traced_calls


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.calls = tf.Variable(0)

    @tf.function
    def __call__(self, x):
        self.calls.assign_add(1)
        return x + self.calls


if __name__ == "__main__":
    from _evidence import ok

    outputs = [int(count_calls(tf.constant(10))) for _ in range(3)]
    assert int(traced_calls) == 3 and outputs == [11, 12, 13], (int(traced_calls), outputs)
    counter = Counter()
    results = [int(counter(tf.constant(10))) for _ in range(3)]
    assert int(counter.calls) == 3 and results == [11, 12, 13], (int(counter.calls), results)
    ok("tf.Variable + assign_add: calls == 3, results [11, 12, 13]")
