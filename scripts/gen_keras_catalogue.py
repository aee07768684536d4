"""Measure what every public Keras layer, loss, metric and optimizer class does with variables, and write
``pylint_hybridize/model/catalogue/keras_classes.py`` (the catalogue ``keras-object-created-in-traced-code`` reads).

    python scripts/gen_keras_catalogue.py                       # measure Keras 3 and tf_keras, rewrite the module
    python scripts/gen_keras_catalogue.py --measure 3 [--only keras.layers.Dropout,...]
                                                                # one Keras's records as JSON on stdout
    python scripts/gen_keras_catalogue.py --rerender            # rewrite the module from its own data (layout)

Each Keras is measured in its own subprocess: Keras 3 is ``import keras``; tf_keras is ``import tf_keras`` with
``TF_USE_LEGACY_KERAS=1`` (what ``tf.keras`` then means). For every public class of ``keras.layers``,
``keras.losses``, ``keras.metrics`` and ``keras.optimizers`` the worker

1. constructs it eagerly with its defaults (required parameters get the minimal values of ``MINIMAL`` /
   ``OVERRIDES``) under a ``tf.variable_creator_scope``: the names of the tf.Variables the constructor creates;
2. constructs it inside a ``tf.function``: ``ok``, or the exception TF raises (a constructor variable gives the
   singleton-tf.Variable ``ValueError``);
3. uses it once eagerly on the first generic input that works (``PROBES``: a layer is called, with
   ``training=True`` when ``call`` takes it; a loss is called on ``(y_true, y_pred)``; a metric gets
   ``update_state`` and ``result``; an optimizer applies a gradient to a fresh variable ``w``): the variables
   that first use creates (a layer's build, an optimizer's slots). No input works: ``None`` (unknown);
4. for every constructor parameter whose value is a Python number or bool: constructs the class with a
   ``tf.Variable`` holding that same value, and uses it once inside a ``tf.function`` (autograph on, as a
   user's would be): ``tensor_ok`` when that works, ``python_only`` when the constructor or the traced use
   raises (the evidence names the phase and the exception), ``unknown`` when the class has no generic use that
   works in a tf.function with the Python value itself.

Unknown stays unknown: the linter is silent on it.
"""

from __future__ import annotations

import argparse
import datetime
import inspect
import json
import os
import platform
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "pylint_hybridize" / "model" / "catalogue" / "keras_classes.py"
MODULES = ("layers", "losses", "metrics", "optimizers")
FLAVOURS = {"3": "Keras 3 (import keras)", "2": "tf_keras (import tf_keras; TF_USE_LEGACY_KERAS=1)"}
COMMAND = "python scripts/gen_keras_catalogue.py"
PER_CLASS_SECONDS = 120

# -- the worker (imports TensorFlow) --------------------------------------------------------------------------


def _worker_env(flavour: str) -> dict[str, str]:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="", PYTHONHASHSEED="0")
    env.pop("TF_USE_LEGACY_KERAS", None)
    if flavour == "2":
        env["TF_USE_LEGACY_KERAS"] = "1"
    return env


class MeasurementTimeout(Exception):
    def __str__(self) -> str:
        return f"more than {PER_CLASS_SECONDS} s"


def _on_alarm(_signum, _frame):
    raise MeasurementTimeout()


def _unmeasured(note: str | None, parameters: list[str] | None = None) -> dict:
    """A record with nothing measured yet (``note``: why)."""
    return {"parameters": parameters or [], "constructed_as": None, "constructor_variables": None,
            "traced_construction": None, "probe": None, "call_variables": None, "arguments": {}, "note": note}


