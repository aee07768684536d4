"""The package in layers (docs/CONTRIBUTING.md, "Architecture"; issue 24): no import circle anywhere
in ``pylint_hybridize``, and no import from a lower layer into a higher one.

The import graph is read from the source with ``ast``, every import statement of a file counted: at
module level, inside functions, and under ``if TYPE_CHECKING:`` (a lazy import or a type-only one
that points up is still a dependency on the layer above, and hides the order in which facts are
built). Each module belongs to the layer whose prefix names it most closely."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "pylint_hybridize"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE

# The package, top to bottom: a module may import its own layer and the layers below it.
PACKAGE_LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("front-ends", ("cli", "flake8", "reporters", "pytest_plugin", "profiler")),
    ("package face", ("",)),  # pylint_hybridize/__init__.py: pylint's plugin hooks
    ("fix command", ("apply",)),
    ("result cache", ("cache",)),  # the persistent cache of check, fix and flake8 (import-light)
    ("engine", ("engine",)),
    ("rule registry", ("registry",)),  # every family's rules, discovered
    ("checkers", ("checkers",)),
    ("rule records", ("rules", "ruledocs")),
    ("fixes", ("fixes",)),
    ("model", ("model",)),
    ("foundations", ("options", "trace_record", "isolation", "files", "suppressions", "import_lines", "project_layout")),
)

# The model (pylint_hybridize.model), top to bottom.
MODEL_LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("model face", ("",)),  # pylint_hybridize/model/__init__.py: TraceModel and what checkers may use
    ("state", ("state",)),
    ("execution", ("execution",)),
    ("values", ("values",)),
    ("calls", ("calls",)),
    ("hybrids", ("hybrids",)),
    ("project", ("project",)),
    ("syntax", ("syntax",)),
    ("catalogue", ("catalogue",)),
)


def module_name(path: Path, root: Path = ROOT, package: str = PACKAGE) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def read_sources(root: Path = ROOT, package: str = PACKAGE) -> dict[str, tuple[str, bool]]:
    """{module name: (source, is a package)} for every file of the package."""
    return {
        module_name(path, root, package): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in sorted(root.rglob("*.py"))
    }


def import_graph(sources: dict[str, tuple[str, bool]], package: str = PACKAGE) -> dict[str, dict[str, int]]:
    """{importer: {imported module of the package: line of the first such import}}, every import
    statement of the file counted (module level, functions, ``if TYPE_CHECKING:``)."""
    graph: dict[str, dict[str, int]] = {}
    for name, (source, is_package) in sources.items():
        edges = graph.setdefault(name, {})
        for node in ast.walk(ast.parse(source)):
            for target in _targets(node, name, is_package, sources):
                if target.split(".", 1)[0] == package and target != name:
                    edges.setdefault(target, node.lineno)
    return graph


def _targets(node: ast.AST, importer: str, is_package: bool, sources: dict) -> list[str]:
    if isinstance(node, ast.Import):
        return [_known(alias.name, sources) for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        anchor = importer.split(".")
        anchor = anchor if is_package else anchor[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    # ``from pkg import sub`` imports the module ``pkg.sub`` when there is one, else a name of ``pkg``
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in sources else _known(base, sources) for alias in node.names]


def _known(dotted: str, sources: dict) -> str:
    """The longest prefix of ``dotted`` that is a module of the package (``dotted`` itself otherwise)."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in sources:
            return ".".join(parts[:end])
    return dotted


def layer_of(module: str, layers, package: str) -> int | None:
    """Index (0 = top) of the layer whose prefix names ``module`` most closely; None when none does."""
    best: tuple[int, int] | None = None
    for index, (_name, prefixes) in enumerate(layers):
        for prefix in prefixes:
            full = f"{package}.{prefix}" if prefix else package
            if module == full or (prefix and module.startswith(full + ".")):
                if best is None or len(full) > best[0]:
                    best = (len(full), index)
    return None if best is None else best[1]


def circles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(start: str) -> None:
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def upward_imports(graph: dict[str, dict[str, int]], package: str = PACKAGE) -> list[str]:
    """Imports from a lower layer into a higher one (package layers, then model layers), and modules
    that no layer names."""
    model = f"{package}.model"
    found = []
    for importer in sorted(graph):
        if layer_of(importer, PACKAGE_LAYERS, package) is None:
            found.append(f"{importer}: in no layer of PACKAGE_LAYERS")
        elif importer.startswith(model) and layer_of(importer, MODEL_LAYERS, model) is None:
            found.append(f"{importer}: in no layer of MODEL_LAYERS")
    for importer, edges in sorted(graph.items()):
        for imported, line in sorted(edges.items()):
            for layers, root in ((PACKAGE_LAYERS, package), (MODEL_LAYERS, model)):
                if root != package and not (importer.startswith(root) and imported.startswith(root)):
                    continue
                low, high = layer_of(importer, layers, root), layer_of(imported, layers, root)
                if low is not None and high is not None and high < low:
                    found.append(
                        f"{importer} (layer {layers[low][0]}) imports {imported} (layer {layers[high][0]}) on line {line}"
                    )
    return found


