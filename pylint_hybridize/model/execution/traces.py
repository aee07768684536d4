"""Traces observed in the user's own test run (``pytest --hybridize-traces``), matched to hybrids.

The record is data (``pylint_hybridize.trace_record``): nothing here imports TensorFlow. A record
is found with ``--hybridize-traces=PATH`` or as ``.hybridize-traces.json`` in the checked file's
directory or a parent, up to the project root (the first directory holding pyproject.toml,
setup.cfg, setup.py, tox.ini, pytest.ini or .git). An entry is matched to a hybrid by file path
(relative to the record's directory, or to the root stored in it) and qualified name; its
``source_hash`` must equal the hash of the definition's current lines, else it is ignored (one note
per record on stderr). A file that is not a record gets one line on stderr, never a traceback.

What counts as retracing (``analyse``): the traces of one tf.function object (a method has one per
instance; many objects tracing once each is tf-function-created-in-loop's finding, not this one),
made by eager calls (traces made while an outer function was traced follow that one). Traces TF
explains are not counted:
- the second trace of a call that creates variables (same arguments, traced twice): traces are
  counted by distinct argument signature;
- one trace per distinct Python bool argument (``training=True/False``): bool arguments are left
  out of the signature.
``MIN_SIGNATURES`` distinct signatures or more make a finding (two, like a full and a last partial
batch, do not).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from astroid import nodes

from pylint_hybridize import trace_record
from pylint_hybridize.model.hybrids.functions import HybridFunction
from pylint_hybridize.model.project.files import TEST_ROOT_MARKERS

MIN_SIGNATURES = 3
"""Distinct argument signatures (TF-explained traces left out) of one tf.function object to report."""
_PYTHON_DTYPES = {"int": "int32", "float": "float32"}
_TF_DTYPES = frozenset({
    "float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16",
    "uint32", "uint64", "bool", "string", "complex64", "complex128",
})
"""dtype names that are ``tf.<name>``; another recorded dtype (a NumPy string array) gets no TensorSpec."""


@dataclass
class Record:
    path: str
    data: dict[str, Any]
    stale_noted: bool = False
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.data["functions"]:
            self.by_key.setdefault((entry["path"], entry["qualname"]), []).append(entry)

    def bases(self) -> list[str]:
        """Directories that the entries' relative paths may be relative to."""
        found = [os.path.dirname(os.path.abspath(self.path))]
        root = self.data.get("root")
        if isinstance(root, str) and root and os.path.abspath(root) not in found:
            found.append(os.path.abspath(root))
        return found


_LOADED: dict[str, tuple[float, Record | None]] = {}
_FOUND: dict[tuple[str, str], str | None] = {}  # (folder, record file name) -> the record found
_REPORTED_ERRORS: set[str] = set()


def note(text: str) -> None:
    print(f"pylint-hybridize: {text}", file=sys.stderr)


def find_record_file(module_file: str, filename: str = trace_record.DEFAULT_FILENAME) -> str | None:
    """``filename`` (``.hybridize-traces.json``; the profile record too) next to the file or above it,
    up to the project root."""
    directory = os.path.dirname(os.path.abspath(module_file))
    start = (directory, filename)
    if start in _FOUND:
        return _FOUND[start]
    found = None
    while True:
        candidate = os.path.join(directory, filename)
        if os.path.isfile(candidate):
            found = candidate
            break
        if any(os.path.exists(os.path.join(directory, marker)) for marker in TEST_ROOT_MARKERS):
            break
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    _FOUND[start] = found
    return found


def load_record(path: str) -> Record | None:
    """The record at ``path`` (cached while the file is unchanged); None, with one line on stderr, if unusable."""
    path = os.path.abspath(path)
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        mtime = -1.0
    cached = _LOADED.get(path)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    try:
        record: Record | None = Record(path, trace_record.load(path))
    except trace_record.RecordError as error:
        if path not in _REPORTED_ERRORS:
            _REPORTED_ERRORS.add(path)
            note(f"error: {error}")
        record = None
    _LOADED[path] = (mtime, record)
    return record


def record_for(module: nodes.Module, option: str | None) -> Record | None:
    """The record that applies to ``module``: the option's path, else the one found near the file."""
    if option:
        return load_record(option)
    if not module.file or not os.path.isfile(module.file):
        return None
    found = find_record_file(module.file)
    return load_record(found) if found else None


