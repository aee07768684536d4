import tensorflow as tf

# the original's evaluate.py: accuracy and loss of the trained model on the test set
loss_object = tf.keras.losses.SparseCategoricalCrossentropy()
test_loss = tf.keras.metrics.Mean()
test_accuracy = tf.keras.metrics.SparseCategoricalAccuracy()


def test_step(model, images, labels):
    predictions = model(images, training=False)
    t_loss = loss_object(labels, predictions)

    test_loss(t_loss)
    test_accuracy(labels, predictions)


def evaluate(model, test_dataset):
    test_loss.reset_state()
    test_accuracy.reset_state()
    for test_images, test_labels in test_dataset:
        test_step(model, test_images, test_labels)
    return test_loss.result(), test_accuracy.result()
