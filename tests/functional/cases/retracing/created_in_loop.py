"""tf.function objects created again and again."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name
import tensorflow as tf


def plain(x):
    return x * 2


def run_all(batches):
    results = []
    for batch in batches:
        @tf.function
        def step(x):  # [tf-function-created-in-loop]
            return x + 1

        fast = tf.function(plain)  # [tf-function-created-in-loop]
        lam = tf.function(lambda x: x - 1)  # [tf-function-created-in-loop]
        results.append((step(batch), fast(batch), lam(batch)))
    return results


class Trainer(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable(1.0)

    @tf.function
    def step(self, x):  # [tf-function-created-in-loop]
        return x * self.w


for _ in range(5):
    Trainer().step(tf.constant(1.0))


def make_step(scale):
    @tf.function
    def step(x):  # [tf-function-created-in-loop]
        return x * scale

    return step


class Runner:
    def __init__(self):
        self.run = tf.function(self._run)  # [tf-function-created-in-loop]

    def _run(self, x):
        return x + 1


for scale_value in (1.0, 2.0, 3.0):
    make_step(scale_value)(tf.constant(1.0))
    Runner().run(tf.constant(1.0))


# ---- negatives ----------------------------------------------------------

fast_once = tf.function(plain)


def run_once(batches):
    results = []
    for batch in batches:
        results.append(fast_once(batch))
    return results


class Model(tf.Module):
    @tf.function
    def __call__(self, x):
        return x


model = Model()
for _ in range(5):
    model(tf.constant(1.0))


def factory():
    @tf.function
    def inner(x):
        return x

    return inner


STEPS = {name: factory() for name in ("train", "eval")}  # one function per task, kept: deliberate
for task in ("train", "eval"):
    STEPS[task] = factory()


@tf.function
def traced_loop(x):
    for _ in tf.range(3):
        x = factory()(x)  # a graph loop: its body is traced once
    return x


# ---- wider-corpus false positives (docs/precision.md) ---------------------


class Worker:
    def __init__(self, index):
        self.index = index

    @tf.function
    def compute(self, x):
        return x * self.index


workers = []
for worker_index in range(4):
    workers.append(Worker(worker_index))  # one per rollout, kept (deepchem's PPO): each traces once


class MovingAverage:
    def __init__(self, decay):
        self.decay = decay

    @tf.function
    def update(self, x):
        return x * self.decay


moving_average = None
for loss_value in (1.0, 2.0, 3.0):
    if moving_average is None:
        moving_average = MovingAverage(0.99)  # built once, on the first step (OpenNMT-tf's trainer)
    moving_average.update(tf.constant(loss_value))


class Rebuilt:
    @tf.function
    def step(self, x):  # [tf-function-created-in-loop]
        return x + 1


for _ in range(3):
    rebuilt = Rebuilt()
    rebuilt.step(tf.constant(1.0))
