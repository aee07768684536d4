"""``pytest --hybridize-profile``: measure, on the user's own tests, what hybridizing pays.

Before the tests are collected, the functions ``tf-function-opportunity`` would propose are found by
linting the project (``candidates``: the engine with that rule alone, test files excluded). When a
module defining one is imported, its module-level def (or the method of a module-level class) is
replaced by a ``_Profiled`` wrapper, so that ``from train import train_step`` in a test gets it.

The wrapper never changes what the test sees: the eager function runs as before and its result is
returned. Only after it returned, on copies of its inputs, a traced copy (``tf.function`` of the
same Python function) runs and its outputs are compared and discarded. The TF variables that copy
reads or writes (the concrete function's ``variables``: model weights, optimizer slots, metric
accumulators, random generator states) are first set back to their values before the eager call,
then to their values after it, so the state the test goes on with is the eager call's. The first
eager call is a warm-up (Keras builds optimizer slots); the traced copy is traced after it, and
timed from its second run. Anything that fails marks the function ``failed`` and it runs plainly
from then on. A Python side effect of the function body runs once more while tracing: the rule
proposes only bodies free of them.

The record (``.hybridize-profile.json`` at the rootdir, or PATH)::

    {"format": "pylint-hybridize-profile", "version": 1, "root": "/abs/project",
     "functions": [{"path": "train.py", "qualname": "train_step", "line": 12, "source_hash": "...",
                    "calls": 5, "eager_seconds": 0.0123, "traced_seconds": 0.0021, "speedup": 5.86,
                    "equal": true, "verdict": "faster"}]}

``verdict``: ``faster`` (equal outputs and at least ``FASTER`` times faster per call), ``slower``
(equal outputs, not faster), ``different`` (outputs differ), ``failed`` (tracing or running the copy
raised), ``unmeasured`` (called fewer than twice). ``pylint-hybridize check`` shows the evidence of a
``faster`` entry in the finding and drops the finding of a ``slower`` / ``different`` / ``failed`` one.
Importing this module imports neither TensorFlow nor astroid.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import statistics
import sys
import time
from typing import Any

from pylint_hybridize import trace_record

FORMAT = trace_record.PROFILE_FORMAT
VERSION = 1
DEFAULT_FILENAME = trace_record.PROFILE_FILENAME
FASTER = 1.1
"""A traced copy this many times faster per call (median) is ``faster``."""
_MEASURED_CALLS = 5
"""Calls after the warm-up that also run the traced copy; later calls run plainly."""


# -- which functions: what the rule proposes ---------------------------------------------------------
def candidates(root: str, files: list[str]) -> dict[str, dict[str, int]]:
    """{absolute path: {qualname: first line}} of the defs ``tf-function-opportunity`` reports in
    ``files`` (test files left out)."""
    # pylint: disable=import-outside-toplevel
    from pylint_hybridize.apply import FixError, lint_text, read_file
    from pylint_hybridize.engine import Engine
    from pylint_hybridize.model.syntax.modules import is_test_file

    engine = Engine(enabled=["tf-function-opportunity"])
    found: dict[str, dict[str, int]] = {}
    for path in files:
        if is_test_file(path):
            continue
        try:
            source = read_file(path)[0]
            module, findings = lint_text(source, path, engine)
        except (FixError, Exception):  # pylint: disable=broad-except  # never break the user's run
            continue
        if module is None:
            continue
        for finding in findings:
            if finding.symbol != "tf-function-opportunity":
                continue
            qualname = _qualname_at(source, finding.line)
            if qualname:
                found.setdefault(os.path.abspath(path), {})[qualname] = finding.line
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
class _Profiled:  # pylint: disable=too-many-instance-attributes
    """Stands for one eager function; callable like it (a descriptor for methods)."""

    def __init__(self, function: Any, path: str, qualname: str) -> None:
        self.__wrapped__ = function
        self.__name__ = getattr(function, "__name__", qualname)
        self.__qualname__ = qualname
        self.__doc__ = getattr(function, "__doc__", None)
        self.__module__ = getattr(function, "__module__", None)
        self.path, self.qualname = path, qualname
        self.calls = 0
        self.eager: list[float] = []
        self.traced_times: list[float] = []
        self.equal = True
        self.failure: str | None = None
        self._traced: Any = None
        self._variables: list[Any] | None = None
        self._busy = False

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self
        return lambda *args, **kwargs: self(instance, *args, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._busy or self.failure is not None or self.calls > _MEASURED_CALLS:
            return self.__wrapped__(*args, **kwargs)
        self._busy = True
        try:
            return self._measured(args, kwargs)
        finally:
            self._busy = False

    def _measured(self, args: tuple, kwargs: dict) -> Any:
        self.calls += 1
        before = self._values() if self._variables is not None else None
        start = time.perf_counter()
        result = self.__wrapped__(*args, **kwargs)  # the user's call, unchanged; exceptions propagate
        elapsed = time.perf_counter() - start
        try:
            self._after(args, kwargs, result, elapsed, before)
        except Exception as error:  # pylint: disable=broad-except  # the profile never breaks a test
            self.failure = f"{type(error).__name__}: {str(error)[:200]}"
        return result

    def _after(self, args: tuple, kwargs: dict, result: Any, elapsed: float, before: list | None) -> None:
        tf = sys.modules["tensorflow"]
        if self._traced is None:  # the warm-up call: trace a copy now, on copies of its inputs
            self._traced = tf.function(self.__wrapped__)
            concrete = self._traced.get_concrete_function(*_copy(args), **_copy(kwargs))
            self._variables = list(concrete.variables)
            return
        after = self._values()
        self._assign(before)
        try:
            self._traced(*_copy(args), **_copy(kwargs))  # traces again only for a new signature
            self._assign(before)
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

    def entry(self, root: str) -> dict[str, Any] | None:
        span = _span(self.path, self.qualname)
        if span is None:
            return None
        lines, first, last = span
        relative = os.path.relpath(self.path, root)
        entry: dict[str, Any] = {
            "path": self.path if relative.startswith("..") else relative.replace(os.sep, "/"),
            "qualname": self.qualname, "line": first, "source_hash": trace_record.source_hash(lines, first, last),
            "calls": self.calls,
        }
        if self.failure is not None:
            return {**entry, "verdict": "failed", "error": self.failure}
        if not self.eager:
            return {**entry, "verdict": "unmeasured"}
        eager, traced = statistics.median(self.eager), statistics.median(self.traced_times)
        speedup = eager / traced if traced > 0 else float("inf")
        verdict = "different" if not self.equal else "faster" if speedup >= FASTER else "slower"
        return {**entry, "eager_seconds": round(eager, 6), "traced_seconds": round(traced, 6),
                "speedup": round(speedup, 2), "equal": self.equal, "verdict": verdict}


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
    """Wraps the candidates of each module as it is imported (and of those imported already)."""

    def __init__(self, root: str, wanted: dict[str, dict[str, int]]) -> None:
        self.root = os.path.abspath(root)
        self.wanted = {os.path.realpath(path): names for path, names in wanted.items()}
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
        for qualname in names:
            holder, _, attribute = qualname.rpartition(".")
            owner = getattr(module, holder, None) if holder else module
            function = getattr(owner, attribute, None) if owner is not None else None
            if function is None or isinstance(function, _Profiled) or not hasattr(function, "__code__"):
                continue
            profiled = _Profiled(function, os.path.realpath(origin), qualname)
            setattr(owner, attribute, profiled)
            self.profiled.append(profiled)

    def record(self) -> dict[str, Any]:
        entries = [entry for entry in (p.entry(self.root) for p in self.profiled) if entry is not None]
        return {"format": FORMAT, "version": VERSION, "root": self.root,
                "functions": sorted(entries, key=lambda e: (e["path"], e["line"]))}
