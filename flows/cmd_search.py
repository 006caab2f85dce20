"""`search`: full-text search over every paper the warehouse holds, or the papers nearest one (`--like`)."""

from __future__ import annotations

import csv
import json
import sys
from datetime import datetime
from typing import Optional

import typer
from rich.console import Console
from rich.text import Text

from flows.cmd_query import Format

out = Console(highlight=False, markup=False, soft_wrap=True)
QUERY_HELP = ('Words (all must match), "exact phrases", -excluded, ti:word, au:name, cat:cs.CV (or cat:cs), '
              "feed:NAME. Quote the whole query for the shell.")


def hit_record(hit) -> dict:
    """One hit as a flat record for csv and json; matched terms in the snippet between ** and **."""
    from transforms.search_text import marked_text

    return {"arxiv_id": hit.arxiv_id, "title": hit.title, "authors": hit.authors, "first_seen": hit.first_seen,
            "last_seen": hit.last_seen, "feeds": hit.feeds, "categories": hit.categories, "url": hit.url,
            "snippet": marked_text(hit.snippet), "score": round(hit.score, 4)}


def print_hits(hits: list, fmt: Format) -> None:
    """Hits in the chosen format; the table form marks matched terms in bold (** ** when not a terminal)."""
    if fmt is Format.json:
        print(json.dumps([hit_record(h) for h in hits], ensure_ascii=False))
        return
    if fmt is Format.csv:
        w = csv.writer(sys.stdout)
        w.writerow(list(hit_record(hits[0]) if hits else ["arxiv_id", "title", "authors", "first_seen", "last_seen",
                                                                  "feeds", "categories", "url", "snippet", "score"]))
        w.writerows([json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for v in hit_record(h).values()]
                    for h in hits)
        return
    if not hits:
        out.print("no paper matches")
    for n, h in enumerate(hits, 1):
        out.print(Text(f"{n:>3}. {h.arxiv_id}  {h.title}", style="bold"))
        out.print(Text(f"     first {h.first_seen}, last {h.last_seen}; feeds: {', '.join(h.feeds)}; {h.url}"))
        line = Text("     ")
        for piece, matched in h.snippet:
            if out.is_terminal:
                line.append(piece, style="reverse" if matched else "")
            else:
                line.append(f"**{piece}**" if matched else piece)
        out.print(line)


def register(app: typer.Typer) -> None:
    from flows.cli import CliError, home_of

    @app.command()
    def search(
        ctx: typer.Context,
        query: Optional[list[str]] = typer.Argument(None, help=QUERY_HELP),
        like: Optional[str] = typer.Option(None, "--like", help="Papers nearest this arXiv id (title and abstract)."),
        date_from: Optional[datetime] = typer.Option(None, "--from", formats=["%Y-%m-%d"],
                                                     help="Only papers listed on or after this day."),
        date_to: Optional[datetime] = typer.Option(None, "--to", formats=["%Y-%m-%d"],
                                                   help="Only papers listed on or before this day."),
        limit: int = typer.Option(20, "--limit", min=1, max=10_000, help="At most this many papers, best first."),
        fmt: Format = typer.Option(Format.table, "--format", help="table, csv, or json (a list of objects)."),
    ) -> int:
        """Search titles (boosted), TL;DRs, abstracts and keywords of every paper; BM25 ranking."""
        from transforms.search_query import QuerySyntaxError
        from warehouse.search import search as run_search
        from warehouse.search import similar

        text = " ".join(query or []).strip()
        if like and text:
            raise CliError("give either a QUERY or --like ARXIV_ID, not both")
        if not like and not text:
            raise CliError('missing QUERY: e.g. arxiv-digest search \'"language model" -survey\' (or --like ARXIV_ID)')
        if date_from and date_to and date_to < date_from:
            raise CliError(f"--to {date_to:%Y-%m-%d} is before --from {date_from:%Y-%m-%d}")
        home = home_of(ctx)
        if like:
            hits = similar(home, like.strip(), limit=limit)
        else:
            try:
                hits = run_search(home, text, date_from=date_from and date_from.date(),
                                  date_to=date_to and date_to.date(), limit=limit)
            except QuerySyntaxError as exc:
                raise CliError(str(exc)) from None
        print_hits(hits, fmt)
        return 0
