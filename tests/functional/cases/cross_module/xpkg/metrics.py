"""A helper module without any TensorFlow import, called through `metrics.update`."""
# pylint: disable=missing-function-docstring


def update(x):
    print("metric", x)  # [print-at-trace-time]
