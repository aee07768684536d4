import json
import os
import tempfile

import tensorflow as tf

LOG = os.path.join(tempfile.mkdtemp(), "steps.jsonl")


@tf.function
def train_step(x):
    return x * 2


def logged_step(x):
    result = train_step(x)
    with open(LOG, "a", encoding="utf-8") as log:  # Python, outside the traced function: every call
        log.write(json.dumps({"step": float(result)}) + "\n")
    return result


if __name__ == "__main__":
    from _evidence import ok

    for value in (1.0, 2.0, 3.0):
        logged_step(tf.constant(value))
    with open(LOG, encoding="utf-8") as written:
        lines = written.read().splitlines()
    assert len(lines) == 3, f"expected one line per call, saw {len(lines)}"
    ok("3 calls, 3 lines: the file is written outside the traced function")
