"""DeepDream: gradient ascent on an image, simple, over octaves, and with random-shifted tiles."""

import numpy as np
import tensorflow as tf

import speedup_clock as clock
from dream import DeepDream, run_deep_dream_simple
from model import make_dream_model
from tiles import TiledGradients, run_deep_dream_with_octaves

tf.keras.utils.set_random_seed(0)
clock.start()


def make_original_img(size=48, seed=0):
    # stands in for the downloaded photograph: smooth random colour fields
    rng = np.random.default_rng(seed)
    coarse = rng.uniform(0, 255, size=(6, 6, 3)).astype(np.float32)
    return tf.image.resize(coarse[None], (size, size))[0].numpy()


original_img = make_original_img()
dream_model = make_dream_model()
deepdream = DeepDream(dream_model)

steps = clock.steps(10)
dream_img, simple_losses = run_deep_dream_simple(deepdream, img=original_img, steps=3 * steps, step_size=0.01)

OCTAVE_SCALE = 1.30
img = tf.constant(np.array(original_img))
base_shape = tf.shape(img)[:-1]
float_base_shape = tf.cast(base_shape, tf.float32)
octave_losses = []
for n in range(-2, 3):
    new_shape = tf.cast(float_base_shape * (OCTAVE_SCALE ** n), tf.int32)
    img = tf.image.resize(img, new_shape).numpy()
    img, losses = run_deep_dream_simple(deepdream, img=img, steps=steps, step_size=0.01)
    octave_losses.extend(losses)
    img = tf.cast(img, tf.float32).numpy()

get_tiled_gradients = TiledGradients(dream_model)
tiled_img = run_deep_dream_with_octaves(get_tiled_gradients, img=original_img, step_clock=clock.step,
                                        steps_per_octave=steps, step_size=0.01)

clock.finish({
    "simple_losses": simple_losses,
    "octave_losses": octave_losses,
    "simple_mean": tf.reduce_mean(tf.cast(dream_img, tf.float32)),
    "octaves_mean": np.mean(img),
    "tiled_mean": tf.reduce_mean(tf.cast(tiled_img, tf.float32)),
})
