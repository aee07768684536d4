"""Trains a DCGAN on synthetic 16x16 images: a D step per batch, a G step every n_d D steps."""

import argparse
import functools

import numpy as np
import tensorflow as tf
import tensorflow.keras as keras

import data
import module
import speedup_clock as clock
import tf2gan as gan

# ==============================================================================
# =                                   param                                    =
# ==============================================================================

parser = argparse.ArgumentParser()
parser.add_argument('--batch_size', type=int, default=16)
parser.add_argument('--epochs', type=int, default=1)
parser.add_argument('--lr', type=float, default=0.0002)
parser.add_argument('--beta_1', type=float, default=0.5)
parser.add_argument('--n_d', type=int, default=1)  # d updates per g update
parser.add_argument('--z_dim', type=int, default=16)
parser.add_argument('--adversarial_loss_mode', default='gan', choices=['gan', 'wgan'])
parser.add_argument('--gradient_penalty_mode', default='none', choices=['none', 'wgan-gp'])
parser.add_argument('--gradient_penalty_weight', type=float, default=10.0)
args = parser.parse_args()

tf.keras.utils.set_random_seed(0)
rng = tf.random.Generator.from_seed(1)  # the original draws z with tf.random.normal
clock.start()

# ==============================================================================
# =                                    data                                    =
# ==============================================================================

n_batches = clock.steps(32)
dataset, shape, len_dataset = data.make_16x16_dataset(args.batch_size, n_batches * args.batch_size)
n_G_upsamplings = n_D_downsamplings = 2

# ==============================================================================
# =                                   model                                    =
# ==============================================================================

d_norm = 'batch_norm' if args.gradient_penalty_mode == 'none' else 'layer_norm'
G = module.ConvGenerator(input_shape=(1, 1, args.z_dim), output_channels=shape[-1], n_upsamplings=n_G_upsamplings)
D = module.ConvDiscriminator(input_shape=shape, n_downsamplings=n_D_downsamplings, norm=d_norm)

d_loss_fn, g_loss_fn = gan.get_adversarial_losses_fn(args.adversarial_loss_mode)

G_optimizer = keras.optimizers.Adam(learning_rate=args.lr, beta_1=args.beta_1)
D_optimizer = keras.optimizers.Adam(learning_rate=args.lr, beta_1=args.beta_1)


# ==============================================================================
# =                                 train step                                 =
# ==============================================================================

def train_G():
    with tf.GradientTape() as t:
        z = rng.normal(shape=(args.batch_size, 1, 1, args.z_dim))
        x_fake = G(z, training=True)
        x_fake_d_logit = D(x_fake, training=True)
        G_loss = g_loss_fn(x_fake_d_logit)

    G_grad = t.gradient(G_loss, G.trainable_variables)
    G_optimizer.apply_gradients(zip(G_grad, G.trainable_variables))
    return {'g_loss': G_loss}


def train_D(x_real):
    with tf.GradientTape() as t:
        z = rng.normal(shape=(args.batch_size, 1, 1, args.z_dim))
        x_fake = G(z, training=True)

        x_real_d_logit = D(x_real, training=True)
        x_fake_d_logit = D(x_fake, training=True)

        x_real_d_loss, x_fake_d_loss = d_loss_fn(x_real_d_logit, x_fake_d_logit)
        gp = gan.gradient_penalty(functools.partial(D, training=True), x_real, x_fake,
                                  mode=args.gradient_penalty_mode, rng=rng)

        D_loss = (x_real_d_loss + x_fake_d_loss) + gp * args.gradient_penalty_weight

    D_grad = t.gradient(D_loss, D.trainable_variables)
    D_optimizer.apply_gradients(zip(D_grad, D.trainable_variables))
    return {'d_loss': x_real_d_loss + x_fake_d_loss, 'gp': gp}


def sample(z):
    return G(z, training=False)


# ==============================================================================
# =                                    run                                     =
# ==============================================================================

summaries = {'d_loss': [], 'g_loss': []}  # stands in for the original's tf.summary writer
samples = []
z = rng.normal((16, 1, 1, args.z_dim))  # a fixed noise for sampling

for ep in range(args.epochs):
    for x_real in dataset:
        with clock.step():
            D_loss_dict = train_D(x_real)
            summaries['d_loss'].append(float(D_loss_dict['d_loss']))
            if D_optimizer.iterations.numpy() % args.n_d == 0:
                G_loss_dict = train_G()
                summaries['g_loss'].append(float(G_loss_dict['g_loss']))

        # sample
        if G_optimizer.iterations.numpy() % 4 == 0:
            x_fake = sample(z)
            samples.append(float(tf.reduce_mean(x_fake)))

clock.finish({
    'd_loss_mean': np.mean(summaries['d_loss']),
    'g_loss_mean': np.mean(summaries['g_loss']),
    'last_d_loss': summaries['d_loss'][-1],
    'last_g_loss': summaries['g_loss'][-1],
    'sample_means': samples,
})