class Worker:
    """Measures one Keras's classes in this process."""

    def __init__(self, flavour: str) -> None:
        import logging
        import warnings

        warnings.filterwarnings("ignore")
        logging.disable(logging.WARNING)
        import tensorflow as tf

        if flavour == "2":
            import tf_keras as keras
        else:
            import keras
        tf.get_logger().setLevel("ERROR")
        tf.autograph.set_verbosity(0)
        self.tf = tf
        self.keras = keras
        self.flavour = flavour
        self.made: list[str] = []

    # -- what exists ----------------------------------------------------------------------------------------
    def classes(self) -> dict[str, type]:
        """Canonical qualified name (``keras.layers.Dense``: what ``names.qualified_name`` gives for
        ``tf.keras.layers.Dense`` and ``tf_keras.layers.Dense`` too) -> class."""
        found = {}
        for module in MODULES:
            namespace = getattr(self.keras, module)
            for name in sorted(dir(namespace)):
                value = getattr(namespace, name)
                if not name.startswith("_") and inspect.isclass(value):
                    found[f"keras.{module}.{name}"] = value
        return found

    def versions(self) -> dict[str, str]:
        import numpy

        keras_name = "tf_keras" if self.flavour == "2" else "keras"
        return {
            "tensorflow": self.tf.__version__,
            keras_name: self.keras.__version__,
            "numpy": numpy.__version__,
            "python": platform.python_version(),
        }

    # -- variable capture -----------------------------------------------------------------------------------
    def _creator(self, next_creator, **kwargs):
        name = kwargs.get("name")
        self.made.append(str(name) if name is not None else "<unnamed>")
        return next_creator(**kwargs)

    def capture(self, action):
        """(result, names of the tf.Variables ``action()`` created, each once, in creation order)."""
        self.made = []
        with self.tf.variable_creator_scope(self._creator):
            result = action()
        return result, list(dict.fromkeys(self.made))

    # -- constructor arguments ------------------------------------------------------------------------------
    def minimal(self) -> dict[str, object]:
        """Values for required parameters, by name (callables make fresh objects)."""
        keras = self.keras

        def squared_error(y_true, y_pred):
            return (y_true - y_pred) ** 2

        def identity(x):
            return x

        return {
            "units": 4, "rate": 0.5, "filters": 2, "kernel_size": 2, "pool_size": 2, "output_size": 2,
            "stddev": 0.1, "input_dim": 5, "output_dim": 3, "num_heads": 2, "key_dim": 2, "head_dim": 2,
            "num_query_heads": 2, "num_key_value_heads": 1, "target_shape": (-1,), "dims": (1,), "n": 2,
            "axes": 1, "height": 4, "width": 4, "factor": 0.1, "height_factor": 0.1, "width_factor": 0.1,
            "scale": 1 / 255, "num_bins": 4, "max_number": 2, "num_classes": 3, "target_class_ids": [0],
            "recall": 0.5, "precision": 0.5, "specificity": 0.5, "sensitivity": 0.5, "activation": "relu",
            "equation": "ab,bc->ac", "output_shape": 4, "normalizer": 1.0, "cells": [], "layers": [],
            "function": lambda: identity, "fn": lambda: squared_error,
            "cell": lambda: keras.layers.SimpleRNNCell(2), "layer": lambda: keras.layers.Dense(4),
            "inner_optimizer": lambda: keras.optimizers.SGD(),
            "default_optimizer": lambda: keras.optimizers.SGD(),
            "optimizer_map": lambda: keras.optimizers.OptimizerMap(keras.optimizers.SGD()),
        }  # fmt: skip

    def overrides(self) -> dict[str, dict[str, object]]:
        """Class-specific constructor values: without them no generic input works (a vocabulary, a shape)."""
        keras = self.keras
        input_layer = {"input_shape": (4,)} if self.flavour == "2" else {"shape": (4,)}
        optimizer_name = {"name": "optimizer"} if self.flavour == "2" else {}  # tf_keras's base requires one
        return {
            "keras.layers.Bidirectional": {"layer": lambda: keras.layers.LSTM(2)},
            "keras.layers.CategoryEncoding": {"num_tokens": 4},
            "keras.layers.IntegerLookup": {"vocabulary": [1, 2, 3]},
            "keras.layers.StringLookup": {"vocabulary": ["a", "b"]},
            "keras.layers.TextVectorization": {"vocabulary": ["a", "b"]},
            "keras.layers.Normalization": {"mean": 0.0, "variance": 1.0},
            "keras.layers.GroupNormalization": {"groups": 2},
            "keras.layers.Discretization": {"bin_boundaries": [0.0]},
            "keras.layers.InputLayer": input_layer,
            "keras.layers.Pipeline": {"layers": lambda: [keras.layers.Identity()]},
            "keras.layers.RandomPosterization": {"factor": 4},  # bits: an int in [1, 8]
            "keras.optimizers.Optimizer": {"learning_rate": 0.01, **optimizer_name},
        }

    def arguments(self, qualified: str, cls: type) -> tuple[dict[str, object], list[str], str | None]:
        """(constructor keyword arguments, the constructor's parameter names in order, why not constructible)."""
        try:
            signature = inspect.signature(cls.__init__)
        except (TypeError, ValueError):
            return {}, [], "no signature"
        parameters = [
            p for p in list(signature.parameters.values())[1:]
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        ]  # fmt: skip
        minimal, overrides = self.minimal(), self.overrides().get(qualified, {})
        chosen: dict[str, object] = {}
        for parameter in parameters:
            if parameter.name in overrides:
                chosen[parameter.name] = overrides[parameter.name]
            elif parameter.default is parameter.empty:
                if parameter.name not in minimal:
                    return {}, [p.name for p in parameters], f"no minimal value for required '{parameter.name}'"
                chosen[parameter.name] = minimal[parameter.name]
        for name, value in overrides.items():  # keywords passed on through **kwargs
            chosen.setdefault(name, value)
        return chosen, [p.name for p in parameters], None

    @staticmethod
    def fresh(chosen: dict[str, object]) -> dict[str, object]:
        return {k: (v() if callable(v) else v) for k, v in chosen.items()}

    @staticmethod
    def spelled(cls: type, chosen: dict[str, object]) -> str:
        def show(value):
            if callable(value):
                made = value()
                return getattr(made, "__name__", None) or f"{type(made).__name__}(...)"
            return repr(value)

        return f"{cls.__name__}({', '.join(f'{k}={show(v)}' for k, v in chosen.items())})"

    # -- generic uses ---------------------------------------------------------------------------------------
    def probes(self, kind: str, obj) -> list[tuple[str, object]]:
        """(description, make, use) candidates for one object, in the order tried: ``make()`` builds the
        inputs eagerly (outside what is measured), ``use(obj, inputs)`` is the use measured."""
        tf = self.tf

        def floats(*shape):
            size = 1
            for s in shape:
                size *= s
            return tf.reshape(tf.range(size, dtype=tf.float32) / float(size), shape)

        if kind == "layers":
            return self._layer_probes(obj, floats)
        one_hot = tf.one_hot([0, 1, 2, 1], 3)
        probabilities = tf.nn.softmax(floats(4, 3))
        labels = tf.constant([0, 1, 2, 1])
        binary, binary_p = tf.constant([[0.0], [1.0], [1.0], [0.0]]), tf.constant([[0.2], [0.7], [0.6], [0.1]])
        pairs = [
            ("y_true=float32[4,3] one-hot, y_pred=float32[4,3] probabilities", (one_hot, probabilities)),
            ("y_true=int32[4] labels, y_pred=float32[4,3] probabilities", (labels, probabilities)),
            ("y_true=float32[4,1] 0/1, y_pred=float32[4,1] probabilities", (binary, binary_p)),
            ("y_true=int32[4] labels, y_pred=int32[4] labels", (labels, tf.constant([0, 1, 1, 1]))),
        ]
        if kind == "losses":
            ctc = (tf.constant([[1, 2, 1], [2, 1, 2]]), tf.nn.softmax(floats(2, 5, 4)))
            pairs.append(("y_true=int32[2,3] labels, y_pred=float32[2,5,4] probabilities", ctc))
            return [(d, lambda a=a: a, lambda o, a: o(*a)) for d, a in pairs]
        if kind == "metrics":
            pairs.insert(0, ("values=float32[4]", (floats(4),)))

            def update(o, a):
                o.update_state(*a)
                return o.result()

            return [(f"update_state({d}), result()", lambda a=a: a, update) for d, a in pairs]
        gradient = tf.constant([0.1, 0.2])

        def apply(o, w):
            return o.apply_gradients([(gradient, w)])

        probes = [("apply_gradients([(float32[2] gradient, w)]), w a fresh tf.Variable", self._probe_variable, apply)]
        if self.flavour == "3":  # MultiOptimizer needs Keras variables (their .path)
            probes.append(("apply_gradients([(float32[2] gradient, w)]), w a fresh keras.Variable",
                           lambda: self.keras.Variable([1.0, 2.0], name="w"), apply))
        return probes

    def _probe_variable(self):
        return self.tf.Variable([1.0, 2.0], name="w")

    def _layer_probes(self, obj, floats) -> list[tuple[str, object]]:
        tf = self.tf
        call = getattr(obj, "call", None)
        try:
            takes_training = call is not None and "training" in inspect.signature(call).parameters
        except (TypeError, ValueError):
            takes_training = False
        extra = {"training": True} if takes_training else {}
        suffix = ", training=True" if takes_training else ""
        candidates: list[tuple[str, tuple]] = [
            ("float32[2,4]", (floats(2, 4),)),
            ("float32[2,3,4]", (floats(2, 3, 4),)),
            ("float32[2,8,8,3]", (floats(2, 8, 8, 3),)),
            ("float32[2,4,4,4,3]", (floats(2, 4, 4, 4, 3),)),
            ("float32[2,2,4,4,4,3]", (floats(2, 2, 4, 4, 4, 3),)),
            ("[float32[2,4], float32[2,4]]", ([floats(2, 4), floats(2, 4)],)),
            ("[float32[2,3,4], float32[2,3,4]]", ([floats(2, 3, 4), floats(2, 3, 4)],)),
            ("float32[2,3,4], float32[2,3,4] (query, value)", (floats(2, 3, 4), floats(2, 3, 4))),
            ("int32[2,3] in [0,3]", (tf.constant([[0, 1, 2], [3, 2, 1]]),)),
            ("[int32[2], int32[2]]", ([tf.constant([1, 2]), tf.constant([3, 4])],)),
            ("string[2,3]", (tf.constant([["a", "b", "c"], ["b", "a", "a"]]),)),
            ("string[2]", (tf.constant(["a b", "b c"]),)),
            ("float32[2,1600] (audio)", (floats(2, 1600),)),
        ]
        try:
            state_size = getattr(obj, "state_size", None)
        except Exception:  # noqa: BLE001 - an abstract cell's property raises
            state_size = None
        if state_size is not None:  # an RNN cell: call(inputs, states)
            sizes = list(state_size) if isinstance(state_size, (list, tuple)) else [state_size]
            try:
                states = [tf.zeros((2, int(s))) for s in sizes]
                candidates.insert(0, (f"float32[2,4], states={len(states)} x zeros[2,units]", (floats(2, 4), states)))
            except Exception:  # noqa: BLE001 - a state size that is not a plain width (ConvLSTM cells)
                pass
        return [
            (f"x={d}{suffix}" if not d.startswith("[") else f"inputs={d}{suffix}", lambda a=a: a,
             lambda o, a: o(*a, **extra))
            for d, a in candidates
        ]

    # -- one class ------------------------------------------------------------------------------------------
    def measure(self, qualified: str, cls: type) -> dict:
        kind = qualified.split(".")[1]
        chosen, parameters, problem = self.arguments(qualified, cls)
        record = _unmeasured(problem, parameters)
        if problem is not None:
            return record
        record["constructed_as"] = self.spelled(cls, chosen)
        arguments = self.fresh(chosen)  # made outside the capture: an inner layer's variables are not ours
        try:
            _obj, made = self.capture(lambda: cls(**arguments))
        except Exception as error:  # noqa: BLE001 - any failure: the constructor is not measured
            record["note"] = f"constructor raised {type(error).__name__}"
            return record
        record["constructor_variables"] = made
        record["traced_construction"] = self.traced_construction(cls, chosen)
        probe = self.find_probe(kind, cls, chosen)
        if probe is None:
            record["note"] = "no generic input works eagerly"
            numeric = self.numeric_parameters(cls, chosen)
            record["arguments"] = {p: ("unknown", "no generic use") for p in numeric}
            return record
        description, make, use, made_on_call, graph_ok = probe
        record["probe"] = description
        record["call_variables"] = made_on_call
        record["arguments"] = self.argument_verdicts(cls, chosen, make, use, graph_ok)
        return record

    def traced_construction(self, cls, chosen) -> str:
        tf = self.tf
        arguments = self.fresh(chosen)

        def construct():
            cls(**arguments)
            return tf.constant(0)

        try:
            tf.function(construct)()
        except Exception as error:  # noqa: BLE001
            return f"raises {type(error).__name__}"
        return "ok"

    def find_probe(self, kind, cls, chosen):
        """(description, make, use, variables the first eager use created, the use works in a tf.function) of
        the first generic use that works eagerly; preferring one that also works in a tf.function."""
        first_eager = None
        template = cls(**self.fresh(chosen))
        for description, make, use in self.probes(kind, template):
            try:
                obj, inputs = cls(**self.fresh(chosen)), make()
                _result, made = self.capture(lambda: use(obj, inputs))
            except Exception:  # noqa: BLE001 - the next generic input
                continue
            if self.works_in_graph(cls, chosen, make, use) is None:
                return description, make, use, made, True
            first_eager = first_eager or (description, make, use, made, False)
        return first_eager

    def works_in_graph(self, cls, chosen, make, use, replace=None) -> str | None:
        """None when a fresh object (``replace``: a constructor argument swapped) is used once inside a
        tf.function without error; else where it failed and how."""
        tf = self.tf
        arguments = self.fresh(chosen)
        if replace is not None:
            arguments.update(replace)
        try:
            obj = cls(**arguments)
        except Exception as error:  # noqa: BLE001
            return f"constructor: {type(error).__name__}"
        inputs = make()

        def traced_use():
            use(obj, inputs)
            return tf.constant(0)

        try:
            tf.function(traced_use)()
        except Exception as error:  # noqa: BLE001
            return f"traced use: {type(error).__name__}"
        return None

    @staticmethod
    def numeric_parameters(cls, chosen) -> dict[str, object]:
        try:
            parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
        except (TypeError, ValueError):
            return {}
        found = {}
        for parameter in parameters:
            if parameter.kind not in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY):
                continue
            value = chosen.get(parameter.name, parameter.default)
            if type(value) in (bool, int, float):
                found[parameter.name] = value
        return found

    def argument_verdicts(self, cls, chosen, make, use, graph_ok) -> dict[str, tuple[str, str]]:
        tf = self.tf
        verdicts = {}
        for name, value in self.numeric_parameters(cls, chosen).items():
            if not graph_ok:
                verdicts[name] = ("unknown", "no generic use works in a tf.function with Python values")
                continue
            dtype = {bool: tf.bool, int: tf.int32, float: tf.float32}[type(value)]
            failure = self.works_in_graph(cls, chosen, make, use, {name: tf.Variable(value, dtype=dtype)})
            verdicts[name] = ("tensor_ok", "works in a tf.function") if failure is None else ("python_only", failure)
        return verdicts

    def run(self, only: list[str] | None) -> dict:
        """Every class measured once, under its canonical name (the one spelled like the class); the other
        names of it are aliases. ``only``: those names' classes alone."""
        classes = self.classes()
        spellings: dict[type, list[str]] = {}
        for qualified, cls in classes.items():
            spellings.setdefault(cls, []).append(qualified)
        canonical = {
            cls: next((q for q in names if q.rsplit(".", 1)[1] == cls.__name__), min(names))
            for cls, names in spellings.items()
        }
        aliases = {q: canonical[cls] for q, cls in classes.items() if canonical[cls] != q}
        wanted = {canonical[classes[q]] for q in (only if only is not None else classes) if q in classes}
        records = {}
        signal.signal(signal.SIGALRM, _on_alarm)
        for qualified in sorted(wanted):
            signal.alarm(PER_CLASS_SECONDS)
            try:
                records[qualified] = self.measure(qualified, classes[qualified])
            except Exception as error:  # noqa: BLE001 - a timeout, or a failure outside the guarded steps
                records[qualified] = _unmeasured(f"measurement failed: {type(error).__name__}")
            finally:
                signal.alarm(0)
            print(f"[{self.flavour}] {qualified}", file=sys.stderr, flush=True)
        if only is not None:
            aliases = {q: c for q, c in aliases.items() if q in only}
        return {"versions": self.versions(), "classes": records, "aliases": aliases}


