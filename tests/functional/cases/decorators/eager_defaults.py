"""eager-execution-leftover through a parameter that defaults to True (issue 15)."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf


def build(model, run_eagerly=True):
    model.compile(optimizer="sgd", loss="mse", run_eagerly=run_eagerly)  # [eager-execution-leftover]


def configure(eager=True):
    tf.config.run_functions_eagerly(eager)  # [eager-execution-leftover]


def build_fast(model, run_eagerly=False):
    model.compile(optimizer="sgd", loss="mse", run_eagerly=run_eagerly)


def build_required(model, run_eagerly):
    model.compile(optimizer="sgd", loss="mse", run_eagerly=run_eagerly)


def build_debug(model, debug=True):
    model.compile(optimizer="sgd", loss="mse", run_eagerly=debug)  # a debug function: silent
