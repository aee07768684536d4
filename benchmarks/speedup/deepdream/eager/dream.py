import tensorflow as tf


def calc_loss(img, model):
    # Pass forward the image through the model to retrieve the activations.
    # Converts the image into a batch of size 1.
    img_batch = tf.expand_dims(img, axis=0)
    layer_activations = model(img_batch)
    if len(layer_activations) == 1:
        layer_activations = [layer_activations]

    losses = []
    for act in layer_activations:
        loss = tf.math.reduce_mean(act)
        losses.append(loss)

    return tf.reduce_sum(losses)


class DeepDream(tf.Module):
    def __init__(self, model):
        self.model = model

    def __call__(self, img, steps, step_size):
        loss = tf.constant(0.0)
        for n in tf.range(steps):
            with tf.GradientTape() as tape:
                # This needs gradients relative to `img`
                # `GradientTape` only watches `tf.Variable`s by default
                tape.watch(img)
                loss = calc_loss(img, self.model)

            # Calculate the gradient of the loss with respect to the pixels of the input image.
            gradients = tape.gradient(loss, img)

            # Normalize the gradients.
            gradients /= tf.math.reduce_std(gradients) + 1e-8

            # In gradient ascent, the "loss" is maximized so that the input image increasingly "excites" the layers.
            # You can update the image by directly adding the gradients (because they're the same shape!)
            img = img + gradients * step_size
            img = tf.clip_by_value(img, -1, 1)

        return loss, img


# Normalize an image
def preprocess(img):
    return tf.cast(img, tf.float32) / 127.5 - 1


def deprocess(img):
    img = 255 * (img + 1.0) / 2.0
    return tf.cast(img, tf.uint8)


def run_deep_dream_simple(deepdream, img, steps=100, step_size=0.01, chunk=20):
    img = preprocess(img)
    steps_remaining = steps
    step = 0
    losses = []
    while steps_remaining:
        if steps_remaining > chunk:
            run_steps = chunk
        else:
            run_steps = steps_remaining
        steps_remaining -= run_steps
        step += run_steps

        loss, img = deepdream(img, run_steps, step_size)
        losses.append(float(loss))
        print("Step {}, loss {}".format(step, loss))

    return deprocess(img), losses
