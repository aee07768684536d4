"""Syntax: what the code says, read without inference (the model's layer above the catalogue).

- ``names``: what a name means through the module's imports (``qualified_name``), the one scoped
  lookup and the bindings of a name, which project module and name an expression means;
- ``references``: which function or class an expression refers to (``resolve_callee``,
  ``function_reference``, ``class_method``...), and how a function is shown in messages;
- ``walk``: one walk of a module, the function whose body owns a node, the loop that repeats it;
- ``strings``: what a string expression formats;
- ``modules``: facts about a module (test files, debug code, exported names, whether it is worth
  analysing at all).
"""
