"""Real clients: pre-commit (try-repo with this repository's hooks), python-lsp-server, flake8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pylint_hybridize.registry import flake8_code
from tests.lint import expected_hits

REPO = Path(__file__).resolve().parent.parent
CASES = sorted((REPO / "tests" / "functional" / "cases").rglob("*.py"))
BAD = textwrap.dedent(
    """\
    import tensorflow as tf


    @tf.function
    def step(x):
        print("step", x)
        return x
    """
)


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


@pytest.fixture()
def git_repo(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "train.py").write_text(BAD, encoding="utf-8")
    for command in (["git", "init", "-q"], ["git", "add", "train.py"]):
        subprocess.run(command, cwd=project, check=True)
    return project


@pytest.mark.network  # pre-commit builds the hook's environment with pip
def test_pre_commit_hooks_fail_then_pass_after_fix(git_repo: Path, tmp_path: Path):
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")

    def hook(hook_id: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook_id, "--files", "train.py"],
            capture_output=True, text=True, cwd=git_repo, env=env, check=False, timeout=900,
        )

    check = hook("pylint-hybridize")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "print-at-trace-time" in check.stdout
    fix = hook("pylint-hybridize-fix")
    assert fix.returncode == 1 and "files were modified by this hook" in fix.stdout, fix.stdout + fix.stderr
    assert 'tf.print("step", x, output_stream=sys.stdout)' in (git_repo / "train.py").read_text()
    again = hook("pylint-hybridize")
    assert again.returncode == 0, again.stdout + again.stderr


def _lsp_message(payload: dict) -> bytes:
    body = json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read_lsp(stream, deadline: float) -> dict | None:
    headers = {}
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode().partition(":")
        headers[name.lower()] = value.strip()
    length = int(headers.get("content-length", 0))
    return json.loads(stream.read(length)) if length else None


@pytest.mark.parametrize("plugin", ["flake8", "pylint"])
def test_python_lsp_server_reports_our_diagnostic(tmp_path: Path, plugin: str):
    path = tmp_path / "train.py"
    path.write_text(BAD, encoding="utf-8")
    settings = {
        "pylsp": {
            "plugins": {
                "pycodestyle": {"enabled": False},
                "pyflakes": {"enabled": False},
                "mccabe": {"enabled": False},
                "flake8": {"enabled": plugin == "flake8", "extendSelect": ["HYB"]},  # as docs/editors.md
                "pylint": {
                    "enabled": plugin == "pylint",
                    "args": ["--load-plugins=pylint_hybridize", "--disable=all", "--enable=print-at-trace-time"],
                },
            }
        }
    }
    server = subprocess.Popen([sys.executable, "-m", "pylsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        uri = path.as_uri()
        server.stdin.write(_lsp_message({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                          "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}))
        server.stdin.write(_lsp_message({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        server.stdin.write(_lsp_message({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
                                          "params": {"settings": settings}}))
        server.stdin.write(_lsp_message({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": BAD}}}))
        server.stdin.write(_lsp_message({"jsonrpc": "2.0", "method": "textDocument/didSave",
                                          "params": {"textDocument": {"uri": uri}}}))
        server.stdin.flush()
        deadline = time.monotonic() + 120
        found = []
        while time.monotonic() < deadline and not found:
            message = _read_lsp(server.stdout, deadline)
            if message is None:
                break
            if message.get("method") == "textDocument/publishDiagnostics":
                found = [d for d in message["params"]["diagnostics"]
                         if "print-at-trace-time" in d.get("message", "") or d.get("code") in ("HYB101", "W9101")]
        assert found, f"no diagnostic from pylint_hybridize through pylsp's {plugin} plugin"
        assert found[0]["range"]["start"]["line"] == 5  # 0-based: the print() line
    finally:
        server.kill()
        server.wait()
