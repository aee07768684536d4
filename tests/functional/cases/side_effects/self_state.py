"""Python state on self changed eagerly and read in traced code (stale-attribute-read, issue 15)."""
# pylint: disable=missing-function-docstring,invalid-name,too-few-public-methods
import tensorflow as tf


class Trainer:
    def __init__(self, model, warmup):
        self.model = model
        self.warmup = warmup  # assigned only here: a constant
        self.steps = 0
        self.running_mean = 1.0
        self.seen = tf.Variable(0)
        self.scale = 2.0
        self.phase = "pretrain"
        self._step = tf.function(self._train_step)

    def _train_step(self, x):
        if self.steps >= self.warmup:  # [stale-attribute-read]
            x = x * self.running_mean  # [stale-attribute-read]
        self.seen.assign_add(1)
        if self.phase == "finetune":  # set by a setter, not updated from its old value: silent
            x = x + 1.0
        return self.model(x) * self.scale + tf.cast(self.seen, tf.float32)

    def fit(self, data):
        for x in data:
            loss = self._step(x)
            self.steps += 1
            self.running_mean = 0.9 * self.running_mean + 0.1 * float(loss)
            self.seen.assign_add(1)

    def set_phase(self, phase):
        self.phase = phase

    def describe(self):
        return self.steps * self.scale  # eager code reading it: fine


class Counter(tf.Module):
    def __init__(self):
        super().__init__()
        self.calls = 0

    @tf.function
    def __call__(self, x):
        self.calls += 1  # [python-state-update-at-trace-time]
        return x + self.calls  # updated only at trace time, by this traced method itself: not an eager update


class Explainer:
    def __init__(self, model):
        self.model = model
        self.target = None
        self.total = 0.0

    def explain(self, x, epochs):
        self.target = tf.cast(self.model(x), tf.float32)
        self.target = tf.cast(self.target > 0.5, tf.float32)  # set up once before the loop: silent
        for _ in range(epochs):
            self._step(x)
            self.record(x)

    def record(self, x):
        self.total = self.total + float(tf.reduce_sum(x))  # in a method a loop calls

    @tf.function
    def _step(self, x):
        return tf.reduce_sum((self.model(x) - self.target) ** 2) + self.total  # [stale-attribute-read]


class Contrastive(tf.keras.Model):
    """tensorflow-similarity's shape: a count computed once by a setup helper of __init__."""

    def __init__(self, backbone, predictor=None):
        super().__init__()
        self.backbone = backbone
        self.predictor = predictor
        self._create_trackers()

    def _create_trackers(self):
        self.reg_loss_len = len(self.backbone.losses)
        if self.predictor is not None:
            self.reg_loss_len += len(self.predictor.losses)  # finishes a value set above: not a counter

    def train_step(self, data):
        loss = tf.reduce_sum(self.backbone(data))
        if self.reg_loss_len:  # set once: silent
            loss += tf.add_n(self.backbone.losses)
        return {"loss": loss}
