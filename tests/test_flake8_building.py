"""What the flake8 front-end pays per file before the checkers run (issue 29 step 4): the pre-pass reads
a file's imports from statement lists only, and a module astroid already built for this run is
linted as it is, not built a second time."""

from __future__ import annotations

import ast
import collections
import sys
from pathlib import Path

import astroid

from pylint_hybridize.engine import Engine, _built_by_astroid, module_name_for
from pylint_hybridize.model.project.gate import ast_imports

NESTED = '''
import a
from . import b
from ..c import d as e, f


def g():
    import h
    async def i():
        from j import k


class L:
    import m
    if x:
        import n
    else:
        from o import p
    for q in r:
        import s
    else:
        import t
    while u:
        import v
    with w:
        import x1
    try:
        import x2
    except ImportError:
        import x3
    else:
        import x5
    finally:
        import x6
    match y:
        case 1:
            import x7
        case _:
            from x8 import z
lambda: __import__("not_a_statement")
'''
EXCEPT_STAR = "try:\n    pass\nexcept* ValueError:\n    import x4\n"  # Python 3.11+


def _walked(tree: ast.Module) -> collections.Counter:
    """The import specs of every import node that ``ast.walk`` meets (the reference)."""
    found: collections.Counter = collections.Counter()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found[(node.module or "", node.level or 0, tuple(alias.name for alias in node.names))] += 1
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found[(alias.name, 0, None)] += 1
    return found


def test_the_pre_pass_finds_imports_nested_in_every_kind_of_statement():
    star = sys.version_info >= (3, 11)
    tree = ast.parse(NESTED + (EXCEPT_STAR if star else ""))
    found = collections.Counter(ast_imports(tree))
    assert found == _walked(tree)
    assert len(found) == (19 if star else 18)
    assert ("..c", 0, ("d", "f")) not in found and ("c", 2, ("d", "f")) in found


def test_the_pre_pass_agrees_with_a_full_walk_on_this_repository():
    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("pylint_hybridize").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert collections.Counter(ast_imports(tree)) == _walked(tree), path


def test_a_module_astroid_built_itself_is_linted_as_it_is(tmp_path: Path, monkeypatch):
    package = tmp_path / "builtpkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    source = "import tensorflow as tf\n\n\n@tf.function\ndef step(x, n):\n    return x * n\n\n\ndef run(x):\n" \
             "    for n in range(3):\n        x = step(x, n)\n    return x\n"
    path = package / "steps.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    modname = module_name_for(str(path))
    assert modname == "builtpkg.steps"
    built = astroid.MANAGER.ast_from_file(str(path), modname)  # as astroid does when it infers into a sibling
    try:
        assert _built_by_astroid(str(path), modname, source) is built
        assert _built_by_astroid(str(path), modname, source + "\n# edited\n") is None  # not the file's text
        assert _built_by_astroid(str(path), "builtpkg.other", source) is None
        engine = Engine(watch_files=False)
        findings = engine.check_source(source, path=str(path), tree=ast.parse(source))
        assert astroid.MANAGER.astroid_cache[modname] is built  # no second tree of the file
        assert [f.symbol for f in findings] == ["python-scalar-retracing"]
    finally:
        astroid.MANAGER.astroid_cache.pop(modname, None)
        astroid.MANAGER.astroid_cache.pop("builtpkg", None)
