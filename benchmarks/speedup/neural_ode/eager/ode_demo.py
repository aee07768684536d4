"""Learns the dynamics of a spiral ODE with a neural ODE (fixed-grid RK4 through tfdiffeq's shape)."""

import argparse
import time

import numpy as np
import tensorflow as tf

import speedup_clock as clock
from tfdiffeq import odeint

parser = argparse.ArgumentParser('ODE demo')
parser.add_argument('--method', type=str, choices=['euler', 'midpoint', 'rk4'], default='rk4')
parser.add_argument('--data_size', type=int, default=40)
parser.add_argument('--batch_time', type=int, default=6)
parser.add_argument('--batch_size', type=int, default=16)
parser.add_argument('--niters', type=int, default=30)
parser.add_argument('--test_freq', type=int, default=15)
args = parser.parse_args()

np.random.seed(0)
tf.keras.utils.set_random_seed(0)
clock.start()

true_y0 = tf.convert_to_tensor([[2., 0.]], dtype=tf.float32)
t = tf.linspace(0., 10., args.data_size)
true_A = tf.convert_to_tensor([[-0.1, 2.0], [-2.0, -0.1]], dtype=tf.float32)


class Lambda(tf.keras.Model):

    def call(self, t, y):
        return tf.matmul(y ** 3, true_A)


true_y = odeint(Lambda(), true_y0, t, method=args.method)


def get_batch():
    s = np.random.choice(np.arange(args.data_size - args.batch_time, dtype=np.int64), args.batch_size,
                         replace=False)
    temp_y = true_y.numpy()
    batch_y0 = tf.convert_to_tensor(temp_y[s])  # (M, D)
    batch_t = t[:args.batch_time]  # (T)
    batch_y = tf.stack([temp_y[s + i] for i in range(args.batch_time)], axis=0)  # (T, M, D)
    return batch_y0, batch_t, batch_y


class ODEFunc(tf.keras.Model):

    def __init__(self, **kwargs):
        super(ODEFunc, self).__init__(**kwargs)
        self.x = tf.keras.layers.Dense(50, activation='tanh',
                                       kernel_initializer=tf.keras.initializers.TruncatedNormal(stddev=0.1))
        self.y = tf.keras.layers.Dense(2, kernel_initializer=tf.keras.initializers.TruncatedNormal(stddev=0.1))

    def call(self, t, y):
        y = tf.cast(y, tf.float32)
        x = self.x(y ** 3)
        y = self.y(x)
        return y


class RunningAverageMeter(object):
    """Computes and stores the average and current value"""

    def __init__(self, momentum=0.99):
        self.momentum = momentum
        self.reset()

    def reset(self):
        self.val = None
        self.avg = 0

    def update(self, val):
        if self.val is None:
            self.avg = val
        else:
            self.avg = self.avg * self.momentum + val * (1 - self.momentum)
        self.val = val


func = ODEFunc()
optimizer = tf.keras.optimizers.RMSprop(1e-3)


def train_step(batch_y0, batch_t, batch_y):
    # the original's loop body (tape, odeint, loss, apply_gradients), as a function
    with tf.GradientTape() as tape:
        pred_y = odeint(func, batch_y0, batch_t, method=args.method)
        loss = tf.reduce_mean(tf.abs(pred_y - batch_y))
    grads = tape.gradient(loss, func.trainable_variables)
    optimizer.apply_gradients(zip(grads, func.trainable_variables))
    return loss


if __name__ == '__main__':
    end = time.time()
    time_meter = RunningAverageMeter(0.97)
    loss_meter = RunningAverageMeter(0.97)
    test_losses = []

    for itr in range(1, clock.steps(args.niters) + 1):
        batch_y0, batch_t, batch_y = get_batch()
        with clock.step():
            loss = train_step(batch_y0, batch_t, batch_y)

        time_meter.update(time.time() - end)
        loss_meter.update(loss.numpy())

        if itr % args.test_freq == 0:
            pred_y = odeint(func, true_y0, t, method=args.method)
            loss = tf.reduce_mean(tf.abs(pred_y - true_y))
            print('Iter {:04d} | Total Loss {:.6f}'.format(itr, loss.numpy()))
            test_losses.append(loss)
        end = time.time()

    clock.finish({
        'running_loss': loss_meter.avg,
        'last_batch_loss': loss_meter.val,
        'test_losses': test_losses,
    })
