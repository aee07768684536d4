"""Helpers the docs examples use to prove their claim under real TensorFlow.

Each ``bad.py`` / ``good.py`` ends with a ``__main__`` block that runs the code,
asserts the symptom (bad) or its absence (good), and prints ``SYMPTOM: ...`` or
``OK: ...`` as its last line. ``tests/runtime`` runs every example in a fresh
interpreter and checks both the exit status and that last line.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile


@contextlib.contextmanager
def captured_output():
    """Capture everything written to stdout and stderr, Python's and TensorFlow's C++ alike.

    Yields a list that holds the captured text once the block has exited.
    ``tf.print`` writes to the process's file descriptors directly, so
    ``contextlib.redirect_stdout`` alone would not see it.
    """
    result: list[str] = []
    with tempfile.TemporaryFile(mode="w+") as sink:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        try:
            yield result
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
            sink.seek(0)
            result.append(sink.read())


def lines_with(text: str, marker: str) -> int:
    """How many captured lines contain ``marker``."""
    return sum(marker in line for line in text.splitlines())


def symptom(description: str) -> None:
    print(f"SYMPTOM: {description}")


def ok(description: str) -> None:
    print(f"OK: {description}")
