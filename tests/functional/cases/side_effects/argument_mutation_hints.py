"""A tf.function parameter hinted a Python list or dict, changed in place with no call in sight (the
hint is what every caller passes: each value it admits, a subclass too, makes TF 2.21 raise
"should not modify its Python input arguments")."""
# pylint: disable=missing-function-docstring,invalid-name
from typing import Dict, List, Optional, Sequence

import tensorflow as tf


@tf.function
def append_name(names: list[str]):
    names.append("42")  # [argument-mutated-in-traced-code]


@tf.function
def set_item(values: list):
    values[4] = 42  # [argument-mutated-in-traced-code]


@tf.function
def update_table(x, table: Dict[str, tf.Tensor]):
    table["last"] = x  # [argument-mutated-in-traced-code]
    return x


@tf.function
def extend(xs: List[int]):
    xs.extend([1])  # [argument-mutated-in-traced-code]


@tf.function
def unhinted(buffer):
    buffer.append(1)  # no hint, no call: any object with .append: silent


@tf.function
def maybe(buffer: Optional[list]):
    buffer.append(1)  # Optional[...]: not claimed


@tf.function
def sequence(items: Sequence[int]):
    items.append(1)  # an ABC (a tuple admits no append): not claimed


@tf.function
def copied(values: list):
    values = list(values)
    values.append(1)  # a copy: fine
    return values


@tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
def with_signature(values: list):
    values.append(1)  # input_signature: tensors arrive, never the list: not this rule's failure
