import tensorflow as tf


def double(x):
    return x * 2


@tf.function
def step_once(v):
    return v + 1.0


def run_step(x):
    return step_once(x)


# -- made in a loop, but not a bug: the rule is silent on these ------------------------------------
class Host:
    def __init__(self, scale):
        self.scale = tf.constant(scale)
        self.pending = None


def init_hosts(hosts):
    """One tf.function per host, kept on its host for the whole run (a registry): each traces once."""
    for host in hosts:
        @tf.function
        def pending(x, host=host):
            return x * host.scale

        host.pending = pending


def single_epoch(x):
    @tf.function
    def train_on_minibatch(v):
        return v * 2

    return train_on_minibatch(x)


@tf.function
def training_step(x, epochs):
    for _ in tf.range(epochs):  # a graph loop: its body, and the factory in it, are traced once
        x = single_epoch(x)
    return x


class Simulation:
    """A new object per run, with variables of its own (recsim_ng's simulation network)."""

    def __init__(self, scale):
        self.scale = tf.Variable(scale)


def run_simulations(count):
    """Each run reads a new object: its graph is another one, a trace per run is what it needs."""
    traces = 0
    for index in range(count):
        simulation = Simulation(float(index))

        @tf.function
        def run_one(sim=simulation):
            return sim.scale * 2.0

        run_one()
        traces += run_one.experimental_get_tracing_count()
    return traces


@tf.function
def run_any(sim):
    return sim.scale * 2.0


class Fitter:
    """A trainer built around one model (a cross-validation fold's)."""

    def __init__(self, sim):
        self.sim = sim

    @tf.function
    def step(self, x):
        return x * self.sim.scale


def cross_validate(folds):
    """Each fold builds a new model and a Fitter around it: the step reads the fold's model, a trace per
    fold is what it needs (one Fitter before the loop would have to take the model as an argument)."""
    traces = 0
    for fold in range(folds):
        simulation = Simulation(float(fold))
        fitter = Fitter(simulation)
        fitter.step(tf.constant(1.0))
        fitter.step(tf.constant(2.0))
        traces += fitter.step.experimental_get_tracing_count()
    return traces


if __name__ == "__main__":
    from _evidence import ok

    step = tf.function(double)
    for _ in range(10):
        step(tf.constant(1.0))
    traces = step.experimental_get_tracing_count()
    assert traces == 1, traces
    for _ in range(5):
        run_step(tf.constant(1.0))
    assert step_once.experimental_get_tracing_count() == 1
    fleet = [Host(1.0), Host(2.0)]
    init_hosts(fleet)
    for _ in range(5):
        for member in fleet:
            member.pending(tf.constant(1.0))
    assert [member.pending.experimental_get_tracing_count() for member in fleet] == [1, 1]
    assert training_step(tf.constant(1.0), tf.constant(4)).numpy() == 16.0
    assert training_step(tf.constant(1.0), tf.constant(3)).numpy() == 8.0
    assert training_step.experimental_get_tracing_count() == 1  # one trace: the factory ran once, in it
    made_per_run = run_simulations(4)
    simulations = [Simulation(float(index)) for index in range(4)]
    for simulation in simulations:  # the same function defined once, the object passed: a trace per object all the same
        run_any(simulation)
    assert made_per_run == 4 and run_any.experimental_get_tracing_count() == 4, (
        made_per_run, run_any.experimental_get_tracing_count())
    per_fold = cross_validate(4)
    assert per_fold == 4 == run_any.experimental_get_tracing_count(), per_fold
    ok("created once: 1 trace for 10 calls; one kept per host: 1 trace each; made in a tf.range graph loop: traced once; "
       "one per new object it reads (made in the loop, or a Fitter built around it): 4 traces for 4 objects, "
       "as many as one function defined once")
