"""Cross-module traced helpers: found through the package, without recursion or libraries."""

from pathlib import Path

import astroid

from pylint_hybridize.model import Settings, TraceModel
from pylint_hybridize.model.project.files import package_root


def _write_package(root: Path, files: dict[str, str], name: str = "cyc") -> Path:
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name, source in files.items():
        (package / name).write_text(source, encoding="utf-8")
    return package


def _traced_names(path: Path, modname: str, settings=Settings()) -> dict[str, tuple[str, ...]]:
    module = astroid.MANAGER.ast_from_file(str(path), modname, source=True)
    model = TraceModel.for_module(module, settings)
    return {getattr(f, "name", "<lambda>"): info.path for f, info in model.traced.items()}


def test_modules_importing_each_other(tmp_path):
    package = _write_package(
        tmp_path,
        {
            "a.py": "import tensorflow as tf\nfrom .b import helper_b\n"
            "@tf.function\ndef step_a(x): return helper_b(x)\n"
            "def helper_a(x): return x\n",
            "b.py": "import tensorflow as tf\nfrom .a import helper_a\n"
            "@tf.function\ndef step_b(x): return helper_a(x)\n"
            "def helper_b(x): return helper_a(x)\n",
        },
    )
    # each model holds its own hybrids, what they reach (also in the other module),
    # and its own helpers reached from the other module's hybrids
    assert _traced_names(package / "a.py", "cyc.a") == {
        "step_a": ("step_a",),
        "helper_b": ("step_a", "helper_b"),
        "helper_a": ("step_a", "helper_b", "helper_a"),  # local path wins over b.step_b's
    }
    assert _traced_names(package / "b.py", "cyc.b") == {
        "step_b": ("step_b",),
        "helper_a": ("step_b", "helper_a"),
        "helper_b": ("a.step_a", "helper_b"),
    }


def test_cross_module_can_be_switched_off(tmp_path):
    package = _write_package(
        tmp_path,
        {
            "a.py": "import tensorflow as tf\nfrom .b import helper\n@tf.function\ndef f(x): return helper(x)\n",
            "b.py": "def helper(x): return x\n",
        },
        name="cyc2",
    )
    assert _traced_names(package / "b.py", "cyc2.b") == {"helper": ("a.f", "helper")}
    assert _traced_names(package / "b.py", "cyc2.b", Settings(cross_module=False)) == {}


def test_package_root(tmp_path):
    package = _write_package(tmp_path, {"m.py": ""})
    sub = package / "sub"
    sub.mkdir()
    (sub / "__init__.py").write_text("", encoding="utf-8")
    (sub / "n.py").write_text("", encoding="utf-8")
    assert package_root(str(sub / "n.py")) == package.resolve()
    assert package_root(str(tmp_path / "loose.py")) is None


def test_same_findings_through_a_symlinked_checkout(tmp_path):
    """A project reached through a symlink (a linked checkout) gives the same findings as its real path:
    the package index holds real paths, so the file being checked must be compared by its real path too."""
    import shutil

    from tests.lint import engine_hits

    import astroid

    # the functional tests may have cached their own xpkg.* modules under the same names (whether they
    # are still cached depends on how many cases ran before): the copy must not resolve into them
    for name in [n for n in astroid.MANAGER.astroid_cache if n == "xpkg" or n.startswith("xpkg.")]:
        del astroid.MANAGER.astroid_cache[name]
    cases = Path(__file__).resolve().parent.parent / "functional" / "cases" / "cross_module" / "xpkg"
    real = tmp_path / "real"
    real.mkdir()
    shutil.copytree(cases, real / "xpkg")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    helpers = "xpkg/helpers.py"
    through_link = {(h.line, h.symbol) for h in engine_hits([tmp_path / "linked" / helpers])}
    direct = {(h.line, h.symbol) for h in engine_hits([real / helpers])}
    assert direct, "the cross-module case lost its findings"
    assert through_link == direct


def test_one_reader_of_import_lines_gives_words_and_roots(tmp_path):
    from pylint_hybridize.import_lines import read_import_lines  # noqa: PLC0415
    from pylint_hybridize.model.project.texts import file_imports  # noqa: PLC0415

    text = "import os, numpy as np\nfrom pkg.model import (step,\n    run)\nfrom . import util\n"
    found = read_import_lines(text)
    assert found.roots == {"os", "numpy", "pkg"}
    assert {"pkg", "model", "step", "run", "util", "np"} <= found.words
    path = tmp_path / "m.py"
    path.write_text(text, encoding="utf-8")
    assert file_imports(str(path)) == found
    path.write_text("import tensorflow as tf\n", encoding="utf-8")
    assert file_imports(str(path)).roots == {"tensorflow"}  # a new version is read again


def test_wrapper_candidates_are_defs_returning_from_a_block_that_calls_tf_function():
    from pylint_hybridize.model.project.texts import wrapper_calls as _wrapper_calls, wrapper_candidates  # noqa: PLC0415

    text = (
        "def compiled(fn, jit=False):\n    step = tf.function(fn, jit_compile=jit)\n    return step\n\n\n"
        "class M:\n    def _wrap(self, function, signature):\n"
        "        return tf.function(input_signature=signature)(function)\n\n"
        "    def plain(self, x):\n        return x\n\n\n"
        "def no_return(fn):\n    tf.function(fn)\n"
    )
    assert wrapper_candidates(text, _wrapper_calls(())) == {"compiled", "_wrap"}


def test_a_module_naming_a_project_wrapper_may_define_hybrids(tmp_path):
    from pylint_hybridize.model.project.index import package_index  # noqa: PLC0415

    package = _write_package(
        tmp_path,
        {
            "util.py": "import tensorflow as tf\n\n\ndef compiled(fn):\n    return tf.function(fn)\n",
            "train.py": "from .util import compiled\nfrom .helpers import log\n\n\ndef step(x):\n    return log(x)\n\n\n"
                        "run = compiled(step)\n",
            "other.py": "from .helpers import log\n\n\ndef step(x):\n    return log(x)\n",
            "helpers.py": "def log(x):\n    print(x)\n    return x\n",
        },
        name="wrapidx",
    )
    index = package_index(package.resolve(), ())
    importers = {Path(p).name for p in index.importers_of("helpers")}
    assert importers == {"train.py"}, importers
    assert {Path(p).name for p in index.all_importers_of("helpers")} == {"train.py", "other.py"}
