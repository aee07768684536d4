"""docs/keras3.md shows only code that runs: every python block is part of a docs/messages example that
tests/runtime/test_docs_examples.py runs under TensorFlow (and lints)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "keras3.md"
_BLOCK = re.compile(r"^```python\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def test_every_code_block_is_a_run_example():
    examples = [p.read_text(encoding="utf-8") for p in (REPO / "docs" / "messages").glob("*/*.py")]
    blocks = [m["body"] for m in _BLOCK.finditer(DOC.read_text(encoding="utf-8"))]
    assert len(blocks) >= 6
    for block in blocks:
        assert any(block in example for example in examples), f"not in a run example:\n{block}"


def test_every_named_example_exists():
    text = DOC.read_text(encoding="utf-8")
    for name in set(re.findall(r"`((?:bad|good)[a-z0-9_]*\.py)`", text)):
        assert list((REPO / "docs" / "messages").glob(f"*/{name}")), name
