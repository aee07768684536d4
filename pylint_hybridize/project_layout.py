"""Where a file sits in its project, from the file system alone (no astroid, no model): its top-level
package, the project files one of its import lines may load, and the folders where the modules that
import it are looked for.

Two askers must agree on every answer: the model (``model.project``: which modules it reads across,
whether a module is worth a model) and the result cache (``cache``: which files an entry depends on).
If the cache looked in fewer places than the model reads, an edit there would serve stale findings;
so both ask one ``ProjectLayout`` and neither writes the rule again. A foundation: the import-light
cache may ask it without loading astroid.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pylint_hybridize.import_lines import ImportSpec

MAX_PACKAGE_FILES = 5000
"""The most ``.py`` files read of one package or script folder (a vendored tree, a home folder)."""


def module_basename(path: str) -> str:
    """The name other modules import ``path`` by, as the last part of a dotted name (a package's
    ``__init__.py``: its folder's name)."""
    stem = Path(path).stem
    return Path(path).parent.name if stem == "__init__" else stem


def walk_package(root: Path, flat: bool = False) -> Iterator[tuple[str, list[str]]]:
    """(folder, its ``.py`` files) for each folder of the package at ``root``, sorted, at most
    ``MAX_PACKAGE_FILES`` files in all (``flat``: the script folder ``root`` alone: its subfolders are
    packages or other projects); never dot folders or ``__pycache__``, never a FIFO or device named
    ``*.py`` (opening it could block forever). The model's package index and the result cache read
    the same files."""
    count = 0
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [] if flat else sorted(
            d for d in subdirectories if not d.startswith(".") and d != "__pycache__"
        )
        found = []
        for filename in sorted(files):
            if not filename.endswith(".py"):
                continue
            count += 1
            if count > MAX_PACKAGE_FILES:
                break
            path = os.path.join(directory, filename)
            if os.path.isfile(path):
                found.append(path)
        yield directory, found
        if count > MAX_PACKAGE_FILES:
            return


class ProjectLayout:
    """The answers above, kept per folder and path until ``forget`` (a long-lived caller saw files
    change). ``remember_files``: also keep whether a candidate file exists (one run of the cache; the
    model's layout lives as long as an editor's process, and a file created meanwhile must be seen)."""

    def __init__(self, remember_files: bool = False) -> None:
        self._roots: dict[str, Path | None] = {}
        self._projects: dict[tuple[str, tuple[str, ...]], Path] = {}
        self._real: dict[str, str] = {}
        self._files: dict[str, str | None] | None = {} if remember_files else None

    def forget(self) -> None:
        self._roots.clear()
        self._projects.clear()
        self._real.clear()
        if self._files is not None:
            self._files.clear()

    def real_path(self, path: str) -> str:
        """``os.path.realpath(path)`` (asked for every call across modules)."""
        found = self._real.get(path)
        if found is None:
            found = self._real[path] = os.path.realpath(path)
        return found

    def package_root(self, path: str) -> Path | None:
        """The top-level package folder holding ``path`` (symlinks resolved), or None outside a package."""
        folder = os.path.dirname(os.path.abspath(path))
        if folder in self._roots:
            return self._roots[folder]
        directory = Path(self.real_path(path)).parent
        root = None
        if (directory / "__init__.py").is_file():
            while (directory.parent / "__init__.py").is_file() and directory.parent != directory:
                directory = directory.parent
            root = directory
        self._roots[folder] = root
        return root

    def project_root(self, path: str, markers: tuple[str, ...]) -> Path:
        """The project ``path`` belongs to (symlinks resolved): the first folder up from it holding one of
        ``markers`` (names of ``files.PROJECT_ROOT_MARKERS``); else the folder above its top-level
        package, or, outside a package, its own folder. The result cache keeps its entries there; the
        model reads the project's Keras evidence no higher."""
        key = (os.path.dirname(os.path.abspath(path)), markers)
        found = self._projects.get(key)
        if found is None:
            folder = Path(self.real_path(path)).parent
            found = next((candidate for candidate in (folder, *folder.parents)
                          if any(os.path.exists(os.path.join(candidate, marker)) for marker in markers)), None)
            if found is None:
                root = self.package_root(path)
                found = root.parent if root is not None else folder
            self._projects[key] = found
        return found

    def importer_folders(self, path: str) -> list[tuple[Path, bool]]:
        """Where the importers of the module at ``path`` are looked for, as (folder, a script folder
        read flat): its package, then the scripts beside the top-level package (``train.py`` next to
        ``utils/``); a script outside any package: the scripts of its folder (Python puts the script's
        folder first on ``sys.path``). Never a file-system root's files."""
        root = self.package_root(path)
        folders = [(root, False)] if root is not None else []
        scripts = root.parent if root is not None else Path(self.real_path(path)).parent
        if scripts != scripts.parent:
            folders.append((scripts, True))
        return folders

    def import_targets(self, path: str, spec: ImportSpec) -> list[str]:
        """The files of ``path``'s project (real paths, ``path`` itself left out) that the import
        ``spec`` of the file ``path`` may load: in its package (relative, or absolute under the
        top-level package's name), or beside a script outside any package. Empty for anything else
        (a library, the standard library)."""
        modname, level, names = spec
        own = self.real_path(path)
        own_folder = Path(own).parent
        parts = [part for part in modname.split(".") if part] if modname else []
        if level:
            base = own_folder
            for _ in range(level - 1):
                base = base.parent
        else:
            root = self.package_root(path)
            if root is not None:
                if not parts or parts[0] != root.name:
                    return []
                base = root.parent
            else:
                if not parts:
                    return []
                base = own_folder
        target = base.joinpath(*parts)
        candidates = [target.with_name(target.name + ".py")] if parts else []
        candidates.append(target / "__init__.py")
        candidates.extend(target / f"{name}.py" for name in names or ())
        found = []
        for candidate in map(str, candidates):
            real = self._existing(candidate)
            if real is not None and real != own:
                found.append(real)
        return found

    def _existing(self, candidate: str) -> str | None:
        if self._files is None:
            return self.real_path(candidate) if os.path.isfile(candidate) else None
        if candidate not in self._files:
            self._files[candidate] = os.path.realpath(candidate) if os.path.isfile(candidate) else None
        return self._files[candidate]
