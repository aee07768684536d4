"""Reads of module-level names that some function rebinds with `global`."""
# pylint: disable=missing-function-docstring,invalid-name,global-statement
import tensorflow as tf

SCALE = 1.0
LEARNING_RATE = 0.1
STEPS = 0
MAX_NORM = 5.0  # never rebound: a constant


def set_scale(value):
    global SCALE
    SCALE = value


def schedule(epoch):
    global LEARNING_RATE
    LEARNING_RATE = 0.1 / (epoch + 1)


@tf.function
def scaled(x):
    return x * SCALE  # [stale-global-read]


def update(x):
    return x - LEARNING_RATE * x  # [stale-global-read]


@tf.function
def train_step(x):
    return tf.clip_by_norm(update(x), MAX_NORM)


@tf.function
def counts(x):
    global STEPS
    STEPS += 1  # [python-state-update-at-trace-time]
    return x + STEPS


def eager(x):
    return x * SCALE


TRACKER = None


def tracker_scope(tracker):
    global TRACKER
    TRACKER = tracker


@tf.function
def registers(x):
    if TRACKER is not None:  # used while tracing on purpose, not baked into the graph
        TRACKER.append(x)
    return tf.identity(x)


@tf.function
def scaled_op(x):
    return tf.multiply(x, SCALE)  # [stale-global-read]


# ---- wider-corpus false positive (docs/precision.md) ----------------------

COLOR_MAPPING = None
PALETTE = tf.zeros([4])


def populate_color_mapping():
    # lazy one-time init (keras-cv's VOC loader): None -> the table, once, before any trace
    global COLOR_MAPPING
    if COLOR_MAPPING is None:
        COLOR_MAPPING = [0] * 16
        COLOR_MAPPING = tf.constant(COLOR_MAPPING)
    return COLOR_MAPPING


def replace_palette(flag):
    global PALETTE
    if flag:
        PALETTE = tf.ones([4])


@tf.function
def decode_mask(mask):
    mask = tf.gather(COLOR_MAPPING, mask)
    return mask + tf.gather(PALETTE, mask)  # [stale-global-read]


# ---- items and attributes of module-level objects that an eager function changes ----


class Settings:
    def __init__(self):
        self.rate = 0.1
        self.other = 1.0


HPARAMS = {"shift": 0.0, "scale": 2.0}
SETTINGS = Settings()
REGISTRY = {}
SETUP = {"depth": 3}
SETUP["depth"] = 4  # module-level: runs at import, before any trace
BUFFER = []


def set_shift(value):
    HPARAMS["shift"] = value


def set_rate(value):
    SETTINGS.rate = value


OPTIONS = {"bias": 0.0}


def load_options(values):
    OPTIONS.update(values)  # may change any item


def register(name, fn):
    REGISTRY[name] = fn


@tf.function
def uses_items(x):
    y = x + HPARAMS["shift"]  # [stale-global-read]
    y = y * SETTINGS.rate  # [stale-global-read]
    y = y * HPARAMS["scale"]  # an item no function changes
    y = y + OPTIONS["bias"]  # [stale-global-read]
    y = y * SETTINGS.other  # an attribute no function changes
    y = REGISTRY["act"](y)  # looked up at trace time on purpose, the result is an op
    if HPARAMS["shift"] > 1.0:  # a Python branch, not a value baked into the graph
        y = y * 2.0
    return y * SETUP["depth"]  # only changed at module level


@tf.function
def fills_buffer(x):
    BUFFER.append(x)  # [outer-state-mutation-at-trace-time]
    return x


@tf.function
def reads_buffer(x):
    return x + BUFFER[0]  # changed by a traced function only: that one gets the message


def eager_reader(x):
    return x + HPARAMS["shift"]
