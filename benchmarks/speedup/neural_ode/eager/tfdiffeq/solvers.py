import abc

import tensorflow as tf


class FixedGridODESolver(object):
    __metaclass__ = abc.ABCMeta

    def __init__(self, func, y0, eps=0.0, **unused_kwargs):
        self.func = func
        self.y0 = y0
        self.eps = eps

    @property
    @abc.abstractmethod
    def order(self):
        pass

    @abc.abstractmethod
    def step_func(self, func, t, dt, y):
        pass

    def integrate(self, t):
        # the solution at every point of the time grid t (one step per interval)
        t = tf.cast(t, self.y0[0].dtype)
        solution = [self.y0]
        y0 = self.y0
        for i in range(t.shape[0] - 1):
            t0, t1 = t[i], t[i + 1]
            dy = self.step_func(self.func, t0, t1 - t0, y0)
            y1 = tuple(y0_ + dy_ for y0_, dy_ in zip(y0, dy))
            solution.append(y1)
            y0 = y1
        return tuple(map(tf.stack, tuple(zip(*solution))))
