"""docs/rules.md lists every rule exactly as the code defines it, and every rule page exists."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_rules_index_is_up_to_date():
    result = subprocess.run([sys.executable, "scripts/gen_rules_index.py", "--check"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_every_rule_page_has_ruff_sections():
    sys.path.insert(0, str(REPO / "scripts"))
    from gen_rules_index import rows

    for msgid, code, symbol, *_ in rows():
        page = (REPO / "docs" / "messages" / symbol / "details.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {symbol} ({msgid}, {code})"), symbol
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
            assert section in page, f"{symbol}: missing {section}"
        assert "TensorFlow evidence" in page or "TF 2.21" in page, symbol


def test_readme_messages_table_matches_the_index():
    rules = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    table = rules[rules.index("| pylint id"):].strip()
    # the README sits one folder up from docs/rules.md: its links go through docs/
    assert table.replace("](messages/", "](docs/messages/") in (REPO / "README.md").read_text(encoding="utf-8")
