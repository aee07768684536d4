import tensorflow as tf


class Trainer:
    def __init__(self, warmup):
        self.warmup = warmup
        self.steps = tf.Variable(0)
        self.running_mean = tf.Variable(1.0)
        self._step = tf.function(self._train_step)

    def _train_step(self, x):
        if self.steps >= self.warmup:
            return x * self.running_mean
        return x * 0.0

    def fit(self, values):
        outputs = []
        for value in values:
            outputs.append(float(self._step(tf.constant(value))))
            self.steps.assign_add(1)
            self.running_mean.assign(0.5 * self.running_mean + 0.5 * value)
        return outputs


if __name__ == "__main__":
    from _evidence import ok

    trainer = Trainer(warmup=3)
    outputs = trainer.fit([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert outputs[:3] == [0.0, 0.0, 0.0], outputs
    assert all(o > 0.0 for o in outputs[3:]), outputs  # the branch switched after 3 steps
    assert outputs[3] == 4.0 * 2.25, outputs  # mean after 1, 2, 3: 1.0, 1.5, 2.25
    assert trainer._step.experimental_get_tracing_count() == 1
    ok("tf.Variable + assign_add/assign: the branch switches after 3 steps and reads the current mean, 1 trace")
