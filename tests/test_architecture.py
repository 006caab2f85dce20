"""The house's one-way arrow: transforms -> warehouse -> flows -> dashboards (see ../shared/STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# What each room may not import, directly or lazily inside a function.
FORBIDDEN = {
    "transforms": {"warehouse", "flows", "dashboards", "prefect", "duckdb", "fsspec", "streamlit"},
    "warehouse": {"flows", "dashboards", "prefect", "streamlit"},
    "flows": {"streamlit"},
    "dashboards": {"flows"},
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_no_import_runs_against_the_arrow(room):
    offenders = {
        str(p.relative_to(REPO)): sorted(imports_of(p) & FORBIDDEN[room])
        for p in (REPO / room).rglob("*.py")
        if imports_of(p) & FORBIDDEN[room]
    }
    assert not offenders, f"{room}/ imports against the arrow: {offenders}"


def test_dashboards_only_read_the_published_snapshot():
    """Dashboards never open warehouse.duckdb: they read the published Parquet snapshot."""
    for p in (REPO / "dashboards").rglob("*.py"):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported |= {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                imported |= {f"{a.name}." for a in node.names}  # `import warehouse.db` names the module itself
        # warehouse.search reads the full-text index (SQLite, read-only), derived like the snapshot; never the DuckDB file
        wrong = {n for n in imported if n.startswith("warehouse.")
                 and not n.startswith(("warehouse.published", "warehouse.home", "warehouse.search."))}
        assert not wrong, f"{p.name} reads the warehouse beyond the published snapshot: {sorted(wrong)}"
        # nor around the imports: the data home's path to the database, or the file's name in code
        opened = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "database"]
        named = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                 and "warehouse.duckdb" in n.value and not _is_docstring(tree, n)]
        assert not opened and not named, f"{p.name} reaches for warehouse.duckdb on lines {opened + named}"


def _is_docstring(tree: ast.AST, constant: ast.Constant) -> bool:
    return any(isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body
               and isinstance(node.body[0], ast.Expr) and node.body[0].value is constant for node in ast.walk(tree))


def _module_imports() -> dict[str, set[str]]:
    """Our module -> the modules of ours it imports anywhere in its file: at the top, inside a function or
    under TYPE_CHECKING (`from pkg import mod` names `pkg.mod` when that is a module, else `pkg`)."""
    modules = {}
    for room in FORBIDDEN:
        for p in (REPO / room).rglob("*.py"):
            name = ".".join(p.relative_to(REPO).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = p
    graph: dict[str, set[str]] = {}
    for name, p in modules.items():
        found = set()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    target = f"{node.module}.{a.name}"
                    found.add(target if target in modules else node.module)
        graph[name] = found & modules.keys() - {name}
    return graph


def test_no_two_modules_import_each_other():
    """No import cycle, however indirect (STYLE: move the shared piece down, or merge them)."""
    graph = _module_imports()
    seen: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> list[str] | None:
        seen[module] = 1
        for target in sorted(graph[module]):
            if seen.get(target) == 1:
                return path[path.index(target):] + [target] if target in path else [module, target]
            if target not in seen and (cycle := visit(target, path + [target])):
                return cycle
        seen[module] = 2
        return None

    for module in sorted(graph):
        if module not in seen and (cycle := visit(module, [module])):
            pytest.fail("import cycle: " + " -> ".join(cycle))
