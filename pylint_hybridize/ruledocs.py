"""The rule pages (``docs/messages/<symbol>/details.md``) as the CLI and the SARIF reporter use them.

The pages live in the repository, beside the package: a checkout or an editable install has them; a
wheel does not, and then the SARIF help falls back to the message's description. What a page says
about a rule's fix safety is its record's ``fix_safety`` (``pylint_hybridize.rules``; a test keeps
the two in agreement).
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
