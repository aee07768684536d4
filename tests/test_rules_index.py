"""docs/rules.md and the README's table list every rule exactly as its record says; every rule page
exists and says the same about the fix as the record."""

import subprocess
import sys
from pathlib import Path

import pytest

from pylint_hybridize.registry import all_rules
from pylint_hybridize.rules import FIX_SAFETY

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import gen_rules_index  # noqa: E402


def test_rules_index_is_up_to_date():
    result = subprocess.run([sys.executable, "scripts/gen_rules_index.py", "--check"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("stale", ["index", "readme"])
def test_check_fails_on_a_stale_index_or_readme(tmp_path, monkeypatch, stale):
    index, readme = tmp_path / "rules.md", tmp_path / "README.md"
    index.write_text((REPO / "docs" / "rules.md").read_text(encoding="utf-8"), encoding="utf-8")
    readme.write_text((REPO / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(gen_rules_index, "INDEX", index)
    monkeypatch.setattr(gen_rules_index, "README", readme)
    monkeypatch.setattr(gen_rules_index, "REPO", tmp_path)
    assert gen_rules_index.main(["--check"]) == 0
    target = index if stale == "index" else readme
    text = target.read_text(encoding="utf-8")
    assert "| HYB101 |" in text
    target.write_text(text.replace("| HYB101 |", "| HYB199 |"), encoding="utf-8")
    assert gen_rules_index.main(["--check"]) == 1
    assert gen_rules_index.main([]) == 0  # regenerated
    assert target.read_text(encoding="utf-8") == text
    assert gen_rules_index.main(["--check"]) == 0


def test_readme_table_sits_between_the_markers_and_the_rest_is_kept():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split(gen_rules_index.START, 1)[1].split(gen_rules_index.END, 1)[0]
    assert block == "\n" + gen_rules_index.table("docs/messages/")
    assert block.count("\n| ") == len(all_rules()) + 1  # header row, then one row per rule
    for rule in all_rules():
        assert f"[`{rule.symbol}`](docs/messages/{rule.symbol}/details.md)" in block
    replaced = gen_rules_index.readme_with_table(f"before\n{gen_rules_index.START}\nold\n{gen_rules_index.END}\nafter\n")
    assert replaced.startswith(f"before\n{gen_rules_index.START}\n| pylint id")
    assert replaced.endswith(f"|\n{gen_rules_index.END}\nafter\n")
    with pytest.raises(ValueError):
        gen_rules_index.readme_with_table("no markers")


def test_index_rows_come_from_the_records():
    rows = gen_rules_index.rows()
    assert [row[0] for row in rows] == sorted(rule.msgid for rule in all_rules())
    by_symbol = {row[2]: row for row in rows}
    assert by_symbol["print-at-trace-time"] == (
        "W9101", "HYB101", "print-at-trace-time", "hybridize-side-effects",
        "Python's print() inside a tf.function (or a function it calls) runs while TensorFlow traces the "
        "function, not when the graph runs: it prints once per trace instead of once per call.",
        True, "safe+unsafe",
    )
    assert by_symbol["logging-at-trace-time"][5] is False
    assert by_symbol["recursion-in-graph"][6] == "none"


def test_every_rule_page_has_ruff_sections():
    for rule in all_rules():
        page = (REPO / rule.page).read_text(encoding="utf-8")
        assert page.startswith(f"# {rule.symbol} ({rule.msgid}, {rule.flake8_code})"), rule.symbol
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
            assert section in page, f"{rule.symbol}: missing {section}"
        assert "TensorFlow evidence" in page or "TF 2.21" in page, rule.symbol
        for example in ("bad.py", "good.py"):
            assert (REPO / "docs" / "messages" / rule.symbol / example).is_file(), f"{rule.symbol}: no {example}"


def documented_fix_safety(page: str) -> str:
    """safe / unsafe / safe+unsafe / none, from the first words of the page's "## Fix safety" section:
    "Safe..." (safe+unsafe when the section also says "unsafe"), "Unsafe...", anything else none."""
    section = page.split("## Fix safety", 1)[1].split("\n## ", 1)[0].strip().lower()
    if section.startswith("safe"):
        return "safe+unsafe" if "unsafe" in section else "safe"
    if section.startswith("unsafe"):
        return "unsafe"
    return "none"


def test_documented_fix_safety_reads_the_first_words():
    assert documented_fix_safety("## Fix safety\nSafe: print -> tf.print.\n") == "safe"
    assert documented_fix_safety("## Fix safety\nSafe when plain; unsafe when a spec is dropped.\n") == "safe+unsafe"
    assert documented_fix_safety("## Fix safety\nUnsafe: returns tensors.\n\n## Next\nsafe\n") == "unsafe"
    assert documented_fix_safety("## Fix safety\nNo automatic fix.\n") == "none"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.symbol)
def test_record_fix_safety_agrees_with_the_page(rule):
    """The record is what `rules`, SARIF and the tables show; the page explains it: they must not drift."""
    assert rule.fix_safety in FIX_SAFETY
    page = (REPO / rule.page).read_text(encoding="utf-8")
    assert documented_fix_safety(page) == rule.fix_safety, (
        f"{rule.symbol}: the record says {rule.fix_safety!r}, the page's '## Fix safety' section begins "
        f"{page.split('## Fix safety', 1)[1].strip()[:60]!r}"
    )
