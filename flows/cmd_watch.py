"""`watch add|list|remove|show`: edit and read `<home>/watch.toml`; and `publish_watch`, which `run` and `serve`
call after the report: every list's page and Atom feed under reports/watch/."""

from __future__ import annotations

from typing import Optional

import typer
from rich.console import Console
from rich.text import Text

from warehouse.home import Home

out = Console(highlight=False, markup=False, soft_wrap=True)


def publish_watch(home: Home) -> list[str]:
    """Record each list's new matches and write its page and feed; returns one line saying where (none without lists)."""
    from dashboards.watch_pages import atom, page
    from warehouse.search import SearchUnavailable
    from warehouse.watch import load, update, write_outputs

    if not load(home):
        return []
    try:
        results = update(home)
    except SearchUnavailable:
        return []
    files = {}
    for name, r in results.items():
        files[f"{name}.html"] = page(name, r["entries"], r["since"])
        files[f"{name}.atom"] = atom(name, r["entries"], r["created"])
    folder = write_outputs(home, files)
    new = sum(sum(1 for e in r["entries"] if r["since"] is None or e["matched_at"] > r["since"]) for r in results.values())
    return [f"watch: {len(results)} lists, {new} new matches, pages and Atom feeds in {folder}"]


def register(app: typer.Typer) -> None:
    from flows.cli import CliError, home_of

    watch = typer.Typer(help="Watch lists: authors, terms, categories and feeds to follow (<home>/watch.toml).",
                        no_args_is_help=True)
    app.add_typer(watch, name="watch")

    def _lists(ctx):
        from transforms.watch_lists import WatchError
        from warehouse.watch import load

        try:
            return load(home_of(ctx))
        except WatchError as exc:
            raise CliError(str(exc)) from None

    @watch.command("add")
    def add(
        ctx: typer.Context,
        name: str = typer.Argument(..., help="The list's name (letters, digits, - and _)."),
        author: Optional[list[str]] = typer.Option(None, "--author", help="An author's name (repeatable)."),
        term: Optional[list[str]] = typer.Option(None, "--term", help='A term in the search syntax, e.g. \'"graph neural"\'.'),
        exclude: Optional[list[str]] = typer.Option(None, "--exclude", help="Leave out papers matching this term."),
        category: Optional[list[str]] = typer.Option(None, "--category", help="A category (cs.CV) or archive (cs)."),
        feed: Optional[list[str]] = typer.Option(None, "--feed", help="A feed's name."),
    ) -> int:
        """Create a list, or add entries to it."""
        from transforms.watch_lists import KEYS, WatchError, WatchList, check_entry, check_name, read_lists
        from warehouse.watch import save

        lists = _lists(ctx)
        given = dict(zip(KEYS, (author or [], term or [], exclude or [], category or [], feed or [])))
        try:
            check_name(name)
            for key, values in given.items():
                for value in values:
                    check_entry(name, key, value, f"--{'category' if key == 'categories' else key.rstrip('s')}")
            wl = next((w for w in lists if w.name == name), None) or WatchList(name)
            for key, values in given.items():
                getattr(wl, key).extend(v for v in values if v not in getattr(wl, key))
            read_lists({wl.name: {k: getattr(wl, k) for k in KEYS}}, "watch list")  # the whole list still valid
        except WatchError as exc:
            raise CliError(str(exc)) from None
        path = save(home_of(ctx), [w for w in lists if w.name != name] + [wl])
        out.print(f"watch list {name}: " + "; ".join(f"{k} {len(getattr(wl, k))}" for k in KEYS) + f" ({path})")
        return 0

    @watch.command("list")
    def list_(ctx: typer.Context) -> int:
        """Every list and what it follows."""
        lists = _lists(ctx)
        if not lists:
            out.print(f"no watch lists (add one: arxiv-digest watch add NAME --term WORDS)")
        for wl in lists:
            out.print(Text(wl.name, style="bold"))
            for key in ("authors", "terms", "exclude", "categories", "feeds"):
                if getattr(wl, key):
                    out.print(Text(f"  {key}: " + ", ".join(getattr(wl, key))))
        return 0

    @watch.command("remove")
    def remove(ctx: typer.Context, name: str = typer.Argument(..., help="The list to remove.")) -> int:
        """Remove a list, its state and its page and feed."""
        from warehouse.watch import forget, save

        lists = _lists(ctx)
        if name not in {w.name for w in lists}:
            raise CliError(f"no watch list named {name!r}; `arxiv-digest watch list` shows them")
        save(home_of(ctx), [w for w in lists if w.name != name])
        forget(home_of(ctx), name)
        out.print(f"removed watch list {name}")
        return 0

    @watch.command("show")
    def show(ctx: typer.Context, name: str = typer.Argument(..., help="The list to show."),
             limit: int = typer.Option(20, "--limit", min=1, help="At most this many papers, best first.")) -> int:
        """The papers a list matches now, as `search` prints them."""
        from flows.cmd_query import Format
        from flows.cmd_search import print_hits
        from warehouse.watch import matches

        wl = next((w for w in _lists(ctx) if w.name == name), None)
        if wl is None:
            raise CliError(f"no watch list named {name!r}; `arxiv-digest watch list` shows them")
        print_hits(matches(home_of(ctx), wl, limit=limit), Format.table)
        return 0
