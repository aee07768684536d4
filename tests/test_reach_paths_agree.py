"""Reach through wrappers and objects (issue 27): pylint, flake8 and ``pylint-hybridize check`` report
the same findings across the modules of a package (plain sibling modules, a folder without
``__init__.py``, are not modelled across files: the per-project gate of issue 27 step 3 / issue 29)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

UTIL = (
    "import tensorflow as tf\n\n\n"
    "def compiled(fn, signature=None):\n"
    "    return tf.function(fn, input_signature=signature)\n\n\n"
    "class Printer:\n"
    "    def apply(self, x):\n"
    "        print('apply', x)\n"
    "        return x\n\n\n"
    "SHARED = Printer()\n"
)
MODEL = (
    "import tensorflow as tf\n"
    "from {prefix}util import SHARED, compiled\n\n\n"
    "def step(x):\n"
    "    print('step', x)\n"
    "    return SHARED.apply(x)\n\n\n"
    "run = compiled(step)\n\n\n"
    "@tf.function\n"
    "def direct(x):\n"
    "    return SHARED.apply(x)\n"
)
# what each path must report: (file, line, HYB code)
EXPECTED = {("model.py", 6, "HYB101"), ("util.py", 10, "HYB101")}


def _write(folder: Path, package: bool) -> None:
    folder.mkdir()
    if package:
        (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "util.py").write_text(UTIL, encoding="utf-8")
    (folder / "model.py").write_text(MODEL.format(prefix="." if package else ""), encoding="utf-8")


def _hits(output: str, pattern: str, symbol_to_code: dict[str, str]) -> set[tuple[str, int, str]]:
    found = set()
    for match in re.finditer(pattern, output):
        name, line, code = match.group(1), int(match.group(2)), match.group(3)
        found.add((Path(name).name, line, symbol_to_code.get(code, code)))
    return found


def test_the_three_paths_agree(tmp_path: Path):
    folder = tmp_path / "proj"
    _write(folder, package=True)
    files = ["model.py", "util.py"]
    env_bin = Path(sys.executable).parent
    pylint = subprocess.run([str(env_bin / "pylint"), "--load-plugins=pylint_hybridize", "--disable=all",
                             "--enable=print-at-trace-time", *files], capture_output=True, text=True, cwd=folder,
                            check=False, timeout=300)  # fmt: skip
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--select=HYB", *files], capture_output=True, text=True,
                            cwd=folder, check=False, timeout=300)  # fmt: skip
    check = subprocess.run([str(env_bin / "pylint-hybridize"), "check", *files], capture_output=True, text=True,
                           cwd=folder, check=False, timeout=300)  # fmt: skip
    ids = {"W9101": "HYB101"}
    assert _hits(pylint.stdout, r"([\w./]+\.py):(\d+):\d+: (W\d{4})", ids) == EXPECTED, pylint.stdout
    assert _hits(flake8.stdout, r"([\w./]+\.py):(\d+):\d+: (HYB\d{3})", ids) == EXPECTED, flake8.stdout
    assert _hits(check.stdout, r"([\w./]+\.py):(\d+):\d+: (W\d{4})", ids) == EXPECTED, check.stdout


# A helper's module linted on its own finds the importer whose hybrid comes only from a project wrapper
# (``run = compiled(step)``: no ``.function`` in the importer's text); the project index names it
# (``texts.wrapper_candidates``). Before: silent when helpers.py was linted, by every path.
WRAPPER = "import tensorflow as tf\n\n\ndef compiled(fn, signature=None):\n    return tf.function(fn, input_signature=signature)\n"
HELPERS = "def log_step(x):\n    print('helper', x)\n    return x\n"
TRAIN = ("from .util import compiled\nfrom .helpers import log_step\n\n\ndef step(x):\n    return log_step(x)\n\n\n"
         "run = compiled(step)\n")  # fmt: skip


def test_a_helper_of_a_wrapped_hybrid_in_another_module_is_found_by_every_path(tmp_path: Path):
    folder = tmp_path / "proj"
    folder.mkdir()
    for name, text in {"__init__.py": "", "util.py": WRAPPER, "helpers.py": HELPERS, "train.py": TRAIN}.items():
        (folder / name).write_text(text, encoding="utf-8")
    env_bin = Path(sys.executable).parent
    ids = {"W9101": "HYB101"}
    expected = {("helpers.py", 2, "HYB101")}
    for files in (["helpers.py"], ["helpers.py", "train.py", "util.py"]):
        pylint = subprocess.run([str(env_bin / "pylint"), "--load-plugins=pylint_hybridize", "--disable=all",
                                 "--enable=print-at-trace-time", *files], capture_output=True, text=True, cwd=folder,
                                check=False, timeout=300)  # fmt: skip
        flake8 = subprocess.run([sys.executable, "-m", "flake8", "--select=HYB", *files], capture_output=True,
                                text=True, cwd=folder, check=False, timeout=300)  # fmt: skip
        check = subprocess.run([str(env_bin / "pylint-hybridize"), "check", *files], capture_output=True, text=True,
                               cwd=folder, check=False, timeout=300)  # fmt: skip
        assert _hits(pylint.stdout, r"([\w./]+\.py):(\d+):\d+: (W\d{4})", ids) == expected, (files, pylint.stdout)
        assert _hits(flake8.stdout, r"([\w./]+\.py):(\d+):\d+: (HYB\d{3})", ids) == expected, (files, flake8.stdout)
        assert _hits(check.stdout, r"([\w./]+\.py):(\d+):\d+: (W\d{4})", ids) == expected, (files, check.stdout)


# Library hooks (catalogue LIBRARY_HOOKS): an Orbit trainer's train_step is traced, and so is the helper it
# calls in another module of the package (found from the helper's module too: the index counts a module that
# imports orbit as one that may hold traced code); tf_agents' _train under tf.function(agent.train).
ORBIT_TRAINER = ("import orbit\n"
                 "from {prefix}helpers import log_step\n\n\n"
                 "class Trainer(orbit.StandardTrainer):\n"
                 "    def __init__(self, dataset):\n"
                 "        super().__init__(dataset)\n\n"
                 "    def train_step(self, iterator):\n"
                 "        print('step')\n"
                 "        return log_step(next(iterator))\n")  # fmt: skip
AGENT = ("import tensorflow as tf\n"
         "from tf_agents.agents import tf_agent\n\n\n"
         "class Agent(tf_agent.TFAgent):\n"
         "    def _train(self, experience, weights=None):\n"
         "        print('train')\n"
         "        return experience\n\n\n"
         "AGENT = Agent()\n"
         "train = tf.function(AGENT.train)\n")  # fmt: skip


def _three_paths(folder: Path, files: list[str]) -> list[set[tuple[str, int, str]]]:
    env_bin = Path(sys.executable).parent
    ids = {"W9101": "HYB101"}
    pylint = subprocess.run([str(env_bin / "pylint"), "--load-plugins=pylint_hybridize", "--disable=all",
                             "--enable=print-at-trace-time", *files], capture_output=True, text=True, cwd=folder,
                            check=False, timeout=300)  # fmt: skip
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--select=HYB", *files], capture_output=True, text=True,
                            cwd=folder, check=False, timeout=300)  # fmt: skip
    check = subprocess.run([str(env_bin / "pylint-hybridize"), "check", *files], capture_output=True, text=True,
                           cwd=folder, check=False, timeout=300)  # fmt: skip
    return [_hits(pylint.stdout, r"([\w./]+\.py):(\d+):\d+: (W\d{4})", ids),
            _hits(flake8.stdout, r"([\w./]+\.py):(\d+):\d+: (HYB\d{3})", ids),
            _hits(check.stdout, r"([\w./]+\.py):(\d+):\d+: (W\d{4})", ids)]  # fmt: skip


def test_library_hooks_in_a_package_every_path(tmp_path: Path):
    folder = tmp_path / "proj"
    folder.mkdir()
    files = {"__init__.py": "", "trainer.py": ORBIT_TRAINER.format(prefix="."), "helpers.py": HELPERS,
             "agent.py": AGENT}  # fmt: skip
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    expected = {("trainer.py", 10, "HYB101"), ("helpers.py", 2, "HYB101"), ("agent.py", 7, "HYB101")}
    for hits in _three_paths(folder, ["trainer.py", "helpers.py", "agent.py"]):
        assert hits == expected
    for hits in _three_paths(folder, ["helpers.py"]):  # the helper's module alone finds its traced caller
        assert hits == {("helpers.py", 2, "HYB101")}


def test_library_hooks_across_plain_sibling_modules_every_path(tmp_path: Path):
    """Plain sibling modules (no ``__init__.py``): the hooks' own bodies, and a helper in a sibling
    module that a hook's step calls (found from the script folder's index), by every path alike."""
    for name, text in {"trainer.py": ORBIT_TRAINER.format(prefix=""), "helpers.py": HELPERS, "agent.py": AGENT}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    expected = {("trainer.py", 10, "HYB101"), ("helpers.py", 2, "HYB101"), ("agent.py", 7, "HYB101")}
    for hits in _three_paths(tmp_path, ["trainer.py", "helpers.py", "agent.py"]):
        assert hits == expected
    for hits in _three_paths(tmp_path, ["helpers.py"]):  # the helper's module alone finds its traced caller
        assert hits == {("helpers.py", 2, "HYB101")}
