"""Execution: what runs at trace time and why (above the values layer).

- ``contexts``: what Keras and tf.data trace without a tf.function (``TracedContext``);
- ``traced``: the traced code of a module (``TraceInfo``, call paths, eager islands under
  ``tf.init_scope()``), and what the hybrids of its importers trace;
- ``guards``: does a node of traced code run on every trace, once, lazily, or eagerly (``Guard``);
- ``model``: ``ExecutionModel``, a module's value model with its traced code;
- ``callers``: questions about callers (only traced, traced uses, tf.function opportunities);
- ``bodies``: what a function body does (tensor work, graph safety);
- ``loops``, ``ranges``: what a loop repeats, how often ``range`` runs, whether a block builds ops;
- ``graphs``: what graph code does differently (errors raised only when it runs, endless recursion);
- ``traces``: the traces a test run recorded (``pytest --hybridize-traces``).
"""
