"""State: Python state that traced code reads, writes or creates (the model's top layer below the
face).

- ``outer``: ``OuterState``, module-level names, closures and attributes: who rebinds or changes
  them, eagerly or at trace time;
- ``mutations``: what is changed in place (container methods, attributes updated by eager code,
  parameters mutated);
- ``creations``: objects that create variables, and how a statement making one runs again;
- ``outputs``: output and trace-time-only calls (logging, print, random numbers, the clock).
"""
