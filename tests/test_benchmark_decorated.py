"""benchmarks/decorated.py: a real package with every top-level function made a hybrid."""

from __future__ import annotations

import ast

from benchmarks.decorated import copy_decorated, decorate


def _hybrids(text: str, alias: str) -> list[str]:
    return [
        node.name for node in ast.parse(text).body
        if isinstance(node, ast.FunctionDef) and any(ast.unparse(d) == f"{alias}.function" for d in node.decorator_list)
    ]


def test_every_top_level_function_is_decorated_and_nothing_else():
    source = (
        '"""Doc."""\nfrom __future__ import annotations\nimport tensorflow as tf\n\n'
        "@staticmethod\ndef a(x):\n    def inner():\n        pass\n    return x\n\n"
        "class C:\n    def m(self):\n        pass\n\n"
        "def b(y): return y"  # no newline at the end
    )
    text, count = decorate(source)
    tree = ast.parse(text)
    assert count == 2 and _hybrids(text, "tf_") == ["a", "b"]
    # the import comes after the docstring and the __future__ import (else the module would not compile)
    assert isinstance(tree.body[2], ast.Import) and tree.body[2].names[0].asname == "tf_"
    # the new decorator goes above the old ones; nested defs and methods are left as they are
    assert [ast.unparse(d) for d in tree.body[4].decorator_list] == ["tf_.function", "staticmethod"]
    assert not tree.body[5].body[0].decorator_list
    compile(text, "m.py", "exec")


def test_the_alias_never_shadows_a_name_of_the_module():
    text, _count = decorate("tf_ = 1\nimport numpy as tf__\n\ndef f():\n    return tf_\n")
    assert _hybrids(text, "tf___") == ["f"] and "import tensorflow as tf___\n" in text


def test_a_module_that_does_not_parse_is_copied_as_it_is(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "bad.py").write_text("def (:\n")
    (tmp_path / "src" / "good.py").write_text("def f():\n    pass\n")
    hybrids, _lines = copy_decorated(tmp_path / "src", tmp_path / "out")
    assert hybrids == 1 and (tmp_path / "out" / "bad.py").read_text() == "def (:\n"
