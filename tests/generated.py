"""TF-flavoured generated programs: the shapes of code the analysis inspects, combined at random.

Shared by the never-raise tests (``test_generated_programs``, through hypothesis) and the cross-path
property test (``test_cross_paths``, through a seeded ``random.Random`` so that hundreds of cases
can be written as one tree and every path run once over it).

    python -m tests.generated CASE [SEED]     # print one case of the cross-path test, to replay it
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field

FRAGMENTS = [
    "print(x)", "tf.print(x)", "x = tf.reduce_sum(x)", "v = tf.Variable(1.0)", "history.append(x)",
    "global counter\n    counter += 1", "self_like = x.numpy()", "y = np.mean(x)", "assert x > 0",
    "if x > 0:\n        x = x + 1", "for i in range(2000):\n        x = x * 2",
    "for i in range(3):\n        {callee}(x, i)", "try:\n        x = tf.linalg.inv(x)\n    except tf.errors.InvalidArgumentError:\n        pass",
    "x = {callee}(x)", "x = tf.while_loop(lambda i: i < 3, {callee}, [x])", "yield x",
    "noise = random.random()", "it = next(ITER)", "layer = tf.keras.layers.Dense(2)",
    "f2 = tf.function(lambda z: z)", "cache[x] = 1", "del cache[0]", "x += 1", "return x",
    "tf.config.run_functions_eagerly(True)", "box[0] = x", "x = tf.cond(x > 0, {callee}, {callee})",
]
DECORATORS = ["", "@tf.function\n", "@tf.function(experimental_relax_shapes=True)\n",
              "@tf.function(autograph=False)\n", "@tf.function(input_signature=[tf.TensorSpec([], tf.float32)])\n"]
HEADER = "import random\nimport numpy as np\nimport tensorflow as tf\nhistory = []\ncache = {}\nbox = [None]\ncounter = 0\nITER = iter([1, 2])\n"

# -- the cross-path property test's cases ----------------------------------------------------------
SEED = 28
"""The fixed seed of a CI run (HYBRIDIZE_PROPERTY_SEED changes it)."""
SYMBOLS = ("print-at-trace-time", "python-scalar-retracing", "tensor-numpy-in-graph", "numpy-on-tensor",
           "variable-created-in-traced-code", "frozen-value-at-trace-time", "assert-on-tensor",
           "deprecated-tf-function-argument", "outer-state-mutation-at-trace-time", "observed-retracing")
CODES = ("HYB101", "HYB201", "HYB401", "HYB402", "HYB301", "HYB106", "HYB404", "HYB501", "HYB103", "HYB206")
TRAILING = (
    "  # noqa", "  # noqa: HYB", "  # noqa: HYB1", "  # noqa: HYB2", "  # noqa: HYB4", "  # noqa:{code},E501",
    "  # noqa: {code}", "  # noqa: E501", "  #noqa", "  # NOQA: {code}", "  # pylint: disable={symbol}",
    "  # pylint: disable={msgid}", "  # pylint: disable=all", "  # type: ignore  # noqa: {code}",
)
COMMENT_LINES = ("# pylint: disable-next={symbol}", "# pylint: disable={symbol}", "# pylint: enable={symbol}")
OBSERVED = "@tf.function\ndef observed(x):\n    return x * 2\n"
"""Called with three shapes by the generated test: the pytest plugin's record makes it observed-retracing."""


@dataclass
class Case:
    """One generated module: its text, the same text without any suppression comment (same lines),
    and whether it defines ``observed`` for the generated test to call."""

    number: int
    lines: list[str] = field(default_factory=list)
    bare: list[str] = field(default_factory=list)
    observed: bool = False

    @property
    def text(self) -> str:
        return "".join(self.lines)

    @property
    def bare_text(self) -> str:
        return "".join(self.bare)


def _msgid(symbol: str) -> str:
    from pylint_hybridize.registry import rule_named  # pylint: disable=import-outside-toplevel

    rule = rule_named(symbol)
    return rule.msgid if rule else "W9101"


def case(number: int, seed: int = SEED) -> Case:
    """Case ``number`` of the run with ``seed``: the same text every time."""
    chooser = random.Random(seed * 100_003 + number)
    count = chooser.randint(1, 4)
    names = [f"f{i}" for i in range(count)]
    body: list[str] = [HEADER]
    for name in names:
        fragments = [chooser.choice(FRAGMENTS) for _ in range(chooser.randint(1, 5))]
        callee = chooser.choice(names)
        statements = "\n    ".join(fragment.format(callee=callee) for fragment in fragments)
        body.append(f"\n\n{chooser.choice(DECORATORS)}def {name}(x, i=0):\n    {statements}\n    return x\n")
    observed = chooser.random() < 0.35
    if observed:
        body.append("\n\n" + OBSERVED)
    loops = [f"    for step in range(5):\n        {chooser.choice(names)}(step)\n" for _ in range(chooser.randint(0, 2))]
    if loops:  # only when run: importing the module (the generated test does) runs nothing of it
        body.append('\n\nif __name__ == "__main__":\n' + "".join(loops))
    lines = "".join(body).splitlines(keepends=True)
    result = Case(number, observed=observed)
    code_lines = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    trailing = {i: _fill(chooser.choice(TRAILING), chooser)
                for i in chooser.sample(code_lines, min(len(code_lines), chooser.randint(0, 4)))}
    before = {i: _fill(chooser.choice(COMMENT_LINES), chooser)
              for i in chooser.sample(code_lines, min(len(code_lines), chooser.randint(0, 2)))}
    if chooser.random() < 0.1:  # a module-level disable at the top
        before[0] = _fill("# pylint: disable={symbol}", chooser)
    for index, line in enumerate(lines):
        if index in before:
            indent = line[: len(line) - len(line.lstrip())] if index else ""
            result.lines.append(f"{indent}{before[index]}\n")
            result.bare.append(f"{indent}# -\n")
        if index in trailing:
            result.lines.append(line.rstrip("\n") + trailing[index] + "\n")
        else:
            result.lines.append(line)
        result.bare.append(line)
    return result


def _fill(template: str, chooser: random.Random) -> str:
    index = chooser.randrange(len(SYMBOLS))
    return template.format(symbol=SYMBOLS[index], code=CODES[index], msgid=_msgid(SYMBOLS[index]))


if __name__ == "__main__":
    print(case(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else SEED).text, end="")
