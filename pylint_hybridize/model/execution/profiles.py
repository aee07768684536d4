"""What ``pytest --hybridize-profile`` measured about an eager function (``pylint_hybridize.profiler``).

The profile record is data (``trace_record.load_profile``), found as the trace record is: next to the
checked file or above it, up to the project root. An entry counts only while the function's source is
unchanged (the same ``source_hash`` as the trace record's). Nothing here imports TensorFlow.
"""

from __future__ import annotations

import os
from typing import Any

from astroid import nodes

from pylint_hybridize import trace_record
from pylint_hybridize.model.execution.signatures import Spec
from pylint_hybridize.model.execution.traces import definition_hash, find_record_file, qualname

_LOADED: dict[str, tuple[float, dict[str, Any] | None]] = {}


def find_profile_file(module_file: str) -> str | None:
    """``.hybridize-profile.json`` next to the file or above it, up to the project root."""
    return find_record_file(module_file, trace_record.PROFILE_FILENAME)


def _load(path: str) -> dict[str, Any] | None:
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return None
    cached = _LOADED.get(path)
    if cached is None or cached[0] != mtime:
        cached = _LOADED[path] = (mtime, trace_record.load_profile(path))
    return cached[1]


def profile_entry(function: nodes.FunctionDef) -> dict[str, Any] | None:
    """The profile's entry for ``function`` (its source unchanged since), or None."""
    module_file = function.root().file
    if not module_file or not os.path.isfile(module_file):
        return None
    path = find_profile_file(module_file)
    record = _load(path) if path else None
    if record is None:
        return None
    real = os.path.realpath(module_file)
    root = record.get("root") if isinstance(record.get("root"), str) else os.path.dirname(path)
    keys = {real, os.path.relpath(real, os.path.realpath(root)).replace(os.sep, "/")}
    name = qualname(function)
    for entry in record["functions"]:
        if isinstance(entry, dict) and entry.get("qualname") == name and entry.get("path") in keys:
            return entry if entry.get("source_hash") == definition_hash(function) else None
    return None


def settings_text(signature: tuple[Spec, ...] | None, settings: str) -> str:
    """The profile record's ``settings`` for what the fix writes: the ``input_signature`` specs, or
    the other ``tf.function`` arguments (``tf_function_settings``)."""
    return trace_record.settings_text([[list(spec.dims), spec.dtype] for spec in signature] if signature else None,
                                      "reduce_retracing=True" in settings)


def evidence(entry: dict[str, Any] | None, fix_settings: str | None = None) -> tuple[bool, str]:
    """(report it?, what to add to the finding): a ``faster`` entry reports with its numbers; a
    ``slower``, ``different`` or ``failed`` one silences the finding; none (or ``unmeasured``) reports
    as the rule alone would. ``fix_settings``: what the fix writes now (``settings_text``); an entry
    whose copy ran with other settings (version 2 records say which: a trace record that came after
    the profile run gave the fix a signature) measured another decorator, and counts as none."""
    if entry is None or entry.get("verdict") in (None, "unmeasured"):
        return True, ""
    if fix_settings is not None and "settings" in entry and entry["settings"] != fix_settings:
        return True, ""
    if entry.get("verdict") != "faster":
        return False, ""
    return True, (f" (measured by pytest --hybridize-profile: {entry.get('speedup')}x faster per call on your "
                  f"tests, equal outputs)")
