import tensorflow as tf


@tf.function
def config():
    return {"lr": 0.1}


config()
