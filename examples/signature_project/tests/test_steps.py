"""The user's test: batches of 4, 5 and 6 rows of 3 features; it passes the same with and without
--hybridize-traces / --hybridize-profile."""
import numpy as np
import tensorflow as tf

import steps


def batches():
    rng = np.random.default_rng(0)
    return [(tf.constant(rng.normal(size=(n, 3)), tf.float32), tf.constant(rng.normal(size=(n, 1)), tf.float32))
            for n in (4, 5, 6, 4)]


def test_fit_runs_every_batch():
    losses = steps.fit(batches(), epochs=2)
    assert len(losses) == 8 and all(np.isfinite(float(loss)) for loss in losses)
