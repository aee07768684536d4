import tensorflow as tf


def make_base_model():
    # stands in for InceptionV3 with ImageNet weights (no download here): a small convolutional
    # network with seeded random weights whose layers carry the names the tutorial picks
    inputs = tf.keras.Input(shape=(None, None, 3))
    x = tf.keras.layers.Conv2D(8, 3, padding='same', activation='relu', name='conv0')(inputs)
    x = tf.keras.layers.Conv2D(16, 3, strides=2, padding='same', activation='relu', name='mixed3')(x)
    x = tf.keras.layers.Conv2D(16, 3, padding='same', activation='relu', name='mixed5')(x)
    return tf.keras.Model(inputs, x)


def make_dream_model(names=('mixed3', 'mixed5')):
    base_model = make_base_model()
    # Maximize the activations of these layers
    layers = [base_model.get_layer(name).output for name in names]
    # Create the feature extraction model
    return tf.keras.Model(inputs=base_model.input, outputs=layers)
