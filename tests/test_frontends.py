"""The real clients: pylint with --load-plugins, flake8 with the HYB codes, the CLI."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

BAD = textwrap.dedent(
    """\
    import tensorflow as tf


    @tf.function
    def step(x):
        print(x)
        print(x)  # noqa: HYB101
        print(x)  # pylint: disable=print-at-trace-time
        return x
    """
)


@pytest.fixture()
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.py"
    path.write_text(BAD, encoding="utf-8")
    return path


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_pylint_plugin_honours_both_pragmas(bad_file: Path):
    """One comment silences a finding on every path (pylint_hybridize.suppressions): line 7 has
    `# noqa: HYB101`, line 8 `# pylint: disable=...`."""
    result = _run("pylint", "--load-plugins=pylint_hybridize", "--disable=all",
                  "--enable=print-at-trace-time", "--score=n", bad_file.name, cwd=bad_file.parent)
    lines = [line for line in result.stdout.splitlines() if "W9101" in line]
    assert [line.split(":")[1] for line in lines] == ["6"]
    assert result.returncode & 4  # warning bit


def test_flake8_codes_and_both_pragmas(bad_file: Path):
    result = _run("flake8", "--select=HYB", bad_file.name, cwd=bad_file.parent)
    lines = result.stdout.splitlines()
    assert [line.split(":")[1] for line in lines] == ["6"], result.stdout + result.stderr
    assert all(" HYB101 " in line for line in lines)
    assert result.returncode == 1


def test_flake8_extra_decorators_option(tmp_path: Path):
    path = tmp_path / "agent.py"
    path.write_text(
        "import tensorflow as tf\nfrom mylib import wrappers\n\n\n@wrappers.graph\ndef step(x):\n    print(x)\n",
        encoding="utf-8",
    )
    plain = _run("flake8", "--select=HYB", path.name, cwd=tmp_path)
    assert plain.stdout == ""
    configured = _run("flake8", "--select=HYB", "--hybridize-extra-decorators=mylib.wrappers.graph", path.name, cwd=tmp_path)
    assert ":7:5: HYB101" in configured.stdout, configured.stdout + configured.stderr


def test_pylint_extra_decorators_option(tmp_path: Path):
    path = tmp_path / "agent.py"
    path.write_text(
        "import tensorflow as tf\nfrom mylib import wrappers\n\n\n@wrappers.graph\ndef step(x):\n    print(x)\n",
        encoding="utf-8",
    )
    args = ("pylint", "--load-plugins=pylint_hybridize", "--disable=all", "--enable=print-at-trace-time", "--score=n")
    assert "W9101" not in _run(*args, path.name, cwd=tmp_path).stdout
    configured = _run(*args, "--hybridize-extra-decorators=mylib.wrappers.graph", path.name, cwd=tmp_path)
    assert "agent.py:7:4: W9101" in configured.stdout


def test_cli_check(bad_file: Path):
    """Exit 1 on findings; line 7 has `# noqa: HYB101`, line 8 `# pylint: disable=...`: both silenced,
    as `fix` leaves them alone (the documented decision, README "Silencing a finding")."""
    result = _cli("check", bad_file.name, cwd=bad_file.parent)
    assert [line.split(":")[1] for line in result.stdout.splitlines() if "W9101" in line] == ["6"]
    assert result.returncode == 1
    assert "pylint-hybridize: 1 finding in 1 of 1 file; `fix` would fix 1 (0 left), `fix --unsafe-fixes` 1 (0 left)" \
        in result.stderr


def test_check_and_fix_agree_on_silenced_lines(bad_file: Path):
    """`fix` changes exactly the lines `check` reports (noqa and pylint pragmas silence both)."""
    reported = {line.split(":")[1] for line in _cli("check", bad_file.name, cwd=bad_file.parent).stdout.splitlines()
                if "W9101" in line}
    diff = _cli("fix", "--diff", bad_file.name, cwd=bad_file.parent).stdout
    changed = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    # the safe print fix keeps stdout, so it may add `import sys` (and its blank line) at the top
    changed = [line for line in changed if line not in ("+import sys", "+")]
    assert reported == {"6"} and changed == ["+    tf.print(x, output_stream=sys.stdout)"]


def _cli(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pylint_hybridize.cli", *args],
                          capture_output=True, text=True, cwd=cwd, check=False, **kwargs)


def test_check_help_and_usage_errors(tmp_path: Path):
    helped = _cli("check", "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "Exit status" in helped.stdout and "--enable" in helped.stdout
    assert _cli("check", cwd=tmp_path).returncode == 2  # no path
    assert _cli("check", "missing.py", cwd=tmp_path).returncode == 1  # reported like an unreadable file (ruff)
    assert _cli("check", "--enable=no-such-message", ".", cwd=tmp_path).returncode == 2
    assert _cli("check", "--no-such-pylint-option=1", ".", cwd=tmp_path).returncode == 2


def test_check_option_values_with_a_space_and_enable_all(tmp_path: Path):
    _write(tmp_path / "log.py", """\
        import logging

        import tensorflow as tf


        @tf.function
        def step(x):
            logging.info("x %s", x)
            print(x)
            return x
        """)
    default = _cli("check", "-j", "2", "log.py", cwd=tmp_path)
    assert default.returncode == 1 and "W9101" in default.stdout and "W9102" not in default.stdout
    everything = _cli("check", "--enable", "all", "log.py", cwd=tmp_path)
    assert "W9101" in everything.stdout and "W9102" in everything.stdout  # opt-in included
    quiet = _cli("check", "--disable", "print-at-trace-time", "log.py", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == ""
    assert "0 findings in 0 of 1 file" in quiet.stderr


def test_check_prints_only_this_plugins_messages(tmp_path: Path):
    """Another tool's pragmas (`# pylint: disable=g-...`, as in Google code) make pylint say W0012:
    `check` shows none of it, and exits 0 on code without findings (issue 15)."""
    _write(tmp_path / "google.py", "import os  # pylint: disable=g-bad-import-order\nX = os.sep  # pylint: disable=g-x\n")
    result = _cli("check", "google.py", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_check_lints_the_files_fix_does_and_honours_ignores(tmp_path: Path):
    source = "import tensorflow as tf\n\n\n@tf.function\ndef step(x):\n    print(x)\n    return x\n"
    for relative in ("pkg/__init__.py", "pkg/scripts/run.py", "tools/deep/t.py", ".venv/lib/v.py", "venv/v.py",
                     "build/b.py", "node_modules/n.py", "vendor/w.py", "gen_skip.py", "third/party/p.py"):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("" if relative.endswith("__init__.py") else source, encoding="utf-8")
    (tmp_path / "pkg" / "blob.py").write_bytes(b"\x00\x01binary")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pylint.main]\nignore = ["vendor"]\nignore-patterns = ["^gen_"]\nignore-paths = ["third/.*"]\n',
        encoding="utf-8",
    )
    result = _cli("check", ".", cwd=tmp_path)
    reported = sorted(line.split(":")[0] for line in result.stdout.splitlines() if "W9101" in line)
    assert reported == ["pkg/scripts/run.py", "tools/deep/t.py"], result.stdout + result.stderr
    assert "could not check ./pkg/blob.py: binary file" in result.stderr
    assert result.returncode == 1
    fixed = _cli("fix", "--diff", ".", cwd=tmp_path).stdout
    assert "pkg/scripts/run.py" in fixed and "tools/deep/t.py" in fixed  # the same subfolders


def test_check_binary_file_alone_is_exit_1(tmp_path: Path):
    """ruff's table: a file that could not be checked is reported and makes the status 1 (was 3)."""
    (tmp_path / "blob.py").write_bytes(b"\x00\x01binary")
    (tmp_path / "ok.py").write_text("X = 1\n", encoding="utf-8")
    result = _cli("check", ".", cwd=tmp_path)
    assert result.returncode == 1 and "blob.py: binary file" in result.stderr


