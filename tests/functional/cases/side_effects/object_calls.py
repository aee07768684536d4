"""Calls through objects (issue 27): the class of an attribute, a module-level instance, a local or a
hinted parameter says which method runs; several classes: only what they all share, else silent."""
# pylint: disable=missing-function-docstring,missing-class-docstring,invalid-name,too-few-public-methods
from typing import Optional

import tensorflow as tf


class Printer:
    def apply(self, x):
        print("apply", x)  # [print-at-trace-time]
        return x

    def hinted(self, x):
        print("hinted", x)  # [print-at-trace-time]
        return x

    def optional(self, x):
        print("optional", x)  # [print-at-trace-time]
        return x

    def shared(self, x):
        print("shared", x)  # [print-at-trace-time]
        return x

    def untraced(self, x):
        print("untraced", x)
        return x


class Optimizer:
    def apply(self, x):
        print("optimizer", x)  # [print-at-trace-time]
        return x


class Quiet(Printer):
    def apply(self, x):
        print("quiet", x)
        return x


class Loud(Printer):
    def apply(self, x):
        print("loud", x)
        return x


SHARED = Printer()


class Model:
    helper_hint: Printer

    def __init__(self, loud):
        self.helper = Printer()
        self.choice = Loud() if loud else None
        self.either = None
        if loud:
            self.either = Loud()
        else:
            self.either = Quiet()
        self.unknown = make_printer()

    @tf.function
    def step(self, x):
        x = self.helper.apply(x)
        x = SHARED.shared(x)
        o = Optimizer()
        x = o.apply(x)
        x = self.helper_hint.hinted(x)
        x = self.either.apply(x)  # Loud.apply or Quiet.apply: silent
        x = self.either.shared(x)  # both inherit Printer.shared
        x = self.unknown.untraced(x)
        return x


def make_printer():
    return Printer()


@tf.function
def with_hint(x, helper: Optional[Printer] = None):
    return helper.optional(x)
