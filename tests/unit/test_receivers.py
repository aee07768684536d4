"""Calls through objects (issue 27 step 2): which project classes an object may be an instance of."""

from pathlib import Path

import astroid

from pylint_hybridize.model import Settings, TraceModel
from pylint_hybridize.model.syntax.references import receiver_classes, resolve_callee


def _last_call(source: str):
    module = astroid.parse(source)
    return list(module.nodes_of_class(astroid.nodes.Call))[-1]


def _classes(source: str):
    found = receiver_classes(_last_call(source).func.expr)
    return None if found is None else [c.name for c in found]


def test_assignments_and_hints():
    assert _classes("class A:\n    def m(self): pass\no = A()\no.m()\n") == ["A"]
    assert _classes("class A:\n    def m(self): pass\ndef f(o: A):\n    o.m()\n") == ["A"]
    assert _classes("class A:\n    def m(self): pass\ndef f(o: 'A | None' = None):\n    o.m()\n") is None  # a string hint
    assert _classes("class A:\n    def m(self): pass\ndef f(o: A | None = None):\n    o.m()\n") == ["A"]
    assert _classes("class A:\n    def m(self): pass\ndef f(o):\n    o.m()\n") is None
    assert _classes("o = dict()\no.update()\n") is None  # a builtin class is not the project's
    assert _classes("import tensorflow as tf\no = tf.Module()\no.m()\n") is None


def test_attributes_of_self():
    source = (
        "class A:\n    def m(self): pass\n"
        "class B:\n    def m(self): pass\n"
        "class C:\n"
        "    def __init__(self, flag):\n"
        "        self.a = None\n"
        "        self.a = A()\n"
        "        self.ab = A() if flag else B()\n"
        "        self.both = A()\n"
        "        self.made = make()\n"
        "    def reset(self):\n"
        "        self.both = B()\n"
        "    def run(self):\n"
    )
    assert _classes(source + "        self.a.m()\n") == ["A"]
    assert _classes(source + "        self.both.m()\n") == ["A", "B"]
    assert _classes(source + "        self.ab.m()\n") is None
    assert _classes(source + "        self.made.m()\n") is None
    assert resolve_callee(_last_call(source + "        self.both.m()\n").func) is None  # two different defs


def test_shared_method_of_several_classes():
    call = _last_call(
        "class Base:\n    def m(self): pass\nclass A(Base): pass\nclass B(Base): pass\n"
        "o = A()\no = B()\no.m()\n"
    )
    callee = resolve_callee(call.func)
    assert callee is not None and callee.parent.name == "Base"


def test_module_instance_of_another_module(tmp_path: Path):
    package = tmp_path / "opkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "shared.py").write_text(
        "class Printer:\n    def apply(self, x):\n        print(x)\n        return x\nSHARED = Printer()\n", encoding="utf-8"
    )
    (package / "model.py").write_text(
        "import tensorflow as tf\nfrom .shared import SHARED, Printer\n"
        "@tf.function\ndef step(x):\n    return SHARED.apply(x)\n"
        "@tf.function\ndef other(x, p: Printer):\n    return p.apply(x)\n",
        encoding="utf-8",
    )
    module = astroid.MANAGER.ast_from_file(str(package / "model.py"), "opkg.model", source=True)
    traced = TraceModel.for_module(module, Settings()).traced
    assert {getattr(f, "name", None): info.path for f, info in traced.items()} == {
        "step": ("step",), "other": ("other",), "apply": ("step", "Printer.apply"),
    }
