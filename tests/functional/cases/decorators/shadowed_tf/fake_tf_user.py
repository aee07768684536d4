"""``tf`` is the ``tensorflow.py`` beside this script (it shadows TensorFlow): nothing here is a
tf.function, so no rule may speak (before: barren-tf-function, print-at-trace-time,
variable-created-in-traced-code, deprecated-tf-function-argument)."""
import tensorflow as tf


@tf.function
def does_nothing():
    pass


@tf.function(experimental_relax_shapes=True)
def prints(x):
    print("x is", x)
    return tf.Variable(x)


if __name__ == "__main__":
    does_nothing()
    for step in range(3):
        prints(tf.constant(step))
