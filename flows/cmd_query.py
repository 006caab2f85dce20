"""`status` and `sql`: reading the warehouse."""

from __future__ import annotations

import csv
import json
import sys
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


def register(app: typer.Typer) -> None:
    from flows.cli import home_of

    @app.command()
    def status(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Emit JSON.")) -> int:
        """Digests, papers, authors, feeds, and the last run with its outcome."""
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
            out.print(f" last run: {run['flow']} {run['status']} at {run['finished_at']} (new {run['files_new']}, "
                      f"changed {run['files_changed']}, skipped {run['files_skipped']}, rejected {run['files_rejected']})")
        else:
            out.print(" last run: none")
        return 0

    @app.command()
    def sql(ctx: typer.Context, query: str = typer.Argument(..., help="One SELECT statement."),
            fmt: Format = typer.Option(Format.table, "--format", help="table, csv, or json (a list of objects).")) -> int:
        """Run a read-only query against the warehouse."""
        from warehouse.query import run_query

        columns, rows = run_query(home_of(ctx), query)
        if fmt is Format.json:
            print(json.dumps([dict(zip(columns, r)) for r in rows], default=str, ensure_ascii=False))
        elif fmt is Format.csv:
            w = csv.writer(sys.stdout)
            w.writerow(columns)
            w.writerows(rows)
        else:
            table = Table(*columns)
            for r in rows:
                table.add_row(*(Text("" if v is None else str(v)) for v in r))
            out.print(table)
        return 0
