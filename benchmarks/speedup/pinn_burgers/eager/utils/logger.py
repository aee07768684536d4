import json
import time

import tensorflow as tf


class Logger(object):
    def __init__(self, hp):
        print("Hyperparameters:")
        print(json.dumps(hp, indent=2))
        print("TensorFlow version: {}".format(tf.__version__))
        print("Eager execution: {}".format(tf.executing_eagerly()))

        self.start_time = time.time()
        self.prev_time = self.start_time
        self.frequency = hp["log_frequency"]
        self.error_fn = None

    def get_epoch_duration(self):
        now = time.time()
        duration = now - self.prev_time
        self.prev_time = now
        return "{:.2f}".format(duration)

    def get_elapsed(self):
        return "{:.1f}".format(time.time() - self.start_time)

    def get_error_u(self):
        return self.error_fn()

    def set_error_fn(self, error_fn):
        self.error_fn = error_fn

    def log_train_start(self, model):
        print("\nTraining started")
        print("================")
        self.model = model

    def log_train_epoch(self, epoch, loss, custom=""):
        if epoch % self.frequency == 0:
            print(f"tf_epoch = {epoch:6d}  elapsed = {self.get_elapsed()} "
                  f"(+{self.get_epoch_duration()})  loss = {loss:.4e}  " + custom)

    def log_train_opt(self, name):
        print(f"-- Starting {name} optimization --")

    def log_train_end(self, epoch, custom=""):
        print("==================")
        print(f"Training finished (epoch {epoch}): duration = {self.get_elapsed()}  "
              f"error = {self.get_error_u():.4e}  " + custom)
