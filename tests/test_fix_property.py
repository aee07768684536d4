"""Property test: real files (the repository's docs examples and examples/) with injected bugs,
in every line-ending style, fixed with --unsafe-fixes.

For every variant: the fixed file compiles; only lines of the applied findings' edits (and the
import lines the fix adds or leaves unused) change; every comment survives; a second run changes
nothing; with safe fixes only the same holds.
"""

from __future__ import annotations

import io
import random
import re
import tokenize
from collections import Counter
from pathlib import Path

import astroid
import pytest
from astroid import nodes

from pylint_hybridize.apply import Policy, fix_source
from pylint_hybridize.engine import Engine
from tests.lint import DOCS_MESSAGES, our_symbols

REPO = Path(__file__).resolve().parent.parent
REAL_FILES = sorted([*DOCS_MESSAGES.glob("*/*.py"), *(REPO / "examples").glob("*.py")])
ENGINE = Engine(enabled=our_symbols())
BUGS = (
    'print(f"injected {name}")  # injected print',
    'print("injected", name, "%s" % name)',
    "assert tf.reduce_sum(name) > 0, 'injected'",
    "_injected = tf.reduce_sum(name).numpy()  # injected numpy",
    "_injected = bool(tf.reduce_any(tf.cast(name, tf.bool)))",
    'tf.print("injected {}".format(tf.reduce_sum(name)))',
)


def _inject(source: str, seed: int) -> str | None:
    """Bugs injected at the top of the body of every function decorated with tf.function."""
    try:
        module = astroid.parse(source)
    except astroid.AstroidSyntaxError:
        return None
    lines = source.splitlines(keepends=True)
    chooser = random.Random(seed)
    inserts = []
    for function in module.nodes_of_class(nodes.FunctionDef):
        decorators = function.decorators.nodes if function.decorators else []
        if not any("function" in d.as_string() for d in decorators) or not function.args.args:
            continue
        names = [a.name for a in function.args.args if a.name not in ("self", "cls")]
        if not names:
            continue
        first = function.body[0]
        indent = re.match(r"[ \t]*", lines[first.lineno - 1]).group(0)
        bugs = chooser.sample(BUGS, 2)
        inserts.append((first.lineno - 1, "".join(f"{indent}{b.replace('name', names[0])}\n" for b in bugs)))
    if not inserts:
        return None
    for index, text in sorted(inserts, reverse=True):
        lines.insert(index, text)
    text = "".join(lines)
    return text if text.startswith("import tensorflow as tf") or "\nimport tensorflow as tf\n" in text else None


def _comments(text: str) -> Counter:
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    return Counter(
        t.string for t in tokenize.generate_tokens(io.StringIO(normalized).readline) if t.type == tokenize.COMMENT
    )


def _variants():
    for path in REAL_FILES:
        source = path.read_text(encoding="utf-8")
        injected = _inject(source, seed=len(path.name))
        if injected is None:
            continue
        name = f"{path.parent.name}/{path.name}"
        yield pytest.param(injected, id=f"{name}-lf")
        yield pytest.param(injected.replace("\n", "\r\n"), id=f"{name}-crlf")
        yield pytest.param(injected.replace("\n", "\r"), id=f"{name}-cr")


VARIANTS = list(_variants())


def test_enough_real_files():
    assert len(VARIANTS) >= 3 * 20


@pytest.mark.parametrize("source", VARIANTS)
def test_fix_keeps_everything_but_its_spans(source: str, tmp_path: Path):
    path = str(tmp_path / "injected.py")
    for unsafe in (True, False):
        result = fix_source(source, path, ENGINE, policy=Policy(unsafe=unsafe))
        fixed = result.fixed
        compile(fixed, path, "exec")
        # every injected bug has an unsafe fix; only the print ones have safe fixes too
        assert result.applied or not unsafe, "the injected bugs were found and fixed"
        assert result.notes == [] or all("comment" in n or "names something else" in n for n in result.notes)
        # comments survive (a fix may move one, as a removed decorator's, never drop it)
        assert _comments(fixed) >= _comments(source) - Counter()
        # only the edited lines change (the tokenizer's lines)
        edited = set()
        for finding in result.applied:
            for edit in finding.fix.edits:
                edited.update(range(edit.line, edit.end_line + 1))
        original_lines = re.split(r"\r\n|\r|\n", source)
        fixed_lines = re.split(r"\r\n|\r|\n", fixed)
        import difflib  # pylint: disable=import-outside-toplevel

        matcher = difflib.SequenceMatcher(a=original_lines, b=fixed_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            changed = set(range(i1 + 1, i2 + 1))
            touched = [line for line in fixed_lines[j1:j2] + original_lines[i1:i2] if line.strip()]
            is_import = all(re.match(r"import \w+( as \w+)?$", line) for line in touched)
            assert changed <= edited or is_import, (tag, original_lines[i1:i2], fixed_lines[j1:j2])
        # the line ending style is kept
        for ending in ("\r\n", "\r", "\n"):
            if ending in source:
                assert ending in fixed
        if "\r" not in source:
            assert "\r" not in fixed
        if "\n" not in source:
            assert "\n" not in fixed
        again = fix_source(fixed, path, ENGINE, policy=Policy(unsafe=unsafe))
        assert again.fixed == fixed, "a second run changes nothing"
