"""An object reached through another object's attribute is unknown to the model (RLzoo's
``self.actor.policy_dist.logp(a)``, whose distribution runs ``np.array`` on the action): an eager step
calling its methods is not proven graph-safe. Keras state methods (``apply_gradients``,
``update_state``) are known whatever object holds them."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import numpy as np
import tensorflow as tf


class Categorical:
    def __init__(self):
        self.logits = None

    def set_param(self, logits):
        self.logits = logits

    def logp(self, x):
        x = np.array(x)
        return -tf.nn.sparse_softmax_cross_entropy_with_logits(labels=x, logits=self.logits)


class Agent:
    def __init__(self, actor, optimizer):
        self.actor = actor
        self.optimizer = optimizer

    def a_train(self, s, a):
        with tf.GradientTape() as tape:
            _ = self.actor(s)
            loss = -tf.reduce_mean(self.actor.policy_dist.logp(a))
        return tape.gradient(loss, self.actor.trainable_weights)

    def learn(self, batches):
        for s, a in batches:
            grads = self.a_train(s, a)
            self.optimizer.apply_gradients(zip(grads, self.actor.trainable_weights))


class Learner:
    def __init__(self, model):
        self.model = model

    def step(self, x, y):  # [tf-function-opportunity]
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(self.model(x) - y))
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.model.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss

    def fit(self, batches):
        for x, y in batches:
            self.step(x, y)
