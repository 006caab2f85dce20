"""Load-time contract checks (keys, not-null, accepted values, references), generated from the schema.

At load time each check looks only at the rows the batch can have touched (its digests, its files,
the papers and authors it affected), so the cost of a load does not grow with the warehouse.
`violations(con, scoped=False)` checks every row, for audits and the crash tests.
"""

from __future__ import annotations

import duckdb

from transforms.schema import TABLES, Table


class ContractViolation(RuntimeError):
    """A batch broke a table contract; the batch is rolled back and the reason recorded."""


def batch_scope(table: Table) -> str:
    """SQL predicate selecting the rows of `table` a load batch can have written (temp tables of load.py)."""
    names = set(table.column_names)
    if "digest_id" in names and table.layer == "raw":
        by_path = " or path in (select path from batch_files)" if "path" in names else ""
        return f"(digest_id in (select digest_id from batch_units){by_path})"
    if "arxiv_id" in names:
        return "(arxiv_id in (select arxiv_id from affected_papers))"
    if "author_id" in names:
        return "(author_id in (select author_id from affected_authors))"
    return "true"


def _checks(table: Table, scoped: bool) -> list[tuple[str, str]]:
    """(message, scalar count query) per contract of `table`: key, then not-null and accepted values per
    column, then references."""
    where = batch_scope(table) if scoped else "true"
    out = []
    if table.key:
        cols = ", ".join(f'"{c}"' for c in table.key)
        out.append((f"{table.name}: duplicate key ({', '.join(table.key)})",
                    f"select count(*) from (select {cols} from {table.name} where {where} "
                    f"group by all having count(*) > 1)"))
    for message, predicate in _column_checks(table):
        out.append((message, f"select count(*) from {table.name} where {where} and {predicate}"))
    for col, target in table.references:
        ref_table, ref_col = target.split(".")
        out.append((f"{table.name}.{col} has no match in {target}",
                    f'select count(*) from {table.name} t where {where} and not exists '
                    f'(select 1 from {ref_table} r where r."{ref_col}" = t."{col}")'))
    return out


def _column_checks(table: Table) -> list[tuple[str, str]]:
    """(message, predicate a violating row matches) for each not-null and accepted-values contract."""
    out = []
    for col in table.columns:
        if not col.nullable:
            out.append((f"{table.name}.{col.name} is null", f'"{col.name}" is null'))
        if col.accepted:
            allowed = ", ".join(f"'{v}'" for v in col.accepted)
            out.append((f"{table.name}.{col.name} not in ({allowed})", f'"{col.name}" not in ({allowed})'))
    return out


def _statement(table: Table, scoped: bool, first: int) -> str:
    """One query yielding (check number, violating rows) for every contract of `table`, numbered from `first`.

    The column contracts share one scan (a filtered count each) instead of one scan per contract."""
    where = batch_scope(table) if scoped else "true"
    checks = _checks(table, scoped)
    columns = _column_checks(table)
    by_column = {message for message, _ in columns}
    parts, counts, numbers = [], [], []
    for i, (message, query) in enumerate(checks, first):
        if message in by_column:
            numbers.append(str(i))
            counts.append(f"count(*) filter (where {dict(columns)[message]})")
        else:
            parts.append(f"select {i} as i, ({query}) as n")
    if counts:
        parts.append(f"select unnest([{', '.join(numbers)}]) as i, unnest([{', '.join(counts)}]) as n "
                     f"from {table.name} where {where}")
    return " union all ".join(parts)


_CHECKED = [t for t in TABLES if t.layer in ("raw", "conformed")]
SCOPED = [c for t in _CHECKED for c in _checks(t, scoped=True)]
FULL = [c for t in _CHECKED for c in _checks(t, scoped=False)]


def _union(scoped: bool) -> str:
    parts, first = [], 0
    for table in _CHECKED:
        parts.append(_statement(table, scoped, first))
        first += len(_checks(table, scoped))
    return " union all ".join(parts)


_UNION = {True: _union(True), False: _union(False)}


def violations(con: duckdb.DuckDBPyConnection, *, scoped: bool = False) -> list[str]:
    """Every broken contract, as `what (N rows)`; empty when the warehouse is sound.

    `scoped=True` only looks at the current load batch and needs load.py's temp tables.
    """
    checks = SCOPED if scoped else FULL
    # One round trip for all checks.
    return [f"{checks[i][0]} ({n} rows)"
            for i, n in con.sql(f"select i, n from ({_UNION[scoped]}) where n > 0 order by i").fetchall()]


def enforce(con: duckdb.DuckDBPyConnection, *, scoped: bool = True) -> None:
    """Raise ContractViolation naming every broken contract (by default among the batch's rows)."""
    broken = violations(con, scoped=scoped)
    if broken:
        raise ContractViolation("; ".join(broken))
