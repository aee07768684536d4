"""``pytest --hybridize-profile``: measure, on the user's own tests, what hybridizing pays.

Before the tests are collected, the functions ``tf-function-opportunity`` would propose are found by
linting the project (``candidates``: the model's answer for that rule, test files excluded), with
the settings its fix would write (an ``input_signature``, ``reduce_retracing=True``). When a module
defining one is imported, its module-level def (or the method of a module-level class) is replaced
by a ``_Profiled`` wrapper, so that ``from train import train_step`` in a test gets it.

The wrapper never changes what the test sees: the eager function runs as before and its result is
returned. Only after it returned, on copies of its inputs, a traced copy (``tf.function`` of the
same Python function, with the fix's settings: the speedup measured is that of the proposed fix)
runs and its outputs are compared and discarded. The TF variables that copy
reads or writes (the concrete function's ``variables``: model weights, optimizer slots, metric
accumulators, random generator states) are first set back to their values before the eager call,
then to their values after it, so the state the test goes on with is the eager call's. The first
eager call is a warm-up (Keras builds optimizer slots); the traced copy is traced after it, and
each later measured call runs it once, timed: a retrace the fix's settings do not avoid (a new
Python number or shape for a bare decorator) is in the time, as in the fixed program. A method is
measured on the first instance it is called on. Anything that fails marks the function ``failed``
and it runs plainly from then on. A Python side effect of the function body runs once more while
tracing: the rule proposes only bodies free of them.

The same wrapper observes (``--hybridize-traces``): it notes the argument kinds of every eager call
of the candidates, and of the functions the rule would propose given an ``input_signature`` the
static facts cannot prove; the trace record holds them as ``eager`` entries (``trace_record``), from
which ``check`` writes the signature (``model.execution.recorded``).

The record (``.hybridize-profile.json`` at the rootdir, or PATH)::

    {"format": "pylint-hybridize-profile", "version": 2, "root": "/abs/project",
     "functions": [{"path": "train.py", "qualname": "train_step", "line": 12, "source_hash": "...",
                    "calls": 5, "eager_seconds": 0.0123, "traced_seconds": 0.0021, "speedup": 5.86,
                    "equal": true, "verdict": "faster", "settings": "", "traces": 1}]}

Version 2 adds ``settings`` (the tf.function arguments the copy ran with, ``""`` bare) and
``traces`` (how many times the copy traced) to measured entries; version 1 records read as before.

``verdict``: ``faster`` (equal outputs and at least ``FASTER`` times faster per call), ``slower``
(equal outputs, not faster), ``different`` (outputs differ), ``failed`` (tracing or running the copy
raised), ``unmeasured`` (called fewer than twice). ``pylint-hybridize check`` shows the evidence of a
``faster`` entry in the finding and drops the finding of a ``slower`` / ``different`` / ``failed`` one.
Importing this module imports neither TensorFlow nor astroid.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import os
import statistics
import sys
import time
from typing import Any

from pylint_hybridize import trace_record

FORMAT = trace_record.PROFILE_FORMAT
VERSION = 2
DEFAULT_FILENAME = trace_record.PROFILE_FILENAME
FASTER = 1.1
"""A traced copy this many times faster per call (median) is ``faster``."""
_MEASURED_CALLS = 5
"""Calls after the warm-up that also run the traced copy; later calls run plainly."""


# -- which functions: what the rule proposes ---------------------------------------------------------
def candidates(root: str, files: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """{absolute path: {qualname: candidate}} of the defs ``tf-function-opportunity`` proposes in
    ``files`` (test files left out), and of those it would propose given an ``input_signature``.
    A candidate: ``line`` (of the def), ``proposed``, and the settings the fix would write:
    ``signature`` (``[[dims, dtype], ...]``, dims None where unknown) or None, ``reduce_retracing``."""
    # pylint: disable=import-outside-toplevel
    import astroid

    from pylint_hybridize.apply import FixError, read_file
    from pylint_hybridize.engine import import_root_on_sys_path, module_name_for
    from pylint_hybridize.model import Settings, TraceModel
    from pylint_hybridize.model.syntax.modules import imports_tensorflow, is_test_file

    found: dict[str, dict[str, dict[str, Any]]] = {}
    for path in files:
        if is_test_file(path):
            continue
        try:
            source = read_file(path)[0]
            with import_root_on_sys_path(path):
                module = astroid.parse(source, module_name=module_name_for(path), path=path)
                model = TraceModel.for_module(module, Settings())
                if not model.hybrids and not imports_tensorflow(module):
                    continue
                proposed = model.tf_function_opportunities()
                for function in model.tf_function_observed():
                    qualname = _qualname_at(source, function.fromlineno)
                    if not qualname:
                        continue
                    signature = model.tf_function_signature(function) if function in proposed else None
                    found.setdefault(os.path.abspath(path), {})[qualname] = {
                        "line": function.lineno, "proposed": function in proposed,
                        "signature": [[list(spec.dims), spec.dtype] for spec in signature] if signature else None,
                        "reduce_retracing": function in proposed
                        and "reduce_retracing=True" in model.tf_function_settings(function),
                    }
        except (FixError, Exception):  # pylint: disable=broad-except  # never break the user's run
            continue
    return found


def _qualname_at(source: str, line: int) -> str | None:
    """``train_step`` / ``Trainer.step`` of the def on ``line`` (module level or in a module-level class)."""
    import ast  # pylint: disable=import-outside-toplevel

    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.lineno == line:
            return node.name
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.lineno == line:
                    return f"{node.name}.{item.name}"
    return None


# -- the wrapper --------------------------------------------------------------------------------------
_ALONE = object()
"""No instance: the wrapper was called as a plain function."""
_MAX_OBSERVED = 200
"""Distinct argument signatures kept per function; more are counted in ``dropped``."""


class _Profiled:  # pylint: disable=too-many-instance-attributes
    """Stands for one eager function; callable like it (a descriptor for methods). ``measure``: time
    it against a traced copy (``--hybridize-profile``); ``observe``: note the argument kinds of each
    call (``--hybridize-traces``: the trace record's ``eager`` entries)."""

    def __init__(self, function: Any, path: str, qualname: str, candidate: dict[str, Any] | None = None,
                 measure: bool = True, observe: bool = False) -> None:
        candidate = candidate or {}
        self.__wrapped__ = function
        self.__name__ = getattr(function, "__name__", qualname)
        self.__qualname__ = qualname
        self.__doc__ = getattr(function, "__doc__", None)
        self.__module__ = getattr(function, "__module__", None)
        self.path, self.qualname = path, qualname
        self.measure, self.observe = measure and candidate.get("proposed", True), observe
        self.signature: list | None = candidate.get("signature")
        self.reduce_retracing = bool(candidate.get("reduce_retracing"))
        self.calls = 0
        self.eager: list[float] = []
        self.traced_times: list[float] = []
        self.equal = True
        self.failure: str | None = None
        self.observed: dict[str, dict[str, Any]] = {}
        self.observed_calls = 0
        self.dropped = 0
        self._traced: Any = None
        self._instance: Any = _ALONE
        self._variables: list[Any] | None = None
        self._busy = False
        self._signature: Any = None

    def __getattr__(self, name: str) -> Any:
        # what the test reads of the function (``__defaults__``, its own attributes) is the function's
        if name.startswith("_Profiled") or name in ("__wrapped__", "__setstate__"):
            raise AttributeError(name)
        return getattr(self.__wrapped__, name)

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        return lambda *args, **kwargs: self._call(instance, args, kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._call(_ALONE, args, kwargs)

    def _call(self, instance: Any, args: tuple, kwargs: dict) -> Any:
        full = args if instance is _ALONE else (instance, *args)
        if self._busy:
            return self.__wrapped__(*full, **kwargs)
        self._busy = True
        try:
            if self.observe:
                self._observe(instance, full, kwargs)
            if not self.measure or self.failure is not None or self.calls > _MEASURED_CALLS:
                return self.__wrapped__(*full, **kwargs)
            return self._measured(instance, args, kwargs)
        finally:
            self._busy = False

    def settings(self) -> str:
        """The ``tf.function`` arguments the traced copy runs with: those the fix writes."""
        return trace_record.settings_text(self.signature, self.reduce_retracing)

    def _observe(self, instance: Any, full: tuple, kwargs: dict) -> None:
        """Note this call's argument kinds (``self`` left out); never raises."""
        import inspect  # pylint: disable=import-outside-toplevel

        self.observed_calls += 1
        try:
            if self._signature is None:
                self._signature = inspect.signature(self.__wrapped__)
            bound = dict(self._signature.bind(*full, **kwargs).arguments)
        except (TypeError, ValueError):
            bound = {**{f"#{i}": a for i, a in enumerate(full)}, **kwargs}
        if instance is not _ALONE and bound:
            bound.pop(next(iter(bound)))
        try:
            described = {}
            for name, value in bound.items():
                described[name] = trace_record.describe(value)
                if hasattr(value, "assign") and hasattr(value, "read_value"):
                    described[name]["variable"] = True  # a TensorSpec would read it: not a tensor argument
            key = json.dumps(described, sort_keys=True)
        except Exception:  # pylint: disable=broad-except  # the observer never breaks a test
            return
        if key in self.observed:
            self.observed[key]["calls"] += 1
        elif len(self.observed) < _MAX_OBSERVED:
            self.observed[key] = {"args": described, "calls": 1}
        else:
            self.dropped += 1

    def _measured(self, instance: Any, args: tuple, kwargs: dict) -> Any:
        full = args if instance is _ALONE else (instance, *args)
        if self._traced is not None and instance is not self._instance:
            return self.__wrapped__(*full, **kwargs)  # another object: its own graph, not measured
        self.calls += 1
        before = self._values() if self._variables is not None else None
        start = time.perf_counter()
        result = self.__wrapped__(*full, **kwargs)  # the user's call, unchanged; exceptions propagate
        elapsed = time.perf_counter() - start
        try:
            self._after(instance, args, kwargs, result, elapsed, before)
        except Exception as error:  # pylint: disable=broad-except  # the profile never breaks a test
            self.failure = f"{type(error).__name__}: {str(error)[:200]}"
        return result

    def _after(self, instance: Any, args: tuple, kwargs: dict, result: Any, elapsed: float,  # noqa: PLR0913
               before: list | None) -> None:
        tf = sys.modules["tensorflow"]
        if self._traced is None:  # the warm-up call: trace a copy now, on copies of its inputs
            target = self.__wrapped__ if instance is _ALONE else self.__wrapped__.__get__(instance)
            options: dict[str, Any] = {}
            if self.signature:
                options["input_signature"] = [tf.TensorSpec(dims, getattr(tf, dtype)) for dims, dtype in self.signature]
            elif self.reduce_retracing:
                options["reduce_retracing"] = True
            self._traced, self._instance = tf.function(target, **options), instance
            try:
                self._traced._pylint_hybridize_copy = True  # the trace recorder leaves the copy out
            except AttributeError:
                pass
            concrete = (self._traced.get_concrete_function() if self.signature
                        else self._traced.get_concrete_function(*_copy(args), **_copy(kwargs)))
            self._variables = list(concrete.variables)
            return
        after = self._values()
        self._assign(before)
        try:
            # one run per eager call, as the fixed program makes: a retrace its settings do not avoid
            # (a new Python number, a new shape) is part of the time
            start = time.perf_counter()
            outputs = self._traced(*_copy(args), **_copy(kwargs))
            traced = time.perf_counter() - start
        finally:
            self._assign(after)
        self.eager.append(elapsed)
        self.traced_times.append(traced)
        self.equal = self.equal and _same(tf, result, outputs)

    def _values(self) -> list[Any]:
        import numpy  # pylint: disable=import-outside-toplevel  # TF is loaded, so is NumPy

        # copies: a tensor read from a variable may share its buffer, which an assign then changes
        return [numpy.array(variable.numpy(), copy=True) for variable in self._variables or ()]

    def _assign(self, values: list[Any] | None) -> None:
        for variable, value in zip(self._variables or (), values or ()):
            variable.assign(value)

    def _where(self, root: str) -> dict[str, Any] | None:
        span = _span(self.path, self.qualname)
        if span is None:
            return None
        lines, first, last = span
        relative = os.path.relpath(self.path, root)
        return {"path": self.path if relative.startswith("..") else relative.replace(os.sep, "/"),
                "qualname": self.qualname, "line": first, "source_hash": trace_record.source_hash(lines, first, last)}

    def observation(self, root: str) -> dict[str, Any] | None:
        """The trace record's ``eager`` entry (see ``trace_record``), or None when never called."""
        where = self._where(root) if self.observed else None
        if where is None:
            return None
        return {**where, "module": self.__module__ or "", "kind": "eager", "calls": self.observed_calls,
                "objects": 1, "dropped": self.dropped, "traces": [], "observed": list(self.observed.values())}

    def entry(self, root: str) -> dict[str, Any] | None:
        entry = self._where(root)
        if entry is None:
            return None
        entry["calls"] = self.calls
        if self.failure is not None:
            return {**entry, "verdict": "failed", "error": self.failure}
        if not self.eager:
            return {**entry, "verdict": "unmeasured"}
        eager, traced = statistics.median(self.eager), statistics.median(self.traced_times)
        speedup = eager / traced if traced > 0 else float("inf")
        verdict = "different" if not self.equal else "faster" if speedup >= FASTER else "slower"
        return {**entry, "eager_seconds": round(eager, 6), "traced_seconds": round(traced, 6),
                "speedup": round(speedup, 2), "equal": self.equal, "verdict": verdict,
                "settings": self.settings(), "traces": int(self._traced.experimental_get_tracing_count())}


def _copy(value: Any, depth: int = 0) -> Any:
    """A copy of an argument the traced copy may not change: NumPy arrays and Python containers are
    copied; tensors are immutable; any other object (a model, a variable) is the same object."""
    if depth > 4:
        return value
    if isinstance(value, dict):
        return {key: _copy(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple)) and type(value) in (list, tuple):
        return type(value)(_copy(item, depth + 1) for item in value)
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.ndarray):
        return value.copy()
    return value


def _same(tf: Any, eager: Any, traced: Any) -> bool:
    """Equal structure and values (``numpy.allclose``, rtol 1e-5, atol 1e-6; NaN equal to NaN)."""
    import numpy  # pylint: disable=import-outside-toplevel  # TF is loaded, so is NumPy

    try:
        flat_eager, flat_traced = tf.nest.flatten(eager), tf.nest.flatten(traced)
    except (TypeError, ValueError):
        return False
    if len(flat_eager) != len(flat_traced):
        return False
    for left, right in zip(flat_eager, flat_traced):
        left = left.numpy() if hasattr(left, "numpy") else left
        right = right.numpy() if hasattr(right, "numpy") else right
        try:
            if not numpy.allclose(numpy.asarray(left), numpy.asarray(right), rtol=1e-5, atol=1e-6, equal_nan=True):
                return False
        except (TypeError, ValueError):
            if left != right:
                return False
    return True


def _span(path: str, qualname: str) -> tuple[list[str], int, int] | None:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return None
    for name, spans in trace_record.definition_spans(text).items():
        if name == qualname and spans:
            first, last = spans[0]
            return text.splitlines(), first, last
    return None


# -- installing the wrappers ----------------------------------------------------------------------------
class Profiler(importlib.abc.MetaPathFinder):
    """Wraps the candidates of each module as it is imported (and of those imported already):
    ``measure`` the proposed ones (``--hybridize-profile``), ``observe`` the calls of every one
    (``--hybridize-traces``)."""

    def __init__(self, root: str, wanted: dict[str, dict[str, Any]], measure: bool = True, observe: bool = False) -> None:
        self.root = os.path.abspath(root)
        self.wanted = {os.path.realpath(path): names for path, names in wanted.items()}
        self.measure, self.observe = measure, observe
        self.profiled: list[_Profiled] = []

    def start(self) -> None:
        sys.meta_path.insert(0, self)
        for module in list(sys.modules.values()):
            self._wrap(module)

    def stop(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not spec.origin or os.path.realpath(spec.origin) not in self.wanted:
            return None
        loader, profiler = spec.loader, self

        class _Loader(importlib.abc.Loader):
            def create_module(self, spec: Any) -> Any:  # pylint: disable=redefined-outer-name
                return loader.create_module(spec)

            def exec_module(self, module: Any) -> None:
                loader.exec_module(module)
                profiler._wrap(module)

        spec.loader = _Loader()
        return spec

    def _wrap(self, module: Any) -> None:
        origin = getattr(module, "__file__", None)
        names = self.wanted.get(os.path.realpath(origin)) if origin else None
        if not names:
            return
        for qualname, candidate in names.items():
            holder, _, attribute = qualname.rpartition(".")
            owner = getattr(module, holder, None) if holder else module
            function = getattr(owner, attribute, None) if owner is not None else None
            if function is None or isinstance(function, _Profiled) or not hasattr(function, "__code__"):
                continue
            if holder and isinstance(vars(owner).get(attribute), (staticmethod, classmethod)):
                continue  # the wrapper binds an instance as ``self``
            profiled = _Profiled(function, os.path.realpath(origin), qualname,
                                 candidate if isinstance(candidate, dict) else None, self.measure, self.observe)
            setattr(owner, attribute, profiled)
            self.profiled.append(profiled)

    def record(self) -> dict[str, Any]:
        entries = [entry for entry in (p.entry(self.root) for p in self.profiled if p.measure) if entry is not None]
        return {"format": FORMAT, "version": VERSION, "root": self.root,
                "functions": sorted(entries, key=lambda e: (e["path"], e["line"]))}

    def observations(self) -> list[dict[str, Any]]:
        """The trace record's ``eager`` entries: the argument kinds of every observed call."""
        return [entry for entry in (p.observation(self.root) for p in self.profiled if p.observe) if entry is not None]
