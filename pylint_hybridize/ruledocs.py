"""The rule pages (``docs/messages/<symbol>/details.md``) as the CLI and the SARIF reporter use them.

The pages live in the repository, beside the package: a checkout or an editable install has them; a
wheel does not, and then the SARIF help falls back to the message's description and ``rules``
prints ``?`` for fixability.
"""

from __future__ import annotations

import os

DOCS_MESSAGES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "messages")


def rule_page(symbol: str) -> str | None:
    """The text of the rule's page, or None when the package runs without its docs."""
    try:
        with open(os.path.join(DOCS_MESSAGES, symbol, "details.md"), encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return None


def fix_safety(page: str | None) -> str:
    """safe / unsafe / safe+unsafe / none, from the first words of the page's "Fix safety" section
    ("?" without the page)."""
    if page is None or "## Fix safety" not in page:
        return "?"
    section = page.split("## Fix safety", 1)[1].split("\n## ", 1)[0].strip().lower()
    if section.startswith("safe"):
        return "safe+unsafe" if "unsafe" in section else "safe"
    if section.startswith("unsafe"):
        return "unsafe"
    return "none"


def summary(description: str) -> str:
    """The first sentence of a message's description (as docs/rules.md shows it)."""
    return description.split(". ")[0].rstrip(".") + "."


def plain_text(markdown: str) -> str:
    """The page without Markdown's heading marks and backticks, for SARIF's ``help.text``."""
    lines = []
    for line in markdown.splitlines():
        stripped = line.lstrip("#").strip() if line.startswith("#") else line
        lines.append(stripped.replace("`", ""))
    return "\n".join(lines).strip() + "\n"
