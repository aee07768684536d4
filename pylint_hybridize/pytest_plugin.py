"""pytest plugin: record every tf.function trace of the user's own test run.

    pytest --hybridize-traces            # writes <rootdir>/.hybridize-traces.json
    pytest --hybridize-traces=PATH       # writes PATH

Off unless the option is given. Importing this module, and running with the option, never imports
TensorFlow: the recorder hooks TF's ``Function.__call__`` (the class behind ``tf.function``, Keras'
compiled train/test/predict functions included) once the tests have imported TensorFlow themselves.
Each call is passed through unchanged; the recorder only compares
``experimental_get_tracing_count()`` before and after it and, when it grew, notes the arguments of
that call (shapes and dtypes of tensors, Python values, the identity of other objects). With
pytest-xdist every worker records its share and the controller merges them into one file.
It also observes the eager calls of the functions ``tf-function-opportunity`` proposes, or would
propose given an ``input_signature`` (found by linting the project when the run starts; the
wrapper is ``profiler._Profiled``, shared with ``--hybridize-profile``): their argument kinds are
the record's ``eager`` entries, from which ``check`` writes the fix's signature.
The format: ``pylint_hybridize.trace_record``; ``pylint-hybridize check`` reads it (observed-retracing).
"""

from __future__ import annotations

import ast
import inspect
import os
import sys
import weakref
from typing import Any

from pylint_hybridize import trace_record

_POLYMORPHIC = "tensorflow.python.eager.polymorphic_function.polymorphic_function"
_MAX_TRACES = 200
"""Traces kept per definition; more are counted in ``dropped``."""
_WORKER_KEY = "hybridize_traces"


_describe = trace_record.describe


