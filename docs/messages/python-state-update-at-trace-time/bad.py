import tensorflow as tf

traced_calls = 0


@tf.function
def count_calls(x):
    global traced_calls
    traced_calls = traced_calls + 1  # [python-state-update-at-trace-time]
    return x + traced_calls


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.calls = 0
        self.seen = 0

    @tf.function
    def __call__(self, x):
        self.calls += 1  # [python-state-update-at-trace-time]
        self.seen = self.seen + 1  # [python-state-update-at-trace-time]
        return x + self.calls


if __name__ == "__main__":
    from _evidence import symptom

    outputs = [int(count_calls(tf.constant(10))) for _ in range(3)]
    assert traced_calls == 1 and outputs == [11, 11, 11], (traced_calls, outputs)
    counter = Counter()
    results = [int(counter(tf.constant(10))) for _ in range(3)]
    assert counter.seen == 1, counter.seen  # x = x + 1 behaves like x += 1
    assert counter.calls == 1, f"expected the Python counter to stay at 1 after 3 calls, got {counter.calls}"
    assert results == [11, 11, 11], results
    symptom("3 calls: counter.calls == 1 and results [11, 11, 11] (value frozen into the graph)")
