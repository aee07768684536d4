"""Hostile and odd inputs: the plugin gives up quietly, never raises.

These run with PYLINT_HYBRIDIZE_DEBUG=1 (see conftest), so an analysis error
would surface as a test failure instead of being swallowed.
"""

from __future__ import annotations

import pytest

from pylint_hybridize.engine import Engine
from tests.lint import run_pylint

HOSTILE_SOURCES = {
    "empty": "",
    "only_comment": "# nothing\n",
    "syntax_error": "import tensorflow as tf\n@tf.function\ndef f(:\n",
    "odd_decorators": (
        "import tensorflow as tf\n"
        "@(lambda f: f)\n@decorators[0]\n@tf.function(*a, **k)\n@x.y.z()()\n@tf.function.__call__\n"
        "def f(x): return x\n"
        "g = tf.function()\nh = tf.function(*fs)\nk = tf.function(func=None)\nm = tf.function(1)\n"
        "n = tf.function(lambda: (yield))\n"
    ),
    "recursion": (
        "import tensorflow as tf\n"
        "@tf.function\ndef f(x):\n    print(x)\n    return f(x - 1) if x > 0 else g(x)\n"
        "def g(x): return h(x)\n"
        "def h(x): return g(x) + f(x)\n"
    ),
    "class_cycle": (
        "import tensorflow as tf\n"
        "class A(B):\n    pass\nclass B(A):\n    @tf.function\n    def s(self, x): return self.t(x)\n"
    ),
    "deep_nesting": "import tensorflow as tf\n@tf.function\ndef f(x):\n    return " + "(" * 80 + "x" + ")" * 80 + "\n",
    "self_assignment": "import tensorflow as tf\ntf = tf\n@tf.function\ndef f(x): print(x)\n",
    "async_and_generators": (
        "import tensorflow as tf\n"
        "@tf.function\nasync def f(x): print(x)\n"
        "@tf.function\ndef g(x):\n    yield x\n"
    ),
    "star_imports": "from tensorflow import *\n@function\ndef f(x): print(x)\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_SOURCES))
def test_engine_survives(name):
    engine = Engine()
    findings = engine.check_source(HOSTILE_SOURCES[name], path=f"{name}.py")
    assert isinstance(findings, list)


@pytest.mark.parametrize("name", sorted(HOSTILE_SOURCES))
def test_pylint_survives(name, tmp_path):
    path = tmp_path / f"{name}.py"
    path.write_text(HOSTILE_SOURCES[name], encoding="utf-8")
    messages = run_pylint([path], ["--enable=astroid-error,fatal"])
    crashes = [m for m in messages if m.symbol in ("astroid-error", "fatal")]
    assert crashes == []


def test_deeply_nested_functions(tmp_path):
    lines = ["import tensorflow as tf", "@tf.function", "def f0(x):"]
    for depth in range(1, 60):
        indent = "    " * depth
        lines.append(f"{indent}def f{depth}(x):")
    lines.append("    " * 60 + "print(x)")
    path = tmp_path / "nested.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Engine().check_source(path.read_text(), path=str(path))
    assert [m.symbol for m in run_pylint([path], ["--enable=astroid-error,fatal"]) if m.symbol in ("astroid-error", "fatal")] == []


def test_recursion_in_linted_code_is_reported_once():
    findings = Engine().check_source(HOSTILE_SOURCES["recursion"], path="recursion.py")
    prints = [f for f in findings if f.symbol == "print-at-trace-time"]
    assert len(prints) == 1
