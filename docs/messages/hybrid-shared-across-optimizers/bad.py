import keras
import tensorflow as tf

model = keras.Sequential([keras.layers.Dense(1)])
model.build((None, 3))
fast = keras.optimizers.Adam(0.1)
slow = keras.optimizers.Adam(0.01)


@tf.function
def train_step(model, optimizer, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


@tf.function
def fit_step(model, optimizer, x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def train(x):
    optimizer = keras.optimizers.Adam(0.01)
    return fit_step(model, optimizer, x)  # [hybrid-shared-across-optimizers]


if __name__ == "__main__":
    from _evidence import symptom

    x = tf.ones([2, 3])
    train_step(model, fast, x)
    try:
        train_step(model, slow, x)  # [hybrid-shared-across-optimizers]
    except ValueError as error:
        assert "singleton tf.Variables created on the first call" in str(error), error
    else:
        raise AssertionError("the second optimizer's slot variables should be rejected")
    errors = []
    for _ in range(3):
        try:
            train(x)
        except ValueError as error:
            errors.append(str(error))
    assert len(errors) == 2 and all("singleton tf.Variables created on the first call" in e for e in errors), errors
    symptom("second optimizer: ValueError, its slot variables are created on a later trace; an optimizer "
            "made by every call of train(): the 2nd and 3rd calls raise the same ValueError")
