import tensorflow as tf

from dream import calc_loss, deprocess

# the tutorial draws the shift with tf.random.uniform; a Generator draws the same numbers eagerly and traced
roll_rng = tf.random.Generator.from_seed(5)


def random_roll(img, maxroll):
    # Randomly shift the image to avoid tiled boundaries.
    shift = roll_rng.uniform(shape=[2], minval=-maxroll, maxval=maxroll, dtype=tf.int32)
    img_rolled = tf.roll(img, shift=shift, axis=[0, 1])
    return shift, img_rolled


class TiledGradients(tf.Module):
    def __init__(self, model):
        self.model = model

    def __call__(self, img, img_size, tile_size=512):
        shift, img_rolled = random_roll(img, tile_size)

        # Initialize the image gradients to zero.
        gradients = tf.zeros_like(img_rolled)

        # Skip the last tile, unless there's only one tile.
        xs = tf.range(0, img_size[1], tile_size)[:-1]
        if not tf.cast(len(xs), bool):
            xs = tf.constant([0])
        ys = tf.range(0, img_size[0], tile_size)[:-1]
        if not tf.cast(len(ys), bool):
            ys = tf.constant([0])

        for x in xs:
            for y in ys:
                # Calculate the gradients for this tile.
                with tf.GradientTape() as tape:
                    # This needs gradients relative to `img_rolled`.
                    # `GradientTape` only watches `tf.Variable`s by default.
                    tape.watch(img_rolled)

                    # Extract a tile out of the image.
                    img_tile = img_rolled[y:y + tile_size, x:x + tile_size]
                    loss = calc_loss(img_tile, self.model)

                # Update the image gradients for this tile.
                gradients = gradients + tape.gradient(loss, img_rolled)

        # Undo the random shift applied to the image and its gradients.
        gradients = tf.roll(gradients, shift=-shift, axis=[0, 1])

        # Normalize the gradients.
        gradients /= tf.math.reduce_std(gradients) + 1e-8

        return gradients


def run_deep_dream_with_octaves(get_tiled_gradients, img, step_clock, steps_per_octave=100, step_size=0.01,
                                octaves=range(-2, 3), octave_scale=1.3, tile_size=32):
    base_shape = tf.shape(img)
    img = tf.cast(img, tf.float32) / 127.5 - 1

    initial_shape = img.shape[:-1]
    img = tf.image.resize(img, initial_shape)
    for octave in octaves:
        # Scale the image based on the octave
        new_size = tf.cast(tf.convert_to_tensor(base_shape[:-1]), tf.float32) * (octave_scale ** octave)
        new_size = tf.cast(new_size, tf.int32)
        img = tf.image.resize(img, new_size)

        for step in range(steps_per_octave):
            with step_clock():
                gradients = get_tiled_gradients(img, new_size, tile_size)
                img = img + gradients * step_size
                img = tf.clip_by_value(img, -1, 1)

            if step % 10 == 0:
                print("Octave {}, Step {}".format(octave, step))

    result = deprocess(img)
    return result
