import tensorflow as tf

history = []


@tf.function
def train_step(x):
    loss = tf.reduce_sum(x * x)
    history.append(loss)  # [outer-state-mutation-at-trace-time]
    return loss


if __name__ == "__main__":
    from _evidence import symptom

    for value in (1.0, 2.0, 3.0):
        train_step(tf.constant([value]))
    assert len(history) == 1, f"expected 1 entry after 3 calls (appended at trace time), got {len(history)}"
    try:
        history[0] + 1
    except TypeError as error:
        assert "out of scope" in str(error) or "graph" in str(error).lower(), error
    else:
        raise AssertionError("using the appended graph tensor outside the function should fail")
    symptom("3 calls, history has 1 symbolic tensor; using it raises TypeError (out of scope)")
