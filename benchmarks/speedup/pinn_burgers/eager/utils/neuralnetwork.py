import tensorflow as tf


class NeuralNetwork(object):
    def __init__(self, hp, logger, ub, lb):
        layers = hp["layers"]

        # Setting up the optimizer with the hyper-parameters
        self.tf_epochs = hp["tf_epochs"]
        self.tf_optimizer = tf.keras.optimizers.Adam(learning_rate=hp["tf_lr"], beta_1=hp["tf_b1"],
                                                     epsilon=hp["tf_eps"])

        self.dtype = "float64"
        # Descriptive Keras model
        tf.keras.backend.set_floatx(self.dtype)
        self.model = tf.keras.Sequential()
        self.model.add(tf.keras.Input(shape=(layers[0],), dtype=self.dtype))
        self.model.add(tf.keras.layers.Lambda(lambda X: 2.0 * (X - lb) / (ub - lb) - 1.0))
        for width in layers[1:-1]:
            self.model.add(tf.keras.layers.Dense(width, activation=tf.nn.tanh, kernel_initializer="glorot_normal"))
        self.model.add(tf.keras.layers.Dense(layers[-1], activation=None, kernel_initializer="glorot_normal"))

        self.logger = logger

    # Defining custom loss
    def loss(self, u, u_pred):
        return tf.reduce_mean(tf.square(u - u_pred))

    def grad(self, X, u):
        with tf.GradientTape() as tape:
            loss_value = self.loss(u, self.model(X))
        grads = tape.gradient(loss_value, self.wrap_training_variables())
        return loss_value, grads

    def wrap_training_variables(self):
        return self.model.trainable_variables

    def get_params(self, numpy=False):
        return []

    def tf_optimization(self, X_u, u, step_clock):
        self.logger.log_train_opt("Adam")
        for epoch in range(self.tf_epochs):
            with step_clock():
                loss_value = self.tf_optimization_step(X_u, u)
            self.logger.log_train_epoch(epoch, loss_value)
        return loss_value

    def tf_optimization_step(self, X_u, u):
        loss_value, grads = self.grad(X_u, u)
        self.tf_optimizer.apply_gradients(zip(grads, self.wrap_training_variables()))
        return loss_value

    def fit(self, X_u, u, step_clock):
        self.logger.log_train_start(self)

        # Creating the tensors
        X_u = self.tensor(X_u)
        u = self.tensor(u)

        # Optimizing (the original follows with L-BFGS; set nt_epochs=0 to cancel it, as here)
        loss_value = self.tf_optimization(X_u, u, step_clock)

        self.logger.log_train_end(self.tf_epochs)
        return loss_value

    def predict(self, X_star):
        u_pred = self.model(X_star)
        return u_pred.numpy()

    def tensor(self, X):
        return tf.convert_to_tensor(X, dtype=self.dtype)
