"""Measure, under TensorFlow, when the callables handed to library entry points run traced.

Run as a script (``tests/runtime/test_entry_points.py`` does, in one subprocess); prints one JSON line.
It does not read the catalogue (``pylint_hybridize/model/catalogue/entry_points.py``): it measures, the test compares.

For every entry point and every callable argument it names (the *target*), the target is replaced by a
function that records ``tf.executing_eagerly()`` each time its Python body runs, and the entry point is used
twice in each context:

- ``eager``: called from eager code;
- ``graph``: called from one ``tf.function`` (autograph on), which is called twice;
- ``fit`` (Keras callbacks): ``model.fit`` run twice.

The counts after the first and after the second use tell the story: a body traced once per trace runs with
``executing_eagerly() == False`` and does not run again on the second call of the same tf.function; an eager
body runs on every use. The other callables get plain bodies; for ``tf.cond`` / ``tf.case`` /
``tf.switch_case`` the measured branch is the one selected, and ``untaken`` counts the runs of a branch that is
*not* selected.

Autograph: the target's body also calls a helper with a Python ``if`` on a tensor, which only works eagerly or
when autograph converted the target (conversion is recursive: the helper is converted with it). It is tried
from eager code, from a ``tf.function`` with autograph on and from one with ``autograph=False``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ.pop("TF_USE_LEGACY_KERAS", None)

import tensorflow as tf  # noqa: E402

# Strategies are created first: a MirroredStrategy set up after other ops ran is not what users write.
MIRRORED = tf.distribute.MirroredStrategy(["/cpu:0"])
DEFAULT_STRATEGY = tf.distribute.get_strategy()

import keras  # noqa: E402

tf.get_logger().setLevel("ERROR")
tf.autograph.set_verbosity(0)

ELEMENTS = tf.constant([1.0, 2.0, 3.0])


def branchy():
    """Works eagerly, or when autograph converted the code calling it; raises in unconverted graph code."""
    t = tf.ones([])
    if t > 0:
        r = t + 1.0
    else:
        r = t - 1.0
    return r


def recording(log, body):
    def target(*args, **kwargs):
        log.append(tf.executing_eagerly())
        return body(*args, **kwargs)

    return target


def branching(body):
    def target(*args, **kwargs):
        branchy()
        return body(*args, **kwargs)

    return target


def count_elements(ds):
    def add_one(total, *_element):
        return total + 1

    return ds.reduce(tf.constant(0, tf.int64), add_one)


# -- the probes: entry point -> (targets, plain bodies, run(fns, target)) -------------------------------------
# ``run`` returns a zero-argument function that uses the entry point once (setup such as decorating happens in
# ``run`` itself, outside that function, as user code decorates once and calls many times).


def _ds():
    return tf.data.Dataset.range(3)


def _flat(x):
    return tf.data.Dataset.from_tensors(x)


PROBES: dict[str, dict] = {}
SCRATCH: list[str] = []  # [a temporary directory, ...] while main() runs


def probe(qualified, bodies, contexts=("eager", "graph"), selects=False):
    def register(run):
        PROBES[qualified] = {"bodies": bodies, "run": run, "contexts": contexts, "selects": selects}
        return run

    return register


# First the probes that a leftover of an earlier failure would break: tf.map_fn's fn raising while traced
# leaves a caching device on the variable scope (TF 2.21), after which MirroredStrategy.run fails eagerly.
@probe("tensorflow.distribute.Strategy.run", {"fn": lambda x: x * 2})
def _strategy_run(f, _t):
    return lambda: MIRRORED.run(f["fn"], args=(ELEMENTS,))


@probe("tensorflow.distribute.Strategy.run (default strategy)", {"fn": lambda x: x * 2})
def _default_strategy_run(f, _t):
    return lambda: DEFAULT_STRATEGY.run(f["fn"], args=(ELEMENTS,))


_CALLBACK_HOOKS = ("on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end", "on_train_batch_begin",
                   "on_train_batch_end")  # fmt: skip


def _fit(callbacks):
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    x = tf.ones((4, 2))

    def fit():
        model.fit(x, tf.ones((4, 1)), batch_size=2, epochs=2, verbose=0, callbacks=callbacks)

    return fit


@probe("keras.callbacks.LambdaCallback", {h: (lambda *a, **k: None) for h in _CALLBACK_HOOKS}, contexts=("fit",))
def _lambda_callback(f, _t):
    return _fit([keras.callbacks.LambdaCallback(**f)])


@probe("keras.callbacks.LearningRateScheduler", {"schedule": lambda epoch, lr: lr}, contexts=("fit",))
def _lr_scheduler(f, _t):
    return _fit([keras.callbacks.LearningRateScheduler(f["schedule"])])


@probe("tensorflow.data.Dataset.map", {"map_func": lambda x: x * 2})
def _map(f, _t):
    return lambda: count_elements(_ds().map(f["map_func"]))


@probe("tensorflow.data.Dataset.filter", {"predicate": lambda x: x > 0})
def _filter(f, _t):
    return lambda: count_elements(_ds().filter(f["predicate"]))


@probe("tensorflow.data.Dataset.flat_map", {"map_func": _flat})
def _flat_map(f, _t):
    return lambda: count_elements(_ds().flat_map(f["map_func"]))


@probe("tensorflow.data.Dataset.interleave", {"map_func": _flat})
def _interleave(f, _t):
    return lambda: count_elements(_ds().interleave(f["map_func"], cycle_length=2))


@probe("tensorflow.data.Dataset.reduce", {"reduce_func": lambda state, x: state + x})
def _reduce(f, _t):
    return lambda: _ds().reduce(tf.constant(0, tf.int64), f["reduce_func"])


@probe("tensorflow.data.Dataset.scan", {"scan_func": lambda state, x: (state + x, x)})
def _scan(f, _t):
    return lambda: count_elements(_ds().scan(tf.constant(0, tf.int64), f["scan_func"]))


@probe("tensorflow.data.Dataset.take_while", {"predicate": lambda x: x < 2})
def _take_while(f, _t):
    return lambda: count_elements(_ds().take_while(f["predicate"]))


@probe(
    "tensorflow.data.Dataset.group_by_window",
    {"key_func": lambda x: x % 2, "reduce_func": lambda key, window: window.batch(2),
     "window_size_func": lambda key: tf.constant(2, tf.int64)},
)  # fmt: skip
def _group_by_window(f, _t):
    return lambda: count_elements(
        _ds().group_by_window(f["key_func"], f["reduce_func"], window_size_func=f["window_size_func"])
    )


@probe("tensorflow.data.Dataset.bucket_by_sequence_length", {"element_length_func": lambda x: tf.constant(1, tf.int32)})
def _bucket(f, _t):
    return lambda: count_elements(_ds().bucket_by_sequence_length(f["element_length_func"], [2], [1, 1]))


@probe("tensorflow.data.Dataset.rejection_resample", {"class_func": lambda x: tf.cast(x % 2, tf.int32)})
def _rejection_resample(f, _t):
    return lambda: count_elements(_ds().rejection_resample(f["class_func"], [0.5, 0.5], seed=1))


@probe("tensorflow.data.Dataset.save", {"shard_func": lambda x: tf.constant(0, tf.int64)})
def _save(f, _t):
    path = os.path.join(SCRATCH[0], "saved")
    return lambda: _ds().save(path, shard_func=f["shard_func"])


@probe(
    "tensorflow.data.Dataset.snapshot",
    {"shard_func": lambda x: tf.constant(0, tf.int64),
     "reader_func": lambda datasets: datasets.interleave(lambda x: x)},
)  # fmt: skip
def _snapshot(f, _t):
    SCRATCH.append(os.path.join(SCRATCH[0], f"snapshot{len(SCRATCH)}"))  # a fresh snapshot: written, then read
    path = SCRATCH[-1]
    return lambda: count_elements(_ds().snapshot(path, shard_func=f["shard_func"], reader_func=f["reader_func"]))


@probe("tensorflow.data.Dataset.from_generator", {"generator": lambda: iter(range(3))})
def _from_generator(f, _t):
    generator = f["generator"]

    def elements():
        yield from generator()

    return lambda: count_elements(
        tf.data.Dataset.from_generator(elements, output_signature=tf.TensorSpec([], tf.int64))
    )


@probe("tensorflow.data.experimental.scan", {"scan_func": lambda state, x: (state + x, x)})
def _experimental_scan(f, _t):
    return lambda: count_elements(_ds().apply(tf.data.experimental.scan(tf.constant(0, tf.int64), f["scan_func"])))


@probe("tensorflow.data.experimental.take_while", {"predicate": lambda x: x < 2})
def _experimental_take_while(f, _t):
    return lambda: count_elements(_ds().apply(tf.data.experimental.take_while(f["predicate"])))


@probe("tensorflow.data.experimental.map_and_batch", {"map_func": lambda x: x * 2})
def _map_and_batch(f, _t):
    return lambda: count_elements(_ds().apply(tf.data.experimental.map_and_batch(f["map_func"], 2)))


@probe(
    "tensorflow.data.experimental.group_by_window",
    {"key_func": lambda x: x % 2, "reduce_func": lambda key, window: window.batch(2),
     "window_size_func": lambda key: tf.constant(2, tf.int64)},
)  # fmt: skip
def _experimental_group_by_window(f, _t):
    return lambda: count_elements(_ds().apply(tf.data.experimental.group_by_window(
        f["key_func"], f["reduce_func"], window_size_func=f["window_size_func"])))


@probe("tensorflow.data.experimental.bucket_by_sequence_length",
       {"element_length_func": lambda x: tf.constant(1, tf.int32)})
def _experimental_bucket(f, _t):
    return lambda: count_elements(_ds().apply(
        tf.data.experimental.bucket_by_sequence_length(f["element_length_func"], [2], [1, 1])))


@probe("tensorflow.data.experimental.parallel_interleave", {"map_func": _flat})
def _experimental_parallel_interleave(f, _t):
    return lambda: count_elements(_ds().apply(tf.data.experimental.parallel_interleave(f["map_func"], 2)))


@probe("tensorflow.data.experimental.rejection_resample", {"class_func": lambda x: tf.cast(x % 2, tf.int32)})
def _experimental_rejection_resample(f, _t):
    return lambda: count_elements(_ds().apply(
        tf.data.experimental.rejection_resample(f["class_func"], [0.5, 0.5], seed=1)))


@probe("tensorflow.data.experimental.group_by_reducer", {"key_func": lambda x: x % 2})
def _experimental_group_by_reducer(f, _t):
    reducer = tf.data.experimental.Reducer(lambda key: tf.constant(0, tf.int64), lambda state, x: state + x,
                                           lambda state: state)  # fmt: skip
    return lambda: count_elements(_ds().apply(tf.data.experimental.group_by_reducer(f["key_func"], reducer)))


@probe("tensorflow.nest.map_structure", {"func": lambda x: x * 2})
def _map_structure(f, _t):
    return lambda: tf.nest.map_structure(f["func"], [ELEMENTS])


@probe("tensorflow.map_fn", {"fn": lambda x: x * 2})
def _map_fn(f, _t):
    return lambda: tf.map_fn(f["fn"], ELEMENTS)


@probe("tensorflow.vectorized_map", {"fn": lambda x: x * 2})
def _vectorized_map(f, _t):
    return lambda: tf.vectorized_map(f["fn"], ELEMENTS)


@probe("tensorflow.scan", {"fn": lambda total, x: total + x})
def _tf_scan(f, _t):
    return lambda: tf.scan(f["fn"], ELEMENTS, initializer=0.0)


@probe("tensorflow.foldl", {"fn": lambda total, x: total + x})
def _foldl(f, _t):
    return lambda: tf.foldl(f["fn"], ELEMENTS, initializer=0.0)


@probe("tensorflow.foldr", {"fn": lambda total, x: total + x})
def _foldr(f, _t):
    return lambda: tf.foldr(f["fn"], ELEMENTS, initializer=0.0)


@probe("tensorflow.while_loop", {"cond": lambda i: i < 3, "body": lambda i: (i + 1,)})
def _while_loop(f, _t):
    return lambda: tf.while_loop(f["cond"], f["body"], (tf.constant(0),))


@probe("tensorflow.cond", {"true_fn": lambda: tf.constant(1), "false_fn": lambda: tf.constant(2)}, selects=True)
def _cond(f, target):
    pred = tf.constant(target == "true_fn")
    return lambda: tf.cond(pred, f["true_fn"], f["false_fn"])


@probe("tensorflow.case", {"pred_fn_pairs": lambda: tf.constant(1), "default": lambda: tf.constant(2)}, selects=True)
def _case(f, target):
    pred = tf.constant(target == "pred_fn_pairs")
    return lambda: tf.case([(pred, f["pred_fn_pairs"])], default=f["default"])


@probe("tensorflow.switch_case", {"branch_fns": lambda: tf.constant(1), "default": lambda: tf.constant(2)},
       selects=True)
def _switch_case(f, target):
    index = tf.constant(0 if target == "branch_fns" else 5)
    return lambda: tf.switch_case(index, [f["branch_fns"]], default=f["default"])


@probe("tensorflow.py_function", {"func": lambda x: x * 2})
def _py_function(f, _t):
    return lambda: tf.py_function(f["func"], [ELEMENTS], tf.float32)


@probe("tensorflow.numpy_function", {"func": lambda x: x * 2})
def _numpy_function(f, _t):
    return lambda: tf.numpy_function(f["func"], [ELEMENTS], tf.float32)


@probe("tensorflow.py_func", {"func": lambda x: x * 2})
def _py_func(f, _t):
    return lambda: tf.compat.v1.py_func(f["func"], [ELEMENTS], tf.float32)


def _wrap_then_call(wrapper, target):
    """Wrap the target once (a decorator, a Lambda layer), then each use calls the wrapped callable."""

    def run(f, _t):
        wrapped = wrapper(f[target])
        return lambda: wrapped(ELEMENTS)

    return run


probe("tensorflow.function", {"func": lambda x: x * 2})(_wrap_then_call(tf.function, "func"))
probe("tensorflow.custom_gradient", {"f": lambda x: (x * 2, lambda dy: dy * 2)})(
    _wrap_then_call(tf.custom_gradient, "f")
)
probe("tensorflow.recompute_grad", {"f": lambda x: x * 2})(_wrap_then_call(tf.recompute_grad, "f"))
probe("tensorflow.autograph.experimental.do_not_convert", {"func": lambda x: x * 2})(
    _wrap_then_call(tf.autograph.experimental.do_not_convert, "func")
)
probe("keras.layers.Lambda", {"function": lambda x: x * 2})(_wrap_then_call(keras.layers.Lambda, "function"))


@probe("tensorflow.wrap_function", {"fn": lambda x: x * 2})
def _wrap_function(f, _t):
    def wrap_and_call():
        return tf.compat.v1.wrap_function(f["fn"], [tf.TensorSpec([3], tf.float32)])(ELEMENTS)

    return wrap_and_call


# -- measuring --------------------------------------------------------------------------------------------------


def _in_tf_function(use, autograph=True):
    def caller():
        use()
        return tf.constant(0)

    return tf.function(caller, autograph=autograph)


def _error(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0][:160] if str(error) else ''}"


def count_runs(spec, target, context, selected=True):
    """(runs after the first use, after the second, executing_eagerly() of every run, error)."""
    log: list[bool] = []
    fns = dict(spec["bodies"])
    fns[target] = recording(log, fns[target])
    chosen = target if selected else next((t for t in fns if t != target), target)
    counts = []
    try:
        use = spec["run"](fns, chosen)
        if context == "graph":
            use = _in_tf_function(use)
        for _ in range(2):
            use()
            counts.append(len(log))
    except Exception as error:  # noqa: BLE001 - reported, the test decides
        return {"after_first": None, "after_second": None, "eager": log, "error": _error(error)}
    return {"after_first": counts[0], "after_second": counts[1], "eager": sorted(set(log)), "error": None}


def autograph_runs(spec, target):
    """For each caller, None when the target's Python ``if`` on a tensor worked, else the error."""
    found = {}
    for caller in ("eager", "graph", "graph_no_autograph"):
        fns = dict(spec["bodies"])
        fns[target] = branching(fns[target])
        try:
            use = spec["run"](fns, target)
            if caller != "eager":
                use = _in_tf_function(use, autograph=caller == "graph")
            use()
            found[caller] = None
        except Exception as error:  # noqa: BLE001
            found[caller] = _error(error)
    return found


