# training parameters (the original's config.py: epochs, batch size, image size, which ResNet)
EPOCHS = 2
BATCH_SIZE = 16
NUM_CLASSES = 5
image_height = 16
image_width = 16
channels = 3
train_count = 256
valid_count = 64
test_count = 64
model = "resnet_tiny"
