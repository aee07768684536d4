"""A run-once tensor cache in Keras ``call`` (``if self.x is None: self.x = <tensor>``) where Keras 3
runs ``call`` symbolically before the first real call (a build by run): the cache keeps a tensor of
the scratch graph, and every later call gets it (TF 2.21 / Keras 3.15: ``TypeError ... out of scope``).
Silent where the first call runs as called (eagerly on eager tensors)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,attribute-defined-outside-init
import keras
import tensorflow as tf


class CachingConv(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=[2, 2])
        self.cached = None

    def call(self, inputs):
        if self.cached is None:
            self.cached = tf.matmul(inputs, self.w)  # [leaked-tensor-at-trace-time]
        return self.cached


class Holder(keras.Model):
    """No build(), an unbuilt sublayer: Keras 3 builds it by running call symbolically."""

    def __init__(self):
        super().__init__()
        self.layer = CachingConv()

    def call(self, inputs):
        return self.layer(inputs)


class CacheWithDense(keras.layers.Layer):
    """No build(), a Dense sublayer (unbuilt until its first call): its own build by run."""

    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(2)
        self.mask = None

    def call(self, inputs):
        if self.mask is None:
            self.mask = tf.ones([2])  # [leaked-tensor-at-trace-time]
        return self.dense(inputs) * self.mask


class OwnBuildCache(keras.layers.Layer):
    """A build() of its own, used alone: the first call runs eagerly on eager tensors (measured)."""

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=[2, 2])
        self.cached = None

    def call(self, inputs):
        if self.cached is None:
            self.cached = tf.matmul(inputs, self.w)
        return self.cached


class StatelessSublayers(keras.layers.Layer):
    """No build(), but Activation and Dropout are built at construction: no build by run (measured)."""

    def __init__(self):
        super().__init__()
        self.act = keras.layers.Activation("relu")
        self.drop = keras.layers.Dropout(0.1)
        self.cached = None

    def call(self, inputs):
        if self.cached is None:
            self.cached = self.act(inputs) * 2.0
        return self.cached


class PerCallStash(keras.layers.Layer):
    """No guard: every call overwrites it (the eager call last): ends an EagerTensor (measured)."""

    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(2)

    def call(self, inputs):
        self.last = self.dense(inputs)
        return self.last


class UnreadCache(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(2)
        self.seen = None

    def call(self, inputs):
        if self.seen is None:
            self.seen = tf.reduce_sum(inputs)  # never read but by its guard: nothing leaks out
        return self.dense(inputs)


class SetsBuilt(keras.layers.Layer):
    """Its __init__ sets built: not a build by run."""

    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(2)
        self.cached = None
        self.built = True

    def call(self, inputs):
        if self.cached is None:
            self.cached = self.dense(inputs)
        return self.cached


class BranchHolder(keras.Model):
    """Calls its sublayer only under a branch: the symbolic pass may not reach it."""

    def __init__(self, use_cache=False):
        super().__init__()
        self.cache_layer = OwnBuildCache()
        self.dense = keras.layers.Dense(2)
        self.use_cache = use_cache

    def call(self, inputs):
        if self.use_cache:
            return self.cache_layer(inputs)
        return self.dense(inputs)


if __name__ == "__main__":
    Holder()(tf.ones([2, 2]))
    CacheWithDense()(tf.ones([2, 2]))
    OwnBuildCache()(tf.ones([2, 2]))
    StatelessSublayers()(tf.ones([2, 2]))
