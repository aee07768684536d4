"""Name resolution through imports, never through inference."""

import astroid
import pytest

from pylint_hybridize.model import names
from pylint_hybridize.model.syntax import shared_lookup


def _expr(source: str):
    """The value of the module's last statement (an expression)."""
    module = astroid.parse(source)
    return module.body[-1].value


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import tensorflow as tf\ntf.function", "tensorflow.function"),
        ("import tensorflow.compat.v2 as tf\ntf.function", "tensorflow.function"),
        ("import tensorflow.compat.v1 as tf\ntf.Variable", "tensorflow.Variable"),
        ("from tensorflow import function\nfunction", "tensorflow.function"),
        ("from tensorflow import function as tff\ntff", "tensorflow.function"),
        ("import tensorflow as tensorflow_lib\ntensorflow_lib.function", "tensorflow.function"),
        ("import tensorflow\ntensorflow.function", "tensorflow.function"),
        ("import tensorflow.keras\ntensorflow.keras.layers.Dense", "keras.layers.Dense"),
        ("import tensorflow as tf\ntf.keras.layers.Dense", "keras.layers.Dense"),
        ("from tensorflow import keras\nkeras.layers.Dense", "keras.layers.Dense"),
        ("import keras\nkeras.layers.Dense", "keras.layers.Dense"),
        ("import tf_keras\ntf_keras.layers.Dense", "keras.layers.Dense"),
        ("from tensorflow.keras import layers\nlayers.Dense", "keras.layers.Dense"),
        ("import numpy as np\nnp.mean", "numpy.mean"),
        ("import tensorflow as tf\ntf.compat.v1.Variable", "tensorflow.Variable"),
        (
            "try:\n    import tensorflow as tf\nexcept ImportError:\n    tf = None\ntf.function",
            "tensorflow.function",
        ),
    ],
)
def test_qualified_names(source, expected):
    assert names.qualified_name(_expr(source)) == expected


@pytest.mark.parametrize(
    "source",
    [
        "tf.function",  # never imported
        "import tensorflow as tf\ntf = object()\ntf.function",  # rebound at module level
        "from . import tf\ntf.function",  # relative import: project code
        "import mytf as tf\ntf.function",
        "from tensorflow_probability.python.internal.backend.numpy import v2 as tf\ntf.function",
    ],
)
def test_not_tensorflow(source):
    qualified = names.qualified_name(_expr(source))
    assert qualified != "tensorflow.function"


def test_local_shadowing_wins():
    module = astroid.parse(
        "import tensorflow as tf\n"
        "def f():\n"
        "    tf = object()\n"
        "    return tf.function\n"
    )
    expr = module.body[1].body[1].value
    assert names.qualified_name(expr) is None


def test_parameter_named_tf_is_not_tensorflow():
    module = astroid.parse("import tensorflow as tf\ndef f(tf):\n    return tf.function\n")
    expr = module.body[1].body[0].value
    assert names.qualified_name(expr) is None


def test_builtin_name():
    module = astroid.parse("print\ndef g():\n    print = len\n    return print\n")
    assert names.builtin_name(module.body[0].value) == "print"
    assert names.builtin_name(module.body[1].body[1].value) is None


def test_resolution_never_loads_tensorflow(monkeypatch):
    module = astroid.parse("import tensorflow as tf\nimport numpy as np\ntf.keras.layers.Dense(3)(np.ones([1]))\n")
    loaded = []
    original = astroid.MANAGER.ast_from_module_name

    def spy(modname, *args, **kwargs):
        loaded.append(modname)
        return original(modname, *args, **kwargs)

    monkeypatch.setattr(astroid.MANAGER, "ast_from_module_name", spy)
    call = module.body[-1].value
    assert names.qualified_name(call.func.func) == "keras.layers.Dense"
    assert names.qualified_name(call.args[0].func) == "numpy.ones"
    assert loaded == []


