"""Per-call cost of the eager observer (``pytest --hybridize-traces`` on a tf-function-opportunity candidate):
the wrapper around a one-add function vs the function, interleaved blocks of 200 calls, process CPU time.
Run: ``python benchmarks/observer_overhead.py`` (TF installed). docs/benchmarks.md, "Observing eager candidates"."""
import os, statistics, sys, time
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
import tensorflow as tf
from pylint_hybridize import profiler

def add(x, y, scale):
    return x + y * scale

observed = profiler._Profiled(add, __file__, "add", {"proposed": False}, measure=False, observe=True)
x, y = tf.ones([4, 3]), tf.ones([4, 3])
def block(f, n=200):
    start = time.process_time()
    for i in range(n):
        f(x, y, 0.5)
    return (time.process_time() - start) / n
ratios, plain, obs = [], [], []
for _ in range(40):
    a = block(add); b = block(observed)
    plain.append(a); obs.append(b); ratios.append(b / a)
print(f"plain {statistics.median(plain)*1e6:.1f} us/call, observed {statistics.median(obs)*1e6:.1f} us/call, "
      f"added {(statistics.median(obs)-statistics.median(plain))*1e6:.1f} us/call, median pair ratio {statistics.median(ratios):.3f}")
