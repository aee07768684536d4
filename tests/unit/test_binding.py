"""``syntax/binding``: the keyword argument by name and the parameter a Name is."""

import astroid
from astroid import nodes

from pylint_hybridize.model.syntax.binding import keyword_value, parameter_of


def _helper_arguments(source: str) -> dict[str, tuple | None]:
    """{``helper(<arg>)`` as written (with its line): ``parameter_of(<arg>)`` as (def name, parameter)}."""
    module = astroid.parse(source)
    found = {}
    for call in module.nodes_of_class(nodes.Call):
        if call.func.as_string() == "helper":
            answer = parameter_of(call.args[0])
            found[f"{call.lineno}:{call.args[0].as_string()}"] = (answer[0].name, answer[1]) if answer else None
    return found


def test_keyword_value():
    call = astroid.extract_node("f(1, training=t, **extra)")
    assert keyword_value(call, "training").as_string() == "t"
    assert keyword_value(call, "extra") is None and keyword_value(call, "mode") is None


def test_parameter_of_a_parameter_never_rebound():
    found = _helper_arguments(
        "def helper(a): pass\n"
        "class C:\n"
        "    def m(self, x, *args, **kwargs):\n"
        "        helper(self)\n"
        "        helper(x)\n"
        "        helper(args)\n"
        "        helper(kwargs)\n"
        "        [helper(x) for x in range(3)]\n"
    )
    assert found == {"4:self": None, "5:x": ("m", "x"), "6:args": None, "7:kwargs": None, "8:x": None}


def test_parameter_of_a_parameter_rebound_in_its_def():
    # astroid's look-up at helper(x) sees only the parameter; the loop rebinds it for the next pass
    found = _helper_arguments(
        "def helper(a): pass\n"
        "def caller(x, y):\n"
        "    for _ in range(3):\n"
        "        helper(x)\n"
        "        x = x + 1\n"
        "    helper(y)\n"
    )
    assert found == {"4:x": None, "6:y": ("caller", "y")}
