import tensorflow as tf


@tf.function
def tag_all(x, tags: list[str]):
    tags = [*tags, "seen"]  # a new list: allowed
    return x * 2, tags


if __name__ == "__main__":
    from _evidence import ok

    given = sorted(["b", "a"])
    result, tags = tag_all(tf.constant(1.0), given)
    assert given == ["a", "b"] and float(result) == 2.0, (given, result)
    assert [t.numpy().decode() if hasattr(t, "numpy") else t for t in tags] == ["a", "b", "seen"], tags
    ok("the function builds a new list and returns it: no error, the caller's list untouched")