def qualname(function: nodes.NodeNG) -> str:
    """Python's ``__qualname__`` of a def or lambda (``Trainer.step``, ``make.<locals>.inner``)."""
    parts = [function.name if isinstance(function, nodes.FunctionDef) else "<lambda>"]
    parent = function.parent
    while parent is not None and not isinstance(parent, nodes.Module):
        if isinstance(parent, nodes.ClassDef):
            parts.append(parent.name)
        elif isinstance(parent, (nodes.FunctionDef, nodes.Lambda)):
            parts.append("<locals>")
            parts.append(parent.name if isinstance(parent, nodes.FunctionDef) else "<lambda>")
        parent = parent.parent
    return ".".join(reversed(parts))


def definition_hash(function: nodes.NodeNG) -> str | None:
    """The record's ``source_hash`` of the definition as it is now (decorators included)."""
    root = function.root()
    first, last = function.lineno, function.end_lineno
    if not first or not last:
        return None
    lines = None
    try:
        with root.stream() as stream:  # the text astroid parsed (a string given to it, or the file)
            lines = stream.read().decode("utf-8").splitlines()
    except Exception:  # pylint: disable=broad-except  # no source at all
        lines = None
    if lines is None:
        return None
    return trace_record.source_hash(lines, first, last)


def entry_for(record: Record, hybrid: HybridFunction) -> dict[str, Any] | None:
    """The record's entry for ``hybrid``, if it is there and its source is unchanged."""
    function = hybrid.function
    module_file = function.root().file
    if not module_file:
        return None
    real = os.path.realpath(module_file)
    name = qualname(function)
    candidates: list[dict[str, Any]] = []
    for base in record.bases():
        relative = os.path.relpath(real, os.path.realpath(base)).replace(os.sep, "/")
        candidates = record.by_key.get((relative, name)) or record.by_key.get((real, name)) or []
        candidates = [c for c in candidates if c.get("kind") != "eager"]  # eager calls: no traces
        if candidates:
            break
    if not candidates:
        return None
    if len(candidates) > 1:
        candidates = [c for c in candidates if c["line"] == function.lineno] or candidates[:1]
    entry = candidates[0]
    if entry["source_hash"] != definition_hash(function):
        if not record.stale_noted:
            record.stale_noted = True
            note(
                f"note: {record.path}: '{name}' ({entry['path']}) changed since its traces were recorded; "
                "traces of changed functions are ignored (rerun pytest --hybridize-traces)"
            )
        return None
    return entry


# -- analysis --------------------------------------------------------------------------------
@dataclass
class Spec:
    """One parameter of a suggested input_signature."""

    shape: list[int | None]
    dtype: str

    def render(self, prefix: str) -> str:
        dims = ", ".join("None" if d is None else str(d) for d in self.shape)
        return f"{prefix}.TensorSpec([{dims}], {prefix}.{self.dtype})"


@dataclass
class Observation:
    traces: int
    """Traces of the tf.function object that traced most (TF-explained ones included)."""
    signatures: int
    """Distinct argument signatures among them, bool flags left out."""
    causes: list[str]
    """``dimension 0 of 'x' took 9 sizes (2..128)``, ``'step' took 14 Python ints``..."""
    specs: list[Spec] | None
    """The input_signature that covers every observed call; None when none can (Python objects, flags)."""
    relax_shapes: bool
    """Only tensor shapes varied, and no input_signature covers them (a rank varied, or a Python flag
    is passed too): reduce_retracing=True is the fix."""
    scalars: list[str]
    """Parameters that took several Python numbers: ``pass tf.constant(step)``."""


def parameters(function: nodes.NodeNG) -> list[str]:
    """Positional parameter names, without ``self``/``cls`` of a method."""
    arguments = function.args
    names = [a.name for a in [*(arguments.posonlyargs or []), *(arguments.args or [])]]
    if isinstance(function, nodes.FunctionDef) and isinstance(function.parent, nodes.ClassDef):
        if "staticmethod" not in function.decoratornames() and names:
            names = names[1:]
    return names


def _key(args: dict[str, Any], skip: set[str]) -> str:
    return json.dumps({k: v for k, v in args.items() if k not in skip}, sort_keys=True)


