"""Measure, under TensorFlow, when libraries run the hook methods a user's subclass overrides: tf_agents'
``TFAgent._train`` (run by ``train``) and Orbit's ``StandardTrainer.train_step`` / ``StandardEvaluator.eval_step``
(run by ``train`` / ``evaluate``), and tf_agents' ``common.function`` wrapper.

Run as a script (``tests/runtime/test_entry_points.py`` does, in one subprocess, when tf_agents and orbit are
installed); prints one JSON line. It does not read the catalogue (``LIBRARY_HOOKS`` in
``pylint_hybridize/model/catalogue/entry_points.py``): it measures, the test compares.

For every hook and every way of using it (*variant*), the hook records ``tf.executing_eagerly()`` each time its
Python body runs, and the public method is used twice: the counts after the first and the second use, and
whether a Python ``if`` on a tensor works in the hook (autograph; None: it worked, else the error).
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ.pop("TF_USE_LEGACY_KERAS", None)

import tensorflow as tf  # noqa: E402

tf.get_logger().setLevel("ERROR")
tf.autograph.set_verbosity(0)

import orbit  # noqa: E402
import tensorflow_probability  # noqa: E402
import tf_agents  # noqa: E402
from tf_agents.agents import tf_agent  # noqa: E402
from tf_agents.policies import random_tf_policy  # noqa: E402
from tf_agents.specs import tensor_spec  # noqa: E402
from tf_agents.trajectories import time_step as ts  # noqa: E402
from tf_agents.utils import common  # noqa: E402

EXPERIENCE = tf.constant([1.0, 2.0])


def branchy():
    """Works eagerly, or when autograph converted the code calling it; raises in unconverted graph code."""
    t = tf.ones([])
    if t > 0:
        return t + 1.0
    return t - 1.0


class Agent(tf_agent.TFAgent):
    def __init__(self, body):
        observation = tensor_spec.TensorSpec([2], tf.float32)
        action = tensor_spec.BoundedTensorSpec([], tf.int32, 0, 1)
        step_spec = ts.time_step_spec(observation)
        policy = random_tf_policy.RandomTFPolicy(step_spec, action)
        self._body = body
        super().__init__(step_spec, action, policy, policy, train_sequence_length=None)

    def _initialize(self):
        return tf.no_op()

    def _train(self, experience, weights=None):
        self._body()
        return tf_agent.LossInfo(loss=tf.reduce_sum(experience), extra=())


class Trainer(orbit.StandardTrainer):
    def __init__(self, body, options=None):
        self._body = body
        super().__init__(tf.data.Dataset.range(100).repeat(), options)

    def train_step(self, iterator):
        self._body()
        next(iterator)

    def train_loop_end(self):
        return {}


class Evaluator(orbit.StandardEvaluator):
    def __init__(self, body, options=None):
        self._body = body
        super().__init__(tf.data.Dataset.range(100).repeat(), options)

    def eval_step(self, iterator):
        self._body()
        next(iterator)

    def eval_end(self, *_outputs):
        return {}


# variant -> (hook, make(body) -> one use)
def _agent_train(body):
    agent = Agent(body)
    return lambda: agent.train(EXPERIENCE)


def _agent_train_in_tf_function(body):
    agent = Agent(body)
    traced = tf.function(lambda e: agent.train(e))
    return lambda: traced(EXPERIENCE)


def _agent_train_common_function(body):
    agent = Agent(body)
    wrapped = common.function(agent.train)  # what the tf_agents tutorials write
    return lambda: wrapped(EXPERIENCE)


def _trainer(options):
    def make(body):
        trainer = Trainer(body, options)
        return lambda: trainer.train(tf.constant(2))

    return make


def _evaluator(options):
    def make(body):
        evaluator = Evaluator(body, options)
        return lambda: evaluator.evaluate(tf.constant(2))

    return make


VARIANTS = {
    "tf_agents.TFAgent.train -> _train (eager)": _agent_train,
    "tf_agents.TFAgent.train -> _train (in a tf.function)": _agent_train_in_tf_function,
    "tf_agents.utils.common.function(agent.train) -> _train": _agent_train_common_function,
    "orbit.StandardTrainer.train -> train_step (default options)": _trainer(None),
    "orbit.StandardTrainer.train -> train_step (use_tf_while_loop=False)": _trainer(
        orbit.StandardTrainerOptions(use_tf_while_loop=False)
    ),
    "orbit.StandardTrainer.train -> train_step (use_tf_function=False)": _trainer(
        orbit.StandardTrainerOptions(use_tf_function=False, use_tf_while_loop=False)
    ),
    "orbit.StandardEvaluator.evaluate -> eval_step (default options)": _evaluator(None),
    "orbit.StandardEvaluator.evaluate -> eval_step (use_tf_while_loop=True)": _evaluator(
        orbit.StandardEvaluatorOptions(use_tf_while_loop=True)
    ),
    "orbit.StandardEvaluator.evaluate -> eval_step (use_tf_function=False)": _evaluator(
        orbit.StandardEvaluatorOptions(use_tf_function=False)
    ),
}


def _error(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0][:160] if str(error) else ''}"


def measure(make) -> dict:
    log: list[bool] = []
    counts = []
    try:
        use = make(lambda: log.append(tf.executing_eagerly()))
        for _ in range(2):
            use()
            counts.append(len(log))
    except Exception as error:  # noqa: BLE001 - reported, the test decides
        return {"after_first": None, "after_second": None, "eager": log, "error": _error(error), "autograph": None}
    try:
        make(branchy)()
        autograph = None
    except Exception as error:  # noqa: BLE001 - OperatorNotAllowedInGraphError: not converted
        autograph = _error(error)
    return {"after_first": counts[0], "after_second": counts[1], "eager": sorted(set(log)), "error": None,
            "autograph": autograph}  # fmt: skip


def main() -> None:
    import keras  # noqa: PLC0415 - the versions only

    from importlib.metadata import version  # noqa: PLC0415

    results = {name: measure(make) for name, make in VARIANTS.items()}
    versions = {
        "tensorflow": tf.__version__, "keras": keras.__version__, "tf_agents": tf_agents.__version__,
        "tensorflow_probability": tensorflow_probability.__version__,
        "tf-models-official": version("tf-models-official"),
    }  # fmt: skip
    print(json.dumps({"versions": versions, "hooks": results}, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