# -- the generated module ------------------------------------------------------------------------------------

def measure(flavour: str, only: list[str] | None = None) -> dict:
    """One Keras's measurements, from a worker subprocess."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", flavour]
    if only:
        command += ["--only", ",".join(only)]
    result = subprocess.run(command, capture_output=True, text=True, env=_worker_env(flavour), check=False)
    if result.returncode != 0:
        raise RuntimeError(f"measuring Keras {flavour} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def record_literal(record: dict) -> dict:
    """A measured record (JSON) as the module stores it: tuples for the name lists, verdict pairs."""
    def names(value):
        return None if value is None else tuple(value)

    return {
        "parameters": tuple(record["parameters"]),
        "constructed_as": record["constructed_as"],
        "constructor_variables": names(record["constructor_variables"]),
        "traced_construction": record["traced_construction"],
        "probe": record["probe"],
        "call_variables": names(record["call_variables"]),
        "arguments": {k: tuple(v) for k, v in sorted(record["arguments"].items())},
        "note": record["note"],
    }


WIDTH = 120


def _wrapped(prefix: str, items: tuple, indent: str) -> list[str]:
    """``prefix (item, item, ...),`` on as many lines of at most WIDTH characters as it needs."""
    one_line = f"{prefix}{items!r},"
    if len(one_line) <= WIDTH:
        return [one_line]
    lines, current = [f"{prefix}("], indent + "    "
    for item in items:
        piece = f"{item!r}, "
        if len(current) + len(piece.rstrip()) > WIDTH:
            lines.append(current.rstrip())
            current = indent + "    "
        current += piece
    lines += [current.rstrip(), f"{indent}),"]
    return lines


def _render_record(qualified: str, record: dict) -> list[str]:
    lines = [f"    {qualified!r}: {{"]
    for key, value in record.items():
        if key == "arguments" and value:
            lines.append(f"        {key!r}: {{")
            lines += [f"            {name!r}: {verdict!r}," for name, verdict in value.items()]
            lines.append("        },")
        elif isinstance(value, tuple):
            lines += _wrapped(f"        {key!r}: ", value, "        ")
        else:
            lines.append(f"        {key!r}: {value!r},")
    lines.append("    },")
    return lines


def render(measured: dict[str, dict], date: str) -> str:
    """The text of ``keras_classes.py`` for the measurements of both Keras (``{"3": ..., "2": ...}``)."""
    versions = {flavour: measured[flavour]["versions"] for flavour in FLAVOURS}
    out = [
        '"""Keras classes measured under TensorFlow: which create variables, when, and which constructor',
        "arguments must be Python values. The tables are GENERATED: do not edit them; regenerate with",
        "",
        f"    {COMMAND}",
        "",
        f"Measured {date}:",
        *(f"- {FLAVOURS[f]}: " + ", ".join(f"{k} {v}" for k, v in versions[f].items()) + ";" for f in FLAVOURS),
        "",
        "Keys are the canonical names ``names.qualified_name`` gives (``tf.keras.layers.Dense``,",
        "``tf_keras.layers.Dense`` and ``keras.layers.Dense`` are all ``keras.layers.Dense``); ``KERAS_3`` holds",
        "Keras 3's answers, ``TF_KERAS`` tf_keras's (``import tf_keras``, or ``tf.keras`` under",
        "``TF_USE_LEGACY_KERAS=1``). A record:",
        "",
        "- ``parameters``: the constructor's named parameters, in order (to bind positional arguments);",
        "- ``constructed_as``: the construction measured (defaults, minimal values for required parameters);",
        "- ``constructor_variables``: names of the tf.Variables that construction created (None: not measured);",
        "- ``traced_construction``: constructing it inside a tf.function: ``ok`` or ``raises <Error>``;",
        "- ``probe``: the generic first use measured (a layer call, a loss call, a metric's update_state and",
        "  result, an optimizer's apply_gradients); ``call_variables``: the variables that first use created",
        "  (None: no generic use worked: unknown);",
        "- ``arguments``: for each parameter holding a Python number or bool, ``(verdict, evidence)``:",
        "  ``tensor_ok`` (a tf.Variable in its place works when the object is used in a tf.function),",
        "  ``python_only`` (the constructor or that traced use raises), ``unknown``;",
        "- ``note``: why something is unknown.",
        "",
        "The reader API at the end is hand-written; the generator keeps it.",
        '"""',
        "",
        "# fmt: off",
        "from __future__ import annotations",
        "",
        f"MEASURED_ON = {date!r}",
        f"COMMAND = {COMMAND!r}",
        "VERSIONS = {",
        *(f"    {f!r}: {versions[f]!r}," for f in FLAVOURS),
        "}",
    ]
    for flavour, variable in (("3", "KERAS_3"), ("2", "TF_KERAS")):
        classes = measured[flavour]["classes"]
        out += ["", f"# {FLAVOURS[flavour]}", f"{variable} = {{"]
        for qualified in sorted(classes):
            out += _render_record(qualified, record_literal(classes[qualified]))
        out.append("}")
        aliases = measured[flavour]["aliases"]
        out += [f"{variable}_ALIASES = {{", *(f"    {k!r}: {aliases[k]!r}," for k in sorted(aliases)), "}"]
    out += ["", "", reader_api()]
    return "\n".join(out)


