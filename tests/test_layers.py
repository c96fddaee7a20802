"""The package's layers: imports only go down (docs/design.md), and no module outgrows the style guide."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "yinwen"

# Top to bottom. A module may import from its own layer or any layer below it, never above.
# cli and web are both top layers that must not import each other.
LAYERS = [
    {"__main__"},
    {"cli", "web"},
    {"report"},
    {"engine"},
    {"config"},
    {"rules"},
    {"match"},
    {"corpus"},
    {"formats"},
    {"text"},
    {"diagnostics", "messages", "resources", "cachedir", "memory", "safe_write", "data_files", "__init__"},
]
MAX_LINES = 400
# The one crossing between the two top layers: `yinwen serve` starts the web server. web never imports cli.
TOP_LAYER_CROSSINGS = {("cli.serve_command", "web.server")}


def _layer_of(module: str) -> int:
    """Index in LAYERS of a dotted module name below ``yinwen``."""
    head = module.split(".")[0]
    for index, members in enumerate(LAYERS):
        if head in members:
            return index
    raise AssertionError(f"yinwen.{module} belongs to no layer: add it to LAYERS and to docs/design.md")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        found[".".join(parts)] = path
    return found


def _imports(path: Path, package: str) -> set[str]:
    """Every yinwen module this file imports (at the top or inside a function), without the ``yinwen.`` prefix."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            names, target = [], ""
            for alias in node.names:
                if alias.name.startswith("yinwen."):
                    found.add(alias.name.removeprefix("yinwen."))
            continue
        else:
            continue
        if target != "yinwen" and not target.startswith("yinwen."):
            continue
        base = target.removeprefix("yinwen").lstrip(".")
        for name in names:  # from yinwen.match import records names a module; from yinwen import __version__ the package
            submodule = f"{base}.{name}" if base else name
            if _is_module(submodule):
                found.add(submodule)
            else:
                found.add(base or "__init__")
    return found


def _is_module(dotted: str) -> bool:
    path = PACKAGE.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_every_module_has_a_layer() -> None:
    for module in _modules():
        _layer_of(module)


@pytest.mark.parametrize("module", sorted(_modules()))
def test_imports_only_go_down(module: str) -> None:
    path = _modules()[module]
    package = "yinwen." + module.rsplit(".", 1)[0] if "." in module else "yinwen"
    own = _layer_of(module)
    upward = []
    for target in _imports(path, package):
        layer = _layer_of(target)
        same_top = (own == 1 and layer == 1 and target.split(".")[0] != module.split(".")[0]
                    and (module, target) not in TOP_LAYER_CROSSINGS)
        if layer < own or same_top:
            upward.append(target)
    assert not upward, f"yinwen.{module} imports upward: {sorted(upward)}"


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {}
    for module, path in modules.items():
        package = "yinwen." + module.rsplit(".", 1)[0] if "." in module else "yinwen"
        targets = {target if target in modules else f"{target}.__init__" for target in _imports(path, package)}
        # A package's __init__ is run by importing any of its submodules; that edge is Python's, not ours.
        graph[module] = {t for t in targets if t in modules and t != module and not t.endswith("__init__")}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(nxt):] + [nxt]))
            if not state.get(nxt):
                visit(nxt, trail + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if not state.get(module):
            visit(module, [module])


def test_every_layer_package_says_what_it_owns() -> None:
    for members in LAYERS:
        for name in members:
            init = PACKAGE / name / "__init__.py"
            if init.exists():
                doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
                assert doc, f"{name}/__init__.py needs a one-line docstring saying what the layer owns"


def test_no_module_over_the_style_guide_limit() -> None:
    long = {module: n for module, path in _modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"
