import tensorflow as tf


@tf.function
def step(x, i):
    return x * 2


for i in range(10):
    step(1.0, i  # the step
         + 1)
    step(1.0, i=i)
