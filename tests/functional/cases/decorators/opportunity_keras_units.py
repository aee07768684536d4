"""tf-function-opportunity: a loop inside a method Keras calls with a step's tensors (a loss's
``call``, a metric's ``update_state``) is not a driver loop: ``fit`` traces that method with the
step, and it, not its helper, is the unit a graph would hold (deepreg's MultiScaleLoss, issue 30)."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods
import tensorflow as tf


def gaussian_kernel1d(sigma):
    tail = int(sigma * 3)
    return tf.exp([-0.5 * x**2 / sigma**2 for x in range(-tail, tail + 1)])


def separable_filter(tensor, kernel):  # a numerical kernel, but only a Keras unit loops over it
    strides = [1, 1, 1, 1, 1]
    kernel = tf.cast(kernel, dtype=tensor.dtype)
    tensor = tf.nn.conv3d(
        tf.nn.conv3d(
            tf.nn.conv3d(tf.expand_dims(tensor, axis=4), filters=tf.reshape(kernel, [-1, 1, 1, 1, 1]),
                         strides=strides, padding="SAME"),
            filters=tf.reshape(kernel, [1, -1, 1, 1, 1]), strides=strides, padding="SAME"),
        filters=tf.reshape(kernel, [1, 1, -1, 1, 1]), strides=strides, padding="SAME")
    return tensor[:, :, :, :, 0]


class MultiScaleLoss(tf.keras.losses.Loss):
    kernel_fn_dict = {"gaussian": gaussian_kernel1d}

    def __init__(self, scales=None):
        super().__init__()
        self.scales = scales

    def call(self, y_true, y_pred):
        kernel_fn = self.kernel_fn_dict["gaussian"]
        losses = []
        for s in self.scales:
            losses.append(self.single(separable_filter(y_true, kernel_fn(s)), separable_filter(y_pred, kernel_fn(s))))
        return tf.add_n(losses) / len(self.scales)

    def single(self, y_true, y_pred):
        return tf.reduce_mean(tf.square(y_true - y_pred))


class DiceLoss(MultiScaleLoss):  # a project subclass: still a Keras loss
    def call(self, y_true, y_pred):
        kernel_fn = self.kernel_fn_dict["gaussian"]
        total = 0.0
        for s in self.scales:
            total += self.single(separable_filter(y_true, kernel_fn(s)), y_pred)
        return total


class SmoothedMean(tf.keras.metrics.Metric):
    def __init__(self, scales):
        super().__init__()
        self.scales = scales
        self.total = self.add_weight(name="total")

    def update_state(self, y_true, y_pred, sample_weight=None):
        kernel_fn = self.kernel_fn_dict["gaussian"]
        for s in self.scales:
            self.total.assign_add(tf.reduce_sum(separable_filter(y_pred - y_true, kernel_fn(s))))

    def result(self):
        return self.total
