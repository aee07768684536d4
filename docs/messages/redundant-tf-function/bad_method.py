import tensorflow as tf


class Agent:
    def __init__(self):
        self.scale = tf.Variable(2.0)

    @tf.function
    def _per_example(self, x):  # [redundant-tf-function]
        return x * self.scale

    @tf.function
    def train(self, batch):
        return tf.map_fn(self._per_example, batch)


if __name__ == "__main__":
    from _evidence import symptom

    agent = Agent()
    result = agent.train(tf.constant([1.0, 2.0, 3.0])).numpy().tolist()
    assert result == [2.0, 4.0, 6.0], result  # good_method.py: the same without the decorator
    symptom("the decorated map_fn callback gives the same result as without the decorator (good_method.py)")
