"""logging-at-trace-time: per-call values are reported; configuration notices are not (issue 15)."""
# pylint: disable=missing-function-docstring,invalid-name
import logging

import tensorflow as tf
from absl import logging as absl_logging

logger = logging.getLogger(__name__)
tf_logger = tf.get_logger()
USE_MIXED = False


@tf.function
def train_step(x, variables):
    loss = tf.reduce_sum(x)
    logging.info("loss %s", loss)  # [logging-at-trace-time, tensor-formatted-at-trace-time]
    logger.info("step input %s", x)  # [logging-at-trace-time]
    tf_logger.warning(f"loss is {loss}")  # [logging-at-trace-time, tensor-formatted-at-trace-time]
    absl_logging.info("loss=%s", loss)  # [logging-at-trace-time, tensor-formatted-at-trace-time]
    # ---- configuration notices: static values, written once per trace on purpose
    logging.info("tracing train_step")
    logger.info("mixed precision: %s", USE_MIXED)
    logging.warning("variables without gradients: %s", [v.name for v in variables])
    logging.info("input shape %s dtype %s", x.shape, x.dtype)
    logger.debug("%d variables", len(variables))
    return loss


@tf.function
def evaluate(metric, x):
    if metric is None:
        logging.info("no metric given (%s): skipping evaluation", metric)
        return x
    if not isinstance(x, tf.Tensor):
        logging.warning("expected a tensor, got %s: %s", type(x), x)
        return None
    if x.shape[0] > 3:
        logging.warning("big batch: %s", x)  # [logging-at-trace-time]
    return metric(x)


def helper(batch, verbose=False):
    try:
        return tf.reduce_mean(batch)
    except ValueError as error:
        logging.warning("could not reduce: %s (verbose=%s)", error, verbose)
        raise


@tf.function
def uses_helper(batch):
    return helper(batch)


class Stream:
    def __init__(self):
        self.log = logging.getLogger("stream")  # an attribute logger: not resolved, silent

    @tf.function
    def step(self, x):
        self.log.info("x %s", x)
        return x * 2


def eager_loop(data):
    for x in data:
        logger.info("eager: %s", x)  # eager code: never reported


def make_step(metric, model):
    @tf.function
    def step(x):
        if not metric:
            logging.info("no metric (%s): skipping", metric)  # closure config, early return: silent
            return None
        out = model(x)
        logging.info("model %s, metric %s", model, metric)  # closure constants: silent
        logging.info("out %s", out)  # [logging-at-trace-time]
        return out

    return step


@tf.function
def outer(x):
    def inner():
        logging.info("x is %s", x)  # [logging-at-trace-time]
        return x

    return inner()


@tf.function
def layer_rates(grads, variables):
    count = 0
    for v in variables:
        count = max(count, len(v.name))
    for i in range(count):
        logging.info("layer %d of %s", i, variables[0].name)  # derived from names and lengths: silent
    return grads
