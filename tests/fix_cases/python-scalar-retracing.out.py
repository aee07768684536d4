import tensorflow as tf


@tf.function
def step(x, i):
    return x * 2


for i in range(10):
    step(1.0, tf.constant(i  # the step
         + 1))
    step(1.0, i=tf.constant(i))
