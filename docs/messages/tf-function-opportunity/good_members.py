import numpy as np
import tensorflow as tf


class Categorical:
    """A policy's action distribution, set by the network's call (RLzoo's distributions)."""

    def __init__(self):
        self.logits = None

    def set_param(self, logits):
        self.logits = logits

    def logp(self, x):
        x = np.array(x)  # NumPy on the action: fine eagerly, impossible on a graph's symbolic tensor
        return -tf.nn.sparse_softmax_cross_entropy_with_logits(labels=x, logits=self.logits)


class Actor(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = tf.keras.layers.Dense(3)
        self.policy_dist = Categorical()

    def call(self, s):
        logits = self.dense(s)
        self.policy_dist.set_param(logits)
        return logits


class Agent:
    def __init__(self, actor):
        self.actor = actor

    def a_train(self, s, a):
        """Left eager: the distribution is reached through the actor's attribute, so the linter does
        not read what its method runs, and proposes no tf.function."""
        with tf.GradientTape() as tape:
            self.actor(s)
            loss = -tf.reduce_mean(self.actor.policy_dist.logp(a))
        return tape.gradient(loss, self.actor.trainable_weights)


if __name__ == "__main__":
    from _evidence import ok

    agent = Agent(Actor())
    states, actions = tf.ones([4, 2]), tf.constant([0, 1, 2, 1])
    for _ in range(3):
        grads = agent.a_train(states, actions)
    assert len(grads) == 2 and all(g is not None for g in grads)
    try:
        tf.function(Agent.a_train)(agent, states, actions)
    except NotImplementedError as error:  # what decorating it would do
        assert "symbolic" in str(error), error
    else:
        raise AssertionError("a_train traced although its distribution calls np.array on the action")
    ok("eager: the step runs; as a tf.function it raises NotImplementedError (np.array of a symbolic tensor)")
