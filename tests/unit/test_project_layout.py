"""The one astroid-free answer to where a file sits in its project (``project_layout``), asked by
the model and the result cache alike."""

from __future__ import annotations

import os
from pathlib import Path

from pylint_hybridize import cache
from pylint_hybridize.model.project import files
from pylint_hybridize.project_layout import ProjectLayout, module_basename, walk_package


def _tree(root: Path, paths: dict[str, str]) -> None:
    for name, text in paths.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_package_root_and_importer_folders(tmp_path):
    _tree(tmp_path, {"pkg/__init__.py": "", "pkg/sub/__init__.py": "", "pkg/sub/m.py": "", "train.py": ""})
    layout = ProjectLayout()
    root = tmp_path.resolve() / "pkg"
    assert layout.package_root(str(tmp_path / "pkg/sub/m.py")) == root
    assert layout.package_root(str(tmp_path / "train.py")) is None
    assert layout.importer_folders(str(tmp_path / "pkg/sub/m.py")) == [(root, False), (tmp_path.resolve(), True)]
    assert layout.importer_folders(str(tmp_path / "train.py")) == [(tmp_path.resolve(), True)]


def test_import_targets_inside_a_package_and_beside_a_script(tmp_path):
    _tree(tmp_path, {
        "pkg/__init__.py": "", "pkg/a.py": "", "pkg/b.py": "", "pkg/sub/__init__.py": "", "pkg/sub/c.py": "",
        "train.py": "", "helpers.py": "",
    })
    layout = ProjectLayout()
    real = tmp_path.resolve()
    a = str(tmp_path / "pkg/a.py")
    assert layout.import_targets(a, (".", 1, ("b",))) == [str(real / "pkg/__init__.py"), str(real / "pkg/b.py")]
    assert layout.import_targets(a, ("pkg.sub", 0, ("c",))) == [str(real / "pkg/sub/__init__.py"), str(real / "pkg/sub/c.py")]
    assert layout.import_targets(a, ("numpy", 0, None)) == []  # not the package's name: a library
    assert layout.import_targets(a, (".", 1, ("a",))) == [str(real / "pkg/__init__.py")]  # never itself
    assert layout.import_targets(str(tmp_path / "train.py"), ("helpers", 0, None)) == [str(real / "helpers.py")]


def test_a_file_created_later_is_seen_by_the_model_and_kept_absent_by_one_cache_run(tmp_path):
    _tree(tmp_path, {"train.py": ""})
    kept, live = ProjectLayout(remember_files=True), ProjectLayout()
    train = str(tmp_path / "train.py")
    assert kept.import_targets(train, ("helpers", 0, None)) == live.import_targets(train, ("helpers", 0, None)) == []
    (tmp_path / "helpers.py").write_text("")
    assert live.import_targets(train, ("helpers", 0, None)) == [str(tmp_path.resolve() / "helpers.py")]
    assert kept.import_targets(train, ("helpers", 0, None)) == []  # one run of the cache reads the disk once


def test_walk_package_skips_dot_folders_caches_and_devices(tmp_path):
    _tree(tmp_path, {"pkg/__init__.py": "", "pkg/.hidden/x.py": "", "pkg/__pycache__/y.py": "", "pkg/z/w.py": "", "pkg/n.txt": ""})
    os.mkfifo(tmp_path / "pkg/fifo.py")
    found = [path for _folder, paths in walk_package(tmp_path / "pkg") for path in paths]
    assert found == [str(tmp_path / "pkg/__init__.py"), str(tmp_path / "pkg/z/w.py")]
    assert [path for _folder, paths in walk_package(tmp_path / "pkg", flat=True) for path in paths] == [str(tmp_path / "pkg/__init__.py")]


def test_module_basename():
    assert module_basename("/p/pkg/m.py") == "m"
    assert module_basename("/p/pkg/__init__.py") == "pkg"


def test_the_model_and_the_cache_look_in_the_same_places(tmp_path):
    """The rule is written once: the cache's dependencies of a helper hold every importer folder the
    model reads, and the files the model's import resolution gives."""
    _tree(tmp_path, {
        "pkg/__init__.py": "", "pkg/helper.py": "import tensorflow as tf\n",
        "pkg/model.py": "from pkg import helper\n", "train.py": "from pkg import helper\n",
    })
    helper = os.path.realpath(tmp_path / "pkg/helper.py")
    cache.forget()
    files.forget_paths()
    depends = cache._PROJECT.dependencies_of(helper)  # pylint: disable=protected-access
    assert {os.path.realpath(tmp_path / "pkg/model.py"), os.path.realpath(tmp_path / "train.py")} <= depends
    model = str(tmp_path / "pkg/model.py")
    assert set(files.import_targets(model, ("pkg", 0, ("helper",)))) <= cache._PROJECT.forward_closure(os.path.realpath(model))  # pylint: disable=protected-access


def test_project_root_one_answer_for_the_cache_and_the_model(tmp_path):
    # the first folder up holding a marker; else the folder above the top-level package, or a
    # script's own folder (the result cache keeps its entries there, the Keras evidence stops there)
    _tree(tmp_path, {"repo/setup.cfg": "", "repo/src/pkg/__init__.py": "", "repo/src/pkg/m.py": "",
                     "loose/pkg/__init__.py": "", "loose/pkg/m.py": "", "loose/scripts/train.py": ""})
    root = tmp_path.resolve()
    markers = ("setup.cfg", ".git")
    layout = ProjectLayout()
    assert layout.project_root(str(tmp_path / "repo/src/pkg/m.py"), markers) == root / "repo"
    assert layout.project_root(str(tmp_path / "loose/pkg/m.py"), markers) == root / "loose"
    assert layout.project_root(str(tmp_path / "loose/scripts/train.py"), markers) == root / "loose/scripts"
    cache.forget()
    files.forget_paths()
    for path in ("repo/src/pkg/m.py", "loose/pkg/m.py", "loose/scripts/train.py"):
        assert cache.project_root(str(tmp_path / path)) == files.project_root(str(tmp_path / path))
