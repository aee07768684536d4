import tensorflow as tf


class Context:
    def __init__(self):
        self.estimate = tf.Variable(2.0)

    def refine(self):
        self.estimate.assign(self.estimate * 0.5)


def sample(n, ctx: Context):
    for _ in tf.range(n):
        ctx.refine()
    return ctx.estimate.read_value()


if __name__ == "__main__":
    from _evidence import ok

    eager = float(sample(tf.constant(4), Context()))
    traced = float(tf.function(sample)(tf.constant(4), Context()))
    assert eager == traced == 0.125, (eager, traced)
    ok(f"4 refinements with a tf.Variable: eager {eager}, traced {traced}")
