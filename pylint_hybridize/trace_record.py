"""The trace record: what ``pytest --hybridize-traces`` writes and the linter reads.

Plain data, shared by the recorder (``pytest_plugin``) and the linter (``model.traces``); importing
this module imports neither TensorFlow nor astroid. One JSON object::

    {"format": "pylint-hybridize-traces", "version": 1, "root": "/abs/project",
     "functions": [{"path": "pkg/train.py", "module": "pkg.train", "qualname": "train_step",
                    "line": 12, "source_hash": "3f2a...", "kind": "tf.function",
                    "calls": 40, "objects": 1, "dropped": 0,
                    "traces": [{"object": 0, "count": 1, "graph": false,
                                "args": {"x": {"t": "tensor", "shape": [4, 128], "dtype": "float32"},
                                         "step": {"t": "python", "type": "int", "value": 3}}}]}]}

``path`` is relative to ``root`` (absolute when the file lies outside it); ``line`` is the first line
of the definition (its first decorator); ``source_hash`` hashes the definition's lines, decorators
included, so a record made before the code changed (or before a fix was applied) no longer matches.
``objects`` counts the distinct tf.function objects of the definition (one per instance for a
method); each trace names the object (0-based) that traced, ``count`` is how many traces that one
call made (2 when variables are created on the first call) and ``graph`` is true for a trace made
while an outer function was traced. Argument values: ``{"t": "tensor", "shape", "dtype"}``,
``{"t": "python", "type", "value"}``, ``{"t": "list"|"tuple", "items": [...]}``,
``{"t": "dict", "items": {...}}``, ``{"t": "object", "type", "id"}``. Keras' compiled
train/test/predict functions are entries of ``kind`` ``"keras"`` at Keras' own source, with
``owners``: object index -> the model class (``{"0": "mymodule.Net"}``); the linter reports only
functions of the files it checks. ``module_object`` (optional) is the index of the object the module
itself binds (a decorated module-level def): ``merge`` makes the workers' copies of it one object.

Version 2 adds entries of ``kind`` ``"eager"``: an eager function that ``tf-function-opportunity``
proposes, or would propose given an ``input_signature`` (``pylint_hybridize.profiler``), observed
while the tests called it: ``traces`` is empty (nothing traced) and ``observed`` lists the distinct
argument signatures of its eager calls, ``[{"args": {...}, "calls": 3}]`` (the same argument
encoding; ``self`` left out; a ``tf.Variable`` argument is marked ``"variable": true``). A version 1
record is read as before (it has no eager entries); a reader of version 1 refuses a version 2 file
with its one-line error.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import textwrap
from typing import Any

FORMAT = "pylint-hybridize-traces"
VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
DEFAULT_FILENAME = ".hybridize-traces.json"
"""Written at pytest's rootdir by ``--hybridize-traces`` without a path; found there by the linter."""


class RecordError(Exception):
    """A file that is not a readable trace record; the message is one line for the user."""


def source_hash(lines: list[str], first: int, last: int) -> str:
    """Hash of lines ``first``..``last`` (1-based, inclusive), indentation and trailing blanks ignored."""
    text = "\n".join(line.rstrip() for line in lines[first - 1 : last])
    return hashlib.sha256(textwrap.dedent(text).encode("utf-8")).hexdigest()[:16]


def empty(root: str) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "root": root, "functions": []}


