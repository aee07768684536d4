import tensorflow.keras as keras


def _get_norm_layer(norm):
    if norm == 'none':
        return lambda: lambda x: x
    elif norm == 'batch_norm':
        return keras.layers.BatchNormalization
    elif norm == 'layer_norm':
        return keras.layers.LayerNormalization
    raise NotImplementedError(norm)


def ConvGenerator(input_shape=(1, 1, 16), output_channels=1, dim=8, n_upsamplings=2, norm='batch_norm',
                  name='ConvGenerator'):
    Norm = _get_norm_layer(norm)
    h = inputs = keras.Input(shape=input_shape)

    # 1x1 -> 4x4
    d = min(dim * 2 ** (n_upsamplings - 1), dim * 8)
    h = keras.layers.Conv2DTranspose(d, 4, strides=1, padding='valid', use_bias=False)(h)
    h = Norm()(h)
    h = keras.layers.ReLU()(h)

    # upsamplings, 4x4 -> 8x8 -> ...
    for i in range(n_upsamplings - 1):
        d = min(dim * 2 ** (n_upsamplings - 2 - i), dim * 8)
        h = keras.layers.Conv2DTranspose(d, 4, strides=2, padding='same', use_bias=False)(h)
        h = Norm()(h)
        h = keras.layers.ReLU()(h)

    h = keras.layers.Conv2DTranspose(output_channels, 4, strides=2, padding='same')(h)
    h = keras.layers.Activation('tanh')(h)
    return keras.Model(inputs=inputs, outputs=h, name=name)


def ConvDiscriminator(input_shape=(16, 16, 1), dim=8, n_downsamplings=2, norm='batch_norm',
                      name='ConvDiscriminator'):
    Norm = _get_norm_layer(norm)
    h = inputs = keras.Input(shape=input_shape)

    # downsamplings, ... -> 8x8 -> 4x4
    h = keras.layers.Conv2D(dim, 4, strides=2, padding='same')(h)
    h = keras.layers.LeakyReLU(negative_slope=0.2)(h)

    for i in range(n_downsamplings - 1):
        d = min(dim * 2 ** (i + 1), dim * 8)
        h = keras.layers.Conv2D(d, 4, strides=2, padding='same', use_bias=False)(h)
        h = Norm()(h)
        h = keras.layers.LeakyReLU(negative_slope=0.2)(h)

    # logit
    h = keras.layers.Conv2D(1, 4, strides=1, padding='valid')(h)
    return keras.Model(inputs=inputs, outputs=h, name=name)
