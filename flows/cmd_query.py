"""`status` and `sql`: reading the warehouse."""

from __future__ import annotations

import csv
import json
import math
import sys
from datetime import timezone
from enum import Enum

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

out = Console(highlight=False, markup=False, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def unique_names(columns: list[str]) -> list[str]:
    """Column names made unique the way DuckDB names a table's repeated columns (a, a_1, a_2), never taking a
    name another column already has."""
    taken, out = set(columns), []
    assigned: set[str] = set()
    for name in columns:
        unique, n = name, 0
        while unique in assigned or (n and unique in taken):
            n += 1
            unique = f"{name}_{n}"
        assigned.add(unique)
        out.append(unique)
    return out


def json_value(value: object) -> object:
    """JSON has no NaN or infinity: those floats become null (json.dumps would write invalid JSON)."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def csv_value(value: object) -> object:
    """Lists and structs as JSON text in a CSV cell, not Python's repr."""
    return json.dumps(value, default=str, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def register(app: typer.Typer) -> None:
    from flows.cli import home_of

    @app.command()
    def status(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Emit JSON.")) -> int:
        """Digests, papers, authors, feeds, the last run with its outcome, and per feed its fields' completeness and
        agreement with the .jsonl twins, flagging each feed or run of days below 99%."""
        from warehouse.status import warehouse_status

        st = warehouse_status(home_of(ctx))
        if as_json:
            print(json.dumps(st, default=str, indent=2))
            return 0
        for key in ("digests", "feeds", "papers", "listings", "authors", "rejects"):
            out.print(f"{key:>9}: {st[key]}")
        out.print(f"     days: {st['first_day']} .. {st['last_day']}")
        run = st["last_run"]
        if run:
            when = run["finished_at"] or run["started_at"]
            out.print(f" last run: {run['flow']} {run['status']} at {when.astimezone(timezone.utc):%Y-%m-%d %H:%M:%S} UTC "
                      f"(new {run['files_new']}, changed {run['files_changed']}, skipped {run['files_skipped']}, "
                      f"rejected {run['files_rejected']})")
            if run["status"] == "failed" and run["message"]:
                out.print(Text(f"           {run['message']}"))
        else:
            out.print(" last run: none")
        if st["per_feed"]:
            table = Table(box=None, pad_edge=False)
            table.add_column("feed", overflow="fold")  # feed names are folder names: shown whole
            rewrites = any(f["rewritten_days"] for f in st["per_feed"])  # only git histories rewrite: else no column
            for name in ("digests", "first day", "last day", "missing days", "rejects") + ("rewritten days",) * rewrites:
                table.add_column(name, justify="left" if name.endswith(" day") else "right", no_wrap=True)
            for f in st["per_feed"]:
                table.add_row(Text(f["feed"]), str(f["digests"]), f["first_day"] or "-", f["last_day"] or "-",
                              str(f["missing_days"]), str(f["rejects"]), *[str(f["rewritten_days"])] * rewrites)
            out.print(table)
        if st["fidelity"]:
            from flows.cmd_check import fidelity_overview
            from warehouse.fidelity import flag_line

            out.print("fields (complete: loaded entries holding the field; twin: digest agreeing with its .jsonl twin)")
            out.print(fidelity_overview(st["fidelity"]))
            flagged = [r for r in st["fidelity"] if r["flagged"]]
            out.print(f"{len(flagged)} below 99%" + (":" if flagged else ": every field of every feed is complete "
                                                                      "and agrees with its twins"))
            for r in flagged:
                out.print(Text("  " + flag_line(r)))
        return 0

    @app.command()
    def sql(ctx: typer.Context, query: str = typer.Argument(..., help="One SELECT statement."),
            fmt: Format = typer.Option(Format.table, "--format", help="table, csv, or json (a list of objects).")) -> int:
        """Run a read-only query against the warehouse."""
        from warehouse.query import run_query

        columns, rows = run_query(home_of(ctx), query)
        if fmt is Format.json:
            keys = unique_names(columns)  # `select * from a join b` repeats names; objects cannot
            print(json.dumps([dict(zip(keys, map(json_value, r))) for r in rows], default=str, ensure_ascii=False,
                             allow_nan=False))
        elif fmt is Format.csv:
            w = csv.writer(sys.stdout)
            w.writerow(columns)
            w.writerows([csv_value(v) for v in r] for r in rows)
        else:
            table = Table(*columns)
            for r in rows:
                table.add_row(*(Text("" if v is None else str(v)) for v in r))
            out.print(table)
        return 0
