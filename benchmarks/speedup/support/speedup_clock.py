"""The clock every speedup program times itself with, and prints its one JSON result line through.

A program calls ``steps(default)`` for its step count (``HYBRIDIZE_SPEEDUP_STEPS`` overrides it, so
that tests run each program for a few steps), ``start()`` where its measured region begins (after
its imports, before building data and models), ``step()`` around each training/evaluation step, and
``finish(result)`` at the end, which prints::

    {"result": {...}, "region_s": ..., "step_s": ..., "steps": ...}

``region_s`` is everything from ``start()`` on: data, models, tracing, every step, evaluation.
``step_s`` is the median step: steady-state speed, tracing excluded (the first steps trace).
The result values are what the variants must agree on; they are rounded to nothing: the harness
compares them with the program's tolerance.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import time

STEPS_VARIABLE = "HYBRIDIZE_SPEEDUP_STEPS"

_started: float | None = None
_durations: list[float] = []


def steps(default: int) -> int:
    """The number of steps to run: ``default``, or ``HYBRIDIZE_SPEEDUP_STEPS`` when it is set."""
    override = os.environ.get(STEPS_VARIABLE)
    return int(override) if override else default


def start() -> None:
    global _started
    _started = time.perf_counter()
    _durations.clear()


@contextlib.contextmanager
def step():
    begin = time.perf_counter()
    yield
    _durations.append(time.perf_counter() - begin)


def finish(result: dict) -> dict:
    """Print the program's JSON line; returns what it printed."""
    if _started is None:
        raise RuntimeError("speedup_clock.finish() without start()")
    line = {
        "result": {name: _plain(value) for name, value in result.items()},
        "region_s": time.perf_counter() - _started,
        "step_s": statistics.median(_durations) if _durations else None,
        "steps": len(_durations),
    }
    print(json.dumps(line), flush=True)
    return line


def _plain(value):
    """A float (or list of floats) from a Python number, NumPy value or eager tensor."""
    if hasattr(value, "numpy"):
        value = value.numpy()
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return float(value)