def nested_def_converted() -> dict[str, bool]:
    """Autograph converts a ``def`` nested in converted code with it, also when it is handed to an entry point
    that does not convert its callables (``tf.while_loop``); a module-level one it does not."""

    @tf.function
    def with_nested_body(x):
        def body(i):
            branchy()  # converted with body, or not at all
            return (i + 1,)

        return tf.while_loop(lambda i: i < 3, body, (x,))

    @tf.function
    def with_module_level_body(x):
        return tf.while_loop(lambda i: i < 3, _module_level_body, (x,))

    found = {}
    for name, function in (("nested_def", with_nested_body), ("module_level_def", with_module_level_body)):
        try:
            function(tf.constant(0))
            found[name] = True
        except Exception:  # noqa: BLE001 - OperatorNotAllowedInGraphError: not converted
            found[name] = False
    return found


def _module_level_body(i):
    branchy()
    return (i + 1,)


def main() -> None:
    only = set(sys.argv[1].split(",")) if len(sys.argv) > 1 else None
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        SCRATCH[:] = [scratch]
        for qualified, spec in PROBES.items():
            if only is not None and qualified not in only:
                continue
            targets = {}
            for target in spec["bodies"]:
                runs = {context: count_runs(spec, target, context) for context in spec["contexts"]}
                if spec["selects"]:
                    runs["graph_untaken"] = count_runs(spec, target, "graph", selected=False)
                    runs["eager_untaken"] = count_runs(spec, target, "eager", selected=False)
                if "graph" in spec["contexts"]:
                    runs["autograph"] = autograph_runs(spec, target)
                targets[target] = runs
            results[qualified] = targets
    versions = {"tensorflow": tf.__version__, "keras": keras.__version__, "python": sys.version.split()[0]}
    facts = {"autograph_of_a_callable_passed_to_tf.while_loop": nested_def_converted()}
    print(json.dumps({"versions": versions, "entry_points": results, "facts": facts}, sort_keys=True))


if __name__ == "__main__":
    main()
