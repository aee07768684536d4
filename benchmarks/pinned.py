"""What the benchmarks that lint pinned trees of GitHub repositories share (``usercode.py``: whole
repositories; ``peers.py``: peer tools' labelled programs): the bare mirror of a repository, the
pinned files unpacked from it with ``git archive``, the command line, and the run that lints each
tree in a fresh process and writes the findings as JSON lines.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import json
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

MIRROR = Path("/work/.mirror")


def git_dir(mirror: Path, repo: str) -> Path | None:
    """The bare git directory of ``repo`` under ``mirror`` (fetch's ``<owner>+<name>/repo``), if any."""
    base = mirror / repo.replace("/", "+")
    for candidate in (base / "repo", base / "repo" / ".git", base, base.with_name(base.name + ".git")):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


def unpack(repo: str, gitdir: Path, commit: str, specs: list[str], root: Path, marker: Path, stamp: str) -> Path | None:
    """The files ``specs`` (git pathspecs) of ``commit`` unpacked afresh into ``root``, then ``stamp``
    written to ``marker`` (what is unpacked there); None, with a line on stderr, when git archive fails."""
    archive = subprocess.run(["git", "--git-dir", str(gitdir), "archive", "--format=tar", commit, "--", *specs],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        print(f"{repo}: git archive {commit} failed: {archive.stderr.decode(errors='replace')}", file=sys.stderr)
        return None
    if root.exists():
        subprocess.run(["rm", "-rf", str(root)], check=True)
    root.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as opened:
        opened.extractall(root, filter="data")
    marker.write_text(stamp, encoding="utf-8")
    return root


def argument_parser(description: str, list_help: tuple[str, str], cache: Path, enable: str, findings: Path,
                    jobs: int, items: tuple[str, str]) -> argparse.ArgumentParser:
    """The options both benchmarks take: ``--list`` (default, help), ``--mirror``, ``--cache``,
    ``--enable``, ``--findings``, ``-j``, ``--no-lint``, and the positional ``items`` (name, help)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--list", default=list_help[0], help=list_help[1])
    parser.add_argument("--mirror", default=str(MIRROR), help="folder of the bare git mirrors (<owner>+<name>/repo)")
    parser.add_argument("--cache", default=str(cache), help="where the pinned trees are unpacked")
    parser.add_argument("--enable", default=enable,
                        help="off-by-default messages to turn on, comma-separated, or 'all'")
    parser.add_argument("--findings", default=str(findings), help="the findings file (JSON lines) written/read")
    parser.add_argument("-j", "--jobs", type=int, default=jobs, help="trees linted at once")
    parser.add_argument("--no-lint", action="store_true", help="only read --findings and print the table")
    parser.add_argument(items[0], nargs="*", help=items[1])
    return parser


def lint_each(jobs: int, work: dict[str, tuple], lint: Callable[..., Any],
              done: Callable[[str, Any], None] = lambda _name, _result: None) -> dict[str, Any]:
    """{name: ``lint(*work[name])``}, each in a process of its own (``max_tasks_per_child=1``: a fresh
    astroid cache and sys.path: trees share module names such as ``model`` or ``utils``); ``done`` is
    told each result as it comes."""
    results: dict[str, Any] = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, max_tasks_per_child=1) as pool:
        futures = {pool.submit(lint, *arguments): name for name, arguments in work.items()}
        for future in concurrent.futures.as_completed(futures):
            name = futures[future]
            results[name] = future.result()
            done(name, results[name])
    return results


def write_records(path: Path, records: Iterable[dict]) -> None:
    """``records`` as JSON lines in ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
