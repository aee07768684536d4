"""The persistent result cache (issue 29, step 5): a warm run of ``check``, flake8 and ``fix`` on an
unchanged project is served from ``.pylint_hybridize_cache/`` with the output of a cold run, byte for
byte; an edit re-lints that module and the modules whose findings depend on it (a *sibling* whose
hybrid calls it, too) and nothing else; a corrupt cache, ``--no-cache`` and an option change behave.

Every run is a subprocess (the front-ends as users run them); ``PYLINT_HYBRIDIZE_CACHE_LOG`` makes
each run write one ``hit``/``miss`` line per file it looked up, which is how the tests count what was
analysed again (a hit never reaches the model: ``check`` does not hand the file to pylint, flake8
does not build the engine's astroid tree, pylint walks the module with our checkers silent, ``fix``
leaves the file untouched)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pylint_hybridize import cache

# A package of five modules:
#   a: a helper with print(), traced only because b's hybrid calls it (the finding is in a, because of b)
#   b: imports a; its hybrid calls a.helper; a Python loop calls a's hybrid with a changing scalar
#   c: imports b (a driver), d: on its own with a finding, e: no TensorFlow at all
MODULES = {
    "__init__.py": "",
    "a.py": """
        import tensorflow as tf


        def helper(x):
            print(x)
            return x * 2


        @tf.function
        def scale(x, k):
            return x * k
        """,
    "b.py": """
        import tensorflow as tf

        from pkg.a import helper, scale


        @tf.function
        def step(x):
            return helper(x)


        def train(x):
            for k in range(10):
                x = scale(x, k)
            return x
        """,
    "c.py": """
        from pkg.b import train


        def main():
            return train(1.0)
        """,
    "d.py": """
        import tensorflow as tf


        @tf.function
        def lonely(x):
            print("tracing", x)
            return x
        """,
    "e.py": """
        def plain():
            return 1
        """,
}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "pkg").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'proj'\n")
    for name, text in MODULES.items():
        (root / "pkg" / name).write_text(textwrap.dedent(text).lstrip())
    return root


def _env(log: Path | None, cached: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env.pop(cache.NO_CACHE_ENV, None)  # tests/conftest.py turns it off for every other test
    if not cached:
        env[cache.NO_CACHE_ENV] = "1"
    if log is not None:
        env[cache.LOG_ENV] = str(log)
    return env


def _run(project: Path, *command: str, cached: bool = True) -> tuple[str, str, dict[str, set[str]]]:
    """(stdout, stderr, {"hit": files, "miss": files}) of one run in ``project``."""
    log = project.parent / "cache.log"
    log.write_text("")
    result = subprocess.run([sys.executable, "-m", *command], cwd=project, capture_output=True, text=True,
                            env=_env(log, cached), check=False)
    assert "Traceback" not in result.stderr, result.stderr
    counted: dict[str, set[str]] = {"hit": set(), "miss": set()}
    for line in log.read_text().splitlines():
        outcome, _front_end, path = line.split(" ", 2)
        counted[outcome].add(Path(path).name)
    return result.stdout, result.stderr, counted


CHECK = ("pylint_hybridize.cli", "check", "pkg")
FLAKE8 = ("flake8", "--select=HYB", "-j", "1", "pkg")
# pylint with its own checks too: our messages, served, must come out between pylint's where they did
PYLINT = ("pylint", "--load-plugins=pylint_hybridize", "--score=n", "--persistent=n", "pkg")
FRONT_ENDS = {"check": CHECK, "flake8": FLAKE8, "pylint": PYLINT}
ALL = {"__init__.py", "a.py", "b.py", "c.py", "d.py", "e.py"}


def _cold(project: Path, command: tuple[str, ...]) -> str:
    return _run(project, *command, cached=False)[0]


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_warm_run_is_served_from_the_cache_with_the_cold_output(project: Path, front_end: str):
    command = FRONT_ENDS[front_end]
    cold = _cold(project, command)
    assert "print-at-trace-time" in cold and "python-scalar-retracing" in cold  # the package has findings
    assert not (project / cache.CACHE_DIR).exists()  # the cold run wrote nothing
    first, _err, counted = _run(project, *command)
    assert first == cold
    assert counted == {"hit": set(), "miss": ALL}
    second, _err, counted = _run(project, *command)
    assert second == cold  # byte for byte
    assert counted == {"hit": ALL, "miss": set()}  # no file analysed again: no model built
    assert (project / cache.CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"


def test_check_summary_line_is_the_same_from_the_cache(project: Path):
    _out, cold, _counted = _run(project, *CHECK, cached=False)
    _run(project, *CHECK)
    _out, warm, counted = _run(project, *CHECK)
    assert counted["miss"] == set()
    assert warm == cold and "would fix" in warm


def _edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "pkg" / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_an_edit_relints_the_module_and_its_dependents_only(project: Path, front_end: str):
    command = FRONT_ENDS[front_end]
    _run(project, *command)
    # d stands alone: only d is linted again
    _edit(project, "d.py", 'print("tracing", x)', 'print("traced", x)')
    out, _err, counted = _run(project, *command)
    assert counted == {"hit": ALL - {"d.py"}, "miss": {"d.py"}}
    assert out == _cold(project, command)
    # a: b imports it, c imports b (its calls may reach a), __init__ is imported by b and c (the
    # index's rule: an import line naming the package); not d or e
    _edit(project, "a.py", "return x * 2", "return x * 3")
    out, _err, counted = _run(project, *command)
    assert counted["miss"] == {"a.py", "b.py", "c.py", "__init__.py"}
    assert out == _cold(project, command)


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_sibling_change_updates_the_findings_of_the_module_it_calls(project: Path, front_end: str):
    """a's print-at-trace-time exists only while b's hybrid calls a.helper: editing b alone must make
    a's finding disappear, and come back, exactly as in a cold run."""
    command = FRONT_ENDS[front_end]
    _run(project, *command)
    _edit(project, "b.py", "return helper(x)", "return x")
    out, _err, counted = _run(project, *command)
    assert "a.py" in counted["miss"] and "d.py" in counted["hit"]
    assert not _print_in_a(out)
    assert out == _cold(project, command)
    _edit(project, "b.py", "return x\n", "return helper(x)\n")
    out, _err, counted = _run(project, *command)
    assert "a.py" in counted["miss"]
    assert _print_in_a(out)
    assert out == _cold(project, command)