class _Definition:
    """One Python function made a tf.function: its calls and traces, over all its Function objects."""

    __slots__ = ("code", "module", "qualname", "calls", "traces", "objects", "dropped", "owners", "module_object")

    def __init__(self, function: Any) -> None:
        # names only: holding the function would keep its closure (a Keras model, ...) alive
        self.module = getattr(function, "__module__", None) or ""
        self.qualname = getattr(function, "__qualname__", function.__code__.co_name)
        self.code = function.__code__
        self.calls = 0
        self.traces: list[dict[str, Any]] = []
        self.objects = 0
        self.dropped = 0
        self.owners: dict[int, str] = {}
        """Object index -> the Keras model class whose compiled train/test/predict function it is."""
        self.module_object: int | None = None
        """Index of the object that is the module's own attribute (a decorated module-level def or
        class attribute): one per process, so the same object in every pytest-xdist worker."""

    @staticmethod
    def arguments(signature: inspect.Signature | None, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """Argument values by parameter name (``#0``... when they cannot be bound)."""
        bound = None
        if signature is not None:
            try:
                bound = signature.bind(*args, **kwargs).arguments
            except TypeError:
                bound = None
        if bound is None:
            bound = {**{f"#{i}": a for i, a in enumerate(args)}, **kwargs}
        return {name: _describe(value) for name, value in bound.items()}


class Recorder:
    """Hooks ``Function.__call__`` while active; usable outside pytest too (``start``/``stop``/``record``)."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self.definitions: dict[Any, _Definition] = {}
        # tf.function object -> (its definition, its index there, the signature its calls bind to);
        # weak, and outside the object: the user's objects are neither kept alive nor changed
        self._objects: weakref.WeakKeyDictionary[Any, tuple[_Definition | None, int, Any]] = weakref.WeakKeyDictionary()
        self._original: Any = None
        self._function_class: Any = None
        self._context: Any = None

    @property
    def active(self) -> bool:
        return self._original is not None

    def start(self) -> bool:
        """Hook TF if the process has imported it; False (and nothing done) otherwise."""
        if self.active:
            return True
        module = sys.modules.get(_POLYMORPHIC)
        if module is None:
            return False
        context = sys.modules.get("tensorflow.python.eager.context")  # loaded with TF: never import it here
        if context is None:
            return False
        self._context = context
        self._function_class = module.Function
        self._original = original = module.Function.__call__
        recorder = self

        def __call__(self: Any, *args: Any, **kwds: Any) -> Any:  # pylint: disable=invalid-name
            try:
                before = self.experimental_get_tracing_count()
            except Exception:  # pylint: disable=broad-except  # never change what the call does
                return original(self, *args, **kwds)
            try:
                return original(self, *args, **kwds)
            finally:
                recorder._after_call(self, before, args, kwds)

        __call__.__wrapped__ = original  # type: ignore[attr-defined]
        module.Function.__call__ = __call__
        return True

    def stop(self) -> None:
        if self._original is not None:
            self._function_class.__call__ = self._original
            self._original = None

    def _after_call(self, function: Any, before: int, args: tuple[Any, ...], kwds: dict[str, Any]) -> None:
        try:
            eager = self._context.executing_eagerly()
            entry = self._objects.get(function)
            if entry is None:
                definition = None if getattr(function, "_pylint_hybridize_copy", False) else self._definition(function)
                if definition is None:
                    self._objects[function] = (None, 0, None)  # no Python code to point at: not recorded
                    return
                entry = (definition, definition.objects, _signature(function))
                owner = _keras_owner(function)
                if owner is not None:
                    definition.owners[definition.objects] = owner
                if definition.module_object is None and _is_module_attribute(function, definition):
                    definition.module_object = definition.objects
                definition.objects += 1
                self._objects[function] = entry
            definition, index, signature = entry
            if definition is None:
                return
            if eager:
                definition.calls += 1
            grown = function.experimental_get_tracing_count() - before
            if grown <= 0:
                return
            if len(definition.traces) >= _MAX_TRACES:
                definition.dropped += grown
                return
            definition.traces.append(
                {"object": index, "count": grown, "graph": not eager, "args": definition.arguments(signature, args, kwds)}
            )
        except Exception:  # pylint: disable=broad-except  # the recorder must never break a test
            return

    def _definition(self, function: Any) -> _Definition | None:
        python_function = inspect.unwrap(getattr(function, "_python_function", None) or function)
        python_function = getattr(python_function, "__func__", python_function)  # bound methods
        python_function = inspect.unwrap(python_function)
        code = getattr(python_function, "__code__", None)
        if code is None:
            return None
        definition = self.definitions.get(code)
        if definition is None:
            definition = self.definitions[code] = _Definition(python_function)
        return definition

    def record(self) -> dict[str, Any]:
        """The record so far (see ``trace_record`` for the format)."""
        record = trace_record.empty(self.root)
        trees: dict[str, tuple[list[str], ast.AST] | None] = {}
        for definition in self.definitions.values():
            code = definition.code
            filename = os.path.abspath(code.co_filename)
            span = _definition_span(filename, code, trees)
            if span is None:
                continue  # no source (generated code): nothing the linter could point at
            lines, first, last = span
            relative = os.path.relpath(filename, self.root)
            path = filename if relative.startswith("..") else relative.replace(os.sep, "/")
            record["functions"].append(
                {
                    "path": path,
                    "module": definition.module,
                    "qualname": definition.qualname,
                    "line": first,
                    "source_hash": trace_record.source_hash(lines, first, last),
                    "kind": "keras" if _is_keras(filename) else "tf.function",
                    "calls": definition.calls,
                    "objects": definition.objects,
                    "dropped": definition.dropped,
                    "traces": definition.traces,
                    **({"owners": {str(k): v for k, v in definition.owners.items()}} if definition.owners else {}),
                    **({"module_object": definition.module_object} if definition.module_object is not None else {}),
                }
            )
        record["functions"].sort(key=lambda e: (e["path"], e["line"], e["qualname"]))
        return record


def _signature(function: Any) -> inspect.Signature | None:
    """The signature calls of this tf.function object bind to (a bound method's without ``self``)."""
    try:
        return inspect.signature(getattr(function, "_python_function", None) or function)
    except (TypeError, ValueError):
        return None


def _is_module_attribute(function: Any, definition: _Definition) -> bool:
    """Whether the tf.function object is what its module binds its qualified name to (``train_step``,
    ``Trainer.step`` on the class): the one object of that definition in every process."""
    if "<" in definition.qualname:
        return False  # made inside a function: a new object per call
    value: Any = sys.modules.get(definition.module)
    for part in definition.qualname.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value is function


def _keras_owner(function: Any) -> str | None:
    """``mymodule.Net`` for a Keras-compiled function: the model its closure holds."""
    python_function = inspect.unwrap(getattr(function, "_python_function", None) or function)
    module = getattr(python_function, "__module__", "") or ""
    if not module.startswith(("keras", "tf_keras")):
        return None
    for cell in getattr(python_function, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # empty cell
            continue
        model = value if hasattr(value, "train_step") else getattr(value, "__self__", None)
        if model is not None and hasattr(model, "train_step") and hasattr(model, "compile"):
            kind = type(model)
            return f"{kind.__module__}.{kind.__qualname__}"
    return None


def _is_keras(filename: str) -> bool:
    parts = filename.replace(os.sep, "/").split("/")
    return "keras" in parts or "tf_keras" in parts


def _definition_span(filename: str, code: Any, trees: dict[str, Any]) -> tuple[list[str], int, int] | None:
    """(file lines, first line with decorators, last line) of the def or lambda compiled to ``code``."""
    if filename not in trees:
        try:
            with open(filename, encoding="utf-8") as handle:
                text = handle.read()
            trees[filename] = (text.splitlines(), ast.parse(text))
        except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
            trees[filename] = None
    parsed = trees[filename]
    if parsed is None:
        return None
    lines, tree = parsed
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == code.co_name:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        elif isinstance(node, ast.Lambda) and code.co_name == "<lambda>":
            first = node.lineno
        else:
            continue
        if first == code.co_firstlineno and node.end_lineno is not None:
            return lines, first, node.end_lineno
    return None


# -- pytest hooks --------------------------------------------------------------------------------
def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("hybridize", "pylint-hybridize trace record")
    group.addoption(
        "--hybridize-traces",
        action="store",
        nargs="?",
        const=trace_record.DEFAULT_FILENAME,
        default=None,
        metavar="PATH",
        help=(
            "record every tf.function trace of this run into PATH (default: "
            f"<rootdir>/{trace_record.DEFAULT_FILENAME}); 'pylint-hybridize check' reads it"
        ),
    )


    group.addoption(
        "--hybridize-profile",
        action="store",
        nargs="?",
        const="",
        default=None,
        metavar="PATH",
        help=(
            "time the eager functions tf-function-opportunity proposes while the tests run, against a traced "
            "copy run after each call on copies of its inputs (outputs discarded); write the evidence to PATH "
            "(default: <rootdir>/.hybridize-profile.json); 'pylint-hybridize check' reads it"
        ),
    )


def _start_wrappers(config: Any) -> None:
    """Lint the project for the candidates of ``tf-function-opportunity`` and wrap them as their modules
    load: ``--hybridize-profile`` measures the proposed ones (one process: not under pytest-xdist);
    ``--hybridize-traces`` observes their eager calls (each xdist worker its share)."""
    value = config.getoption("hybridize_profile", None)
    measure = value is not None and not hasattr(config, "workerinput") and not _is_xdist_controller(config)
    observe = _output_path(config) is not None and not _is_xdist_controller(config)
    if not (measure or observe):
        return  # profiling times calls: one process (run it without -n)
    from pylint_hybridize import files, profiler  # pylint: disable=import-outside-toplevel

    root = str(config.rootpath)
    wanted = profiler.candidates(root, files.python_files([root]).files)
    wrappers = profiler.Profiler(root, wanted, measure=measure, observe=observe)
    wrappers.start()
    config._hybridize_wrappers = wrappers  # pylint: disable=protected-access
    if measure:
        config._hybridize_profile = (wrappers, value or os.path.join(root, profiler.DEFAULT_FILENAME))  # pylint: disable=protected-access


def _finish_profile(config: Any) -> None:
    wrappers = getattr(config, "_hybridize_wrappers", None)
    if wrappers is not None:
        wrappers.stop()
    started = getattr(config, "_hybridize_profile", None)
    if started is None:
        return
    profile, path = started
    record = profile.record()
    try:
        trace_record.write_profile(record, path)
    except OSError:
        return
    config._hybridize_profile_written = (path, record)  # pylint: disable=protected-access


def _output_path(config: Any) -> str | None:
    value = config.getoption("hybridize_traces", None)
    if not value:
        return None
    if os.path.isabs(value):
        return value
    base = str(config.rootpath) if value == trace_record.DEFAULT_FILENAME else str(config.invocation_params.dir)
    return os.path.join(base, value)


def _is_xdist_controller(config: Any) -> bool:
    if hasattr(config, "workerinput"):
        return False
    return bool(getattr(config.option, "dist", "no") != "no" and getattr(config.option, "numprocesses", None))


def _check_value(config: Any) -> None:
    """``pytest --hybridize-traces tests/`` reads ``tests/`` as the record's PATH: say so, do not guess."""
    value = config.getoption("hybridize_traces", None)
    if value and value != trace_record.DEFAULT_FILENAME:
        if os.path.isdir(value) or value.endswith(".py") or "::" in value:
            import pytest  # pylint: disable=import-outside-toplevel

            raise pytest.UsageError(
                f"--hybridize-traces took {value!r} as the record's path; write --hybridize-traces=PATH, "
                "or put --hybridize-traces after the test paths"
            )


def pytest_configure(config: Any) -> None:
    _check_value(config)
    _start_wrappers(config)
    path = _output_path(config)
    if path is None:
        return
    config._hybridize_traces_path = path  # pylint: disable=protected-access
    config._hybridize_worker_records = []  # pylint: disable=protected-access
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_XdistHooks(), "hybridize-traces-xdist")
    if _is_xdist_controller(config):
        config._hybridize_recorder = None  # pylint: disable=protected-access
        return
    recorder = Recorder(str(config.rootpath))
    config._hybridize_recorder = recorder  # pylint: disable=protected-access
    recorder.start()  # only if the conftest already imported TensorFlow


def _recorder(config: Any) -> Recorder | None:
    return getattr(config, "_hybridize_recorder", None)


def pytest_collectstart(collector: Any) -> None:
    recorder = _recorder(collector.config)
    if recorder is not None:
        recorder.start()


def pytest_runtest_setup(item: Any) -> None:
    recorder = _recorder(item.config)
    if recorder is not None:
        recorder.start()  # a no-op once hooked; hooks as soon as a test module has imported TF


class _XdistHooks:
    """Registered only when pytest-xdist is loaded (its hooks are unknown to pytest otherwise)."""

    @staticmethod
    def pytest_testnodedown(node: Any, error: Any) -> None:  # pylint: disable=unused-argument
        """xdist controller: collect a worker's record."""
        records = getattr(node.config, "_hybridize_worker_records", None)
        output = getattr(node, "workeroutput", None) or {}
        if records is not None and _WORKER_KEY in output:
            records.append(output[_WORKER_KEY])


def pytest_sessionfinish(session: Any, exitstatus: Any) -> None:
    config = session.config
    _finish_profile(config)
    path = getattr(config, "_hybridize_traces_path", None)
    if path is None:
        return
    recorder = _recorder(config)
    if recorder is not None:
        recorder.stop()
        record = recorder.record()
        wrappers = getattr(config, "_hybridize_wrappers", None)
        if wrappers is not None and wrappers.observe:  # the eager calls of the rule's candidates
            record["functions"] = sorted([*record["functions"], *wrappers.observations()],
                                         key=lambda e: (e["path"], e["line"], e["qualname"]))
        if hasattr(config, "workerinput"):
            config.workeroutput[_WORKER_KEY] = record
            return
        records = [record]
    else:
        records = list(config._hybridize_worker_records)  # pylint: disable=protected-access
        if not records:
            return
    merged = trace_record.merge(records)
    merged["root"] = str(config.rootpath)
    try:
        trace_record.write(merged, path)
    except OSError as error:
        config._hybridize_traces_failed = f"{path}: {error.strerror or error}"  # pylint: disable=protected-access
        return
    config._hybridize_traces_written = (path, merged)  # pylint: disable=protected-access


def pytest_terminal_summary(terminalreporter: Any) -> None:
    profiled = getattr(terminalreporter.config, "_hybridize_profile_written", None)
    if profiled is not None:
        shown = ", ".join(f"{e['qualname']} {e['verdict']}" + (f" {e['speedup']}x" if "speedup" in e else "")
                          for e in profiled[1]["functions"])
        terminalreporter.write_line(f"hybridize: profiled {shown or 'nothing'} -> {profiled[0]}")
    failed = getattr(terminalreporter.config, "_hybridize_traces_failed", None)
    if failed is not None:
        terminalreporter.write_line(f"hybridize: the trace record was not written: {failed}", red=True)
    written = getattr(terminalreporter.config, "_hybridize_traces_written", None)
    if written is None:
        return
    path, record = written
    traces = sum(t.get("count", 1) for e in record["functions"] for t in e["traces"])
    eager = [e for e in record["functions"] if e.get("kind") == "eager"]
    observed = f", {len(eager)} eager function(s) observed ({sum(e['calls'] for e in eager)} calls)" if eager else ""
    terminalreporter.write_line(
        f"hybridize: {len(record['functions']) - len(eager)} tf.function(s), {traces} trace(s){observed} recorded in {path}"
    )