def load(path: str) -> dict[str, Any]:
    """The record at ``path``; RecordError (one line) when it cannot be read or is not a record."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise RecordError(f"{path}: cannot read the trace record ({error.strerror or error})") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise RecordError(f"{path}: not a trace record (not JSON: {str(error).splitlines()[0]})") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError(f"{path}: not a trace record (written by 'pytest --hybridize-traces' expected)")
    if data.get("version") not in SUPPORTED_VERSIONS:
        raise RecordError(f"{path}: trace record version {data.get('version')!r} is not supported "
                          f"(expected {' or '.join(map(str, SUPPORTED_VERSIONS))})")
    functions = data.get("functions")
    if not isinstance(functions, list) or not isinstance(data.get("root"), str):
        raise RecordError(f"{path}: malformed trace record ('root' or 'functions' missing)")
    for entry in functions:
        if not _valid_entry(entry):
            raise RecordError(f"{path}: malformed trace record (bad function entry {str(entry)[:60]!r})")
    return data


def _valid_entry(entry: Any) -> bool:
    if not isinstance(entry, dict):
        return False
    if not all(isinstance(entry.get(key), str) for key in ("path", "qualname", "source_hash")):
        return False
    if not all(isinstance(entry.get(key), int) for key in ("line", "calls")):
        return False
    traces = entry.get("traces")
    return isinstance(traces, list) and all(
        isinstance(t, dict) and isinstance(t.get("args"), dict) and isinstance(t.get("count", 1), int) for t in traces
    )


def merge(records: list[dict[str, Any]]) -> dict[str, Any]:
    """One record from several (pytest-xdist workers), as one process would have recorded it.

    The same definition's calls and traces add up, before anything is judged (the linter applies
    its threshold to the merged entry). The object that is the module's own attribute
    (``module_object``: a decorated module-level def) is one object in every process: the workers'
    copies become one, and a signature it traced in two workers counts once, as in one process
    (a parametrized test split 3/3 over two workers was "traced 3 times", or, split smaller, not
    reported at all). Other objects (one per instance, per call of a factory) are different objects
    in different workers: their indices are shifted.
    """
    merged = empty(records[0]["root"] if records else os.getcwd())
    by_key: dict[tuple[str, str, int], dict[str, Any]] = {}
    seen: dict[tuple[str, str, int], set[str]] = {}
    for record in records:
        for entry in record.get("functions", ()):
            key = (entry["path"], entry["qualname"], entry["line"])
            target = by_key.get(key)
            if target is None:
                by_key[key] = target = {**entry, "traces": [], "calls": 0, "objects": 0, "dropped": 0}
                target.pop("owners", None)
                target.pop("module_object", None)
                target.pop("observed", None)
                merged["functions"].append(target)
                seen[key] = set()
            shared = entry.get("module_object")
            if shared is not None and "module_object" not in target:
                target["module_object"] = target["objects"]
                target["objects"] += 1
            offset = target["objects"]
            target["calls"] += entry.get("calls", 0)
            target["dropped"] += entry.get("dropped", 0)
            target["objects"] += entry.get("objects", 1) - (1 if shared is not None else 0)

            def index(old: int) -> int:
                if old == shared:
                    return target["module_object"]
                return old + offset - (1 if shared is not None and old > shared else 0)

            for trace in entry["traces"]:
                moved = {**trace, "object": index(trace.get("object", 0))}
                if trace.get("object", 0) == shared:
                    signature = json.dumps([moved.get("graph", False), moved.get("args")], sort_keys=True)
                    if signature in seen[key]:
                        continue  # traced in another worker already: one process traces it once
                    seen[key].add(signature)
                target["traces"].append(moved)
            for seen_call in entry.get("observed", ()):  # eager calls: distinct signatures add up
                _add_observed(target.setdefault("observed", []), seen_call)
            if entry.get("owners"):
                owners = target.setdefault("owners", {})
                owners.update({str(index(int(k))): v for k, v in entry["owners"].items()})
    return merged


def _add_observed(observed: list[dict[str, Any]], seen_call: dict[str, Any]) -> None:
    key = json.dumps(seen_call.get("args"), sort_keys=True)
    for known in observed:
        if json.dumps(known.get("args"), sort_keys=True) == key:
            known["calls"] = known.get("calls", 1) + seen_call.get("calls", 1)
            return
    observed.append(dict(seen_call))


_MAX_ITEMS = 16


def describe(value: Any, depth: int = 0) -> dict[str, Any]:
    """What tf.function keys its cache on, for one argument value (JSON-ready): the record's argument
    encoding, shared by the trace recorder and the eager observer."""
    if value is None or isinstance(value, (bool, int, float, str)):
        shown = value if not isinstance(value, str) or len(value) <= 80 else value[:80]
        if isinstance(value, float) and value != value:  # NaN is not JSON
            shown = "nan"
        return {"t": "python", "type": type(value).__name__, "value": shown}
    shape = getattr(value, "shape", None)
    dtype = getattr(value, "dtype", None)
    if shape is not None and dtype is not None and not isinstance(value, type):
        try:
            dims = shape.as_list() if hasattr(shape, "as_list") else list(shape)
        except ValueError:  # unknown rank
            dims = None
        name = getattr(dtype, "name", None) or str(dtype)
        described = {"t": "tensor", "shape": dims, "dtype": str(name)}
        kind = type(value).__name__
        if kind not in ("EagerTensor", "ndarray", "ResourceVariable", "Tensor", "SymbolicTensor"):
            described["type"] = kind
        return described
    if depth < 3 and isinstance(value, (list, tuple)):
        return {"t": type(value).__name__ if type(value) in (list, tuple) else "tuple",
                "items": [describe(item, depth + 1) for item in value[:_MAX_ITEMS]], "length": len(value)}
    if depth < 3 and isinstance(value, dict):
        items = list(value.items())[:_MAX_ITEMS]
        return {"t": "dict", "items": {str(k): describe(v, depth + 1) for k, v in items}, "length": len(value)}
    kind = type(value)
    return {"t": "object", "type": f"{kind.__module__}.{kind.__qualname__}", "id": id(value)}


def definition_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """``__qualname__`` -> (first line with decorators, last line) of every def and lambda of a module."""
    spans: dict[str, list[tuple[int, int]]] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                name = f"{prefix}{child.name if not isinstance(child, ast.Lambda) else '<lambda>'}"
                decorators = getattr(child, "decorator_list", [])
                first = min([child.lineno, *(d.lineno for d in decorators)])
                spans.setdefault(name, []).append((first, child.end_lineno or child.lineno))
                visit(child, f"{name}.<locals>.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    try:
        visit(ast.parse(text), "")
    except (SyntaxError, ValueError, RecursionError):
        return {}
    return spans


def carry_over(record: dict[str, Any], record_path: str, file_path: str, before: str, after: str) -> bool:
    """After ``fix`` rewrote ``file_path`` from ``before`` to ``after``: the entries of its definitions
    that the record made of the text as traced (their hash is that of ``before``) get the hash of the
    fixed text, so that only a change the user makes marks them stale. True when an entry changed."""
    real = os.path.realpath(file_path)
    names = {real}
    for base in (os.path.dirname(os.path.abspath(record_path)), record.get("root")):
        if isinstance(base, str) and base:
            names.add(os.path.relpath(real, os.path.realpath(base)).replace(os.sep, "/"))
    spans_before, spans_after = definition_spans(before), definition_spans(after)
    lines_before, lines_after = before.splitlines(), after.splitlines()
    changed = False
    for entry in record.get("functions", ()):
        if entry.get("path") not in names:
            continue
        old, new = spans_before.get(entry["qualname"], []), spans_after.get(entry["qualname"], [])
        if len(old) != 1 or len(new) != 1 or source_hash(lines_before, *old[0]) != entry.get("source_hash"):
            continue  # not there, not one definition, or changed before fix ran: stale stays stale
        entry["source_hash"], entry["line"] = source_hash(lines_after, *new[0]), new[0][0]
        changed = True
    return changed


def write(record: dict[str, Any], path: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    temporary = f"{path}.tmp{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=1, sort_keys=True)
        handle.write("\n")
    os.replace(temporary, path)


# -- the profile record (``pytest --hybridize-profile``, see ``pylint_hybridize.profiler``) --------------
PROFILE_FORMAT = "pylint-hybridize-profile"
PROFILE_FILENAME = ".hybridize-profile.json"
PROFILE_VERSIONS = (1, 2)
"""1: the measured entries; 2 adds ``settings`` and ``traces`` to them (read alike)."""
"""Written at pytest's rootdir by ``--hybridize-profile``; found there by the linter."""


def load_profile(path: str) -> dict[str, Any] | None:
    """The profile record at ``path``; None when it is missing or not one."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != PROFILE_FORMAT or not isinstance(data.get("functions"), list):
        return None
    if data.get("version", 1) not in PROFILE_VERSIONS:
        return None  # a later format: not read rather than misread
    return data


def settings_text(signature: list | None, reduce_retracing: bool) -> str:
    """The tf.function arguments of a profiled copy as the profile record's ``settings`` holds them:
    ``input_signature=[tf.TensorSpec([None, 3], tf.float32), ...]`` from ``[[dims, dtype], ...]``,
    else ``reduce_retracing=True``, else ``""`` (bare)."""
    if signature:
        specs = ", ".join(f"tf.TensorSpec([{', '.join(str(d) for d in dims)}], tf.{dtype})" for dims, dtype in signature)
        return f"input_signature=[{specs}]"
    return "reduce_retracing=True" if reduce_retracing else ""


def write_profile(record: dict[str, Any], path: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=1, sort_keys=True)
        handle.write("\n")

