import tensorflow as tf


class Agent:
    def __init__(self):
        self.scale = tf.Variable(2.0)

    def _per_example(self, x):
        return x * self.scale

    @tf.function
    def train(self, batch):
        return tf.map_fn(self._per_example, batch)


if __name__ == "__main__":
    from _evidence import ok

    agent = Agent()
    assert agent.train(tf.constant([1.0, 2.0, 3.0])).numpy().tolist() == [2.0, 4.0, 6.0]
    ok("the undecorated callback is traced inside train: same result")
