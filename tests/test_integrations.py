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

    codes = {d.symbol: "HYB" + d.msgid[2:] for d in Engine().linter.msgs_store.messages}
    expected = {(hit.path, hit.line, codes[hit.symbol]) for case in CASES for hit in expected_hits(case)}
    assert sorted(actual) == sorted(expected)


@pytest.fixture()
def git_repo(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "train.py").write_text(BAD, encoding="utf-8")
    for command in (["git", "init", "-q"], ["git", "add", "train.py"]):
        subprocess.run(command, cwd=project, check=True)
    return project


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
                "flake8": {"enabled": plugin == "flake8", "select": ["HYB"]},
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
