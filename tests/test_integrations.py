"""Real clients: flake8 and pylint over the functional cases, star-import cycles (pre-commit and
python-lsp-server run from the documented recipes: tests/test_docs_run.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pylint_hybridize.registry import flake8_code
from tests.lint import expected_hits

REPO = Path(__file__).resolve().parent.parent
CASES = sorted((REPO / "tests" / "functional" / "cases").rglob("*.py"))


def test_real_flake8_agrees_with_annotations():
    """The flake8 process over every functional case reports exactly the annotated lines."""
    from pylint_hybridize.engine import Engine

    optional = ",".join(
        d.symbol for d in Engine().linter.msgs_store.messages
        if d.checker_name.startswith("hybridize") and not d.default_enabled
    )
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=HYB", f"--hybridize-enable={optional}",
         "--format=%(path)s:%(row)d:%(code)s", *map(str, CASES)],
        capture_output=True, text=True, cwd=REPO, check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    actual = set()
    for line in result.stdout.splitlines():
        path, row, code = line.rsplit(":", 2)
        actual.add((str(Path(path).resolve()), int(row), code))

    codes = {d.symbol: flake8_code(d.msgid) for d in Engine().linter.msgs_store.messages
             if d.checker_name.startswith("hybridize")}
    expected = {(hit.path, hit.line, codes[hit.symbol]) for case in CASES for hit in expected_hits(case)}
    assert sorted(actual) == sorted(expected)


def _opt_in_symbols() -> list[str]:
    from pylint_hybridize.registry import all_rules

    return [rule.symbol for rule in all_rules() if not rule.default_enabled]


def flake8_findings(paths, cwd: Path) -> set[tuple[str, int, str]]:
    """(real path, line, symbol) from the flake8 process, every message of the plugin enabled."""
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=HYB", f"--hybridize-enable={','.join(_opt_in_symbols())}",
         "--format=%(path)s:%(row)d:%(text)s", *map(str, paths)],
        capture_output=True, text=True, cwd=cwd, check=False, timeout=1800,
    )
    assert "Traceback" not in result.stderr and "critical error" not in result.stdout, result.stdout + result.stderr
    found = set()
    for line in result.stdout.splitlines():
        path, row, text = line.split(":", 2)
        found.add((str((cwd / path).resolve()), int(row), text.rsplit("(", 1)[1].rstrip(")")))
    return found


def pylint_findings(paths, cwd: Path) -> set[tuple[str, int, str]]:
    """(real path, line, symbol) from the pylint process, every message of the plugin enabled."""
    from pylint_hybridize.registry import all_rules

    ours = {rule.symbol for rule in all_rules()}
    symbols = ",".join(sorted(ours))
    result = subprocess.run(
        [sys.executable, "-m", "pylint", "--load-plugins=pylint_hybridize", "--disable=all", f"--enable={symbols}",
         "--score=n", "--persistent=n", "--msg-template={abspath}:{line}:{symbol}", *map(str, paths)],
        capture_output=True, text=True, cwd=cwd, check=False, timeout=1800,
    )
    assert "Traceback" not in result.stderr, result.stderr
    found = set()
    for line in result.stdout.splitlines():
        if line.startswith("*"):
            continue
        path, row, symbol = line.rsplit(":", 2)
        if symbol in ours:  # not pylint's own unknown-option-value for foreign pragmas
            found.add((str(Path(path).resolve()), int(row), symbol))
    return found


def test_front_ends_agree_on_functional_cases_and_docs_examples():
    """pylint and flake8 report the same (file, line, message) on every functional case; on the docs
    examples too (each folder linted on its own: every folder holds a bad.py and a good.py)."""
    assert flake8_findings(CASES, REPO) == pylint_findings(CASES, REPO)
    examples = sorted((REPO / "docs" / "messages").glob("*/bad.py"))
    flake8_side = flake8_findings(examples, REPO)
    assert flake8_side == pylint_findings(examples, REPO)
    assert len({symbol for _path, _line, symbol in flake8_side}) >= len(examples) - 2  # the bad examples fire


def test_front_ends_agree_when_the_helper_never_mentions_tensorflow(tmp_path: Path):
    """A helper module without a word of TF, called from a hybrid of another module: both report it."""
    package = tmp_path / "plainpkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "report.py").write_text('def show(value):\n    print("value", value)\n', encoding="utf-8")
    (package / "train.py").write_text(
        "import tensorflow as tf\n\nfrom .report import show\n\n\n@tf.function\ndef step(x):\n"
        "    show(x)\n    return x\n",
        encoding="utf-8",
    )
    files = [package / "report.py", package / "train.py"]
    expected = {(str((package / "report.py").resolve()), 2, "print-at-trace-time")}
    assert flake8_findings(files, tmp_path) == expected
    assert pylint_findings(files, tmp_path) == expected


def test_front_ends_agree_through_a_star_import_cycle(tmp_path: Path):
    """`import tensorflow as tf` then `from <sibling> import *` (which exports its own `tf`) around an
    import cycle: `tf` still means tensorflow in every module, whichever module astroid built first."""
    package = tmp_path / "starpkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    count = 12
    for i in range(count):
        (package / f"m{i}.py").write_text(
            f"import tensorflow as tf\nfrom .m{(i + 1) % count} import *\n\n\n"
            f"@tf.function\ndef step{i}(x):\n    print(x)\n    return x\n",
            encoding="utf-8",
        )
    files = sorted(package.glob("m*.py"))
    expected = {(str(path.resolve()), 7, "print-at-trace-time") for path in files}
    assert pylint_findings(files, tmp_path) == expected
    assert flake8_findings(files, tmp_path) == expected