READER_API_MARKER = "# -- reader API"


def reader_api() -> str:
    """The hand-written end of the module, from ``READER_API_MARKER`` on: the generator keeps it as it is."""
    text = OUTPUT.read_text(encoding="utf-8")
    start = text.find("\n" + READER_API_MARKER)
    if start < 0:
        raise SystemExit(f"{OUTPUT}: no line starting with {READER_API_MARKER!r} (the reader API) to keep")
    return text[start + 1:]


def checked_in() -> tuple[dict[str, dict], str]:
    """The measurements ``keras_classes.py`` holds, as ``render`` takes them, and their date."""
    sys.path.insert(0, str(REPO))
    from pylint_hybridize.model.catalogue import keras_classes  # noqa: PLC0415 - the generated module, no TF

    tables = {"3": (keras_classes.KERAS_3, keras_classes.KERAS_3_ALIASES),
              "2": (keras_classes.TF_KERAS, keras_classes.TF_KERAS_ALIASES)}  # fmt: skip
    measured = {
        flavour: {"versions": keras_classes.VERSIONS[flavour], "classes": classes, "aliases": aliases}
        for flavour, (classes, aliases) in tables.items()
    }
    return measured, keras_classes.MEASURED_ON


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measure", choices=sorted(FLAVOURS), help="worker: print one Keras's records as JSON")
    parser.add_argument("--only", help="comma-separated qualified names (keras.layers.Dropout,...)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--rerender", action="store_true", help="rewrite the module from its own data (no TF)")
    options = parser.parse_args(argv)
    only = options.only.split(",") if options.only else None
    if options.measure:
        result = Worker(options.measure).run(only)
        print(json.dumps(result, sort_keys=True))
        return 0
    if options.rerender:
        text = render(*checked_in())
    else:
        measured = {flavour: measure(flavour, only) for flavour in FLAVOURS}
        text = render(measured, datetime.date.today().isoformat())
    options.output.write_text(text, encoding="utf-8")
    print(f"wrote {options.output.relative_to(REPO) if options.output.is_relative_to(REPO) else options.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
