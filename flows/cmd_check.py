"""`check`: how faithfully sources parse, per feed and field, before anything is loaded."""

from __future__ import annotations

import json
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

out = Console(highlight=False, markup=False, soft_wrap=True)
CHECK_BATCH = 32  # units parsed at a time: only their `fidelity` rows are kept, so memory stays flat


def check_sources(sources: list[str], feed: str | None,
                  bound: float) -> tuple[int, list[dict], list[tuple[str, str]]]:
    """Discover and parse `sources` exactly as `ingest` does, keeping only the fidelity rows; loads nothing and
    needs no warehouse. Returns (units parsed, feed_fidelity rows at `bound`, (file, reason) of each file ingest
    would reject)."""
    from flows.transform_stage import parse_units
    from warehouse.fidelity import rows_of_tables
    from warehouse.sources import discover

    units = discover(sources, feed=feed).units
    tables, rejected = [], []
    for start in range(0, len(units), CHECK_BATCH):
        for parsed in parse_units(units[start:start + CHECK_BATCH]):
            tables.append(parsed.tables["fidelity"])
            rejected += [(f.path, parsed.reason) for f in parsed.unit.files] if parsed.rejected else []
    return len(units), rows_of_tables(tables, bound), rejected


def fidelity_table(rows: list[dict]) -> Table:
    """Per feed and field: completeness and twin agreement (`-` where not measured), `!` below the bound."""
    table = Table(box=None, pad_edge=False)
    for name in ("feed", "field", "complete", "twin", "compared"):
        table.add_column(name, justify="left" if name in ("feed", "field") else "right",
                         overflow="fold" if name == "feed" else "ellipsis")
    cells: dict[tuple[str, str], dict] = {}
    for r in rows:
        if r["scope"] == "feed":
            cells.setdefault((r["feed"], r["field"]), {})[r["measure"]] = r
    shown_feed = None
    for (feed, field), by in cells.items():
        share = {m: (f"{r['share']:.1%}" + (" !" if r["flagged"] else "  ")) for m, r in by.items()}
        compared = by.get("twin", {}).get("n")
        table.add_row(Text(feed if feed != shown_feed else ""), field, share.get("complete", "-  "),
                      share.get("twin", "-  "), str(compared) if compared is not None else "-")
        shown_feed = feed
    return table


def fidelity_overview(rows: list[dict]) -> Table:
    """Per feed: its lowest completeness and lowest twin agreement, each with its field (`!` below the bound)."""
    table = Table(box=None, pad_edge=False)
    for name in ("feed", "lowest complete", "lowest twin agreement"):
        table.add_column(name, overflow="fold" if name == "feed" else "ellipsis")
    worst: dict[str, dict[str, dict]] = {}
    for r in rows:
        if r["scope"] == "feed":
            by = worst.setdefault(r["feed"], {})
            if r["measure"] not in by or r["share"] < by[r["measure"]]["share"]:
                by[r["measure"]] = r
    for feed, by in worst.items():
        cell = {m: f"{r['share']:.1%} {r['field']}" + (" !" if r["flagged"] else "") for m, r in by.items()}
        table.add_row(Text(feed), cell.get("complete", "-"), cell.get("twin", "- (no twins)"))
    return table


def register(app: typer.Typer) -> None:
    from flows.cli import CliError

    @app.command()
    def check(
        sources: list[str] = typer.Argument(..., help="Sources as for `ingest`: files, directories, globs or URLs."),
        min_share: float = typer.Option(0.99, "--min", help="Bound (0 to 1): a field below it fails the check."),
        feed: Optional[str] = typer.Option(None, help="Feed name for every source (as for `ingest`)."),
        as_json: bool = typer.Option(False, "--json", help="Emit the rows as JSON."),
    ) -> int:
        """Parse sources as ingest would and report, per feed and field, completeness and agreement with the .jsonl
        twins, with the worst examples. Loads nothing. Exit 1 when a feed or a run of days is below --min, or when
        ingest would reject a file."""
        from flows.cli import EXIT_PARTIAL
        from warehouse.fidelity import flag_line

        if not 0.0 <= min_share <= 1.0:
            raise CliError(f"--min {min_share:g} is not a share; give a number from 0 to 1, such as 0.99")
        n_units, rows, rejected = check_sources(sources, feed, min_share)
        flagged = [r for r in rows if r["flagged"]]
        failed = bool(flagged or rejected)
        if as_json:
            print(json.dumps({"min": min_share, "days": n_units, "ok": not failed, "rows": rows,
                              "rejected": [{"path": p, "reason": why} for p, why in rejected]},
                             default=str, ensure_ascii=False, indent=1))
            return EXIT_PARTIAL if failed else 0
        if not n_units:
            out.print("found no digest to check: no *.md or *.jsonl file with a YYYY-MM-DD date in its name "
                      "under the sources")
            return 0
        feeds = sorted({r["feed"] for r in rows})
        out.print(f"checked {n_units} days of {len(feeds)} feeds; bound {min_share:.1%} "
                  "(complete: entries holding the field; twin: digest agreeing with its .jsonl twin)")
        if rows:
            out.print(fidelity_table(rows))
        for path, why in rejected:
            out.print(Text(f"  would reject {path}: {why}"))
        if not flagged:
            out.print("every field of every feed is at or above the bound")
            return EXIT_PARTIAL if rejected else 0
        out.print(f"{len(flagged)} below the bound (the worst day's first example each):")
        for r in flagged:
            out.print(Text("  " + flag_line(r)))
        return EXIT_PARTIAL