def test_check_honours_the_project_configuration(tmp_path: Path):
    _write(tmp_path / "log.py", """\
        import logging

        import tensorflow as tf


        @tf.function
        def step(x):
            logging.info("x %s", x)
            print(x)
            return x
        """)
    configs = {
        "pyproject.toml": '[tool.pylint."messages control"]\ndisable = ["print-at-trace-time"]\nenable = ["logging-at-trace-time"]\n',
        ".pylintrc": "[MESSAGES CONTROL]\ndisable=print-at-trace-time\nenable=logging-at-trace-time\n",
        "setup.cfg": "[pylint.messages_control]\ndisable=print-at-trace-time\nenable=logging-at-trace-time\n",
        "tox.ini": "[pylint.messages_control]\ndisable=print-at-trace-time\nenable=logging-at-trace-time\n",
    }
    from pylint.config.find_default_config_files import CONFIG_NAMES

    if Path("tox.ini") not in CONFIG_NAMES:  # pylint reads tox.ini from 3.3 on (3.2 does not)
        del configs["tox.ini"]
    for name, text in configs.items():
        config = tmp_path / name
        config.write_text(text, encoding="utf-8")
        result = _cli("check", "log.py", cwd=tmp_path)
        config.unlink()
        assert "W9102" in result.stdout and "W9101" not in result.stdout, (name, result.stdout, result.stderr)
    overridden = _cli("check", "--rcfile=/dev/null", "--enable=print-at-trace-time", "log.py", cwd=tmp_path)
    assert "W9101" in overridden.stdout


