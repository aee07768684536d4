"""tf-function-created-in-loop speaks only for an eager Python loop whose iteration makes a
tf.function, calls it and drops it (issue 26); one function per item kept for later is a registry."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
import tensorflow as tf


def per_batch(batches):
    totals = []
    for batch in batches:
        @tf.function
        def step(x):  # [tf-function-created-in-loop]
            return x + 1

        totals.append(step(batch))
    return totals


# ---- negatives ----------------------------------------------------------


class Host:
    def __init__(self):
        self.pending = None
        self.count = tf.Variable(0)


class Server:
    def bind(self, function):
        return function


def init_server(hosts):
    """One function per host, each stored on its host or bound to its server (seed_rl): a registry."""
    for host in hosts:
        server = Server()

        @tf.function(input_signature=[])
        def pending():
            return host.count + 1

        @tf.function
        def add_stats(data):
            return data * 2

        host.pending = pending
        server.bind(add_stats)


def per_task(tasks):
    made = []
    for task in tasks:
        made.append(tf.function(lambda x, task=task: x * task))
    return made


def made_per_key(keys):
    table = {}
    for key in keys:
        def scaled(x, key=key):
            return x * key

        table[key] = tf.function(scaled)
    return table


def single_epoch(data):
    @tf.function
    def train_on_minibatch(x):
        return x * 2

    return train_on_minibatch(data)


def training_step(data, epochs):
    for _ in tf.range(epochs):  # a loop written for a graph (seed_rl's PPO step, traced by its caller)
        data = single_epoch(data)
    return data


@tf.function
def unrolled(x):
    for _ in range(3):  # a Python loop in traced code: unrolled once per trace, not per step
        @tf.function
        def inner(y):  # [redundant-tf-function]
            return y + 1

        x = inner(x)
    return x


def evaluate(checkpoint, steps):
    @tf.function
    def run_single_step(x):
        return x * checkpoint

    for step_index in range(steps):  # called many times per creation: one trace per evaluation, amortised
        run_single_step(tf.constant(float(step_index)))


def evaluate_all(checkpoints):
    for checkpoint in checkpoints:  # SimCLR's one function per evaluated checkpoint: harmless
        evaluate(checkpoint, 100)


def per_epoch(epochs, batches):
    for _ in range(epochs):
        step = tf.function(lambda x: x + 1)
        for batch in batches:  # one trace per epoch, many calls: amortised
            step(batch)


def translate(strategy, batches):
    for batch in batches:
        @tf.function
        def per_replica():  # [tf-function-created-in-loop]
            return batch * 2  # pylint: disable=cell-var-from-loop

        strategy.run(per_replica)  # run now, kept nowhere: a new trace per batch (tf-models' translate.py)


class Simulation:
    def __init__(self, scale):
        self.scale = tf.Variable(scale)


def run_simulations(count):
    """A new object per iteration, read by the function (recsim_ng's run_one_simulation(eco_network=network)):
    defined once, it would take the object as an argument and trace per object all the same."""
    results = []
    for index in range(count):
        simulation = Simulation(float(index))

        @tf.function
        def run_one(sim=simulation):
            return sim.scale * 2.0

        results.append(run_one())
        step = tf.function(lambda: simulation.scale + 1.0)  # pylint: disable=cell-var-from-loop
        results.append(step())
    return results


def per_batch_closure(batches):
    for batch in batches:
        @tf.function
        def scaled():  # [tf-function-created-in-loop]
            return batch * 2  # pylint: disable=cell-var-from-loop

        scaled()


class Fitter:
    """A trainer built around a model (GNN-Keras3's Trainer(model) per cross-validation fold)."""

    def __init__(self, net, rate=0.1):
        self.net = net
        self.rate = rate

    @tf.function
    def step(self, x):
        return x * self.net.scale * self.rate


def cross_validate(folds):
    """Each fold builds a new model and a Fitter around it: the step reads the fold's model, so a
    Fitter made once before the loop would take the model as an argument and trace per fold anyway."""
    results = []
    for fold in range(folds):
        net = Simulation(float(fold))
        fitter = Fitter(net, rate=0.5)
        results.append(fitter.step(tf.constant(1.0)))
        results.append(Fitter(Simulation(2.0)).step(tf.constant(1.0)))
    return results


class Stepper:
    def __init__(self, rate):
        self.rate = rate

    @tf.function
    def step(self, x):  # [tf-function-created-in-loop]
        return x * self.rate


def sweep(rates):
    """A new Stepper per iteration around a Python number only: one made before the loop, with the
    rate as an argument, would trace once."""
    for rate in rates:
        Stepper(rate).step(tf.constant(1.0))