def analyse(entry: dict[str, Any], params: list[str]) -> Observation | None:
    """What made this tf.function retrace, when it retraced more than TF explains."""
    eager = [t for t in entry["traces"] if not t.get("graph")]
    by_object: dict[int, list[dict[str, Any]]] = {}
    for trace in eager:
        by_object.setdefault(int(trace.get("object", 0)), []).append(trace)
    if not by_object:
        return None
    traces = max(by_object.values(), key=lambda ts: sum(int(t.get("count", 1)) for t in ts))
    names = list(dict.fromkeys([*params, *(k for t in traces for k in t["args"])]))
    values = {name: [t["args"].get(name) for t in traces] for name in names}
    flags = {n for n, vs in values.items() if _all_bools([v for v in vs if v is not None])}
    signatures = len({_key(t["args"], flags) for t in traces})
    if signatures < MIN_SIGNATURES:
        return None
    causes: list[str] = []
    specs: list[Spec] | None = []
    rank_varied = False
    scalars: list[str] = []
    only_shapes = True
    last_passed = max((i for i, n in enumerate(params) if any(v is not None for v in values[n])), default=-1)
    for index, name in enumerate(names):
        passed = [v for v in values[name] if v is not None]
        spec: Spec | None = None
        if passed:
            spec, cause, shape_cause, scalar = _parameter(name, passed)
            causes.extend(cause)
            rank_varied = rank_varied or shape_cause == "rank"
            only_shapes = only_shapes and (shape_cause is not None or not cause)
            if scalar:
                scalars.append(name)
            if len(passed) < len(values[name]):
                spec = None  # passed at some calls only
        if specs is None or (name in params and index > last_passed):
            continue  # parameters after the last one passed keep their defaults: left out of the signature
        if name not in params or spec is None:
            specs = None  # **kwargs, Python values, objects, or a parameter skipped before a passed one
        else:
            specs = [*specs, spec]
    if rank_varied or not specs:
        specs = None
    return Observation(
        traces=sum(int(t.get("count", 1)) for t in traces),
        signatures=signatures,
        causes=causes,
        specs=specs,
        relax_shapes=rank_varied or (specs is None and only_shapes and bool(causes)),
        scalars=scalars,
    )


def _all_bools(values: list[Any]) -> bool:
    return bool(values) and all(_python_type(v) == "bool" for v in values)


def _python_type(value: Any) -> str | None:
    return value.get("type") if isinstance(value, dict) and value.get("t") == "python" else None


def _parameter(name: str, observed: list[Any]) -> tuple[Spec | None, list[str], str | None, bool]:
    """(its TensorSpec, what varied, 'shape'/'rank' when only its shape varied, took Python numbers)."""
    kinds = {v.get("t") if isinstance(v, dict) else None for v in observed}
    if kinds == {"tensor"}:
        return _tensor_parameter(name, observed)
    if kinds == {"python"}:
        types = {_python_type(v) for v in observed}
        distinct = {json.dumps(v.get("value")) for v in observed}
        if types <= {"int", "float"} and types:
            dtype = _PYTHON_DTYPES["float" if "float" in types else "int"]
            if len(distinct) > 1:
                kind = "floats" if "float" in types else "ints"
                return Spec([], dtype), [f"'{name}' took {len(distinct)} Python {kind}"], None, True
            return None, [], None, False  # one Python value: keep it a Python value
        if len(distinct) > 1 and types != {"bool"}:
            shown = ", ".join(sorted(distinct)[:3])
            return None, [f"'{name}' took {len(distinct)} Python values ({shown}{', ...' if len(distinct) > 3 else ''})"], None, False
        return None, [], None, False
    if kinds == {"object"}:
        ids = {v.get("id") for v in observed}
        if len(ids) > 1:
            kind = observed[0].get("type", "object").rsplit(".", 1)[-1]
            return None, [f"'{name}' was {len(ids)} different {kind} objects"], None, False
        return None, [], None, False
    distinct = {json.dumps(v, sort_keys=True) for v in observed}
    if len(distinct) > 1:
        what = "structures" if kinds <= {"list", "tuple", "dict"} else "kinds of values"
        return None, [f"'{name}' took {len(distinct)} different {what}"], None, False
    return None, [], None, False


def _tensor_parameter(name: str, observed: list[Any]) -> tuple[Spec | None, list[str], str | None, bool]:
    dtypes = sorted({str(v.get("dtype")) for v in observed})
    shapes = [v.get("shape") for v in observed]
    if len(dtypes) > 1:
        return None, [f"'{name}' took dtypes {', '.join(dtypes)}"], None, False
    ranks = sorted({len(s) if isinstance(s, list) else -1 for s in shapes})
    if len(ranks) > 1 or ranks == [-1]:
        shown = ", ".join(str(r) if r >= 0 else "unknown" for r in ranks)
        return None, [f"'{name}' took ranks {shown}"], "rank", False
    causes = []
    dims: list[int | None] = []
    for axis in range(ranks[0]):
        sizes = {s[axis] for s in shapes}
        if len(sizes) == 1 and None not in sizes:
            dims.append(next(iter(sizes)))
            continue
        dims.append(None)
        known = sorted(x for x in sizes if isinstance(x, int))
        span = f" ({known[0]}..{known[-1]})" if known else ""
        causes.append(f"dimension {axis} of '{name}' took {len(sizes)} sizes{span}")
    spec = Spec(dims, dtypes[0]) if dtypes[0] in _TF_DTYPES else None
    return spec, causes, "shape" if causes else None, False


