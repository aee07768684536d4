"""A module that subclasses Orbit's StandardTrainer without importing TensorFlow itself is modelled: the
import of ``orbit`` (a library of the catalogue's ``LIBRARY_HOOKS``) makes it worth analysing."""
# pylint: disable=missing-function-docstring,missing-class-docstring,too-few-public-methods,abstract-method
import orbit


class Trainer(orbit.StandardTrainer):
    def __init__(self, dataset):
        super().__init__(dataset, options=None)

    def train_step(self, iterator):
        print("step")  # [print-at-trace-time]
        return next(iterator)
