import tensorflow as tf

BASE_RATE = 0.1


@tf.function
def make_schedule():  # [barren-tf-function]
    return [BASE_RATE / (step + 1) for step in range(3)]


if __name__ == "__main__":
    from _evidence import symptom

    schedule = make_schedule()
    assert all(isinstance(value, tf.Tensor) for value in schedule), schedule
    graph = make_schedule.get_concrete_function().graph
    compute = [op.type for op in graph.get_operations() if op.type not in ("Const", "Identity", "NoOp")]
    assert compute == [], compute
    symptom("traced into a graph of constants only; Python floats came back as tensors")
