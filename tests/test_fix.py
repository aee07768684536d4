"""`pylint-hybridize fix`: edits only what it claims, keeps the rest byte-identical, idempotent."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.lint import engine_hits

BAD = textwrap.dedent(
    '''\
    """Module docstring."""
    from __future__ import annotations

    import tensorflow as tfl  # an alias, and a comment to keep


    @tfl.function(experimental_relax_shapes=True)
    def step(x):
        print("x", x)  # keep this comment
        print("y")  # noqa: HYB101
        return x


    @tfl.function
    def _inner(x):
        return x


    @tfl.function
    def outer(x):
        return _inner(x)


    for i in range(3):
        step(i)   # odd   spacing stays
    '''
)


def _fix(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        # redundant-tf-function is opt-in (issue 26); BAD's _inner is its finding, turned on here
        [sys.executable, "-m", "pylint_hybridize.cli", "fix", "--enable", "redundant-tf-function", *args],
        capture_output=True, text=True, cwd=cwd, check=False,
    )


@pytest.fixture()
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "train.py"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_safe_fixes_change_only_their_spans(bad: Path):
    result = _fix(bad.name, cwd=bad.parent)
    assert result.returncode == 1, result.stderr  # findings left (the unsafe ones): ruff's 1
    assert "fixed 2 of 4 findings in 1 file (2 left)" in result.stderr
    expected = (
        BAD.replace("experimental_relax_shapes=True", "reduce_retracing=True")
        # print wrote to standard output: the safe fix keeps it there (tf.print's default is stderr)
        .replace('    print("x", x)', '    tfl.print("x", x, output_stream=sys.stdout)')
        .replace("annotations\n\n", "annotations\n\nimport sys\n\n")
    )
    assert bad.read_text(encoding="utf-8") == expected  # noqa line and unsafe fixes untouched


def test_fixed_findings_are_gone_and_second_run_changes_nothing(bad: Path):
    before = {(h.line, h.symbol) for h in engine_hits([bad])}
    assert ("print-at-trace-time", "deprecated-tf-function-argument", "python-scalar-retracing") and before
    _fix(bad.name, cwd=bad.parent)
    once = bad.read_bytes()
    after = {h.symbol for h in engine_hits([bad])}
    assert "deprecated-tf-function-argument" not in after
    # the two unsafe fixes (decorator removal, tf.constant wrapping); the noqa'd print is silenced on every path
    assert after == {"redundant-tf-function", "python-scalar-retracing"}
    _fix(bad.name, cwd=bad.parent)
    assert bad.read_bytes() == once


def test_unsafe_fixes_only_on_request(bad: Path):
    _fix(bad.name, cwd=bad.parent)
    assert "@tfl.function\ndef _inner" in bad.read_text()
    assert "step(i)   #" in bad.read_text()
    _fix("--unsafe-fixes", bad.name, cwd=bad.parent)
    text = bad.read_text()
    assert "\ndef _inner(x):" in text and "@tfl.function\ndef _inner" not in text
    assert "@tfl.function\ndef outer" in text
    assert "step(tfl.constant(i))   # odd   spacing stays" in text
    assert "python-scalar-retracing" not in {h.symbol for h in engine_hits([bad])}


def test_diff_writes_nothing(bad: Path):
    result = _fix("--diff", bad.name, cwd=bad.parent)
    assert bad.read_text(encoding="utf-8") == BAD
    assert "-@tfl.function(experimental_relax_shapes=True)" in result.stdout
    assert "+@tfl.function(reduce_retracing=True)" in result.stdout


def test_adds_tensorflow_import_when_tf_is_not_bound(tmp_path: Path):
    path = tmp_path / "m.py"
    source = '"""Doc."""\nfrom tensorflow import function\n\n\n@function\ndef f(x):\n    print(x)\n    return x\n'
    path.write_text(source, encoding="utf-8")
    _fix(path.name, cwd=tmp_path)
    assert path.read_text() == source.replace('"""Doc."""\n', '"""Doc."""\nimport sys\n\nimport tensorflow as tf\n').replace(
        "    print(x)", "    tf.print(x, output_stream=sys.stdout)"
    )
    _fix(path.name, cwd=tmp_path)
    assert path.read_text().count("import tensorflow as tf") == 1


def test_unparsable_file_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "broken.py"
    path.write_text("import tensorflow as tf\n@tf.function\ndef f(:\n    print(1)\n", encoding="utf-8")
    before = path.read_bytes()
    result = _fix(path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert "cannot parse" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_non_ascii_columns(tmp_path: Path):
    path = tmp_path / "u.py"
    source = 'import tensorflow as tf\n\n\n@tf.function\ndef f(x):\n    s = "é"; print("ü", x)\n    return x\n'
    path.write_text(source, encoding="utf-8")
    _fix(path.name, cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == source.replace('print("ü", x)', 'tf.print("ü", x, output_stream=sys.stdout)').replace(
        "import tensorflow as tf\n", "import sys\n\nimport tensorflow as tf\n")


@pytest.mark.parametrize(
    "args, message, status",
    [
        # ruff's table: a path that cannot be checked is reported (1), an empty folder is a warning (0)
        (["missing.py"], "could not check missing.py: no such file or directory", 1),
        (["empty_dir"], "warning: no Python files found under empty_dir", 0),
        (["--bogus", "ok.py"], "unrecognized option '--bogus'", 2),
        ([], "no path given (see pylint-hybridize fix --help)", 2),
    ],
)
def test_bad_input_is_one_line(tmp_path: Path, args, message, status):
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "ok.py").write_text("x = 1\n", encoding="utf-8")
    result = _fix(*args, cwd=tmp_path)
    assert result.returncode == status
    problems = [line for line in result.stderr.splitlines() if " fixed " not in line]
    assert problems == [f"pylint-hybridize: {'error: ' if status == 2 else ''}{message}"]
    assert "Traceback" not in result.stderr
    assert (tmp_path / "ok.py").read_text() == "x = 1\n"


def test_binary_and_non_utf8_files_are_refused(tmp_path: Path):
    (tmp_path / "bin.py").write_bytes(b"\x00\x01\x02print(1)\n")
    (tmp_path / "latin.py").write_bytes(b"# \xe9\nimport tensorflow as tf\n")
    result = _fix("bin.py", "latin.py", cwd=tmp_path)
    assert result.returncode == 1
    # no PEP 263 cookie: Python itself refuses the file (with a cookie it is fixed, test_fix_files.py)
    assert "binary file" in result.stderr and "latin.py: unknown or wrong source encoding" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "bin.py").read_bytes() == b"\x00\x01\x02print(1)\n"


def test_check_bad_input(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "pylint_hybridize.cli", "missing.py"],
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 1 and "could not check missing.py: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


RETRACING = textwrap.dedent(
    '''\
    import tensorflow as tf


    @tf.function
    def bare(x):
        return tf.reduce_sum(x)


    @tf.function()
    def empty(x):
        return tf.reduce_sum(x)


    @tf.function(
        jit_compile=False,  # this comment stays
    )
    def multiline(x):
        return tf.reduce_sum(x)


    @tf.function(input_signature=[tf.TensorSpec(shape=[3, 4], dtype=tf.float32)])
    def fixed(x):
        return x


    def run(data):
        for i in range(1, 11):
            bare(data[:i])
            bare(data[: i + 1])
            empty(tf.zeros([i]))
            multiline(data[:i])
        fixed(tf.ones([5, 4]))
        fixed(tf.ones([3, 2]))
    '''
)


def test_retracing_decorator_fixes_are_unsafe_concrete_edits(tmp_path: Path):
    path = tmp_path / "retrace.py"
    path.write_text(RETRACING, encoding="utf-8")
    _fix(path.name, cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == RETRACING  # none of them is safe
    result = _fix("--unsafe-fixes", path.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = (
        RETRACING.replace("@tf.function\ndef bare", "@tf.function(reduce_retracing=True)\ndef bare")
        .replace("@tf.function()", "@tf.function(reduce_retracing=True)")
        .replace("jit_compile=False,  #", "jit_compile=False, reduce_retracing=True,  #")
        # one edit for both call sites: every dimension that some call changes
        .replace("shape=[3, 4]", "shape=[None, None]")
    )
    assert path.read_text(encoding="utf-8") == expected
    assert "fixed 6 of 6 findings in 1 file (0 left)" in result.stderr  # two sites of 'bare' and of 'fixed' share one edit each
    assert not engine_hits([path])
    once = path.read_bytes()
    _fix("--unsafe-fixes", path.name, cwd=tmp_path)
    assert path.read_bytes() == once


def test_configured_wrapper_gets_no_decorator_edit(tmp_path: Path):
    path = tmp_path / "agent.py"
    source = textwrap.dedent(
        '''\
        import tensorflow as tf
        from tf_agents.utils import common


        @common.function
        def total(x):
            return tf.reduce_sum(x)


        def run(data):
            for i in range(1, 11):
                total(data[:i])
        '''
    )
    path.write_text(source, encoding="utf-8")
    assert [h.symbol for h in engine_hits([path])] == ["varying-shape-retracing"]
    _fix("--unsafe-fixes", path.name, cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == source  # the wrapper may not pass reduce_retracing on