@pytest.fixture(scope="module")
def graph():
    return import_graph(read_sources())


def test_no_import_circle(graph):
    assert circles(graph) == []


def test_no_import_from_a_lower_layer_into_a_higher_one(graph):
    assert upward_imports(graph) == []


def test_the_model_is_its_layers_and_a_face():
    """Every layer is a package the face builds on; the face itself holds no model code of its own
    beyond ``TraceModel`` (issue 24: model/__init__.py is the public face)."""
    model_dir = ROOT / "model"
    layers = {prefix for _name, prefixes in MODEL_LAYERS for prefix in prefixes if prefix}
    assert {p.name for p in model_dir.iterdir() if p.is_dir() and p.name != "__pycache__"} == layers
    assert sorted(p.name for p in model_dir.glob("*.py")) == ["__init__.py"]


def generated_table(path: Path, root: Path = ROOT) -> bool:
    """A catalogue module whose docstring says its tables are GENERATED (measured data, regenerated
    by a script, never edited by hand): held to no length."""
    if "catalogue" not in path.relative_to(root).parts:
        return False
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return "GENERATED" in docstring


def test_no_model_file_over_500_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "model").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500 and not generated_table(p)}
    assert long == {}


def test_only_generated_catalogue_tables_are_exempt(tmp_path):
    catalogue = tmp_path / "model" / "catalogue"
    catalogue.mkdir(parents=True)
    (catalogue / "measured.py").write_text('"""Tables. GENERATED: do not edit."""\n', encoding="utf-8")
    (tmp_path / "model" / "values.py").write_text('"""GENERATED."""\n', encoding="utf-8")
    assert generated_table(catalogue / "measured.py", tmp_path) is True
    assert generated_table(tmp_path / "model" / "values.py", tmp_path) is False


# -- the test can fail: synthetic packages ---------------------------------------------------------
def _graph_of(files: dict[str, str]) -> dict[str, dict[str, int]]:
    sources = {}
    for path, source in files.items():
        name = ".".join([PACKAGE, *Path(path).with_suffix("").parts])
        is_package = name.endswith(".__init__")
        sources[name.removesuffix(".__init__")] = (source, is_package)
    return import_graph(sources)


def test_a_circle_through_a_function_level_import_is_found():
    graph = _graph_of({
        "model/__init__.py": "",
        "model/values/__init__.py": "",
        "model/values/kinds.py": "def f():\n    from pylint_hybridize.model.values import static\n",
        "model/values/static.py": "from pylint_hybridize.model.values.kinds import f\n",
    })
    assert circles(graph) == [[f"{PACKAGE}.model.values.kinds", f"{PACKAGE}.model.values.static"]]


def test_an_upward_import_is_found_in_a_function_and_under_type_checking():
    graph = _graph_of({
        "model/__init__.py": "",
        "model/syntax/__init__.py": "",
        "model/syntax/names.py": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n"
            "    from pylint_hybridize.model import TraceModel\n"
            "def f():\n"
            "    from ..values import kinds\n"
        ),
        "model/values/__init__.py": "",
        "model/values/kinds.py": "from pylint_hybridize.model.syntax import names\n",
        "rules.py": "def f():\n    from pylint_hybridize.checkers import all_rules\n",
        "checkers/__init__.py": "from pylint_hybridize import rules\n",
    })
    found = upward_imports(graph)
    assert f"{PACKAGE}.model.syntax.names (layer syntax) imports {PACKAGE}.model (layer model face) on line 3" in found
    assert f"{PACKAGE}.model.syntax.names (layer syntax) imports {PACKAGE}.model.values.kinds (layer values) on line 5" in found
    assert f"{PACKAGE}.rules (layer rule records) imports {PACKAGE}.checkers (layer checkers) on line 2" in found
    assert not any("model.values.kinds (layer values) imports" in line for line in found)


def test_a_module_in_no_layer_is_found():
    graph = _graph_of({"model/__init__.py": "", "model/helpers.py": "", "stray.py": ""})
    assert upward_imports(graph) == [
        f"{PACKAGE}.model.helpers: in no layer of MODEL_LAYERS",
        f"{PACKAGE}.stray: in no layer of PACKAGE_LAYERS",
    ]
