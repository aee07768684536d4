"""print -> tf.print: formatted text taken apart, stdout kept."""
import sys

import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def step(x):
    tf.print("x", x, output_stream=sys.stdout)  # a comment that stays
    tf.print("d", x, output_stream=sys.stdout)
    tf.print("d=", x, sep="", output_stream=sys.stdout)
    tf.print(x, 'and', x, output_stream=sys.stdout)
    tf.print("v", x, "w", output_stream=sys.stdout)
    tf.print("v", x, end="\n\n", output_stream=sys.stdout)
    tf.print("s", x, output_stream=sys.stdout)
    tf.print("loss", x, output_stream=sys.stdout)  # unsafe: !r dropped
    tf.print("to stderr", x, output_stream=sys.stderr)
    tf.print("flushed", x, output_stream=sys.stdout)  # unsafe: flush dropped
    tf.print(
        "multi",  # first
        x, output_stream=sys.stdout,  # second
    )
    tf.print(output_stream=sys.stdout)
    return x