# -- eager calls observed (kind "eager", version 2) -------------------------------------------------
def eager_entry(function: nodes.FunctionDef) -> dict[str, Any] | None:
    """The record's ``eager`` entry for ``function`` (an eager def the test run observed), from the
    record next to its file or above it, if its source is unchanged and it holds observed calls."""
    module_file = function.root().file
    if not module_file or not os.path.isfile(module_file):
        return None
    found = find_record_file(module_file)
    record = load_record(found) if found else None
    if record is None:
        return None
    real = os.path.realpath(module_file)
    name = qualname(function)
    first = min([function.lineno, *(d.lineno for d in (function.decorators.nodes if function.decorators else ()))])
    for base in record.bases():
        relative = os.path.relpath(real, os.path.realpath(base)).replace(os.sep, "/")
        entries = [e for e in record.by_key.get((relative, name), []) + record.by_key.get((real, name), [])
                   if e.get("kind") == "eager"]
        if len(entries) > 1:
            entries = [e for e in entries if e["line"] == first]  # two defs of one name: the one at this line
        if not entries:
            continue
        entry, observed = entries[0], entries[0].get("observed")
        if entry["source_hash"] != definition_hash(function) or not isinstance(observed, list) or not observed:
            return None  # changed since the run (another hash), or never called
        if all(isinstance(o, dict) and isinstance(o.get("args"), dict) for o in observed):
            return entry
        return None
    return None


@dataclass(frozen=True)
class ObservedParameter:
    """What every observed eager call passed one parameter: tensors of one ``rank`` and ``dtype``
    (``python``: Python numbers, ``dtype`` int32, or float32 when any was a float), ``last`` the
    last dimension when every call agreed on it (else None), ``varies``: the shapes or values
    differed between calls (a bare decorator traces once per distinct one)."""

    rank: int
    dtype: str
    python: bool
    last: int | None
    varies: bool
    shapes: tuple[tuple[int | None, ...], ...]


def observed_parameters(entry: dict[str, Any], params: list[str]) -> dict[str, ObservedParameter | None] | None:
    """Per parameter, what the observed calls passed it (None: not one rank and dtype: objects, lists,
    bools, strings, variables, mixed kinds); None when some call did not pass exactly ``params``."""
    calls = [o["args"] for o in entry["observed"]]
    if any(set(args) != set(params) for args in calls):
        return None  # a default left to the def, an extra keyword, or a call the recorder could not bind
    return {name: _observed_parameter([args[name] for args in calls]) for name in params}


def _observed_parameter(values: list[Any]) -> ObservedParameter | None:
    if not all(isinstance(v, dict) for v in values):
        return None
    kinds = {v.get("t") for v in values}
    if kinds == {"python"}:
        types = {v.get("type") for v in values}
        if not types or not types <= {"int", "float"}:
            return None  # bools (an ``if`` on one becomes a tf.cond), strings, None
        varies = len({json.dumps(v.get("value")) for v in values}) > 1
        return ObservedParameter(0, _PYTHON_DTYPES["float" if "float" in types else "int"], True, None, varies, ((),))
    if kinds != {"tensor"} or any(v.get("type") or v.get("variable") for v in values):
        return None  # a RaggedTensor, a KerasTensor, a tf.Variable (a TensorSpec would read it), objects
    dtypes = {v.get("dtype") for v in values}
    shapes = [v.get("shape") for v in values]
    if len(dtypes) != 1 or not all(isinstance(s, list) for s in shapes) or len({len(s) for s in shapes}) != 1:
        return None
    dtype = next(iter(dtypes))
    if dtype not in _TF_DTYPES or dtype == "string":
        return None
    distinct = tuple(dict.fromkeys(tuple(s) for s in shapes))
    lasts = {s[-1] for s in distinct} if distinct[0] else {None}
    last = next(iter(lasts)) if len(lasts) == 1 else None
    return ObservedParameter(len(distinct[0]), dtype, False, last, len(distinct) > 1, distinct)
