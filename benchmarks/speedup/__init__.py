"""The speedup harness: eager TensorFlow programs, their hand-hybridized references, and run.py."""
