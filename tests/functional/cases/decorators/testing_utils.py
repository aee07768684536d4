"""A test utility module (named *test*): eager switches with True defaults are deliberate here."""
# pylint: disable=missing-function-docstring
import tensorflow as tf


def assert_model_trains(model, data, run_eagerly=True):
    model.compile(optimizer="sgd", loss="mse", run_eagerly=run_eagerly)
    model.fit(data)


def eager_mode(enabled=True):
    tf.config.run_functions_eagerly(enabled)