def _print_in_a(out: str) -> bool:
    return any(line.startswith("pkg/a.py:5:") and "print-at-trace-time" in line for line in out.splitlines())


def test_a_new_module_that_imports_a_module_invalidates_it(project: Path):
    """A module added to the package that calls a's helper from a hybrid: a's finding changes
    although no file a depended on changed."""
    _edit(project, "b.py", "return helper(x)", "return x")
    _run(project, *CHECK)
    (project / "pkg" / "f.py").write_text(
        "import tensorflow as tf\nfrom pkg.a import helper\n\n\n@tf.function\ndef g(x):\n    return helper(x)\n"
    )
    out, _err, counted = _run(project, *CHECK)
    assert {"a.py", "f.py"} <= counted["miss"]
    assert "pkg/a.py" in out
    assert out == _cold(project, CHECK)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-key", "empty"])
def test_a_corrupt_cache_is_recomputed_silently(project: Path, damage: str):
    cold = _cold(project, CHECK)
    _run(project, *CHECK)
    entries = sorted((project / cache.CACHE_DIR).rglob("*.json"))
    assert len(entries) == len(ALL) + 1  # one per file, and the run's record (check's whole output)
    for entry in entries:
        text = entry.read_text()
        entry.write_text({"garbage": "\x00not json{", "truncated": text[: len(text) // 2],
                          "other-key": text.replace('"key": "', '"key": "0'), "empty": ""}[damage])
    out, err, counted = _run(project, *CHECK)
    assert out == cold
    assert counted["hit"] == set()
    assert "Traceback" not in err
    out, _err, counted = _run(project, *CHECK)  # rewritten: served again
    assert out == cold and counted["miss"] == set()


def test_an_unusable_cache_folder_is_ignored(project: Path):
    (project / cache.CACHE_DIR).write_text("a file where the folder would be")
    cold = _cold(project, CHECK)
    out, err, _counted = _run(project, *CHECK)
    assert out == cold and "Traceback" not in err
    out, _err, _counted = _run(project, *FLAKE8)
    assert out == _cold(project, FLAKE8)


@pytest.mark.parametrize(
    "command",
    [
        ("pylint_hybridize.cli", "check", "--no-cache", "pkg"),
        ("pylint_hybridize.cli", "check", "--hybridize-no-cache", "pkg"),
        ("flake8", "--select=HYB", "--hybridize-no-cache", "pkg"),
        ("pylint_hybridize.cli", "fix", "--diff", "--no-cache", "pkg"),
    ],
)
def test_no_cache_writes_nothing(project: Path, command: tuple[str, ...]):
    _out, _err, counted = _run(project, *command)
    assert not (project / cache.CACHE_DIR).exists()
    assert counted == {"hit": set(), "miss": set()}


def test_the_environment_variable_turns_it_off(project: Path):
    _run(project, *CHECK, cached=False)
    _run(project, *FLAKE8, cached=False)
    assert not (project / cache.CACHE_DIR).exists()


@pytest.mark.parametrize(
    "changed",
    [
        ("pylint_hybridize.cli", "check", "--enable=all", "pkg"),
        ("pylint_hybridize.cli", "check", "--disable=print-at-trace-time", "pkg"),
        ("pylint_hybridize.cli", "check", "--hybridize-keras=2", "pkg"),
        ("pylint_hybridize.cli", "check", "--hybridize-extra-decorators=mylib.graph", "pkg"),
    ],
)
def test_an_option_change_is_a_miss(project: Path, changed: tuple[str, ...]):
    _run(project, *CHECK)
    out, _err, counted = _run(project, *changed)
    assert counted == {"hit": set(), "miss": ALL}
    assert out == _run(project, *changed, cached=False)[0]


def test_flake8_option_change_is_a_miss(project: Path):
    _run(project, *FLAKE8)
    _out, _err, counted = _run(project, *FLAKE8[:-1], "--hybridize-keras=2", "pkg")
    assert counted["hit"] == set()
    _out, _err, counted = _run(project, *FLAKE8[:-1], "--extend-select=HYB1", "pkg")
    assert counted["hit"] == set()


def test_keras_evidence_change_is_a_miss(project: Path):
    """``--hybridize-keras=auto`` reads the project's requirements: a new pin is a new answer."""
    _run(project, *CHECK)
    (project / "requirements.txt").write_text("tf-keras\n")
    _out, _err, counted = _run(project, *CHECK)
    assert counted["hit"] == set()


def test_fix_skips_files_without_findings_and_computes_the_others(project: Path):
    fix = ("pylint_hybridize.cli", "fix", "--diff", "pkg")
    cold_out, cold_err, _counted = _run(project, *fix, cached=False)
    _run(project, *fix)
    out, err, counted = _run(project, *fix)
    assert (out, err) == (cold_out, cold_err)
    assert counted["hit"] == {"__init__.py", "c.py", "e.py"}  # no finding: nothing to compute
    assert {"a.py", "b.py", "d.py"} <= counted["miss"]  # a fix is always computed from the text itself
    # the fix applied, then the file it changed is a miss (its key is its new content)
    _run(project, "pylint_hybridize.cli", "fix", "pkg/d.py")
    assert "tf.print" in (project / "pkg" / "d.py").read_text()
    _out, _err, counted = _run(project, *fix)
    assert "d.py" in counted["miss"]


def test_the_cache_lives_at_the_project_root(project: Path):
    _run(project, "pylint_hybridize.cli", "check", "pkg/d.py")
    assert (project / cache.CACHE_DIR).is_dir()
    assert not (project / "pkg" / cache.CACHE_DIR).exists()
    assert cache.project_root(str(project / "pkg" / "a.py")) == project


def test_the_cache_reads_imports_as_the_project_index_does():
    """The cache finds dependencies without the model (so a warm flake8 run never imports it): its
    import-line pattern and its project markers must be the model's."""
    from pylint_hybridize.model.project import files, keras, texts  # pylint: disable=import-outside-toplevel

    assert cache.read_import_lines is texts.read_import_lines  # one reader of import lines (import_lines)
    assert set(cache.ROOT_MARKERS) == set(files.PROJECT_ROOT_MARKERS)
    for name in keras._EVIDENCE_FILES:  # pylint: disable=protected-access
        assert cache._EVIDENCE.match(name), name  # pylint: disable=protected-access
    assert cache._EVIDENCE.match("requirements-dev.txt")  # pylint: disable=protected-access


def test_dependencies_cover_imports_importers_and_what_importers_import(project: Path):
    cache.forget()
    package = project / "pkg"
    deps = {Path(p).name for p in cache._PROJECT.dependencies_of(os.path.realpath(package / "a.py"))}  # pylint: disable=protected-access
    assert deps == {"a.py", "b.py"}
    deps = {Path(p).name for p in cache._PROJECT.dependencies_of(os.path.realpath(package / "b.py"))}  # pylint: disable=protected-access
    assert deps == {"a.py", "b.py", "c.py"}
    deps = {Path(p).name for p in cache._PROJECT.dependencies_of(os.path.realpath(package / "__init__.py"))}  # pylint: disable=protected-access
    assert deps == {"a.py", "b.py", "c.py", "__init__.py"}
    deps = {Path(p).name for p in cache._PROJECT.dependencies_of(os.path.realpath(package / "e.py"))}  # pylint: disable=protected-access
    assert deps == {"e.py"}


def test_concurrent_writers_leave_whole_entries(project: Path):
    """Two runs at once (pre-commit and an editor) write the same entries: every entry is whole."""
    env = _env(None)
    runs = [subprocess.Popen([sys.executable, "-m", *CHECK], cwd=project, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [run.communicate()[0] for run in runs]
    assert outputs[0] == outputs[1]
    out, _err, counted = _run(project, *CHECK)
    assert counted["miss"] == set()
    assert out == outputs[0].decode()
    assert not list((project / cache.CACHE_DIR).rglob(".tmp-*"))


def test_pylint_route_with_jobs_and_json(project: Path):
    command = ("pylint", "--load-plugins=pylint_hybridize", "--score=n", "--persistent=n", "-j", "2",
               "--output-format=json", "pkg")
    cold = _cold(project, command)
    _run(project, *command)
    out, _err, counted = _run(project, *command)
    assert counted == {"hit": ALL, "miss": set()}
    # pylint -j: the modules come back in any order, cold or warm; each message is the same
    assert sorted(map(str, json.loads(out))) == sorted(map(str, json.loads(cold)))
    assert "print-at-trace-time" in out


def test_pylint_route_exit_status_is_the_cold_one(project: Path):
    command = ("pylint", "--load-plugins=pylint_hybridize", "--disable=all", "--enable=print-at-trace-time",
               "--score=n", "pkg")
    env = _env(None)
    statuses = [subprocess.run([sys.executable, "-m", *command], cwd=project, env=env, capture_output=True,
                               check=False).returncode for _ in range(2)]
    assert statuses == [4, 4]  # a warning was reported, served or not


def test_pylint_route_is_off_when_pylint_watches_pragmas(project: Path):
    command = ("pylint", "--load-plugins=pylint_hybridize", "--enable=useless-suppression", "--score=n", "pkg")
    _run(project, *command)
    _out, _err, counted = _run(project, *command)
    assert counted == {"hit": set(), "miss": set()}


def test_check_run_record_follows_the_configuration_and_the_walk(project: Path):
    """``check``'s run record (its whole output) holds only for the same configuration files and the
    same files: a pylint configuration that disables a message, or a new file, is a real run."""
    _run(project, *CHECK)
    out, _err, counted = _run(project, *CHECK)
    assert counted["miss"] == set() and "print-at-trace-time" in out
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '\n[tool.pylint."messages control"]\ndisable = ["print-at-trace-time"]\n')
    out, _err, counted = _run(project, *CHECK)
    assert "print-at-trace-time" not in out
    assert out == _cold(project, CHECK)
    (project / "pkg" / "g.py").write_text("import tensorflow as tf\n\n\n@tf.function\ndef g(x):\n    return x\n")
    out, err, counted = _run(project, *CHECK)
    assert "g.py" in counted["miss"]
    assert "of 7 files" in err


def test_a_plain_sibling_script_is_a_dependency_of_the_helper_it_calls(tmp_path: Path):
    """Scripts outside any package: the model finds a helper's traced caller in the scripts of its
    folder (``ProjectLayout.importer_folders``), so editing the caller must re-lint the helper."""
    project = tmp_path / "proj"
    project.mkdir()
    (project / "pyproject.toml").write_text("[project]\nname = 'proj'\n")
    (project / "helpers.py").write_text("def log(x):\n    print('tracing', x)\n    return x\n")
    (project / "trainer.py").write_text(
        "import tensorflow as tf\nfrom helpers import log\n\n\n@tf.function\ndef step(x):\n    return log(x)\n"
    )
    command = ("pylint_hybridize.cli", "check", "helpers.py", "trainer.py")
    out, _err, _counted = _run(project, *command)
    assert "helpers.py:2:" in out and "print-at-trace-time" in out
    (project / "trainer.py").write_text(
        "import tensorflow as tf\nfrom helpers import log\n\n\n@tf.function\ndef step(x):\n    return x\n"
    )
    out, _err, counted = _run(project, *command)
    assert "helpers.py" in counted["miss"]
    assert "helpers.py:2:" not in out
    assert out == _cold(project, command)
