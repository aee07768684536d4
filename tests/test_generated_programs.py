"""Generated programs (hypothesmith) never make the plugin raise, even with @tf.function everywhere."""

from __future__ import annotations

import os
import re

import hypothesmith
from hypothesis import HealthCheck, given, settings

from pylint_hybridize.engine import Engine
from tests.generated import DECORATORS, FRAGMENTS, HEADER

ENGINE = Engine(enabled=["logging-at-trace-time"])
_DEF = re.compile(r"^(?P<indent>[ \t]*)(?P<kw>async\s+def|def)\s", re.MULTILINE)


def hybridize(source: str) -> str:
    """Import TF and decorate every function with @tf.function."""
    return "import tensorflow as tf\n" + _DEF.sub(lambda m: f"{m['indent']}@tf.function\n{m[0]}", source)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_generated_modules_never_raise(source):
    assert os.environ.get("PYLINT_HYBRIDIZE_DEBUG") == "1"  # errors surface instead of being swallowed
    for variant in (source, hybridize(source)):
        findings = ENGINE.check_source(variant, path="generated.py")
        assert isinstance(findings, list)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_node())
def test_generated_syntax_trees_never_raise(source):
    findings = ENGINE.check_source(hybridize(source), path="generated_nodes.py")
    assert isinstance(findings, list)


# TF-flavoured programs: the shapes of code our analysis actually inspects, combined at random (tests/generated.py).
from hypothesis import strategies as st  # noqa: E402


@st.composite
def tf_programs(draw):
    count = draw(st.integers(1, 5))
    names = [f"f{i}" for i in range(count)]
    parts = [HEADER]
    for name in names:
        body = draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6))
        callee = draw(st.sampled_from(names))
        statements = "\n    ".join(fragment.format(callee=callee) for fragment in body)
        parts.append(f"{draw(st.sampled_from(DECORATORS))}def {name}(x, i=0):\n    {statements}\n    return x\n")
    for _ in range(draw(st.integers(0, 3))):
        parts.append(f"for step in range(5):\n    {draw(st.sampled_from(names))}(step)\n")
    return "\n".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(tf_programs())
def test_generated_tf_programs_never_raise(source):
    findings = ENGINE.check_source(source, path="tf_program.py")
    assert isinstance(findings, list)
