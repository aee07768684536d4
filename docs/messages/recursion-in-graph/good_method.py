import tensorflow as tf


class Halver(tf.Module):
    def halve(self, t):
        while t >= 1.0:  # autograph: one tf.while_loop
            t = t / 2.0
        return t

    @tf.function
    def __call__(self):
        return self.halve(tf.constant(8.0))


if __name__ == "__main__":
    from _evidence import ok

    value = float(Halver()())
    assert value == 0.5, value
    ok(f"the recursion written as a loop traces once: {value}")
