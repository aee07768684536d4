"""Library loops that run a hook of the user's subclass (issue 27, catalogue ``LIBRARY_HOOKS``, measured by
``tests/runtime/library_hook_probes.py``): Orbit's ``StandardTrainer.train`` traces ``train_step`` (and
``StandardEvaluator.evaluate`` ``eval_step``) unless ``use_tf_function=False``; tf_agents' ``TFAgent.train``
runs ``_train`` where ``train`` is called: traced only under ``tf.function(agent.train)`` or in traced code."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
# pylint: disable=abstract-method,arguments-differ
import orbit
import tensorflow as tf
from tf_agents.agents import tf_agent
from tf_agents.utils import common


class Trainer(orbit.StandardTrainer):
    def __init__(self, dataset):
        super().__init__(dataset)

    def train_step(self, iterator):
        print("step")  # [print-at-trace-time]
        return next(iterator)


class WhileLoopOff(orbit.StandardTrainer):
    def __init__(self, dataset):
        super().__init__(dataset, orbit.StandardTrainerOptions(use_tf_while_loop=False))

    def train_step(self, iterator):
        print("step")  # [print-at-trace-time]
        return next(iterator)


class EagerTrainer(orbit.StandardTrainer):
    def __init__(self, dataset):
        super().__init__(dataset, orbit.StandardTrainerOptions(use_tf_function=False, use_tf_while_loop=False))

    def train_step(self, iterator):
        print("step runs eagerly, every step")
        return next(iterator)


class ConfiguredTrainer(orbit.StandardTrainer):
    def __init__(self, dataset, options):
        super().__init__(dataset, options=options)  # options unknown: silent

    def train_step(self, iterator):
        print("step")
        return next(iterator)


class OwnLoop(orbit.StandardTrainer):
    def __init__(self, dataset):
        super().__init__(dataset)

    def create_train_loop_fn(self):  # replaces the library's loop
        return self.train_step

    def train_step(self, iterator):
        print("step")
        return next(iterator)


class Evaluator(orbit.StandardEvaluator):
    def __init__(self, dataset):
        super().__init__(dataset)

    def eval_step(self, iterator):
        print("eval")  # [print-at-trace-time]
        return next(iterator)


class Agent(tf_agent.TFAgent):
    def _train(self, experience, weights=None):
        print("train", experience)  # [print-at-trace-time]
        return experience


class EagerAgent(tf_agent.TFAgent):
    def _train(self, experience, weights=None):
        print("runs eagerly on every call", experience)
        return experience


agent = Agent()
train = tf.function(agent.train)
eager_agent = EagerAgent()


def eager_loop(experience):
    for _ in range(3):
        eager_agent.train(experience)


class TutorialAgent(tf_agent.TFAgent):
    def _train(self, experience, weights=None):
        print("train", experience)  # [print-at-trace-time]
        return experience


def tutorial_loop(experience):
    tutorial_agent = TutorialAgent()
    tutorial_agent.train = common.function(tutorial_agent.train)  # the tf_agents tutorials' spelling
    for _ in range(3):
        tutorial_agent.train(experience)
