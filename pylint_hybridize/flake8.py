"""flake8 front-end: ``flake8 --extend-select=HYB``.

flake8 hands us its ``ast``; our checkers need astroid, so astroid's tree is rebuilt
from that ``ast`` (no second parse) and run through the same checker classes as pylint
(see ``engine``). Codes are ``HYB`` + the pylint id's last three digits
(W9101 -> HYB101, ``Rule.flake8_code`` in ``pylint_hybridize.rules``).

Messages that are off by default (opt-in) are turned on as flake8-bugbear's opinionated
B9 codes are: by naming them, or a prefix of at least four characters, in ``--select`` or
``--extend-select`` (``--extend-select=HYB102``, ``--extend-select=HYB1``); ``HYB`` alone
selects the default ones only. ``--hybridize-enable=<symbol or code>`` does the same by name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any, ClassVar

from pylint_hybridize import __version__
from pylint_hybridize.options import add_flake8_options, csv_value


class HybridizeFlake8:
    name = "pylint-hybridize"
    version = __version__

    extra_decorators: ClassVar[list[str] | None] = None
    enabled: ClassVar[list[str]] = []
    traces: ClassVar[str] = ""
    keras: ClassVar[str] = "auto"
    no_cache: ClassVar[bool] = False
    _engine: ClassVar[Any] = None
    _cache: ClassVar[Any] = None

    def __init__(self, tree: ast.AST, filename: str = "<stdin>", lines: list[str] | None = None) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        add_flake8_options(option_manager)
        option_manager.add_option(
            "--hybridize-enable",
            default="",
            parse_from_config=True,
            comma_separated_list=True,
            help="Messages that are off by default to turn on (symbols, pylint ids or HYB codes), "
            "e.g. logging-at-trace-time; --extend-select=HYB102 does the same.",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        value = getattr(options, "hybridize_extra_decorators", None)
        cls.extra_decorators = csv_value(value) if value is not None else None
        cls.enabled = opt_in_messages(
            csv_value(getattr(options, "hybridize_enable", None)),
            [*csv_value(getattr(options, "select", None)), *csv_value(getattr(options, "extend_select", None))],
        )
        cls.traces = getattr(options, "hybridize_traces", None) or ""
        cls.keras = getattr(options, "hybridize_keras", None) or "auto"
        cls.no_cache = bool(getattr(options, "hybridize_no_cache", False))
        cls._engine = None
        cls._cache = None

    @classmethod
    def cache(cls) -> Any:
        """The result cache (``pylint_hybridize.cache``): a file served from it costs a hash, no model,
        no astroid, not even the engine's import."""
        if cls._cache is None:
            from pylint_hybridize.cache import FindingsCache, file_options  # pylint: disable=import-outside-toplevel

            options = file_options([("extra-decorators", cls.extra_decorators), ("enabled", cls.enabled),
                                    ("traces", cls.traces), ("keras", cls.keras)])
            cls._cache = FindingsCache("flake8", options, enabled=not cls.no_cache)
        return cls._cache

    @classmethod
    def engine(cls) -> Any:
        if cls._engine is None:
            from pylint_hybridize.engine import Engine, fewer_full_collections  # pylint: disable=import-outside-toplevel

            fewer_full_collections()
            # one flake8 run does not see files change under it: no need to watch them
            cls._engine = Engine(extra_decorators=cls.extra_decorators, enabled=cls.enabled, watch_files=False)
            cls._engine.linter.config.hybridize_traces = cls.traces
            cls._engine.linter.config.hybridize_keras = cls.keras
        return cls._engine

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        source = "".join(self.lines) if self.lines is not None else _read(self.filename)
        if source is None:
            return
        # flake8 parsed ``"".join(lines)`` into ``tree``: astroid rebuilds from it, no second parse
        tree = self.tree if self.lines is not None and isinstance(self.tree, ast.Module) else None
        cache = self.cache()
        key, cached = cache.lookup(self.filename, source)
        if cached is None:
            findings = self.engine().check_source(source, path=self.filename, tree=tree)
            cache.store(self.filename, key, findings)
            cached = [[f.line, f.col, f.flake8_code, f.message, f.symbol] for f in findings]
        for line, col, code, message, symbol in cached:
            yield (line, col, f"{code} {message} ({symbol})", type(self))


def opt_in_messages(named: list[str], selected: list[str]) -> list[str]:
    """Symbols of the opt-in messages to turn on: named by ``--hybridize-enable`` (symbol, pylint id or
    HYB code; an unknown name is an error) or selected by a code prefix of at least four characters."""
    if not named and not any(len(p) >= 4 and p.upper().startswith("HYB") for p in selected):
        return []  # nothing opt-in asked for: the rules need not be loaded (a run served from the cache never loads them)
    from pylint_hybridize.registry import all_rules, rule_named  # pylint: disable=import-outside-toplevel

    enabled = []
    for name in named:
        rule = rule_named(name)
        if rule is None:
            from flake8.exceptions import ExecutionError  # pylint: disable=import-outside-toplevel

            known = ", ".join(sorted(r.symbol for r in all_rules() if not r.default_enabled))
            raise ExecutionError(
                f"pylint-hybridize: unknown --hybridize-enable value {name!r} "
                f"(a symbol, pylint id or HYB code; the opt-in messages are: {known})"
            )
        enabled.append(rule.symbol)
    for rule in all_rules():
        code = rule.flake8_code
        if not rule.default_enabled and any(len(p) >= 4 and code.startswith(p.upper()) for p in selected):
            enabled.append(rule.symbol)
    return sorted(set(enabled))


def _read(filename: str) -> str | None:
    try:
        with open(filename, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None
