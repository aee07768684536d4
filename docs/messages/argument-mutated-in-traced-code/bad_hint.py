import tensorflow as tf


@tf.function
def tag_all(x, tags: list[str]):
    tags.append("seen")  # [argument-mutated-in-traced-code]
    return x * 2


if __name__ == "__main__":
    from _evidence import symptom

    class Tags(list):
        pass

    # every value the hint admits, a list subclass too (what the callers pass is not visible here)
    for given in (sorted(["b", "a"]), Tags()):
        try:
            tag_all(tf.constant(1.0), given)
        except ValueError as error:
            assert "should not modify its Python input arguments" in str(error), error
        else:
            raise AssertionError(f"TF should reject a {type(given).__name__} argument changed by the function")
    symptom("ValueError: tag_all(x, tags) should not modify its Python input arguments (a list, a list subclass)")
