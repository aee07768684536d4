import tensorflow as tf

from config import NUM_CLASSES
from models.residual_block import make_basic_block_layer


class ResNetTypeI(tf.keras.Model):
    def __init__(self, layer_params):
        super().__init__()
        self.conv1 = tf.keras.layers.Conv2D(filters=16, kernel_size=(3, 3), strides=1, padding="same")
        self.bn1 = tf.keras.layers.BatchNormalization()
        self.pool1 = tf.keras.layers.MaxPool2D(pool_size=(2, 2), strides=2, padding="same")

        self.layer1 = make_basic_block_layer(filter_num=16, blocks=layer_params[0])
        self.layer2 = make_basic_block_layer(filter_num=32, blocks=layer_params[1], stride=2)

        self.avgpool = tf.keras.layers.GlobalAveragePooling2D()
        self.fc = tf.keras.layers.Dense(units=NUM_CLASSES, activation=tf.keras.activations.softmax)

    def call(self, inputs, training=None, mask=None):
        x = self.conv1(inputs)
        x = self.bn1(x, training=training)
        x = tf.nn.relu(x)
        x = self.pool1(x)
        x = self.layer1(x, training=training)
        x = self.layer2(x, training=training)
        x = self.avgpool(x)
        output = self.fc(x)
        return output


def resnet_tiny():
    return ResNetTypeI(layer_params=[1, 1])


def resnet_small():
    return ResNetTypeI(layer_params=[2, 2])
