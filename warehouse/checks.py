"""Load-time contract checks (keys, not-null, accepted values, references), generated from the schema."""

from __future__ import annotations

import duckdb

from transforms.schema import TABLES, Table


class ContractViolation(RuntimeError):
    """A batch broke a table contract; the batch is rolled back and the reason recorded."""


def _checks(table: Table) -> list[tuple[str, str]]:
    out = []
    if table.key:
        cols = ", ".join(f'"{c}"' for c in table.key)
        out.append((f"{table.name}: duplicate key ({', '.join(table.key)})",
                    f"select count(*) from (select {cols} from {table.name} group by all having count(*) > 1)"))
    for col in table.columns:
        if not col.nullable:
            out.append((f"{table.name}.{col.name} is null",
                        f'select count(*) from {table.name} where "{col.name}" is null'))
        if col.accepted:
            allowed = ", ".join(f"'{v}'" for v in col.accepted)
            out.append((f"{table.name}.{col.name} not in ({allowed})",
                        f'select count(*) from {table.name} where "{col.name}" not in ({allowed})'))
    for col, target in table.references:
        ref_table, ref_col = target.split(".")
        out.append((f"{table.name}.{col} has no match in {target}",
                    f'select count(*) from {table.name} t where not exists '
                    f'(select 1 from {ref_table} r where r."{ref_col}" = t."{col}")'))
    return out


CHECKS: list[tuple[str, str]] = [c for t in TABLES if t.layer in ("raw", "conformed") for c in _checks(t)]


def violations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every broken contract, as `what (N rows)`; empty when the warehouse is sound."""
    found = []
    for what, query in CHECKS:
        n = con.sql(query).fetchall()[0][0]
        if n:
            found.append(f"{what} ({n} rows)")
    return found


def enforce(con: duckdb.DuckDBPyConnection) -> None:
    """Raise ContractViolation naming every broken contract."""
    broken = violations(con)
    if broken:
        raise ContractViolation("; ".join(broken))
