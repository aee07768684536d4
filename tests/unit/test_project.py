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
