import json
import os
import tempfile

import tensorflow as tf

LOG = os.path.join(tempfile.mkdtemp(), "steps.jsonl")


@tf.function
def train_step(x):
    with open(LOG, "a", encoding="utf-8") as log:  # [file-written-at-trace-time]
        log.write(json.dumps({"step": "done"}) + "\n")
    return x * 2


if __name__ == "__main__":
    from _evidence import symptom

    for value in (1.0, 2.0, 3.0):
        train_step(tf.constant(value))
    with open(LOG, encoding="utf-8") as written:
        lines = written.read().splitlines()
    assert len(lines) == 1, f"expected one line (written while tracing) for 3 calls, saw {len(lines)}"
    symptom("3 calls, the file got 1 line: open() ran only while train_step was traced")
