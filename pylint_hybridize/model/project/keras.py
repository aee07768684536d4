"""Which Keras runs the project: Keras 3 (``pip install tensorflow`` since TF 2.16) or Keras 2 (tf_keras,
``TF_USE_LEGACY_KERAS=1``, or a TensorFlow older than 2.16).

It matters because Keras 3 runs ``Layer.call`` (called as ``layer(x)``, in a model's build, under ``fit``)
without autograph, where Keras 2 converts it (docs/keras3.md). ``--hybridize-keras=3|2`` says it; ``auto``
(the default) reads the project's evidence, first found wins:

- the module imports ``tf_keras``, or sets ``TF_USE_LEGACY_KERAS`` to a true value (``os.environ[...] = "1"``,
  ``os.environ.setdefault(...)``);
- a project file, from the module's directory up to its project root (``files.project_root``: the first
  directory up holding ``pyproject.toml``, ``setup.cfg``, ``setup.py``, ``.git`` or ``PKG-INFO``; without one,
  the folder above the module's top-level package, or a script's own folder: never a parent folder's
  files; at most ``_MAX_UP`` levels): a ``tf-keras``
  requirement, ``keras<3`` / ``keras==2.*``, ``tensorflow<2.16`` / ``tensorflow==2.x`` (x < 16), or
  ``TF_USE_LEGACY_KERAS=1`` (a tox/pytest/env file) in ``requirements*.txt``, ``pyproject.toml``,
  ``setup.cfg``, ``setup.py``, ``environment.yml``, ``tox.ini``, ``.env``, an sdist's ``PKG-INFO`` or an unpacked
  wheel's ``*.dist-info/METADATA`` (``Requires-Dist: tf-keras``). A ``tf-keras`` requirement beside
  ``keras>=3`` / ``keras==3.*`` in the same file is not evidence (installing tf-keras does not change
  ``tf.keras``): the keras 3 pin is, for Keras 3.

No evidence: Keras 3. ``KerasChoice.why`` says which evidence decided, for the messages.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from astroid import nodes

from pylint_hybridize.model.project.files import project_root, real_path
from pylint_hybridize.model.project.index import module_index

KERAS_3, KERAS_2 = "3", "2"
_MAX_UP = 6
_EVIDENCE_FILES = ("pyproject.toml", "setup.cfg", "setup.py", "environment.yml", "environment.yaml", "tox.ini", ".env",
                   "Pipfile", "PKG-INFO")  # fmt: skip
_REQUIREMENT_FILE = re.compile(r"^requirements.*\.(txt|in)$", re.IGNORECASE)
_KERAS_2_PATTERNS = (
    (re.compile(r"(?<![\w.-])tf[-_]keras(?![\w-])", re.IGNORECASE), "requires tf-keras"),
    (re.compile(r"(?<![\w.-])keras\s*(<\s*3|==\s*2\.|~=\s*2\.|<=\s*2\.)", re.IGNORECASE), "requires keras<3"),
    (re.compile(r"(?<![\w.-])tensorflow(?:-gpu|-cpu)?\s*(==|~=|<=)\s*(1\.|2\.(?:[0-9]|1[0-5])(?![0-9]))", re.IGNORECASE),
     "pins tensorflow<2.16"),
    (re.compile(r"(?<![\w.-])tensorflow(?:-gpu|-cpu)?\s*<\s*2\.(?:[0-9]|1[0-6])(?![0-9])", re.IGNORECASE),
     "pins tensorflow<2.16"),
    (re.compile(r"TF_USE_LEGACY_KERAS\s*[=:]\s*[\"']?(1|true)", re.IGNORECASE), "sets TF_USE_LEGACY_KERAS=1"),
)
_KERAS_3_PIN = re.compile(r"(?<![\w.-])keras\s*(>=\s*3|==\s*3|~=\s*3)", re.IGNORECASE)
"""``keras>=3`` beside a ``tf-keras`` requirement: tf-keras is there for something else (installing it does
not change ``tf.keras``; ``TF_USE_LEGACY_KERAS=1`` does)."""


@dataclass(frozen=True)
class KerasChoice:
    """The Keras assumed: ``version`` ``"3"`` or ``"2"``, and ``why`` (shown in messages)."""

    version: str
    why: str

    @property
    def is_keras_3(self) -> bool:
        return self.version == KERAS_3

    def phrase(self) -> str:
        """``Keras 3 (assumed: no tf_keras or keras<3 in the project)``."""
        return f"Keras {self.version} ({self.why})"


_BY_DIRECTORY: dict[str, KerasChoice | None] = {}


def keras_in_use(module: nodes.Module, setting: str = "auto") -> KerasChoice:
    """The Keras that runs ``module`` under the ``--hybridize-keras`` ``setting`` (``auto``, ``3``, ``2``)."""
    if setting in (KERAS_3, KERAS_2):
        return KerasChoice(setting, "--hybridize-keras=" + setting)
    own = _module_evidence(module)
    if own is not None:
        return KerasChoice(KERAS_2, own)
    found = _project_evidence(module.file) if module.file else None
    if found is not None:
        return found
    return KerasChoice(KERAS_3, "assumed: no tf_keras, TF_USE_LEGACY_KERAS or keras<3 in the project")


def _module_evidence(module: nodes.Module) -> str | None:
    for node in module.body:
        if isinstance(node, nodes.Import) and any(name.split(".")[0] == "tf_keras" for name, _ in node.names):
            return "the module imports tf_keras"
        if isinstance(node, nodes.ImportFrom) and (node.modname or "").split(".")[0] == "tf_keras":
            return "the module imports tf_keras"
    for const in module_index(module).of_class(nodes.Const):  # the module's one walk, not another
        if const.value == "TF_USE_LEGACY_KERAS" and _sets_true(const):
            return "the module sets TF_USE_LEGACY_KERAS"
    return None


def _sets_true(const: nodes.Const) -> bool:
    """``os.environ["TF_USE_LEGACY_KERAS"] = "1"`` or ``os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")``."""
    parent = const.parent
    value = None
    if isinstance(parent, nodes.Subscript) and isinstance(parent.parent, nodes.Assign):
        value = parent.parent.value
    elif isinstance(parent, nodes.Call) and len(parent.args) >= 2 and parent.args[0] is const:
        value = parent.args[1]
    return isinstance(value, nodes.Const) and str(value.value).strip().lower() in ("1", "true")


