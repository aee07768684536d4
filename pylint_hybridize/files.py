"""The one file walker of ``check`` and ``fix``: which files the paths given on the command line mean.

- A folder yields its ``.py`` files, sorted, subfolders without ``__init__.py`` (namespace folders)
  included; never inside VCS, virtualenv, build, cache or other dot folders (``SKIP_DIRECTORIES``),
  nor what the caller's ``ignored`` rejects (pylint's ``ignore``, ``ignore-patterns``,
  ``ignore-paths``), nor, inside a git work tree, what git ignores (``.gitignore``, as ruff's
  ``respect-gitignore`` does for the files it finds in folders).
- A file named on the command line is taken as it is (git's ignores do not apply to it, as in ruff).
- Only regular files are read: a FIFO, socket or device named ``*.py`` would block a reader
  forever. It, a file that cannot be read, a binary file and a path that does not exist are
  ``problems``: one line each for the report, and never a reason to stop the other files.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Where a project's root is (the first folder up holding one), for the model (project.files names its
# subsets) and the import-light result cache (cache).
# marker file or folder -> what its presence says about the folder holding it
PROJECT_ROOT_MARKERS: dict[str, frozenset[str]] = {
    "pyproject.toml": frozenset({"packaging", "tests"}),
    "setup.cfg": frozenset({"packaging", "tests"}),
    "setup.py": frozenset({"packaging", "tests"}),
    ".git": frozenset({"packaging", "tests"}),
    "PKG-INFO": frozenset({"packaging"}),  # an unpacked sdist
    "tox.ini": frozenset({"tests"}),
    "pytest.ini": frozenset({"tests"}),
}

SKIP_DIRECTORIES = frozenset(
    {".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "__pycache__", "build", "dist", "node_modules"}
)


@dataclass
class Walk:
    files: list[str] = field(default_factory=list)
    """Regular, readable, non-binary files, in the order found (each real file once)."""
    problems: list[str] = field(default_factory=list)
    """``<path>: <why it cannot be checked>``."""
    empty: list[str] = field(default_factory=list)
    """Folders given that hold no Python file (a warning, as in ruff: not an error)."""


def python_files(paths: Sequence[str], ignored: Callable[[str], bool] = lambda _path: False,
                 gitignore: bool = True) -> Walk:
    """The files ``check`` and ``fix`` read for ``paths`` (see the module docstring)."""
    walk = Walk()
    seen: set[str] = set()

    def take(path: str) -> None:
        real = os.path.realpath(path)
        if real in seen:
            return  # a link and its target, or a file named twice: checked once
        seen.add(real)
        problem = unreadable(path)
        if problem:
            walk.problems.append(f"{path}: {problem}")
        else:
            walk.files.append(path)

    for path in paths:
        try:
            info = os.stat(path)
        except OSError as error:
            walk.problems.append(f"{path}: {_reason(error)}")
            continue
        if stat.S_ISDIR(info.st_mode):
            found = [f for f in _walk_folder(path, ignored) if not ignored(f)]
            if gitignore:
                found = _not_git_ignored(path, found)
            if not found:
                walk.empty.append(path)
            for candidate in found:
                take(candidate)
        elif not ignored(path):
            take(path)
    return walk


def _walk_folder(path: str, ignored: Callable[[str], bool]) -> list[str]:
    found = []
    for directory, subdirectories, files in os.walk(path):
        subdirectories[:] = sorted(
            d for d in subdirectories
            if d not in SKIP_DIRECTORIES and not d.startswith(".") and not ignored(os.path.join(directory, d))
        )
        found.extend(os.path.join(directory, f) for f in sorted(files) if f.endswith(".py"))
    return found


def unreadable(path: str) -> str | None:
    """Why ``path`` cannot be checked (not a regular file, not readable, binary), or None.

    The file is opened only once it is known to be a regular file: opening a FIFO blocks."""
    try:
        info = os.stat(path)
    except OSError as error:
        return _reason(error)
    if stat.S_ISDIR(info.st_mode):
        return "is a directory"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, socket or device)"
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return _reason(error)
    if b"\0" in data:
        return "binary file"
    return None


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    return f"not readable ({error.strerror or error})"


def _not_git_ignored(folder: str, candidates: list[str]) -> list[str]:
    """``candidates`` minus what git ignores there (none when ``folder`` is not in a git work tree or
    git is not installed)."""
    if not candidates:
        return candidates
    try:
        result = subprocess.run(
            ["git", "-C", folder, "check-ignore", "--no-index", "--stdin", "-z"],
            input="\0".join(os.path.abspath(c) for c in candidates) + "\0",
            capture_output=True, text=True, check=False, timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return candidates
    if result.returncode not in (0, 1):  # 128: not a git work tree
        return candidates
    ignored = {path for path in result.stdout.split("\0") if path}
    return [c for c in candidates if os.path.abspath(c) not in ignored]


def ignored_by(config: object) -> Callable[[str], bool]:
    """What pylint's ``ignore`` (base names), ``ignore-patterns`` (base names) and ``ignore-paths``
    (paths) leave out, for a pylint configuration object."""
    names = set(getattr(config, "ignore", ()) or ())
    patterns = list(getattr(config, "ignore_patterns", ()) or ())
    paths = list(getattr(config, "ignore_paths", ()) or ())

    def ignored(path: str) -> bool:
        base = os.path.basename(path)
        return (
            base in names
            or any(p.match(base) for p in patterns)
            or any(p.match(path) or p.match(path.replace(os.sep, "/")) for p in paths)
        )

    return ignored
