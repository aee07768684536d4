"""`fix` writes only over what it read (issue 28, defect 1).

An edit saved while `fix` runs (an editor's save, a second `fix` with other options) used to be
overwritten by the fixed text computed from the older contents, with exit 0. These tests save an
edit in the middle of the run, after the fix was computed and before it is written, and assert
that the user's edit survives and the file is reported.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from pylint_hybridize import apply, cli

SOURCE = textwrap.dedent(
    """\
    import tensorflow as tf


    @tf.function
    def f(x):
        print(x)
        return x * 2
    """
)
USER_EDIT = SOURCE + "\n\n# saved by the user's editor while fix was running\n"


def _edit_while_fixing(monkeypatch, target: Path, text: str = USER_EDIT) -> None:
    """Make the user's edit land between fix's analysis and its write."""
    compute = apply.fix_source

    def compute_then_user_saves(*args, **kwargs):
        result = compute(*args, **kwargs)
        target.write_text(text, encoding="utf-8")
        return result

    monkeypatch.setattr(apply, "fix_source", compute_then_user_saves)


@pytest.mark.parametrize("hard_link", [False, True], ids=["replaced-atomically", "hard-link-in-place"])
def test_edit_saved_while_fix_runs_survives(tmp_path: Path, monkeypatch, capsys, hard_link: bool):
    target = tmp_path / "m.py"
    target.write_text(SOURCE, encoding="utf-8")
    if hard_link:
        os.link(target, tmp_path / "other_name.py")
    _edit_while_fixing(monkeypatch, target)

    status = cli.main(["fix", str(target)])

    assert target.read_text(encoding="utf-8") == USER_EDIT
    err = capsys.readouterr().err
    assert "changed while fix ran, left untouched" in err
    assert "fixed 0 of 1 finding in 0 files (1 left)" in err
    assert status == 1  # the file still has its finding, and was not fixed
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".hybridize-")]


def test_the_other_files_are_still_fixed(tmp_path: Path, monkeypatch, capsys):
    edited, untouched = tmp_path / "a.py", tmp_path / "b.py"
    edited.write_text(SOURCE, encoding="utf-8")
    untouched.write_text(SOURCE, encoding="utf-8")
    compute = apply.fix_source

    def user_saves_a_only(source, path, *args, **kwargs):
        result = compute(source, path, *args, **kwargs)
        if Path(path) == edited:
            edited.write_text(USER_EDIT, encoding="utf-8")
        return result

    monkeypatch.setattr(apply, "fix_source", user_saves_a_only)
    cli.main(["fix", str(tmp_path)])

    assert edited.read_text(encoding="utf-8") == USER_EDIT
    assert "tf.print(x" in untouched.read_text(encoding="utf-8")
    assert "a.py: changed while fix ran" in capsys.readouterr().err


def test_unchanged_file_is_written(tmp_path: Path):
    """The guard itself does not stop a normal fix (the digest is of the bytes read, any encoding)."""
    target = tmp_path / "m.py"
    target.write_bytes(("# -*- coding: latin-1 -*-\n# caf\xe9\n" + SOURCE).encode("latin-1"))
    assert cli.main(["fix", str(target)]) == 0
    assert "tf.print(x" in target.read_text(encoding="latin-1")


def test_write_file_refuses_other_bytes_than_read(tmp_path: Path):
    target = tmp_path / "m.py"
    target.write_text("x = 1\n", encoding="utf-8")
    read = apply.digest(b"x = 0\n")
    with pytest.raises(apply.ChangedWhileFixing):
        apply.write_file(str(target), "x = 2\n", read_digest=read)
    assert target.read_text(encoding="utf-8") == "x = 1\n"
    apply.write_file(str(target), "x = 2\n", read_digest=apply.digest(b"x = 1\n"))
    assert target.read_text(encoding="utf-8") == "x = 2\n"


def test_two_fix_runs_at_once_keep_each_others_edits(tmp_path: Path):
    """Real processes, real timing: two `fix` runs with different options over the same 24 files.

    Whatever the interleaving, a run either wrote a file over exactly the bytes it read or said it
    left it untouched: so every fix a run claims for a file is in the file at the end (before the
    guard, 7 of 24 files lost the other run's rewrite).
    """
    import subprocess
    import sys

    body = textwrap.dedent(
        """\
        import tensorflow as tf


        @tf.function(experimental_relax_shapes=True)
        def f{n}(x):
            print(x)
            return x * 2
        """
    )
    for n in range(24):
        (tmp_path / f"m{n}.py").write_text(body.format(n=n), encoding="utf-8")

    def start(*options: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "pylint_hybridize.cli", "fix", *options, str(tmp_path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    prints = start("--select", "print-at-trace-time")
    renames = start("--select", "deprecated-tf-function-argument")
    outputs = {"print": prints.communicate(timeout=600)[1], "rename": renames.communicate(timeout=600)[1]}
    for n in range(24):
        name = f"m{n}.py"
        text = (tmp_path / name).read_text(encoding="utf-8")
        compile(text, name, "exec")
        for run, fixed in (("print", "tf.print(x"), ("rename", "reduce_retracing=True")):
            refused = f"{name}: changed while fix ran" in outputs[run]
            assert refused or fixed in text, (name, run, outputs[run])
