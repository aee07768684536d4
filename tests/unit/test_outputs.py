"""model.outputs: what kind of output or trace-time-only call a call is."""

from __future__ import annotations

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.model import TraceModel
from pylint_hybridize.model.state.outputs import (
    called_name,
    frozen_call_replacement,
    is_log_function,
    is_output_function,
    logger_method,
    logs_static_values,
    opens_for_writing,
    zero_argument_replacement,
)

PRELUDE = "import logging\nimport absl.logging\nimport tensorflow as tf\nimport numpy as np\nimport random, time\n"


def _last_call(source: str) -> nodes.Call:
    module = astroid.parse(PRELUDE + source)
    return list(module.nodes_of_class(nodes.Call))[-1]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("logging.info('x')", "logging.info"),
        ("logger = logging.getLogger(__name__)\nlogger.warning('x')", "logging.warning"),
        ("log = tf.get_logger()\nlog.info('x')", "logging.info"),
        ("log = absl.logging.get_absl_logger()\nlog.error('x')", "logging.error"),
        ("logger = logging.getLogger(__name__)\nlogger.setLevel(1)", None),  # not a log function
        ("logger = make_logger()\nlogger.info('x')", None),  # not a known logger factory
        ("def f(logger):\n    logger.info('x')", None),  # a parameter: any object
        ("tf.print(1)", "tensorflow.print"),
        ("np.random.rand(3)", "numpy.random.rand"),
        ("(lambda: 1)()", None),
        ("fs[0]()", None),
    ],
)
def test_called_name(source, expected):
    assert called_name(_last_call(source)) == expected


def test_logger_method_needs_an_attribute():
    assert logger_method(_last_call("info('x')").func) is None


@pytest.mark.parametrize(
    ("qualified", "log", "output"),
    [
        ("logging.info", True, True),
        ("logging.log_every_n", True, True),
        ("absl.logging.vlog", True, True),
        ("warnings.warn", False, True),
        ("logging.getLogger", False, False),
        ("logging.basicConfig", False, False),
        ("mylogging.info", False, False),
        ("tensorflow.print", False, False),
    ],
)
def test_log_and_output_functions(qualified, log, output):
    assert is_log_function(qualified) is log
    assert is_output_function(qualified) is output


@pytest.mark.parametrize(
    ("source", "static"),
    [
        ("def f(x, name='a'):\n    logging.info('building %s', name)", True),
        ("def f(x):\n    logging.info('shape %s', x.shape, exc_info=x)", True),  # options are not logged values
        ("def f(x):\n    logging.info('value %s', x)", False),  # a parameter: maybe a tensor
        ("def f(x):\n    logging.info('value', extra=x)", True),
        ("def f(x):\n    logging.info('value', value=x)", False),
        ("logging.info('plain')", True),
    ],
)
def test_logs_static_values(source, static):
    assert logs_static_values(_last_call(source)) is static


def test_logs_static_values_in_a_closure_of_eager_code():
    source = (
        "def make(label):\n"
        "    @tf.function\n"
        "    def step(x):\n"
        "        logging.info('step %s', label)\n"
        "        return x\n"
        "    return step\n"
    )
    module = astroid.parse(PRELUDE + source)
    call = next(c for c in module.nodes_of_class(nodes.Call) if c.func.as_string() == "logging.info")
    assert logs_static_values(call, TraceModel.for_module(module).traced)


@pytest.mark.parametrize(
    ("source", "writes"),
    [
        ("open(path, 'w')", True),
        ("open(path, 'ab')", True),
        ("open(path, mode='x')", True),
        ("open(path, 'r+')", True),
        ("open(path)", False),
        ("open(path, 'rb')", False),
        ("open(path, mode)", False),  # a mode we cannot read
    ],
)
def test_opens_for_writing(source, writes):
    assert opens_for_writing(_last_call(source)) is writes


@pytest.mark.parametrize(
    ("qualified", "replacement"),
    [
        ("random.random", "tf.random.uniform([])"),
        ("time.time", "tf.timestamp()"),
        ("datetime.datetime.now", "tf.timestamp()"),
        ("numpy.random.randn", "tf.random.normal(shape)"),
        ("numpy.random.beta", "tf.random.* ops or a tf.random.Generator"),
        ("secrets.token_bytes", "tf.random.* ops"),
        ("tensorflow.random.uniform", None),
        ("math.sqrt", None),
    ],
)
def test_frozen_call_replacement(qualified, replacement):
    assert frozen_call_replacement(qualified) == replacement


def test_zero_argument_replacement():
    assert zero_argument_replacement(_last_call("time.time()"), "time.time") == "{tf}.timestamp()"
    assert zero_argument_replacement(_last_call("random.random()"), "random.random") == "{tf}.random.uniform([])"
    assert zero_argument_replacement(_last_call("random.random(seed)"), "random.random") is None
    assert zero_argument_replacement(_last_call("time.perf_counter()"), "time.perf_counter") is None
