"""Overhead of the trace recorder (pytest --hybridize-traces) on a traced train loop.

    python benchmarks/trace_overhead.py [--calls 2000] [--rounds 7]

A Keras-free train step (a 2-layer MLP, GradientTape, SGD update on tf.Variables) traced once and
called ``--calls`` times, batches of one shape; rounds alternate recorder off / on in one process
(the recorder hooks tf.function's ``Function.__call__`` exactly as the pytest plugin does), and
the medians of the per-round times are compared. A second loop measures the worst case: a trivial
tf.function (one add) whose call cost is mostly Python.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import tensorflow as tf  # noqa: E402

from pylint_hybridize.pytest_plugin import Recorder  # noqa: E402


def make_step():
    w1 = tf.Variable(tf.random.stateless_normal([64, 128], seed=[1, 2]) * 0.05)
    w2 = tf.Variable(tf.random.stateless_normal([128, 10], seed=[3, 4]) * 0.05)

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            logits = tf.matmul(tf.nn.relu(tf.matmul(x, w1)), w2)
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y, logits))
        g1, g2 = tape.gradient(loss, [w1, w2])
        w1.assign_sub(0.01 * g1)
        w2.assign_sub(0.01 * g2)
        return loss

    return train_step


@tf.function
def add_one(x):
    return x + 1.0


def timed(function, args, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100, help="calls per block")
    parser.add_argument("--rounds", type=int, default=60, help="blocks, alternating off / on")
    options = parser.parse_args()
    x = tf.random.stateless_normal([32, 64], seed=[5, 6])
    y = tf.random.stateless_uniform([32], seed=[7, 8], maxval=10, dtype=tf.int32)
    step = make_step()
    scalar = tf.constant(1.0)
    for name, function, args in (("train step", step, (x, y)), ("trivial add", add_one, (scalar,))):
        timed(function, args, 200)  # trace and warm up
        off, on, ratios = [], [], []
        recorder = Recorder(".")
        for index in range(options.rounds):
            # pairs in alternating order (off-on, on-off) so that drift cancels
            order = (False, True) if index % 2 == 0 else (True, False)
            pair = {}
            for recording in order:
                if recording:
                    recorder.start()
                pair[recording] = timed(function, args, options.calls)
                recorder.stop()
            off.append(pair[False])
            on.append(pair[True])
            ratios.append(pair[True] / pair[False])
        base, recorded = statistics.median(off), statistics.median(on)
        print(f"{name}: {base / options.calls * 1e6:.1f} us/call without, {recorded / options.calls * 1e6:.1f} us/call "
              f"recording; overhead: median of pair ratios {100 * (statistics.median(ratios) - 1):+.1f}% "
              f"({options.rounds} pairs of {options.calls}-call blocks)")
    per_call = added_cost(add_one, (scalar,))
    print(f"added Python work per call (the hook alone, no TF op): {per_call * 1e6:.2f} us")


def added_cost(function, args, calls: int = 20000) -> float:
    """What the hook adds per call: its own work, timed without the TF call inside it."""
    recorder = Recorder(".")
    recorder.start()
    function(*args)
    hook = type(function).__call__
    original = hook.__wrapped__
    recorder.stop()
    nothing = lambda self, *a, **k: None  # noqa: E731
    # the hook's closure calls 'original': time it around a no-op instead of the TF call
    cell = [c for c in hook.__closure__ if c.cell_contents is original][0]
    cell.cell_contents = nothing
    try:
        start = time.perf_counter()
        for _ in range(calls):
            hook(function, *args)
        hooked = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(calls):
            nothing(function, *args)
        bare = time.perf_counter() - start
    finally:
        cell.cell_contents = original
    return (hooked - bare) / calls


if __name__ == "__main__":
    main()