def test_lookup_answers_builtins_only_when_asked():
    module = astroid.parse("x = 1\nx\nfloat\nprint(undefined)\n")
    x, builtin = module.body[1].value, module.body[2].value
    scope, assignments = names.lookup(x, builtins=False)
    assert scope is module and [a.name for a in assignments] == ["x"]
    assert names.lookup(builtin, builtins=False) is None
    scope, _assignments = names.lookup(builtin, builtins=True)
    assert scope.name == "builtins"
    assert names.lookup(module.body[0], builtins=True) is None  # not a Name
    # bound_as: a builtin is whatever the caller says, the rule is not asked
    assert names.bound_as(builtin, lambda scope, assignments: False)
    assert not names.bound_as(builtin, lambda scope, assignments: True, builtins=False)
    assert names.bound_as(x, lambda scope, assignments: scope is module, builtins=False)


def _package(tmp_path, files):
    package = tmp_path / "lookpkg"
    package.mkdir()
    for name, source in files.items():
        (package / name).write_text(source, encoding="utf-8")
    return package


def test_project_target_names_the_project_module_and_name(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    package = _package(
        tmp_path,
        {
            "__init__.py": "def top(x): return x\n",
            "utils.py": "def helper(x): return x\nclass Base: pass\n",
            "user.py": "import numpy as np\n"
            "import lookpkg\n"
            "import lookpkg.utils as u\n"
            "from lookpkg import utils\n"
            "from .utils import helper as h, Base\n"
            "def local(x): return x\n"
            "(h, Base, utils.helper, u.helper, lookpkg.top, np.sum, local, utils.missing, print)\n",
        },
    )
    module = astroid.MANAGER.ast_from_file(str(package / "user.py"), "lookpkg.user", source=True)
    exprs = module.body[-1].value.elts
    targets = [names.project_target(e) for e in exprs]
    assert [(t[0].name, t[1]) if t else None for t in targets] == [
        ("lookpkg.utils", "helper"),
        ("lookpkg.utils", "Base"),
        ("lookpkg.utils", "helper"),
        ("lookpkg.utils", "helper"),
        ("lookpkg", "top"),  # ``import <own package>``: the package's __init__
        None,  # a library is never followed
        None,  # a local def
        ("lookpkg.utils", "missing"),  # the module is known; project_definition finds nothing
        None,  # a builtin
    ]
    assert names.project_definition(exprs[0], astroid.nodes.FunctionDef).name == "helper"
    assert names.project_definition(exprs[1], astroid.nodes.ClassDef).name == "Base"
    assert names.project_definition(exprs[1], astroid.nodes.FunctionDef) is None
    assert names.project_definition(exprs[7], astroid.nodes.FunctionDef) is None


@pytest.mark.parametrize(
    "source, loose, strict",
    [
        ("x = f()\nx", "f()", "f()"),
        ("x = y = f()\nx", "f()", None),  # chained: every target is bound to the value
        ("x: int = 3\nx", None, None),  # an annotated assignment is not an Assign statement
        ("x, y = f()\nx", None, None),  # unpacking: not the whole value
        ("x = 1\nx = 2\nx", "2", "2"),  # astroid's lookup keeps the binding that reaches the use
        ("if c:\n    x = 1\nelse:\n    x = 2\nx", None, None),  # several bindings reach it
        ("for x in range(3):\n    pass\nx", None, None),  # a loop target
        ("def g(x):\n    return x", None, None),  # a parameter
    ],
)
def test_bound_value(source, loose, strict):
    module = astroid.parse(source)
    last = module.body[-1]
    name = last.value if isinstance(last, astroid.nodes.Expr) else last.body[-1].value

    def text(node):
        return None if node is None else node.as_string()

    assert text(names.bound_value(name)) == loose
    assert text(names.bound_value(name, sole_target=True)) == strict


# -- look-ups shared across a def, and the import filter: the same answers as astroid's own --------
_SCOPES_SOURCE = '''
import os
import tensorflow as tf
from io import StringIO as Buffer

try:
    import numpy as np
except ImportError:
    np = None

COUNT = 0

def bump():
    global COUNT
    COUNT += 1
    import json
    return json.dumps(tf.constant(os.sep)), np, open("f"), Buffer, __name__

class Layer(tf.keras.layers.Layer):
    def call(self, x, scale=tf.constant(2.0)):
        tf = x
        return [tf * y for y in range(3)], COUNT, self, lambda z: tf.abs(z) + np.ones(1)

def outer(tf_value):
    def inner():
        return tf.reduce_sum(tf_value), os.path.join("a", "b"), len([])
    return inner, tf.zeros(1)
'''


def _all_names(module):
    return list(module.nodes_of_class(astroid.nodes.Name))


def test_shared_look_ups_equal_astroids_own():
    module = astroid.parse(_SCOPES_SOURCE, module_name="scopes")
    shared = 0
    for name in _all_names(module):
        mine = names.lookup(name, builtins=True)
        theirs = name.lookup(name.name)
        assert mine[0] is theirs[0] and mine[1] == list(theirs[1]), (name.lineno, name.name)
        shared += shared_lookup._module_lookup_scope(name) is not None
    assert shared >= 8  # tf / os / np / Buffer / open in def bodies


def test_the_import_filter_hides_no_import():
    module = astroid.parse(_SCOPES_SOURCE, module_name="scopes")
    for name in _all_names(module):
        scope, assignments = name.lookup(name.name)
        unfiltered = names._target_of(name.name, list(assignments), scope, frozenset())
        assert names.import_target(name) == unfiltered, (name.lineno, name.name)
        if any(isinstance(a, (astroid.nodes.Import, astroid.nodes.ImportFrom)) for a in assignments):
            assert names.may_be_imported(name), (name.lineno, name.name)
    calls = {call.func.as_string(): call.func for call in module.nodes_of_class(astroid.nodes.Call)}
    assert names.qualified_name(calls["open"]) == "io.open"  # astroid's builtins import it
    assert names.qualified_name(calls["json.dumps"]) == "json.dumps"
    assert not names.may_be_imported(calls["len"])


def _parsed_at(path, source: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    return astroid.MANAGER.ast_from_string(source, modname=path.stem, filepath=str(path))


@pytest.mark.parametrize(
    "layout, linted, shadowed",
    [
        # a script's folder is first on sys.path: its tensorflow.py (or package) is what it imports
        ({"tensorflow.py": ""}, "train.py", True),
        ({"tensorflow/__init__.py": ""}, "train.py", True),
        # a folder without __init__.py is a namespace package: the installed TensorFlow wins
        ({"tensorflow/ops.py": ""}, "train.py", False),
        # a package's scripts sit beside it (the folder run from): a tensorflow.py there shadows it
        ({"tensorflow.py": "", "pkg/__init__.py": ""}, "pkg/model.py", True),
        # inside a package, an absolute import never loads the package's own pkg/tensorflow.py
        ({"pkg/__init__.py": "", "pkg/tensorflow.py": ""}, "pkg/model.py", False),
        # TensorFlow's own modules import TensorFlow
        ({"tensorflow/__init__.py": "", "tensorflow/python/__init__.py": ""}, "tensorflow/python/ops.py", False),
        ({}, "train.py", False),
    ],
)
def test_a_project_module_named_like_the_library_is_not_the_library(tmp_path, layout, linted, shadowed):
    for relative, text in layout.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    module = _parsed_at(tmp_path / linted, "import tensorflow as tf\nimport numpy as np\ntf.function\n")
    assert names.shadowed_library(module, "tensorflow") is shadowed
    assert names.qualified_name(module.body[-1].value) == (None if shadowed else "tensorflow.function")
    assert names.shadowed_library(module, "numpy") is False
    assert names.shadowed_library(module, "pkg") is False  # not a library: project imports are read as such
