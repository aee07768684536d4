import tensorflow as tf


class Halver(tf.Module):
    def halve(self, t):
        if t < 1.0:  # autograph makes this a tf.cond: both branches are traced
            return t
        return self.halve(t / 2.0)  # [recursion-in-graph]

    @tf.function
    def __call__(self):
        return self.halve(tf.constant(8.0))


if __name__ == "__main__":
    import sys

    from _evidence import symptom

    sys.setrecursionlimit(3000)  # fail fast
    assert float(Halver().halve(tf.constant(8.0))) == 0.5  # eagerly the base case ends it
    try:
        Halver()()
    except Exception as error:  # pylint: disable=broad-except  # StagingError wrapping RecursionError
        text = f"{type(error).__name__}: {error}"
        assert "recursion" in text.lower(), text[:2000]
        symptom(f"eager 0.5; in a tf.function the method recursing on a tensor: {type(error).__name__} (RecursionError)")
    else:
        raise AssertionError("expected tracing to recurse until RecursionError")
