import numpy as np
import pytest
import tensorflow as tf

from model import train, train_step


@pytest.mark.parametrize("batch", [2, 4, 16, 128])
def test_train_step_is_finite(batch):
    x = tf.ones([batch, 8])
    assert np.isfinite(float(train_step(x, 0)))


def test_train_on_ragged_batches():
    batches = [tf.ones([size, 8]) for size in (3, 5, 7, 32)]
    losses = train(batches)
    assert len(losses) == 4 and losses[0] > losses[-1]
