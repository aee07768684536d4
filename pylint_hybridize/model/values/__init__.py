"""Values: what an expression holds (above the calls layer: a parameter's kind comes from the call
sites of its function).

- ``answers``: ``Kind``, ``Basis``, ``Answer``, and what a TF / NumPy / builtin call or a literal gives;
- ``binding``: a call's arguments bound to the parameters of the function it calls;
- ``kinds``: ``Kinds``, the value-kind model of a module (``value_kind``: the context-free form);
- ``parameters``: what a parameter holds (signature, Keras input, hint, call sites, policy);
- ``static``: Python values fixed at trace time, and whether a printed expression shows a tensor;
- ``arguments``: what a call site passes (values that retrace, literals per parameter...);
- ``model``: ``ValueModel``, a module's call graph with the kinds of its values.
"""
