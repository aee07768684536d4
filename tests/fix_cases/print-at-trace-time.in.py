"""print -> tf.print: formatted text taken apart, stdout kept."""
import sys

import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def step(x):
    print("x", x)  # a comment that stays
    print(f"d {x}")
    print(f"d={x}")
    print(f'{x} and {x}')
    print("v %s" % x, "w")
    print("v {}".format(x), end="\n\n")
    print("s " + str(x))
    print(f"loss {x!r}")  # unsafe: !r dropped
    print("to stderr", x, file=sys.stderr)
    print("flushed", x, flush=True)  # unsafe: flush dropped
    print(
        "multi",  # first
        x,  # second
    )
    print()
    return x
