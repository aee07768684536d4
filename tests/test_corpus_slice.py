"""A slice of the real-world corpus (dm-sonnet 2.0.2 from benchmarks/corpus.txt) through pylint: no crash.

Downloads the pinned wheel from PyPI once into the pytest cache (about 0.5 MB), then lints the
`sonnet` package with the plugin's messages plus astroid-error/fatal, and checks pylint's exit
status has no fatal (1) or usage (32) bit and nothing was printed as a traceback.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pylint_hybridize.cli import pylint_arguments

PIN = "dm-sonnet==2.0.2"


@pytest.fixture(scope="module")
def sonnet_package(request) -> Path:
    cache = Path(request.config.cache.mkdir("corpus-dm-sonnet"))
    wheels = list(cache.glob("dm_sonnet-2.0.2-*.whl"))
    if not wheels:
        download = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(cache), PIN],
            capture_output=True, text=True, check=False, timeout=300,
        )
        assert download.returncode == 0, f"could not download {PIN}: {download.stderr[-2000:]}"
        wheels = list(cache.glob("dm_sonnet-2.0.2-*.whl"))
    unpacked = cache / "unpacked"
    if not (unpacked / "sonnet").is_dir():
        with zipfile.ZipFile(wheels[0]) as archive:
            archive.extractall(unpacked)
    return unpacked


@pytest.mark.network
def test_lints_sonnet_without_crash(sonnet_package: Path):
    result = subprocess.run(
        [sys.executable, "-m", "pylint",
         *pylint_arguments(["sonnet"], ["--enable=astroid-error,fatal", "--msg-template={path}:{line}: {symbol}"])],
        capture_output=True, text=True, cwd=sonnet_package, check=False, timeout=900,
    )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "astroid-error" not in result.stdout and ": fatal" not in result.stdout, result.stdout[-3000:]
    assert result.returncode & (1 | 32) == 0, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
    files = list((sonnet_package / "sonnet").rglob("*.py"))
    assert len(files) > 100  # the slice really was linted


@pytest.mark.network
def test_front_ends_agree_on_sonnet(sonnet_package: Path):
    """pylint and flake8 report the same (file, line, message) on the whole `sonnet` package."""
    from tests.test_integrations import flake8_findings, pylint_findings

    flake8_side = flake8_findings(["sonnet"], sonnet_package)
    assert flake8_side == pylint_findings(["sonnet"], sonnet_package)
