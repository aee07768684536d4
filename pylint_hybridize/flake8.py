"""flake8 front-end: ``flake8 --select=HYB``.

flake8 hands us its ``ast``; our checkers need astroid, so the file's lines are
parsed again with astroid and run through the same checker classes as pylint
(see ``engine``). Codes are ``HYB`` + the pylint id's last three digits
(W9101 -> HYB101).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any, ClassVar

from pylint_hybridize import __version__


class HybridizeFlake8:
    name = "pylint-hybridize"
    version = __version__

    extra_decorators: ClassVar[list[str] | None] = None
    enabled: ClassVar[list[str]] = []
    traces: ClassVar[str] = ""
    _engine: ClassVar[Any] = None

    def __init__(self, tree: ast.AST, filename: str = "<stdin>", lines: list[str] | None = None) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        option_manager.add_option(
            "--hybridize-extra-decorators",
            default="tf_agents.utils.common.function",
            parse_from_config=True,
            comma_separated_list=True,
            help="Qualified names of functions that wrap tf.function (as pylint's option of the same name).",
        )
        option_manager.add_option(
            "--hybridize-enable",
            default="",
            parse_from_config=True,
            comma_separated_list=True,
            help="Messages that are off by default to turn on (symbols or pylint ids), e.g. logging-at-trace-time.",
        )
        option_manager.add_option(
            "--hybridize-traces",
            default="",
            parse_from_config=True,
            help="Trace record of 'pytest --hybridize-traces' (as pylint's option of the same name).",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        value = getattr(options, "hybridize_extra_decorators", None)
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        cls.extra_decorators = list(value) if value is not None else None
        enabled = getattr(options, "hybridize_enable", None) or []
        if isinstance(enabled, str):
            enabled = [part.strip() for part in enabled.split(",") if part.strip()]
        cls.enabled = list(enabled)
        cls.traces = getattr(options, "hybridize_traces", None) or ""
        cls._engine = None

    @classmethod
    def engine(cls) -> Any:
        if cls._engine is None:
            from pylint_hybridize.engine import Engine  # pylint: disable=import-outside-toplevel

            cls._engine = Engine(extra_decorators=cls.extra_decorators, enabled=cls.enabled)
            cls._engine.linter.config.hybridize_traces = cls.traces
        return cls._engine

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        source = "".join(self.lines) if self.lines is not None else _read(self.filename)
        if source is None or not _may_use_tensorflow(source):
            return
        for finding in self.engine().check_source(source, path=self.filename):
            yield (
                finding.line,
                finding.col,
                f"{finding.flake8_code} {finding.message} ({finding.symbol})",
                type(self),
            )


def _may_use_tensorflow(source: str) -> bool:
    """Skip the astroid parse for files that cannot contain a hybrid."""
    return "tensorflow" in source or "keras" in source or "function" in source


def _read(filename: str) -> str | None:
    try:
        with open(filename, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None
