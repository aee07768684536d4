"""Hybrids: what the code declares to run as a graph (above the project layer).

- ``functions``: ``HybridFunction`` (a def or lambda made a graph by ``tf.function`` or a configured
  wrapper, with its options), ``HybridFinder``, the hybrids of any module (``module_hybrids``);
- ``signature``: an ``input_signature`` parsed (``Spec``), literal shapes;
- ``keras``: which classes are Keras models or layers, what Keras passes to ``call``.
"""
