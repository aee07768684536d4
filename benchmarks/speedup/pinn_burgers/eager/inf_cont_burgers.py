"""Physics-informed network for the 1D Burgers equation (continuous-time inference), Adam phase."""

import sys

import numpy as np
import tensorflow as tf

import speedup_clock as clock

# Manually making sure the numpy random seeds are "the same" on all devices
np.random.seed(1234)
tf.random.set_seed(1234)
tf.keras.utils.set_random_seed(1234)

# LOCAL IMPORTS
sys.path.append("utils")
from burgersutil import prep_data  # noqa: E402
from logger import Logger  # noqa: E402
from neuralnetwork import NeuralNetwork  # noqa: E402

# HYPER PARAMETERS
hp = {}
# Data size on the solution u
hp["N_u"] = 60
# Collocation points size, where we'll check for f = 0
hp["N_f"] = 400
# DeepNN topology (2-sized input [x t], 4 hidden layers of 20-width, 1-sized output [u]
hp["layers"] = [2, 20, 20, 20, 20, 1]
# Setting up the TF SGD-based optimizer (set tf_epochs=0 to cancel it)
hp["tf_epochs"] = clock.steps(40)
hp["tf_lr"] = 0.03
hp["tf_b1"] = 0.9
hp["tf_eps"] = 1e-7
hp["log_frequency"] = 10


class BurgersInformedNN(NeuralNetwork):
    def __init__(self, hp, logger, X_f, ub, lb, nu):
        super().__init__(hp, logger, ub, lb)

        self.nu = nu

        # Separating the collocation coordinates
        self.x_f = self.tensor(X_f[:, 0:1])
        self.t_f = self.tensor(X_f[:, 1:2])

    # Defining custom loss
    def loss(self, u, u_pred):
        f_pred = self.f_model()
        return tf.reduce_mean(tf.square(u - u_pred)) + tf.reduce_mean(tf.square(f_pred))

    # The actual PINN
    def f_model(self):
        # Using the new GradientTape paradigm of TF2.0,
        # which keeps track of operations to get the gradient at runtime
        with tf.GradientTape(persistent=True) as tape:
            # Watching the two inputs we'll need later, x and t
            tape.watch(self.x_f)
            tape.watch(self.t_f)
            # Packing together the inputs
            X_f = tf.stack([self.x_f[:, 0], self.t_f[:, 0]], axis=1)

            # Getting the prediction
            u = self.model(X_f)
            # Deriving INSIDE the tape (since we'll need the x derivative of this later, u_xx)
            u_x = tape.gradient(u, self.x_f)

        # Getting the other derivatives
        u_xx = tape.gradient(u_x, self.x_f)
        u_t = tape.gradient(u, self.t_f)

        # Letting the tape go
        del tape

        nu = self.get_params(numpy=True)

        # Buidling the PINNs
        return u_t + u * u_x - nu * u_xx

    def get_params(self, numpy=False):
        return self.nu

    def predict(self, X_star):
        u_star = self.model(X_star)
        f_star = self.f_model()
        return u_star.numpy(), f_star.numpy()


# %% TRAINING THE MODEL
clock.start()
nu = 0.01 / np.pi
x, t, X_star, u_star, X_u_train, u_train, X_f, ub, lb = prep_data(hp["N_u"], hp["N_f"], nu)

# Creating the model
logger = Logger(hp)
pinn = BurgersInformedNN(hp, logger, X_f, ub, lb, nu=nu)


# Defining the error function for the logger and training
def error():
    u_pred, _ = pinn.predict(X_star)
    return np.linalg.norm(u_star - u_pred, 2) / np.linalg.norm(u_star, 2)


logger.set_error_fn(error)
final_loss = pinn.fit(X_u_train, u_train, clock.step)

# Getting the model predictions
u_pred, f_pred = pinn.predict(X_star)
clock.finish({
    "final_loss": final_loss,
    "error_u": error(),
    "u_pred_mean": np.mean(u_pred),
    "f_pred_rms": np.sqrt(np.mean(f_pred ** 2)),
})
