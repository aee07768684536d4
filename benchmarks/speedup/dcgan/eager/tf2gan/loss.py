import tensorflow as tf


def get_gan_losses_fn():
    bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)

    def d_loss_fn(r_logit, f_logit):
        r_loss = bce(tf.ones_like(r_logit), r_logit)
        f_loss = bce(tf.zeros_like(f_logit), f_logit)
        return r_loss, f_loss

    def g_loss_fn(f_logit):
        return bce(tf.ones_like(f_logit), f_logit)

    return d_loss_fn, g_loss_fn


def get_wgan_losses_fn():
    def d_loss_fn(r_logit, f_logit):
        return -tf.reduce_mean(r_logit), tf.reduce_mean(f_logit)

    def g_loss_fn(f_logit):
        return -tf.reduce_mean(f_logit)

    return d_loss_fn, g_loss_fn


def get_adversarial_losses_fn(mode):
    if mode == 'gan':
        return get_gan_losses_fn()
    elif mode == 'wgan':
        return get_wgan_losses_fn()
    raise NotImplementedError(mode)


def gradient_penalty(f, real, fake, mode, rng):
    # rng: a tf.random.Generator (the original draws with tf.random.uniform)
    def _gradient_penalty(f, real, fake):
        shape = [tf.shape(real)[0]] + [1] * (real.shape.ndims - 1)
        alpha = rng.uniform(shape=shape, minval=0., maxval=1.)
        x = real + alpha * (fake - real)
        with tf.GradientTape() as t:
            t.watch(x)
            pred = f(x)
        grad = t.gradient(pred, x)
        norm = tf.norm(tf.reshape(grad, [tf.shape(grad)[0], -1]), axis=1)
        return tf.reduce_mean((norm - 1.) ** 2)

    if mode == 'none':
        gp = tf.constant(0, dtype=real.dtype)
    elif mode == 'wgan-gp':
        gp = _gradient_penalty(f, real, fake)
    else:
        raise NotImplementedError(mode)
    return gp
