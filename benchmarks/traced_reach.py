"""Measure the reach: how many functions of the corpus the model says run traced, by why they do.

    python benchmarks/traced_reach.py [--corpus DIR] [--corpus-txt FILE] [-j N] [--json OUT] [PACKAGE ...]
    python benchmarks/traced_reach.py --usercode [-j N] [--json OUT] [OWNER/NAME ...]

Every module of the lint targets of ``benchmarks/corpus.txt`` (unpacked under ``$HYBRIDIZE_CORPUS``,
default ``benchmarks/.cache/unpacked``; see ``corpus_findings.py``) is parsed with astroid and gets its
``TraceModel`` (default settings: no configured wrapper); each function the model holds as traced
(``model.traced``, the module's own functions only, each counted once) is put under one reason:

- ``decorator``: ``@tf.function`` (or ``@tf.function(...)``) on it;
- ``tf.function call``: ``g = tf.function(f)``, ``tf.function(...)(f)``;
- ``project wrapper``: a call or decorator of a project function that returns ``tf.function(...)`` of
  its parameter (``hybrids.wrappers``, issue 27);
- ``keras``: ``train_step`` / ``test_step`` / ``predict_step`` under ``fit``, ``Layer.call``;
- ``tf.data``: a function given to ``Dataset.map`` and the other tf.data transformations;
- ``entry point``: a function handed to a graph control-flow entry point of the catalogue
  (``tf.while_loop``, ``tf.cond``, ``tf.map_fn``, ``strategy.run``, ``tf.vectorized_map``...) in traced
  code;
- ``caller``: reached by a call from traced code (also through objects, another module's hybrids).

``--usercode`` counts the user-code benchmark's repositories instead (``benchmarks/usercode.txt``, the
files ``usercode.py`` lints, from its cache ``benchmarks/.cache/usercode``: run ``usercode.py`` once first).

One process per package (modules named alike in two packages must not meet in astroid's cache). The
script reads only the model's public classes, so that it also runs on an older checkout (to measure
*before*: copy it there). Prints a Markdown table; ``--json`` writes the counts.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus_findings import CORPUS_TXT, add_import_roots, corpus_targets, fetch, pins, python_files  # noqa: E402

REASONS = ("decorator", "tf.function call", "project wrapper", "keras", "tf.data", "entry point", "caller")


def reason_of(function, info, entry_callables: set) -> str:
    """The one reason ``function`` (with its TraceInfo ``info``) is traced."""
    hybrid = info.hybrid
    if info.is_hybrid_itself:
        kind = getattr(hybrid, "kind", "")
        if kind in ("keras-step", "keras-call"):
            return "keras"
        if kind == "dataset":
            return "tf.data"
        if kind in ("vectorized-map", "library-step"):  # library-step: Orbit's train_step (LIBRARY_HOOKS)
            return "entry point"
        if getattr(hybrid, "through", None) is not None:
            return "project wrapper"
        return "decorator" if hybrid.via == "decorator" else "tf.function call"
    return "entry point" if function in entry_callables else "caller"


def count_package(corpus: str, package: str, targets: list[str]) -> dict:
    """{reason: count, "modules": n, "seconds": s} for one package of the corpus (in its own process)."""
    root = Path(corpus) / package
    add_import_roots(root, targets)
    return count_files(python_files(root, targets))


def count_repository(repo: str) -> dict:
    """The counts of one repository of the user-code benchmark (in its own process)."""
    from benchmarks import usercode  # pylint: disable=import-outside-toplevel

    entry = next(e for e in usercode.read_list(usercode.USERCODE_TXT.read_text(encoding="utf-8")) if e.repo == repo)
    root = usercode.CACHE / "usercode" / entry.folder
    add_import_roots(root, list(entry.paths or ["."]))
    return count_files(usercode.lint_targets(root, entry))


def count_files(files: list[Path]) -> dict:
    """{reason: count, "modules": n, "seconds": s} for ``files``, parsed as the engine parses them."""
    # pylint: disable=import-outside-toplevel
    import astroid

    from pylint_hybridize.engine import import_root_on_sys_path, module_name_for
    from pylint_hybridize.isolation import isolate_tensorflow
    from pylint_hybridize.model import Settings, TraceModel, fresh_cached_module, record_parse
    from pylint_hybridize.model.execution.traced import traced_arguments

    isolate_tensorflow()  # as the engine does: astroid never loads TensorFlow

    counts: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    settings = Settings()
    modules = 0
    for path in files:
        try:
            source = path.read_text(encoding="utf-8")
            with import_root_on_sys_path(str(path)):  # parsed as the engine parses (shared with siblings)
                modname = module_name_for(str(path))
                module = fresh_cached_module(str(path), modname, source)
                if module is None:
                    module = astroid.parse(source, module_name=modname, path=str(path))
                    astroid.MANAGER.cache_module(module)
                    record_parse(str(path))
                model = TraceModel.for_module(module, settings)
                traced = dict(model.traced)
        except Exception:  # pylint: disable=broad-except  # a module the parser or model cannot take: skipped
            continue
        modules += 1
        entry_callables = set()
        for call in module.nodes_of_class(astroid.nodes.Call):
            try:
                entry_callables.update(traced_arguments(call))
            except Exception:  # pylint: disable=broad-except
                continue
        for function, info in traced.items():
            if function.root() is module:
                counts[reason_of(function, info, entry_callables)] += 1
    result = dict(counts)
    result["modules"] = modules
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def table(results: dict[str, dict]) -> str:
    lines = ["| package | modules | " + " | ".join(REASONS) + " | traced |", "|---" * (len(REASONS) + 3) + "|"]
    totals: collections.Counter[str] = collections.Counter()
    for package, counts in results.items():
        total = sum(counts.get(r, 0) for r in REASONS)
        totals.update({r: counts.get(r, 0) for r in REASONS})
        totals["modules"] += counts.get("modules", 0)
        lines.append(f"| {package} | {counts.get('modules', 0)} | " + " | ".join(str(counts.get(r, 0)) for r in REASONS) + f" | {total} |")
    grand = sum(totals[r] for r in REASONS)
    lines.append(f"| **total** | {totals['modules']} | " + " | ".join(str(totals[r]) for r in REASONS) + f" | {grand} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("HYBRIDIZE_CORPUS", ""))
    parser.add_argument("--corpus-txt", default=str(CORPUS_TXT))
    parser.add_argument("-j", type=int, default=1, help="packages at once")
    parser.add_argument("--json", default="", help="write {package: counts} here")
    parser.add_argument("--usercode", action="store_true", help="the user-code benchmark's repositories")
    parser.add_argument("packages", nargs="*")
    args = parser.parse_args(argv)
    results: dict[str, dict] = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.j), max_tasks_per_child=1) as pool:
        if args.usercode:
            from benchmarks import usercode  # pylint: disable=import-outside-toplevel

            entries = usercode.read_list(usercode.USERCODE_TXT.read_text(encoding="utf-8"))
            futures = {
                e.repo: pool.submit(count_repository, e.repo) for e in entries
                if (not args.packages or e.repo in args.packages) and (usercode.CACHE / "usercode" / e.folder).is_dir()
            }
        else:
            corpus_txt = Path(args.corpus_txt)
            corpus = Path(args.corpus) if args.corpus else fetch(args.packages or list(pins(corpus_txt)), corpus_txt)
            wanted = {p: t for p, t in corpus_targets(corpus_txt).items() if not args.packages or p in args.packages}
            wanted = {p: t for p, t in wanted.items() if (corpus / p).is_dir()}
            futures = {p: pool.submit(count_package, str(corpus), p, t) for p, t in wanted.items()}
        for package, future in futures.items():
            results[package] = future.result()
            print(f"{package}: {results[package]}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
