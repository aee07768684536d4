"""The lazy cross-module look-ups (issue 29, flake8 ratio): a question about the calls of a name builds
only the importers whose text spells that name (``texts.file_words``), and a module without a def or
lambda builds no importer to learn what of it is traced. The answers must not change: a finding that
needs an importer built on demand is still found, and the importer that cannot hold a call of the name
is left unbuilt (the control below turns the filter off and sees it built)."""

from __future__ import annotations

import ast
from pathlib import Path

import astroid
import pytest

from pylint_hybridize.engine import Engine, module_name_for
from pylint_hybridize.model import forget_models
from pylint_hybridize.model.project import index as project_index
from pylint_hybridize.model.project.files import forget_paths
from pylint_hybridize.model.project.index import _PACKAGE_INDEXES
from pylint_hybridize.model.project.settings import Settings
from pylint_hybridize.model.project.texts import file_words

FILES = {
    "__init__.py": '"""Re-exports only: no def, nothing of it can be traced."""\nfrom {pkg}.steps import step\n',
    "steps.py": "import tensorflow as tf\n\n\n@tf.function\ndef step(x, scale):\n    return x * scale\n\n\n"
                "def warm_up(x):\n    return step(x, 3)\n",
    # imports the hybrid under an alias: its text still spells ``step`` (in the import line)
    "alpha.py": "from {pkg}.steps import step as scaled\n\n\ndef first(x):\n    return scaled(x, 1)\n",
    "beta.py": "from {pkg} import steps\n\n\ndef second(x):\n    return steps.step(x, 2)\n",
    # imports the hybrid's module but never spells ``step``: it cannot call it
    "gamma.py": "from {pkg} import steps\n\n\ndef unrelated(x):\n    return steps.warm_up(x)\n",
}


def _package(tmp_path: Path, name: str) -> Path:
    package = tmp_path / name
    package.mkdir()
    for file, text in FILES.items():
        (package / file).write_text(text.format(pkg=name), encoding="utf-8")
    return package


@pytest.fixture(name="fresh")
def _fresh(monkeypatch):
    """No model, parse or package index of an earlier test; astroid's cache cleaned of ours after."""
    forget_models()
    forget_paths()
    yield monkeypatch
    for key in [k for k in astroid.MANAGER.astroid_cache if k.startswith("lazypkg")]:
        del astroid.MANAGER.astroid_cache[key]
    _PACKAGE_INDEXES.clear()
    forget_models()
    forget_paths()


def _lint_beta(package: Path) -> list:
    path = package / "beta.py"
    source = path.read_text(encoding="utf-8")
    assert module_name_for(str(path)) == f"{package.name}.beta"
    engine = Engine(watch_files=False)  # as flake8 runs it: the tree handed in, one run
    return engine.check_source(source, path=str(path), tree=ast.parse(source))


def test_a_finding_that_needs_an_importer_built_on_demand(tmp_path: Path, fresh):
    package = _package(tmp_path, "lazypkg_on_demand")
    fresh.syspath_prepend(str(tmp_path))
    findings = _lint_beta(package)
    # three distinct literals: 3 in steps.py, 1 in alpha.py (built for this question), 2 here
    assert [(f.symbol, f.line) for f in findings] == [("python-scalar-retracing", 5)]
    assert "3, 1, 2" in findings[0].message
    cache = astroid.MANAGER.astroid_cache
    assert f"{package.name}.alpha" in cache  # its text spells 'step': built and asked
    assert f"{package.name}.gamma" not in cache  # its text never spells 'step': not built


def test_the_control_without_the_filter_builds_every_importer(tmp_path: Path, fresh):
    package = _package(tmp_path, "lazypkg_control")
    fresh.syspath_prepend(str(tmp_path))
    fresh.setattr(project_index, "file_words", lambda path: None)  # unknown words: every importer is built
    findings = _lint_beta(package)
    assert [(f.symbol, f.line) for f in findings] == [("python-scalar-retracing", 5)]
    assert f"{package.name}.gamma" in astroid.MANAGER.astroid_cache  # the filter is what leaves it unbuilt


def test_a_module_without_a_def_builds_no_importer(tmp_path: Path, fresh):
    from pylint_hybridize.model.execution.traced import traced_by_importers  # pylint: disable=import-outside-toplevel

    package = _package(tmp_path, "lazypkg_init")
    # an importer that may define hybrids (it spells tf.function) and imports the package by name
    (package / "delta.py").write_text(
        "import tensorflow as tf\n\nfrom lazypkg_init import steps\n\n\n@tf.function\ndef go(x):\n"
        "    return steps.warm_up(x)\n", encoding="utf-8")
    fresh.syspath_prepend(str(tmp_path))
    init = astroid.MANAGER.ast_from_file(str(package / "__init__.py"), package.name)
    assert traced_by_importers(init, Settings()) == []
    assert f"{package.name}.delta" not in astroid.MANAGER.astroid_cache
    steps = astroid.MANAGER.ast_from_file(str(package / "steps.py"), f"{package.name}.steps")
    traced = [function for function, _other, _info in traced_by_importers(steps, Settings())]  # a module with defs still asks its importers
    assert f"{package.name}.delta" in astroid.MANAGER.astroid_cache
    assert "warm_up" in {function.name for function in traced}  # traced by delta's go: found as before


def test_file_words(tmp_path: Path):
    path = tmp_path / "m.py"
    path.write_text("from a import b as c\nx.dé_f(1)  # note\n", encoding="utf-8")
    assert {"from", "a", "b", "c", "x", "dé_f", "1", "note"} <= file_words(str(path))
    latin = tmp_path / "latin.py"
    latin.write_bytes("# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n".encode("latin-1"))
    assert file_words(str(latin)) is None  # not UTF-8: unknown, so every question builds it
    assert file_words(str(tmp_path / "missing.py")) is None
