import tensorflow as tf

LAST_INPUT = tf.Variable([0.0, 0.0])


class Registry:
    last_total = tf.Variable(0.0)


REGISTRY = Registry()


@tf.function
def remember(x):
    LAST_INPUT.assign(x)
    REGISTRY.last_total.assign(tf.reduce_sum(x))
    return x * 2


class Model(tf.Module):
    def __init__(self):
        super().__init__()
        self.last_loss = tf.Variable(0.0)

    @tf.function
    def __call__(self, x):
        self.last_loss.assign(tf.reduce_sum(x))
        return x * 2


if __name__ == "__main__":
    from _evidence import ok

    remember(tf.constant([1.0, 2.0]))
    assert float(REGISTRY.last_total + 1.0) == 4.0 and LAST_INPUT.numpy().tolist() == [1.0, 2.0]
    model = Model()
    model(tf.constant([1.0, 2.0]))
    model(tf.constant([3.0, 4.0]))
    assert float(model.last_loss + 1.0) == 8.0, float(model.last_loss)
    ok("tf.Variable + assign: last_loss == 7.0 after the second call, usable outside")
