"""Project: the package being linted (above the syntax layer, below every per-module fact).

- ``settings``: the user's options that change the model (``Settings``, ``Policy``);
- ``files``: the package's root and files, ``sys.path`` while analysing, parsed modules, a node found
  again in another parse of its file;
- ``index``: the cross-module index (which files import which module, the parsed importers of a
  module, every call of a module and its calls by name), ``forget_stale_package``;
- ``store``: the fact store, where every layer keeps what it computed about a module.
"""
