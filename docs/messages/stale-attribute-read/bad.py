import tensorflow as tf


class Trainer:
    def __init__(self, warmup):
        self.warmup = warmup
        self.steps = 0
        self.running_mean = 1.0
        self._step = tf.function(self._train_step)

    def _train_step(self, x):
        if self.steps >= self.warmup:  # [stale-attribute-read]
            return x * self.running_mean  # [stale-attribute-read]
        return x * 0.0

    def fit(self, values):
        outputs = []
        for value in values:
            outputs.append(float(self._step(tf.constant(value))))
            self.steps += 1
            self.running_mean = 0.5 * self.running_mean + 0.5 * value
        return outputs


if __name__ == "__main__":
    from _evidence import symptom

    trainer = Trainer(warmup=3)
    outputs = trainer.fit([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert trainer.steps == 6
    assert outputs == [0.0] * 6, outputs  # the warm-up never ends inside the graph
    assert trainer._step.experimental_get_tracing_count() == 1
    symptom("self.steps reached 6, but the traced branch froze at steps=0: all 6 outputs 0.0, 1 trace")
