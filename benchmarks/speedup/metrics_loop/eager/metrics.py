from tensorflow import keras


class Metrics:
    """The metric objects of one split, updated batch by batch and read once an epoch."""

    def __init__(self, prefix):
        self.loss = keras.metrics.Mean(name=f"{prefix}_loss")
        self.accuracy = keras.metrics.SparseCategoricalAccuracy(name=f"{prefix}_accuracy")
        self.top3 = keras.metrics.SparseTopKCategoricalAccuracy(k=3, name=f"{prefix}_top3")

    def update(self, y, logits, loss_value):
        self.loss.update_state(loss_value)
        self.accuracy.update_state(y, logits)
        self.top3.update_state(y, logits)

    def results(self):
        return {m.name: float(m.result()) for m in (self.loss, self.accuracy, self.top3)}

    def reset(self):
        for metric in (self.loss, self.accuracy, self.top3):
            metric.reset_state()
