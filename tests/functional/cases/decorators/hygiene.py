"""Deprecated arguments, eager leftovers, redundant decorators."""
# pylint: disable=missing-function-docstring,invalid-name
import tensorflow as tf

__all__ = ["train_step", "public_helper"]

DEBUG = False


@tf.function(experimental_relax_shapes=True)  # [deprecated-tf-function-argument]
def relaxed(x):
    return x


@tf.function(experimental_compile=True, experimental_follow_type_hints=True)  # [deprecated-tf-function-argument, deprecated-tf-function-argument]
def compiled(x):
    return x


def plain(x):
    return x


wrapped = tf.function(plain, experimental_relax_shapes=True)  # [deprecated-tf-function-argument]

tf.config.run_functions_eagerly(True)  # [eager-execution-leftover]


def build(model):
    model.compile(optimizer="sgd", loss="mse", run_eagerly=True)  # [eager-execution-leftover]


@tf.function
def _inner(x):  # [redundant-tf-function]
    return x * 2


@tf.function
def train_step(x):
    return _inner(x) + 1


# ---- negatives ----------------------------------------------------------

@tf.function(reduce_retracing=True, jit_compile=True)
def modern(x):
    return x


if DEBUG:
    tf.config.run_functions_eagerly(True)

tf.config.run_functions_eagerly(False)


def compile_for_debugging(model):
    model.compile(optimizer="sgd", run_eagerly=True)


@tf.function
def _also_called_eagerly(x):
    return x


@tf.function
def public_helper(x):  # exported in __all__: callers elsewhere
    return x


@tf.function
def step2(x):
    return _also_called_eagerly(x) + public_helper(x)


_also_called_eagerly(tf.constant(1.0))


@tf.function
def _passed_around(x):
    return x


@tf.function
def step3(x):
    return _passed_around(x)


HANDLERS = [_passed_around]


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def _with_signature(x):
    return x


@tf.function
def step4(x):
    return _with_signature(x)


# ---- opportunity (off by default; the tests enable every message) ---------


def eager_step(x, w):  # [tf-function-opportunity]
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(x * w)
    return tape.gradient(loss, w)


def eager_with_print(x):
    print(x)
    return tf.reduce_sum(x)


def eager_no_loop(x):
    return tf.reduce_sum(x)


def documented_stub(x):
    """A body that is only a docstring (astroid gives it an empty body)."""


W = tf.Variable(1.0)
for _ in range(10):
    eager_step(tf.ones([3]), W)
    eager_with_print(tf.ones([3]))
    documented_stub(tf.ones([3]))
eager_no_loop(tf.ones([3]))


# ---- input_signature bindings ---------------------------------------------


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def with_kwargs(x, **options):  # no call passes an extra keyword: silent
    return x


class Settings:
    rate = 0.1


@tf.function(input_signature=[tf.TensorSpec([2], tf.float32)])
def signed(x):
    return x


signed(Settings())  # [input-signature-mismatch]
signed({"a": 1.0})  # [input-signature-mismatch]
signed([1.0, 2.0])  # a list of numbers converts: fine
signed(tf.ones([2]))


# ---- barren hybrids ---------------------------------------------------------

DEFAULT_RATE = 0.1


@tf.function
def make_config():  # [barren-tf-function]
    return {"rate": DEFAULT_RATE, "layers": len([1, 2, 3])}


@tf.function
def passthrough(x):  # takes an argument, which may be a tensor: silent
    return x


@tf.function
def constant_schedule():  # [barren-tf-function]
    steps = 10
    return [step * 2 for step in range(steps)]


@tf.function
def adds(a, b):  # a + b may be tensor work: silent
    return a + b


@tf.function
def reads_state(model):  # attribute access may read variables: silent
    return model.weights


@tf.function
def uses_tf(n):
    return tf.range(n)


def make_counter():
    counter = tf.Variable(1.0)
    scale = 2

    @tf.function
    def next_value():  # reads the captured variable: tensor work, silent (issue 26)
        return counter + 1

    @tf.function
    def doubled_scale():  # [barren-tf-function]
        return scale * 2

    return next_value, doubled_scale


def make_shifted(offset):
    @tf.function
    def shifted():  # a closure over a parameter, which may be a tensor: silent
        return offset + 1

    return shifted
