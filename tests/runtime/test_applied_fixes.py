"""TensorFlow judges the fixes too, not only the messages.

Every docs ``bad.py`` whose findings carry a concrete edit is fixed the way a user would fix
it (``pylint-hybridize fix --unsafe-fixes``, on a copy), and the fixed file is run under
TensorFlow: the ``__main__`` block of ``bad.py`` asserts the symptom, so with the fix applied
that assertion must now fail (an ``AssertionError``, not any other error). Fixes that are meant
to keep behaviour (an argument rename) must keep the example running as before. The fixed
file must also be free of the rule's message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pylint_hybridize.apply import fix_source
from pylint_hybridize.engine import Engine
from tests.lint import DOCS_MESSAGES, engine_hits, our_symbols

# fixes that change names, not behaviour: the example still shows what it showed
BEHAVIOUR_KEEPING = {"deprecated-tf-function-argument"}
# fixes that stop the symptom but break this example otherwise: the reason each is marked unsafe
# (tf.constant(step) is int32 where TF had converted the Python int to float32; good.py casts)
BREAKS_EXAMPLE = {
    "python-scalar-retracing": "TypeError: Input 'y' of 'AddV2' Op has type int32 that does not match type float32",
}


def _fixed_sources() -> dict[str, str]:
    """{rule: bad.py with every applicable fix applied} for the rules whose bad example gets one."""
    engine = Engine(enabled=our_symbols())
    fixed = {}
    for rule in sorted(p for p in DOCS_MESSAGES.iterdir() if p.is_dir() and not p.name.startswith("_")):
        bad = rule / "bad.py"
        result = fix_source(bad.read_text(encoding="utf-8"), str(bad), engine, unsafe=True)
        if any(finding.symbol == rule.name for finding in result.applied):
            fixed[rule.name] = result.fixed
    return fixed


FIXED = _fixed_sources()


def test_fixes_exist_for_the_documented_rules():
    # the rules whose docs say the fix is applicable; a new fix joins this list (and the test below)
    assert set(FIXED) >= {
        "print-at-trace-time", "python-scalar-retracing", "varying-shape-retracing",
        "over-specified-input-signature", "deprecated-tf-function-argument", "tensor-numpy-in-graph",
        "tensor-formatted-at-trace-time",
    }, sorted(FIXED)


@pytest.mark.runtime
@pytest.mark.parametrize("rule", sorted(FIXED))
def test_tensorflow_confirms_the_applied_fix(rule: str, tmp_path: Path):
    source = FIXED[rule]
    fixed = tmp_path / "fixed.py"
    fixed.write_text(source, encoding="utf-8")
    assert rule not in {hit.symbol for hit in engine_hits([fixed])}, f"{rule}: the fix left its message"
    shutil.copy(DOCS_MESSAGES / "_evidence.py", tmp_path / "_evidence.py")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="")
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [sys.executable, "fixed.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    output = result.stdout + result.stderr
    if rule in BREAKS_EXAMPLE:
        assert result.returncode != 0 and BREAKS_EXAMPLE[rule] in output, output[-3000:]
        return
    if rule in BEHAVIOUR_KEEPING:
        assert result.returncode == 0, f"{rule}: the fixed example no longer runs:\n{output[-3000:]}"
        return
    assert result.returncode != 0, f"{rule}: with the fix applied the symptom is still there:\n{output[-3000:]}"
    last = [line for line in result.stderr.splitlines() if line.strip()][-1]
    assert last.startswith("AssertionError"), f"{rule}: the fixed example failed otherwise:\n{output[-3000:]}"


PRINT_REWRITE = '''\
import tensorflow as tf


@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])
def step(x):
    y = tf.square(x)
    print(f"d {x}")
    print("y %s" % y, "!")
    print("y={}".format(y))
    print("s " + str(x))
    print(f"loss {y!r}")
    tf.print(f"t {y}")
    return y


if __name__ == "__main__":
    for value in (1.0, 2.0):
        step(tf.constant(value))
'''


def _run(source: str, tmp_path: Path) -> subprocess.CompletedProcess:
    program = tmp_path / "program.py"
    program.write_text(source, encoding="utf-8")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="")
    env.pop("PYTHONPATH", None)
    return subprocess.run([sys.executable, str(program)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.mark.runtime
def test_tensorflow_confirms_the_print_rewrite(tmp_path: Path):
    """print of formatted text -> tf.print's own arguments: values on every call, on stdout."""
    engine = Engine(enabled=our_symbols())
    safe = fix_source(PRINT_REWRITE, "program.py", engine, unsafe=False).fixed
    assert 'tf.print("d", x, output_stream=sys.stdout)' in safe
    assert 'tf.print("y", y, "!", output_stream=sys.stdout)' in safe
    assert 'tf.print("y=", y, sep="", output_stream=sys.stdout)' in safe
    assert 'tf.print("s", x, output_stream=sys.stdout)' in safe
    assert 'print(f"loss {y!r}")' in safe  # !r would be lost: unsafe
    assert 'tf.print("t", y)' in safe  # tensor-formatted-at-trace-time's fix
    result = _run(safe, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout.splitlines()
    for line in ("d 1", "y 1 !", "y=1", "s 1", "d 2", "y 4 !", "y=4", "s 2"):
        assert out.count(line) == 1, (line, out)
    loss = [line for line in out if line.startswith("loss ")]
    assert len(loss) == 1 and "Square:0" in loss[0], out  # left as it was: once, at trace time, symbolic
    assert [line for line in result.stderr.splitlines() if line.startswith("t ")] == ["t 1", "t 4"]
    assert "Tensor(" not in result.stderr
    unsafe = fix_source(PRINT_REWRITE, "program.py", engine, unsafe=True).fixed
    assert 'tf.print("loss", y, output_stream=sys.stdout)' in unsafe
    result = _run(unsafe, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert [line for line in result.stdout.splitlines() if line.startswith("loss ")] == ["loss 1", "loss 4"]
