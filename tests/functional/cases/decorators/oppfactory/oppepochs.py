"""The epoch loop of a script beside oppfit.py: each epoch calls fit_one_epoch, which asks the
factory for its step (yolov4-tf2's train.py)."""
# pylint: disable=missing-function-docstring
from oppfit import eager_step, fit_one_epoch


def train(net, optimizer, batches, epochs, strategy):
    for epoch in range(epochs):
        fit_one_epoch(net, optimizer, epoch, batches, strategy)
    for images, _, _ in batches:
        eager_step(images, net, optimizer)
