"""Fix re-lints what it wrote (issue 28, defect 12): a fix never leaves a finding the file did not
have, and a later pass never rewrites a line nobody was told about."""

from __future__ import annotations

import textwrap

from pylint_hybridize import fixes
from pylint_hybridize.apply import LineMap, Policy, fix_source
from pylint_hybridize.engine import Engine, Finding

NP_DOT = textwrap.dedent(
    """\
    import numpy as np
    import tensorflow as tf


    @tf.function
    def f(x):
        a = tf.reduce_sum(x)
        b = tf.ones([2])
        return np.dot(a.numpy(), b.numpy())
    """
)


def _symbols(source: str) -> set[tuple[int, str]]:
    return {(f.line, f.symbol) for f in Engine().check_source(source, path="m.py")}


def test_a_fix_that_would_add_a_finding_is_withdrawn():
    """`np.dot(a.numpy(), b.numpy())` became `np.dot(a, b)`: numpy-on-tensor, a finding it did not have."""
    engine = Engine()
    result = fix_source(NP_DOT, "m.py", engine, policy=Policy(unsafe=True))
    assert result.fixed == NP_DOT and not result.applied
    assert [f.symbol for f in result.skipped] == ["tensor-numpy-in-graph"] * 2
    assert any("would leave a finding the file did not have; withdrawn" in note for note in result.notes)


def test_only_the_culprit_is_withdrawn():
    source = NP_DOT.replace("    return np.dot", "    c = a.numpy()\n    return np.dot")
    result = fix_source(source, "m.py", Engine(), policy=Policy(unsafe=True))
    assert "    c = a\n    return np.dot(a.numpy(), b.numpy())\n" in result.fixed
    assert [(f.line, f.symbol) for f in result.applied] == [(9, "tensor-numpy-in-graph")]
    assert _symbols(result.fixed) <= _symbols(source)


class _ScriptedEngine:
    """An engine whose findings are written out per text: what a cascade looks like."""

    def __init__(self, script: dict[str, list[Finding]]) -> None:
        self.script = script
        self.silenced_lines: set[int] = set()

    def check_module(self, module, text):  # noqa: ARG002 - the module is not needed
        return self.script.get(text, [])


def _finding(line: int, symbol: str, edit: fixes.Edit) -> Finding:
    return Finding("m.py", line, 0, None, None, "W9101", symbol, "", "HIGH", fixes.Fix("f", (edit,), safe=True))


def test_a_later_pass_never_rewrites_a_line_nobody_was_told_about():
    """A fix exposes a finding on line 3, which `check` never reported: the old fixed-point loop fixed
    it in its second pass; now it is left alone, and the fix that exposed it is withdrawn."""
    first = "a = 1\nb = 2\nc = 3\n"
    second = "a = 10\nb = 2\nc = 3\n"
    reported = _finding(1, "print-at-trace-time", fixes.Edit(1, 4, 1, 5, "10"))
    cascade_here = _finding(1, "print-at-trace-time", fixes.Edit(1, 4, 1, 6, "11"))  # on a reported line
    never_reported = _finding(3, "print-at-trace-time", fixes.Edit(3, 4, 3, 5, "30"))
    third = "a = 11\nb = 2\nc = 3\n"
    engine = _ScriptedEngine({first: [reported], second: [cascade_here, never_reported], third: [never_reported]})
    result = fix_source(first, "m.py", engine)  # type: ignore[arg-type]
    assert "30" not in result.fixed
    assert result.fixed == first and any("withdrawn" in note for note in result.notes)
    without_exposure = _ScriptedEngine({first: [reported], second: [cascade_here]})
    assert fix_source(first, "m.py", without_exposure).fixed == third  # type: ignore[arg-type]  # the cascade itself stays


def test_line_map_follows_inserted_and_removed_lines():
    old = fixes.SourceLines(b"one\ntwo\nthree\nfour\n")
    spans = [(0, 0, b"import sys\n\n"), (4, 8, b"2\n2b\n"), (14, 14, b"")]  # insert 2 lines, 'two\n' -> 2 lines
    line_map = LineMap(old, spans)
    # new text: import sys / '' / one / 2 / 2b / three / four
    assert [line_map.old_line(n) for n in range(1, 8)] == [1, 1, 1, 2, 2, 3, 4]


def test_an_edit_never_changes_a_line_whose_finding_is_silenced():
    """`fix` never rewrites what the user silenced, even for another line's finding (a decorator
    edit for a call site): the engine says which lines had a silenced finding."""
    text = "a = 1\nb = 2  # noqa\nc = 3\n"
    touching = _finding(3, "print-at-trace-time", fixes.Edit(2, 4, 2, 5, "20"))  # reported on 3, edits line 2
    elsewhere = _finding(3, "print-at-trace-time", fixes.Edit(3, 4, 3, 5, "30"))
    engine = _ScriptedEngine({text: [touching, elsewhere]})
    engine.silenced_lines = {2}
    result = fix_source(text, "m.py", engine)  # type: ignore[arg-type]
    assert result.fixed == "a = 1\nb = 2  # noqa\nc = 30\n"
    assert touching not in result.applied and any("silenced; not fixed" in note for note in result.notes)
