"""Helpers traced by hybrids of other modules: reported here, with the hybrid's module in the path."""
# pylint: disable=missing-function-docstring


def log_stats(x):
    print("stats", x)  # [print-at-trace-time]
    return summarize(x)


def summarize(x):
    print("summary", x)  # [print-at-trace-time]
    return x


def eager_report(x):
    print("eager", x)  # only called eagerly, from train.py's main loop
    return x


def never_called(x):
    print(x)


def normalize(x):
    print("normalize", x)  # [print-at-trace-time]
    return x
