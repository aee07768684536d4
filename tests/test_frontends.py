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


def test_pylint_plugin_and_disable_pragma(bad_file: Path):
    result = _run("pylint", "--load-plugins=pylint_hybridize", "--disable=all",
                  "--enable=print-at-trace-time", "--score=n", bad_file.name, cwd=bad_file.parent)
    lines = [line for line in result.stdout.splitlines() if "W9101" in line]
    assert [line.split(":")[1] for line in lines] == ["6", "7"]  # line 8 is disabled
    assert result.returncode & 4  # warning bit


def test_flake8_codes_and_noqa(bad_file: Path):
    result = _run("flake8", "--select=HYB", bad_file.name, cwd=bad_file.parent)
    lines = result.stdout.splitlines()
    assert [line.split(":")[1] for line in lines] == ["6", "8"], result.stdout + result.stderr  # line 7 has noqa
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
    result = subprocess.run(
        [sys.executable, "-m", "pylint_hybridize.cli", "check", bad_file.name],
        capture_output=True, text=True, cwd=bad_file.parent, check=False,
    )
    assert result.stdout.count("W9101") == 2
    assert result.returncode & 4


def test_readme_example_output_is_what_the_cli_prints():
    """The README shows the real output of its first command (`pylint-hybridize examples/`)."""
    repo = Path(__file__).resolve().parent.parent
    readme = (repo / "README.md").read_text(encoding="utf-8")
    start = readme.index("```\n************* Module train_loop") + 4
    shown = readme[start:readme.index("```", start)].strip()
    result = subprocess.run([sys.executable, "-m", "pylint_hybridize.cli", "examples/"],
                            capture_output=True, text=True, cwd=repo, check=False)
    assert result.stdout.strip() == shown


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
