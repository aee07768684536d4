"""The plugin's options, declared once for pylint, flake8 and the ``pylint-hybridize`` command.

pylint reads them from ``HybridizeOptions.options`` (``--hybridize-...`` and the ``[tool.pylint]``
sections), flake8 from ``HybridizeFlake8.add_options`` (``--hybridize-...`` and ``[flake8]``), and
``pylint-hybridize check`` passes them to pylint. Importing this module is cheap (no pylint, no astroid).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Option:
    name: str
    default: Any
    help: str
    type: str = "csv"  # csv, choice, string or flag (a yes/no: pylint's yn, flake8's and the CLI's store_true)
    choices: tuple[str, ...] = ()
    metavar: str = ""
    flake8: bool = True
    """Also a flake8 option (``--<name>`` and ``<name> =`` in ``[flake8]``)."""


OPTIONS: tuple[Option, ...] = (
    Option(
        "hybridize-extra-decorators",
        default=("tf_agents.utils.common.function",),
        metavar="<qualified names>",
        help=(
            "Qualified names of functions that wrap tf.function and make the "
            "decorated function a graph too (resolved through the module's imports)."
        ),
    ),
    Option(
        "hybridize-isolate-tensorflow",
        default="auto",
        type="choice",
        choices=("auto", "yes", "no"),
        metavar="<auto, yes or no>",
        flake8=False,  # the flake8 front-end always isolates: it runs nothing but our checks
        help=(
            "Keep astroid from loading the installed tensorflow/keras/tf_keras packages and "
            "what comes with them (numpy, absl, tensorboard, ...): pylint's other checks then see "
            "those names as uninferable, as if TF were not installed, so that with 'yes' and other "
            "checks enabled pylint reports E0401 import-error for them (disable import-error, or use "
            "'auto'). Our checks never need TF's sources, but astroid's own parse-time "
            "inference (classes deriving from tf.Module or a Keras Layer) parses them, which "
            "is slow. 'auto': isolate when only this plugin's messages are enabled."
        ),
    ),
    Option(
        "hybridize-keras",
        default="auto",
        type="choice",
        choices=("auto", "3", "2"),
        metavar="<auto, 3 or 2>",
        help=(
            "The Keras that runs the code: 3 (Keras 3, what 'pip install tensorflow' gives since TF 2.16: "
            "it runs Layer.call without autograph) or 2 (tf_keras, TF_USE_LEGACY_KERAS=1, or TF < 2.16: "
            "it converts Layer.call). 'auto': 2 when the project imports tf_keras, sets "
            "TF_USE_LEGACY_KERAS, or requires tf-keras, keras<3 or tensorflow<2.16; 3 otherwise."
        ),
    ),
    Option(
        "hybridize-traces",
        default="",
        type="string",
        metavar="<path>",
        help=(
            "Trace record written by 'pytest --hybridize-traces' (observed-retracing). Default: "
            "'.hybridize-traces.json' in the checked file's directory or above, up to the project root."
        ),
    ),
    Option(
        "hybridize-no-cache",
        default=False,
        type="flag",
        help=(
            "Do not read or write the result cache (.pylint_hybridize_cache/ at the project root, which "
            "`pylint-hybridize check`, `fix` and flake8 keep; PYLINT_HYBRIDIZE_NO_CACHE=1 does the same)."
        ),
    ),
)


def pylint_options() -> tuple[tuple[str, dict[str, Any]], ...]:
    """``BaseChecker.options`` for pylint."""
    declared = []
    for option in OPTIONS:
        definition: dict[str, Any] = {"default": option.default, "type": option.type, "help": option.help}
        if option.type == "flag":
            definition.update(type="yn", metavar="<y or n>")
        if option.metavar:
            definition["metavar"] = option.metavar
        if option.choices:
            definition["choices"] = option.choices
        declared.append((option.name, definition))
    return tuple(declared)


def add_flake8_options(option_manager: Any) -> None:
    for option in OPTIONS:
        if not option.flake8:
            continue
        if option.type == "flag":
            option_manager.add_option(f"--{option.name}", default=False, action="store_true",
                                      parse_from_config=True, help=option.help)
            continue
        default = ",".join(option.default) if option.type == "csv" else option.default
        option_manager.add_option(
            f"--{option.name}",
            default=default,
            parse_from_config=True,
            comma_separated_list=option.type == "csv",
            help=option.help,
        )


def csv_value(value: Any) -> list[str]:
    """A comma-separated option as flake8, pylint or a config file may hand it over."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return [part.strip() for part in value if part and part.strip()]
