"""``pylint-hybridize``: run only this plugin's checks, through pylint.

    pylint-hybridize [check] PATH...     lint; exit status as pylint's
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def our_checker_names() -> list[str]:
    from pylint_hybridize.checkers import family_modules  # pylint: disable=import-outside-toplevel
    import importlib  # pylint: disable=import-outside-toplevel

    found = []
    for module_name in family_modules():
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if isinstance(value, type) and getattr(value, "msgs", None) and value.__module__ == module_name:
                found.append(value.name)
    return sorted(set(found))


def pylint_arguments(paths: Sequence[str], extra: Sequence[str] = ()) -> list[str]:
    return [
        "--load-plugins=pylint_hybridize",
        "--disable=all",
        f"--enable={','.join(our_checker_names())}",
        "--score=n",
        "--persistent=n",
        *extra,
        *paths,
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "check":
        args = args[1:]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if args else 32
    if args[0] == "fix":
        print("pylint-hybridize: 'fix' is not implemented yet", file=sys.stderr)
        return 32
    options = [a for a in args if a.startswith("-")]
    paths = [a for a in args if not a.startswith("-")]
    from pylint.lint import Run  # pylint: disable=import-outside-toplevel

    run = Run(pylint_arguments(paths, options), exit=False)
    return int(run.linter.msg_status)


if __name__ == "__main__":
    sys.exit(main())
