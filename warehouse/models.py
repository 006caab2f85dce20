"""The mart models: SQL files in warehouse/sql/marts, each with its contract in its header, in build order.

A model's header declares its contract next to its SQL (dbt style):
`-- key: a, b`, `-- not_null: c, d` and `-- accepted: col = x, y, z`. A model depends on every other model
its SQL names, and models are built after their dependencies.

A model whose rows of a paper come only from that paper's rows (its key holds `arxiv_id`) marks the lines that
narrow its sources to the papers of `mart_scope` with `-- incremental`: a full build runs the SQL without those
lines, an incremental build with them, for the changed papers only (warehouse/marts.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from graphlib import TopologicalSorter
from importlib.resources import files

MARTS_DIR = files("warehouse").joinpath("sql", "marts")
_HEADER = re.compile(r"^--\s*(key|not_null|accepted):\s*(.+)$", re.MULTILINE)
_SCOPED = re.compile(r"^[^\n]*--[ \t]*incremental[ \t]*\n", re.MULTILINE)  # a line that narrows a source to mart_scope


@dataclass(frozen=True)
class Model:
    """One mart: its name (the file stem), SQL, description (header prose) and contract."""

    name: str
    sql: str
    doc: str
    key: tuple[str, ...] = ()
    not_null: tuple[str, ...] = ()
    accepted: tuple[tuple[str, tuple[str, ...]], ...] = ()
    depends_on: tuple[str, ...] = ()  # the other models its SQL names
    scoped_sql: str | None = None  # the SQL with its `-- incremental` lines: rows of the papers in mart_scope

    def checks(self, relation: str | None = None) -> list[tuple[str, str]]:
        """(what is broken, query counting offending rows) for each clause of the contract, over the model's
        table or over `relation` (the rows an incremental build is about to add)."""
        out = []
        rows = relation or self.name
        if self.key:
            cols = ", ".join(self.key)
            out.append((f"{self.name}: duplicate key ({cols})",
                        f"select count(*) from (select {cols} from {rows} group by all having count(*) > 1)"))
        for col in self.key + self.not_null:
            out.append((f"{self.name}.{col} is null", f"select count(*) from {rows} where {col} is null"))
        for col, values in self.accepted:
            allowed = ", ".join(f"'{v}'" for v in values)
            out.append((f"{self.name}.{col} not in ({allowed})",
                        f"select count(*) from {rows} where {col} not in ({allowed})"))
        return out


def _parse(name: str, sql: str) -> Model:
    clauses: dict[str, list[str]] = {}
    for kind, value in _HEADER.findall(sql):
        clauses.setdefault(kind, []).append(value.strip())
    prose = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        text = line[2:].strip()
        if not _HEADER.match(line):
            prose.append(text.removeprefix(f"{name}:").strip())
    split = lambda v: tuple(c.strip() for c in v.split(",") if c.strip())  # noqa: E731
    accepted = tuple((col.strip(), split(values)) for col, values in
                     (a.split("=", 1) for a in clauses.get("accepted", [])))
    key = split(",".join(clauses.get("key", [])))
    full = _SCOPED.sub("", sql)
    if full != sql and "arxiv_id" not in key:
        raise ValueError(f"warehouse/sql/marts/{name}.sql: `-- incremental` lines need arxiv_id in the key")
    return Model(name, full, " ".join(prose), key, split(",".join(clauses.get("not_null", []))), accepted,
                 scoped_sql=sql if full != sql else None)


@cache
def models() -> tuple[Model, ...]:
    """Every mart model, dependencies first (ties broken by name, so the order is stable)."""
    found = {p.name[:-4]: _parse(p.name[:-4], p.read_text(encoding="utf-8"))
             for p in MARTS_DIR.iterdir() if p.name.endswith(".sql")}
    graph = {name: {other for other in found if other != name and re.search(rf"\b{other}\b", _code(m.sql))}
             for name, m in found.items()}
    found = {name: replace(m, depends_on=tuple(sorted(graph[name]))) for name, m in found.items()}
    sorter = TopologicalSorter(graph)
    sorter.prepare()
    order: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        order.extend(ready)
        sorter.done(*ready)
    return tuple(found[name] for name in order)


@cache
def models_reading(*tables: str) -> frozenset[str]:
    """The models that read any of `tables`, themselves or through models they depend on."""
    pattern = re.compile(rf"\b({'|'.join(map(re.escape, tables))})\b")
    found: set[str] = set()
    for m in models():  # dependencies first
        if pattern.search(_code(m.sql)) or found.intersection(m.depends_on):
            found.add(m.name)
    return frozenset(found)


def term_models() -> frozenset[str]:
    """The models that read `paper_terms` or `terms`, themselves or through models they depend on."""
    return models_reading("paper_terms", "terms")


def _code(sql: str) -> str:
    """The SQL without its comments, so a model named in prose is not a dependency."""
    return re.sub(r"--[^\n]*", "", sql)
