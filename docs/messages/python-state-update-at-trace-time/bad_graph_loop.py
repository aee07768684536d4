import tensorflow as tf


class Context:
    def __init__(self):
        self.estimate = 2.0

    def refine(self):
        self.estimate = self.estimate * 0.5  # [python-state-update-at-trace-time]


def sample(n, ctx: Context):
    for _ in tf.range(n):  # autograph: a graph loop; ctx.estimate is not one of its loop variables
        ctx.refine()
    return ctx.estimate


if __name__ == "__main__":
    from _evidence import symptom

    eager = float(sample(tf.constant(4), Context()))
    traced = float(tf.function(sample)(tf.constant(4), Context()))
    assert eager == 0.125 and traced == 1.0, (eager, traced)
    symptom(f"4 refinements: eager {eager}, traced {traced} (every iteration started from the value at trace time)")
