"""Calls: the project call graph (above the hybrids layer).

- ``sites``: the call sites of a module's hybrids (``CallSite``, ``CallSiteIndex``);
- ``graph``: ``CallGraph``, the call graph of one module: ``callee_of``, ``calls_to`` (across the
  package), ``callees``, the hybrids its calls reach;
- ``recursion``: the recursion cycles among traced functions (``Cycle``).
"""
