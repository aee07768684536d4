import tensorflow as tf

BASE_RATE = 0.1


def make_schedule():
    return [BASE_RATE / (step + 1) for step in range(3)]


def make_counter():
    counter = tf.Variable(1.0)

    @tf.function
    def next_value():  # no argument, but it reads a captured variable: tensor work, the rule is silent
        return counter + 1

    return counter, next_value


if __name__ == "__main__":
    from _evidence import ok

    schedule = make_schedule()
    assert schedule == [0.1, 0.05, 0.1 / 3], schedule
    counter, next_value = make_counter()
    assert next_value().numpy() == 2.0
    counter.assign(5.0)
    assert next_value().numpy() == 6.0  # the graph reads the variable on every call
    ops = {op.type for op in next_value.get_concrete_function().graph.get_operations()}
    assert "ReadVariableOp" in ops, ops
    ok("plain Python: no tracing, Python floats as written; a captured variable read is graph work (ReadVariableOp)")