def _project_evidence(module_file: str) -> KerasChoice | None:
    directory = os.path.dirname(os.path.abspath(module_file))
    if directory in _BY_DIRECTORY:
        return _BY_DIRECTORY[directory]
    found = None
    path, root = Path(real_path(module_file)).parent, project_root(module_file)  # both with symlinks resolved
    for _level in range(_MAX_UP):
        found = _directory_evidence(path)
        if found is not None or path == root or path.parent == path:
            break
        path = path.parent
    _BY_DIRECTORY[directory] = found
    return found


def _directory_evidence(path: Path) -> KerasChoice | None:
    try:
        entries = sorted(os.listdir(path))
    except OSError:
        return None
    files = [entry for entry in entries if entry in _EVIDENCE_FILES or _REQUIREMENT_FILE.match(entry)]
    files += [f"{entry}/METADATA" for entry in entries if entry.endswith(".dist-info")]  # an unpacked wheel
    for entry in files:
        try:
            with open(path / entry, encoding="utf-8", errors="replace") as handle:
                text = handle.read(200_000)
        except OSError:
            continue
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        pinned_3 = any(_KERAS_3_PIN.search(line) for line in lines)
        for line in lines:
            for index, (pattern, what) in enumerate(_KERAS_2_PATTERNS):
                if pattern.search(line) and not (index == 0 and pinned_3):
                    return KerasChoice(KERAS_2, f"{entry} {what}")
        if pinned_3:
            return KerasChoice(KERAS_3, f"{entry} requires keras 3")
    return None


def forget_keras_evidence() -> None:
    _BY_DIRECTORY.clear()
