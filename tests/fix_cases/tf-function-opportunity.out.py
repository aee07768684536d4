import tensorflow as tf


@tf.function
def train_step(x, w):
	with tf.GradientTape() as tape:
		loss = tf.reduce_sum(tf.matmul(x, w))
	return tape.gradient(loss, w)


def run(x, w):
	for _ in range(100):
		train_step(x, w)


@tf.function(reduce_retracing=True)
def eval_step(x, w):
	with tf.GradientTape() as tape:
		loss = tf.reduce_sum(tf.matmul(x, w))
	return tape.gradient(loss, w)


def evaluate(batches, w):  # batches of any shape: reduce_retracing=True
	for x in batches:
		eval_step(x, w)
