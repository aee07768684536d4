"""`fix` on odd files (issue 16): offsets, encodings, links, permissions, imports, config, diffs.

Each test is a reproducer of a corruption or a wrong "safe" fix seen on real files: it fails
on the splicer that counted only ``\\n`` as a line end, regenerated expressions with
``as_string()`` and replaced links with regular files.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pylint_hybridize.apply import Policy, fix_files, fix_source
from pylint_hybridize.engine import Engine

HEAD = "import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n"


def _fix(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "pylint_hybridize.cli", "fix", *args],
        capture_output=True, text=True, cwd=cwd, check=False, env=env,
    )


def _fixed(source: str, unsafe: bool = False, path: str = "m.py") -> str:
    result = fix_source(source, path, Engine(), policy=Policy(unsafe=unsafe))
    compile(result.fixed, path, "exec")
    return result.fixed


# -- item 2: offsets ---------------------------------------------------------------------------------
def test_lone_cr_inside_brackets_does_not_shift_the_edit():
    source = HEAD + "    y = (1,\r 2)\n    print(x)\n    return x * 2\n"
    fixed = _fixed(source)
    assert "    tf.print(x, output_stream=sys.stdout)\n    return x * 2\n" in fixed
    assert "y = (1,\r 2)\n" in fixed


def test_lone_cr_inside_a_docstring_does_not_shift_the_edit():
    source = HEAD + "    '''Doc\rstring.'''\n    print(x)\n    return x * 2\n"
    fixed = _fixed(source)
    assert "'''Doc\rstring.'''\n    tf.print(x, output_stream=sys.stdout)\n    return x * 2\n" in fixed


def test_cr_only_file_is_fixed_with_cr_line_ends():
    source = (HEAD + "    print(x)\n    return x\n").replace("\n", "\r")
    fixed = _fixed(source)
    assert fixed == source.replace("print(x)", "tf.print(x, output_stream=sys.stdout)").replace(
        "import tensorflow as tf\r", "import sys\r\rimport tensorflow as tf\r"
    )
    assert "\n" not in fixed


def test_crlf_file_keeps_crlf():
    source = (HEAD + "    print(x)\n    return x\n").replace("\n", "\r\n")
    fixed = _fixed(source)
    assert fixed.count("\r\n") == fixed.count("\n") and "tf.print(x, output_stream=sys.stdout)\r\n" in fixed


def test_form_feed_does_not_shift_the_noqa_lookup():
    # str.splitlines() breaks at \x0c, the tokenizer does not: the noqa'd print must stay
    source = HEAD + "    y = 1\n\x0c\n    print(x)  # noqa: HYB101\n    print(y)\n    return x\n"
    fixed = _fixed(source)
    assert "    print(x)  # noqa: HYB101\n" in fixed
    assert "    tf.print(y, output_stream=sys.stdout)\n" in fixed


def test_one_broken_file_does_not_stop_the_others(tmp_path: Path):
    (tmp_path / "a_cr.py").write_bytes((HEAD + "    print(x)\n    return x\n").replace("\n", "\r").encode())
    (tmp_path / "b_bad.py").write_text("def f(:\n", encoding="utf-8")
    (tmp_path / "c_ok.py").write_text(HEAD + "    print(x)\n    return x\n", encoding="utf-8")
    result = _fix(".", cwd=tmp_path)
    assert result.returncode == 1 and "b_bad.py: cannot parse" in result.stderr
    assert "Traceback" not in result.stderr
    assert b"tf.print(x" in (tmp_path / "a_cr.py").read_bytes()
    assert "tf.print(x" in (tmp_path / "c_ok.py").read_text()


# -- item 3: edits touch only their span -------------------------------------------------------------
def test_tf_constant_wraps_the_original_text_and_keeps_its_comment():
    source = textwrap.dedent(
        """\
        import tensorflow as tf


        @tf.function
        def step(x, i):
            return x * 2


        for i in range(10):
            step(1.0, i  # the step
                 + 1)
        """
    )
    fixed = _fixed(source, unsafe=True)
    assert "step(1.0, tf.constant(i  # the step\n         + 1))" in fixed


def test_numpy_removal_keeps_parentheses_and_comments():
    source = HEAD + "    y = (x +  # why\n         1).numpy() * 2\n    return y\n"
    fixed = _fixed(source, unsafe=True)
    assert "    y = (x +  # why\n         1) * 2\n" in fixed


def test_assert_rewrite_keeps_comments_inside_operands():
    source = HEAD + "    assert tf.reduce_sum(x,  # over all\n                         axis=0) > 0\n    return x\n"
    fixed = _fixed(source, unsafe=True)
    assert "tf.debugging.assert_positive(tf.reduce_sum(x,  # over all\n                         axis=0))" in fixed


REDUNDANT_ON = Engine(enabled=("redundant-tf-function",))  # an opt-in rule (issue 26), turned on


@pytest.mark.parametrize("decorator", ["@ tf.function", "@(tf.function)", "@( tf.function )", "@tf.function"])
def test_decorator_removal_whatever_its_spelling(decorator: str):
    source = textwrap.dedent(
        f"""\
        import tensorflow as tf


        {decorator}
        def _inner(x):
            return x * 2


        @tf.function
        def outer(x):
            return _inner(x)
        """
    )
    fixed = fix_source(source, "m.py", REDUNDANT_ON, policy=Policy(unsafe=True)).fixed
    assert "\n\n\ndef _inner(x):" in fixed and decorator not in fixed.split("def _inner")[0]
    assert "@def" not in fixed and "@tf.function\ndef outer" in fixed


def test_a_decorator_under_a_device_scope_is_not_removed():
    """A def made under ``with tf.device(...)`` (or a strategy's scope): the placement may be the
    point of the decorator; the removal is described, never applied (issue 26)."""
    source = (
        "import tensorflow as tf\n\n\n@tf.function\ndef outer(x):\n"
        "    with tf.device('/CPU:0'):\n        @tf.function\n        def inner(y):\n            return y\n\n"
        "    return inner(x)\n"
    )
    fixed = fix_source(source, "m.py", REDUNDANT_ON, policy=Policy(unsafe=True)).fixed
    assert "        @tf.function\n        def inner(y):" in fixed


def test_a_commented_decorator_is_not_removed():
    """A comment on or above the decorator may explain it (issue 26: seed_rl's "it is crucial to wrap
    this call in a tf.function"): the removal is described, never applied."""
    for commented in ("@tf.function  # compiled\n", "# keep: one call op on the TPU\n@tf.function\n"):
        source = HEAD.replace("@tf.function\ndef f(x):\n", commented + "def _inner(x):\n    return x\n\n\n"
                              "@tf.function\ndef f(x):\n") + "    return _inner(x)\n"
        result = fix_source(source, "m.py", REDUNDANT_ON, policy=Policy(unsafe=True))
        assert commented + "def _inner(x):" in result.fixed
    plain = HEAD.replace("@tf.function\ndef f(x):\n", "@tf.function\ndef _inner(x):\n    return x\n\n\n"
                         "@tf.function\ndef f(x):\n") + "    return _inner(x)\n"
    fixed = fix_source(plain, "m.py", REDUNDANT_ON, policy=Policy(unsafe=True)).fixed
    assert "\ndef _inner(x):" in fixed and "@tf.function\ndef _inner" not in fixed


def test_an_edit_that_would_delete_a_comment_is_not_applied():
    source = HEAD + "    assert (tf.reduce_sum(x)  # the input\n            > 0)\n    return x\n"
    result = fix_source(source, "m.py", Engine(), policy=Policy(unsafe=True))
    assert result.fixed == source
    assert any("would delete a comment" in note for note in result.notes)


# -- item 4: the inserted import ---------------------------------------------------------------------
def test_import_goes_after_shebang_encoding_docstring_and_future():
    source = (
        "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\n"
        "import os\n\nimport numpy as np\nfrom tensorflow import function\n\nimport mine\n\n\n"
        "@function\ndef f(x):\n    print(x)\n    return x\n"
    )
    fixed = _fixed(source)
    assert fixed.startswith("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\n"
                            "import os\nimport sys\n\nimport numpy as np\nimport tensorflow as tf\nfrom tensorflow import function\n")


def test_import_without_docstring_goes_after_the_shebang():
    source = "#!/usr/bin/env python\nfrom tensorflow import function\n\n\n@function\ndef f(x):\n    print(x)\n    return x\n"
    fixed = _fixed(source)
    assert fixed.startswith("#!/usr/bin/env python\nimport sys\n\nimport tensorflow as tf\nfrom tensorflow import function\n")


def test_tf_shadowed_uses_no_wrong_tf():
    # 'tf' is a parameter here: an inserted 'import tensorflow as tf' would not be what 'tf' means
    source = "from tensorflow import function\n\n\n@function\ndef f(x, tf):\n    print(x)\n    return x\n"
    result = fix_source(source, "m.py", Engine(), policy=Policy())
    assert result.fixed == source and any("'tf' names something else" in note for note in result.notes)


def test_tf_parameter_shadows_the_module_import():
    source = "import tensorflow as tf\n\n\n@tf.function\ndef f(x, tf=None):\n    print(x)\n    return x\n"
    result = fix_source(source, "m.py", Engine(), policy=Policy())
    assert result.fixed == source and any("'tf' names something else here" in note for note in result.notes)


def test_tf_shadowed_but_tensorflow_imported_under_another_alias():
    source = "import tensorflow as tfx\nimport sys\n\ntf = None\n\n\n@tfx.function\ndef f(x):\n    print(x)\n    return x\n"
    assert "    tfx.print(x, output_stream=sys.stdout)\n" in _fixed(source)


# -- item 5: files are kept as files -----------------------------------------------------------------
def test_symlink_is_written_through(tmp_path: Path):
    target = tmp_path / "real.py"
    target.write_text(HEAD + "    print(x)\n    return x\n", encoding="utf-8")
    link = tmp_path / "link.py"
    link.symlink_to(target.name)
    result = _fix("link.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and "tf.print(x" in target.read_text()


def test_hard_link_stays_shared(tmp_path: Path):
    first = tmp_path / "a.py"
    first.write_text(HEAD + "    print(x)\n    return x\n", encoding="utf-8")
    second = tmp_path / "b.py"
    os.link(first, second)
    assert _fix("a.py", cwd=tmp_path).returncode == 0
    assert os.stat(first).st_ino == os.stat(second).st_ino and "tf.print(x" in second.read_text()


def test_read_only_file_is_reported_and_left_alone(tmp_path: Path):
    # decided: a file without write permission is not rewritten (root could: the mode is checked)
    path = tmp_path / "ro.py"
    path.write_text(HEAD + "    print(x)\n    return x\n", encoding="utf-8")
    other = tmp_path / "rw.py"
    other.write_text(HEAD + "    print(x)\n    return x\n", encoding="utf-8")
    path.chmod(0o444)
    result = _fix("ro.py", "rw.py", cwd=tmp_path)
    assert result.returncode == 1 and "ro.py: read-only, left untouched" in result.stderr
    assert "print(x)" in path.read_text() and "tf.print" not in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert "tf.print(x" in other.read_text()


def test_mode_is_kept(tmp_path: Path):
    path = tmp_path / "run.py"
    path.write_text("#!/usr/bin/env python\n" + HEAD + "    print(x)\n    return x\n", encoding="utf-8")
    path.chmod(0o751)
    _fix("run.py", cwd=tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o751 and "tf.print(x" in path.read_text()


def test_utf8_bom_is_kept_and_fixed(tmp_path: Path):
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + "    print('\xc3\xa9', x)\n    return x\n").encode("latin-1"))
    result = _fix("bom.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfimport sys") and b"tf.print('\xc3\xa9', x, output_stream=sys.stdout)" in data


def test_latin1_with_cookie_is_kept_and_fixed(tmp_path: Path):
    path = tmp_path / "latin.py"
    source = "# -*- coding: latin-1 -*-\n" + HEAD + "    print('\xe9', x)\n    return x\n"
    path.write_bytes(source.encode("latin-1"))
    result = _fix("latin.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes().decode("latin-1") == source.replace(
        "print('\xe9', x)", "tf.print('\xe9', x, output_stream=sys.stdout)"
    ).replace("-*-\nimport tensorflow", "-*-\nimport sys\n\nimport tensorflow")


def test_tabs_are_kept():
    source = "import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n\tprint(x)\n\treturn x\n"
    assert "\n\ttf.print(x, output_stream=sys.stdout)\n\treturn x\n" in _fixed(source)


# -- item 6: a fixed point in one run ----------------------------------------------------------------
def test_cascading_fixes_reach_a_fixed_point_in_one_run(tmp_path: Path):
    path = tmp_path / "m.py"
    path.write_text(
        "import numpy as np\nimport tensorflow as tf\n\n\n@tf.function\ndef f(x, w):\n"
        "    y = np.matmul(tf.matmul(x, w).numpy(), w)\n    return y\n",
        encoding="utf-8",
    )
    assert _fix("--unsafe-fixes", "m.py", cwd=tmp_path).returncode == 0
    once = path.read_text()
    assert ".numpy()" not in once and "tf.linalg.matmul(tf.matmul(x, w), w)" in once
    _fix("--unsafe-fixes", "m.py", cwd=tmp_path)
    assert path.read_text() == once


# -- item 7: fix obeys what check obeys --------------------------------------------------------------
def test_project_configuration_disable_is_obeyed(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.pylint."messages control"]\ndisable = ["print-at-trace-time"]\n')
    path = tmp_path / "m.py"
    path.write_text(HEAD + "    print(x)\n    return x\n", encoding="utf-8")
    _fix("m.py", cwd=tmp_path)
    assert "tf.print" not in path.read_text()
    _fix("--no-config", "m.py", cwd=tmp_path)
    assert "tf.print" in path.read_text()


def test_module_level_pylint_disable_is_obeyed():
    source = "# pylint: disable=print-at-trace-time\n" + HEAD + "    print(x)\n    return x\n"
    assert _fixed(source) == source
    block = HEAD + "    # pylint: disable=print-at-trace-time\n    print(x)\n    return x\n\n\n@tf.function\ndef g(x):\n    print(x)\n    return x\n"
    fixed = _fixed(block)
    assert "    print(x)\n    return x\n\n\n@tf.function\ndef g(x):\n    tf.print(x" in fixed


def test_disable_on_a_def_line_means_what_pylint_makes_of_it(tmp_path: Path):
    """`fix` reads `# pylint:` comments with pylint's own code, so it fixes what pylint reports: a
    disable at the end of a def line covers that line only (the old emulation took the whole body,
    and left line 6 alone while `check` reported it)."""
    source = HEAD.replace("def f(x):", "def f(x):  # pylint: disable=print-at-trace-time") + "    print(x)\n    return x\n"
    source += "\n\n@tf.function\ndef g(x):\n    print(x)\n    return x\n"
    (tmp_path / "m.py").write_text(source, encoding="utf-8")
    from tests.lint import pylint_hits

    assert sorted(hit.line for hit in pylint_hits([tmp_path / "m.py"])) == [6, 12]
    fixed = _fixed(source)
    assert "disable=print-at-trace-time\n    tf.print(x" in fixed and "def g(x):\n    tf.print(x" in fixed


def test_extra_decorators_from_configuration(tmp_path: Path):
    (tmp_path / "setup.cfg").write_text("[pylint.hybridize]\nhybridize-extra-decorators = mylib.graph\n")
    path = tmp_path / "m.py"
    path.write_text("import tensorflow as tf\nfrom mylib import graph\n\n\n@graph\ndef f(x):\n    print(x)\n    return x\n",
                    encoding="utf-8")
    result = _fix("m.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "tf.print(x" in path.read_text()


def test_select_and_ignore(tmp_path: Path):
    path = tmp_path / "m.py"
    source = "import tensorflow as tf\n\n\n@tf.function(experimental_relax_shapes=True)\ndef f(x):\n    print(x)\n    return x\n"
    path.write_text(source, encoding="utf-8")
    _fix("--select=HYB501", "m.py", cwd=tmp_path)
    assert "reduce_retracing=True" in path.read_text() and "tf.print" not in path.read_text()
    path.write_text(source, encoding="utf-8")
    _fix("--ignore=deprecated-tf-function-argument", "m.py", cwd=tmp_path)
    assert "reduce_retracing=True" not in path.read_text() and "tf.print" in path.read_text()
    result = _fix("--select=no-such-rule", "m.py", cwd=tmp_path)
    assert result.returncode == 2 and "'no-such-rule' is not a message of this plugin" in result.stderr


# -- item 8: diffs and leftovers ---------------------------------------------------------------------
def test_diff_is_accepted_by_git_apply_and_exits_1(tmp_path: Path):
    sub = tmp_path / "pkg"
    sub.mkdir()
    path = sub / "m.py"
    path.write_text(HEAD + "    print(x)\n    return x", encoding="utf-8")  # no newline at the end
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = _fix("--diff", "./pkg/m.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/pkg/m.py\n+++ b/pkg/m.py\n")
    (tmp_path / "patch.diff").write_text(result.stdout)
    applied = subprocess.run(["git", "apply", "patch.diff"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert applied.returncode == 0, applied.stderr
    assert "tf.print(x" in path.read_text()
    assert _fix("--diff", "pkg/m.py", cwd=tmp_path).returncode == 0  # nothing left to change


def test_import_left_unused_is_removed():
    source = "import random\n\nimport tensorflow as tf\n\n\n@tf.function\ndef f(x):\n    return x * random.random()\n"
    fixed = _fixed(source, unsafe=True)
    assert fixed == "import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n    return x * tf.random.uniform([])\n"
    still_used = source + "\n\nSEED = random.random()\n"
    assert "import random\n" in _fixed(still_used, unsafe=True)


def test_fix_files_reports_internal_errors_per_file(tmp_path: Path, monkeypatch):
    good = tmp_path / "good.py"
    good.write_text(HEAD + "    print(x)\n    return x\n", encoding="utf-8")
    bad = tmp_path / "boom.py"
    bad.write_text("x = 1\n", encoding="utf-8")
    engine = Engine()
    original = engine.check_module

    def check_module(module, *args):
        if module.file and module.file.endswith("boom.py"):
            raise IndexError("boom")
        return original(module, *args)

    monkeypatch.setattr(engine, "check_module", check_module)
    results, errors = fix_files([str(bad), str(good)], engine=engine)
    assert errors == [f"{bad}: internal error, left untouched (IndexError: boom)"]
    assert [r.path for r in results if r.changed] == [str(good)]
