"""A train loop calling the hybrids of model.py by their imported names."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name
import tensorflow as tf

from rpkg import model
from rpkg.model import check, scaled_step, step, total


class Config:
    def __init__(self, rate):
        self.rate = rate


data = tf.ones([10])

for epoch in range(3):
    step(data, epoch)  # [python-scalar-retracing]
    model.step(data, epoch * 0.5)  # [python-scalar-retracing]
    total(data[:epoch])  # [varying-shape-retracing]
    model.apply(data, Config(0.5))  # [new-object-retracing]
    scaled_step(data, epoch)  # [python-scalar-retracing]

for lr in [0.1, 0.01, 0.001]:
    step(data, lr)  # [python-scalar-retracing]

for epoch in range(3):
    lr = 0.1 / (epoch + 1)
    step(data, lr)  # [python-scalar-retracing]

check(tf.constant(1.0))

# ---- negatives ----------------------------------------------------------
for epoch in range(3):
    step(data, tf.constant(epoch * 0.5))
    step(data, 0.5)
    total(data)

for batch in [data, data]:
    step(batch, 0.5)
