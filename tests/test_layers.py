"""The package layout is a layering: a module imports only from its own package or from a lower
layer, and no chain of imports runs in a circle. These tests fail when a change breaks that, so the
picture in docs/ARCHITECTURE.md stays true."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "mapapp"

#: Layer of each top-level module or package: imports may only point to the same package or down.
LAYERS = {
    "models": 0,
    "settings": 0,
    "limits": 0,
    "outfile": 0,  # the core: knows nothing of the rest
    "geo": 1,  # gazetteer, geoparser, dates, geocoders
    "reading": 2,  # files to Articles (uses geo.dates for publication dates)
    "store": 3,  # SQLite: the one home of SQL
    "web": 4,
    "ingest": 4,  # the map and sharing / the ingest pipeline
    "ui": 5,
    "cli": 5,  # the Streamlit page / the console script
    "app": 6,  # the script Streamlit runs
}


def modules() -> dict[str, Path]:
    out = {}
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        if "gazdata" in parts or "static" in parts:  # scripts that made vendored data, not part of the package
            continue
        out[".".join(parts)] = p
    return out


def imports(name: str, path: Path) -> set[str]:
    """Every ``mapapp`` module ``name`` imports, at any depth of the file (function-level too)."""
    found: set[str] = set()
    known = modules()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("mapapp"))
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{name}: relative import (the package uses absolute imports)"
            if node.module and node.module.startswith("mapapp"):
                for a in node.names:  # ``from mapapp.web import share`` imports the module mapapp.web.share
                    sub = f"{node.module}.{a.name}"
                    found.add(sub if sub in known else node.module)
    found.discard(name)
    return found


def layer(mod: str) -> tuple[int, str]:
    top = mod.split(".")[1] if mod != "mapapp" else ""
    assert top in LAYERS, (
        f"{mod}: a new top-level module or package; give it a layer in LAYERS and the architecture doc"
    )
    return LAYERS[top], top


def test_every_module_has_a_layer():
    for mod in modules():
        if mod != "mapapp":
            layer(mod)


@pytest.mark.parametrize("mod", [m for m in modules() if m != "mapapp"])
def test_imports_point_down_or_within_the_package(mod):
    lvl, top = layer(mod)
    for target in imports(mod, modules()[mod]):
        if target == "mapapp":
            continue
        t_lvl, t_top = layer(target)
        assert t_lvl < lvl or t_top == top, (
            f"{mod} imports {target}: layer {lvl} ({top}) may not import layer {t_lvl} ({t_top})"
        )


def test_no_import_cycles():
    mods = modules()
    graph = {m: imports(m, p) & set(mods) for m, p in mods.items()}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if n.startswith(m + "."):  # a package importing its own submodule (re-exports) is no cycle
                continue
            if state.get(n) == 1:
                cycle = path[path.index(n) :] + [n] if n in path else [m, n]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if n not in state:
                visit(n, path + [n])
        state[m] = 2

    for m in sorted(mods):
        if m not in state:
            visit(m, [m])


def test_the_architecture_doc_names_every_module():
    doc = (PKG.parent / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = [m for m in modules() if m != "mapapp" and f"`{m.removeprefix('mapapp.')}`" not in doc]
    assert not missing, f"docs/ARCHITECTURE.md does not name {missing}"
