"""A training loop written from scratch: train and test steps that accumulate metric objects."""

import time

import tensorflow as tf
from tensorflow import keras

import speedup_clock as clock
from data import get_datasets
from metrics import Metrics
from model import get_model

tf.keras.utils.set_random_seed(0)
clock.start()

train_batches = clock.steps(30)
train_dataset, val_dataset = get_datasets(train_batches, val_batches=train_batches)

model = get_model()
# Instantiate an optimizer to train the model.
optimizer = keras.optimizers.SGD(learning_rate=1e-2)
# Instantiate a loss function.
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

# Prepare the metrics.
train_metrics = Metrics("train")
val_metrics = Metrics("val")


def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss_value = loss_fn(y, logits)
        # Add any extra losses created during the forward pass.
        loss_value += sum(model.losses)
    grads = tape.gradient(loss_value, model.trainable_weights)
    optimizer.apply_gradients(zip(grads, model.trainable_weights))
    train_metrics.update(y, logits, loss_value)
    return loss_value


def test_step(x, y):
    val_logits = model(x, training=False)
    val_metrics.update(y, val_logits, loss_fn(y, val_logits))


history = []
epochs = 2
for epoch in range(epochs):
    print("\nStart of epoch %d" % (epoch,))
    start_time = time.time()

    # Iterate over the batches of the dataset.
    for step, (x_batch_train, y_batch_train) in enumerate(train_dataset):
        with clock.step():
            loss_value = train_step(x_batch_train, y_batch_train)

        # Log every 10 batches.
        if step % 10 == 0:
            print("Training loss (for one batch) at step %d: %.4f" % (step, float(loss_value)))

    # Display metrics at the end of each epoch.
    train_results = train_metrics.results()
    print("Training metrics over epoch: %s" % (train_results,))

    # Reset training metrics at the end of each epoch
    train_metrics.reset()

    # Run a validation loop at the end of each epoch.
    for x_batch_val, y_batch_val in val_dataset:
        test_step(x_batch_val, y_batch_val)

    val_results = val_metrics.results()
    val_metrics.reset()
    print("Validation metrics: %s" % (val_results,))
    print("Time taken: %.2fs" % (time.time() - start_time))
    history.append({**train_results, **val_results})

clock.finish({name: [epoch[name] for epoch in history] for name in history[0]})
