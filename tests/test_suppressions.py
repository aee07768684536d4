"""One suppression matcher (issue 28, defect 2): `# noqa` and `# pylint: disable` mean on every path
what flake8 and pylint mean, parsed by their own code (pylint_hybridize.suppressions)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pylint_hybridize import suppressions
from tests.lint import engine_hits, pylint_hits

HEAD = "import tensorflow as tf\n\n\n@tf.function\ndef f(x, y):\n"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pylint_hybridize.cli", *args],
                          capture_output=True, text=True, cwd=cwd, check=False)


def _flake8_lines(path: Path) -> list[int]:
    result = subprocess.run([sys.executable, "-m", "flake8", "--select=HYB", path.name],
                            capture_output=True, text=True, cwd=path.parent, check=False)
    return sorted(int(line.split(":")[1]) for line in result.stdout.splitlines())


def _every_path(path: Path) -> dict[str, list[int]]:
    """The lines each path reports, and the lines `fix --diff` changes (ignoring added imports)."""
    check = _cli("check", path.name, cwd=path.parent)
    diff = _cli("fix", "--diff", path.name, cwd=path.parent).stdout
    changed, line = [], 0
    for row in diff.splitlines():
        if row.startswith("@@"):
            line = int(row.split()[1].split(",")[0][1:]) - 1
        elif row.startswith("-") and not row.startswith("---"):
            line += 1
            changed.append(line)
        elif not row.startswith(("+", "---", "\\")):
            line += 1
    return {
        "pylint": sorted(h.line for h in pylint_hits([path])),
        "engine": sorted(h.line for h in engine_hits([path])),
        "flake8": _flake8_lines(path),
        "check": sorted(int(row.split(":")[1]) for row in check.stdout.splitlines() if ": W9101:" in row),
        "fix": changed,
    }


def test_the_fallback_copy_is_flake8s_own():
    """flake8 is optional: without it the plugin uses copies of its patterns, which must stay equal."""
    flake8_defaults = pytest.importorskip("flake8.defaults")
    from flake8.utils import COMMA_SEPARATED_LIST_RE

    assert suppressions.NOQA_INLINE_REGEXP is flake8_defaults.NOQA_INLINE_REGEXP  # flake8's own when installed
    for copy, original in ((suppressions._NOQA_INLINE_COPY, flake8_defaults.NOQA_INLINE_REGEXP),
                           (suppressions._NOQA_FILE_COPY, flake8_defaults.NOQA_FILE),
                           (suppressions._COMMA_SEPARATED_LIST_COPY, COMMA_SEPARATED_LIST_RE)):
        assert (copy.pattern, copy.flags) == (original.pattern, original.flags)


def test_without_flake8_the_copy_is_used():
    code = textwrap.dedent("""\
        import sys
        sys.modules["flake8"] = None  # not installed
        from pylint_hybridize import suppressions
        assert suppressions.NOQA_INLINE_REGEXP is suppressions._NOQA_INLINE_COPY
        assert suppressions.noqa_silences("print(x)  # noqa: HYB1", "HYB101")
        assert not suppressions.noqa_silences("print(x)  # noqa: HYB2", "HYB101")
        """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("comment", "silenced"), [
    ("# noqa", True),
    ("# noqa: HYB101", True),
    ("# noqa: HYB1", True),  # a prefix (flake8's rule): defect 2, fix used to rewrite this line
    ("# noqa:HYB10,E501", True),
    ("# NOQA: hyb101", False),  # codes are matched case-sensitively by flake8
    ("# noqa: HYB2", False),
    ("# noqa: HYB", True),  # no digits: flake8's grammar reads a blanket noqa
    ("#noqa", False),  # flake8 wants '# noqa'
    ("# flake8: noqa: HYB101", False),  # flake8 ignores this spelling (with a warning)
])
def test_noqa_grammar_is_flake8s(comment: str, silenced: bool):
    assert suppressions.noqa_silences(f"    print(x)  {comment}\n", "HYB101") is silenced


def test_prefix_noqa_is_honoured_by_every_path(tmp_path: Path):
    """Defect 2: `check` honoured `# noqa: HYB1`, `fix` matched codes exactly and rewrote the line."""
    path = tmp_path / "m.py"
    path.write_text(HEAD + "    print(x)  # noqa: HYB1\n    print(y)\n    return x\n", encoding="utf-8")
    assert _every_path(path) == {"pylint": [7], "engine": [7], "flake8": [7], "check": [7], "fix": [7]}


def test_noqa_lines_are_flake8s(tmp_path: Path):
    """flake8 searches every physical line of the tokens between two line ends: a `# noqa` after a
    multi-line string silences the call it starts on; inside brackets each line ends on its own."""
    path = tmp_path / "m.py"
    path.write_text(HEAD + '    print("""a\n    b""", x)  # noqa: HYB101\n    print(y)\n    return x\n', encoding="utf-8")
    assert _every_path(path) == {"pylint": [8], "engine": [8], "flake8": [8], "check": [8], "fix": [8]}
    path = tmp_path / "brackets.py"  # another module name: pylint_hits runs in this process (astroid's cache)
    path.write_text(HEAD + "    print(\n        x,\n    )  # noqa: HYB101\n    print(y)\n    return x\n", encoding="utf-8")
    reported = _every_path(path)
    assert reported.pop("fix")[0] == 6 and reported == dict.fromkeys(["pylint", "engine", "flake8", "check"], [6, 9])


@pytest.mark.parametrize("pragma", [
    "    print(x)  # pylint: disable=print-at-trace-time\n",
    "    print(x)  # pylint: disable=W9101\n",
    "    # pylint: disable-next=print-at-trace-time\n    print(x)\n",
    "    print(x)  # pylint: disable=all\n",  # pylint: 'disable=all' skips the file
])
def test_pylint_pragmas_are_read_by_pylint_on_every_path(tmp_path: Path, pragma: str):
    path = tmp_path / "m.py"
    path.write_text(HEAD + pragma + "    print(y)\n    return x\n", encoding="utf-8")
    reported = _every_path(path)
    assert len({tuple(lines) for lines in reported.values()}) == 1, reported
    if "disable=all" in pragma:
        assert reported["pylint"] == []
    else:
        assert reported["pylint"] == [len(HEAD.splitlines()) + len(pragma.splitlines()) + 1]