def test_rules_command():
    result = subprocess.run([sys.executable, "-m", "pylint_hybridize.cli", "rules"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    rows = {line.split()[2]: line.split() for line in result.stdout.splitlines()[1:]}
    assert rows["print-at-trace-time"] == ["W9101", "HYB101", "print-at-trace-time", "on", "safe+unsafe"]
    assert rows["logging-at-trace-time"][3] == "opt-in"
    assert rows["recursion-in-graph"][4] == "none"
    from tests.lint import our_symbols

    assert sorted(rows) == our_symbols()


def test_cli_version():
    result = subprocess.run([sys.executable, "-m", "pylint_hybridize.cli", "--version"],
                            capture_output=True, text=True, check=False)
    from pylint_hybridize import __version__

    assert result.returncode == 0 and result.stdout.startswith(f"pylint-hybridize {__version__} (pylint ")


def _write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_long_lived_engine_sees_files_change_on_disk(tmp_path: Path):
    """The engine (fix, library use) must not answer from a parse of a file that changed since."""
    from pylint_hybridize.engine import Engine

    package = tmp_path / "stalepkg"
    package.mkdir()
    _write(package / "__init__.py", "")
    train, helpers = package / "train.py", package / "helpers.py"
    _write(train, """\
        import tensorflow as tf

        from .helpers import log


        @tf.function
        def step(x):
            log(x)
            return x
        """)
    _write(helpers, "def log(x):\n    print(x)\n")
    engine = Engine()

    def lines(path: Path) -> list[int]:
        return [f.line for f in engine.check_source(path.read_text(encoding="utf-8"), path=str(path))]

    assert lines(helpers) == [2]
    _write(helpers, "# one\n# two\ndef log(x):\n    print(x)\n")
    assert lines(helpers) == [4]  # moved with its line, not lost
    _write(train, "import tensorflow as tf\n\n\n@tf.function\ndef step(x):\n    return x\n")
    assert lines(helpers) == []  # its caller is gone


LOGGING = """\
import logging

import tensorflow as tf


@tf.function
def step(x):
    logging.info("x %s", x)
    print(x)
    return x
"""


@pytest.mark.parametrize(
    ("arguments", "codes"),
    [
        (["--extend-select=HYB"], ["HYB101"]),  # HYB alone: the default codes only (like bugbear's B9)
        (["--extend-select=HYB102"], ["HYB102", "HYB101"]),
        (["--select=HYB1"], ["HYB102", "HYB101"]),
        (["--select=HYB101"], ["HYB101"]),
        (["--extend-select=HYB", "--hybridize-enable=HYB102"], ["HYB102", "HYB101"]),
    ],
)
def test_flake8_opt_in_codes_like_bugbear(tmp_path: Path, arguments: list[str], codes: list[str]):
    (tmp_path / "log.py").write_text(LOGGING, encoding="utf-8")
    result = _run("flake8", *arguments, "log.py", cwd=tmp_path)
    assert [line.split()[1] for line in result.stdout.splitlines()] == codes, result.stdout + result.stderr


def test_flake8_unknown_hybridize_enable_is_an_error(tmp_path: Path):
    (tmp_path / "log.py").write_text(LOGGING, encoding="utf-8")
    result = _run("flake8", "--hybridize-enable=no-such-message", "log.py", cwd=tmp_path)
    assert result.returncode != 0 and "unknown --hybridize-enable value 'no-such-message'" in result.stdout + result.stderr


def test_options_are_declared_once():
    """pylint's and flake8's option sets come from pylint_hybridize.options."""
    from pylint_hybridize.checkers.base import HybridizeOptions
    from pylint_hybridize.options import OPTIONS

    assert [name for name, _definition in HybridizeOptions.options] == [option.name for option in OPTIONS]
    added = []

    class Manager:
        def add_option(self, name, **_kwargs):
            added.append(name)

    from pylint_hybridize.flake8 import HybridizeFlake8

    HybridizeFlake8.add_options(Manager())
    assert added == [f"--{o.name}" for o in OPTIONS if o.flake8] + ["--hybridize-enable"]


@pytest.mark.parametrize("sibling", ["edited", "new"])
def test_long_lived_engine_sees_a_sibling_start_calling_a_helper(tmp_path: Path, sibling: str):
    """Issue 28 defect 7: in an editor, a sibling module (never parsed by the engine, or new) gains a
    call of a helper from a hybrid; the helper's finding must appear without a restart, as a fresh
    process finds it (the package's import index follows its files' content)."""
    from pylint_hybridize.engine import Engine

    package = tmp_path / f"sib{sibling}pkg"
    package.mkdir()
    _write(package / "__init__.py", "")
    helpers, train = package / "helpers.py", package / "train.py"
    _write(helpers, "def log(x):\n    print(x)\n")
    if sibling == "edited":
        _write(train, "import tensorflow as tf\n\n\n@tf.function\ndef step(x):\n    return x\n")
    engine = Engine()

    def lines(path: Path) -> list[int]:
        return [f.line for f in engine.check_source(path.read_text(encoding="utf-8"), path=str(path))]

    assert lines(helpers) == []
    _write(train, """\
        import tensorflow as tf

        from .helpers import log


        @tf.function
        def step(x):
            log(x)
            return x
        """)
    assert lines(helpers) == [2]
    _write(train, "import tensorflow as tf\n\n\n@tf.function\ndef step(x):\n    return x\n")
    assert lines(helpers) == []


def test_pylint_run_again_in_one_process_sees_a_sibling_start_calling_a_helper(tmp_path: Path, monkeypatch):
    """Issue 28 defect 7 on the pylint route: a language server runs pylint again in its process
    (``--clear-cache-post-run``); a sibling that starts calling a helper from a hybrid must count."""
    from pylint.lint import Run
    from pylint.reporters import CollectingReporter

    package = tmp_path / "sibrunpkg"
    package.mkdir()
    _write(package / "__init__.py", "")
    helpers, train = package / "helpers.py", package / "train.py"
    _write(helpers, "def log(x):\n    print(x)\n")
    _write(train, "import tensorflow as tf\n\n\n@tf.function\ndef step(x):\n    return x\n")
    monkeypatch.chdir(tmp_path)

    def lines() -> list[int]:
        reporter = CollectingReporter()
        Run(["--load-plugins=pylint_hybridize", "--disable=all", "--enable=print-at-trace-time", "--persistent=n",
             "--clear-cache-post-run=y", str(helpers)], reporter=reporter, exit=False)
        return [message.line for message in reporter.messages]

    assert lines() == []
    _write(train, "import tensorflow as tf\n\nfrom .helpers import log\n\n\n@tf.function\ndef step(x):\n"
                  "    log(x)\n    return x\n")
    assert lines() == [2]
