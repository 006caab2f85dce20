"""`feeds list|add|remove`: edit <home>/feeds.toml, the feeds `run`, `ingest` and `serve` read without sources."""

from __future__ import annotations

import os
from typing import Optional

import typer

from flows.cmd_pipeline import BRANCH_HELP, HISTORY_HELP, out


def default_name(source: str) -> str:
    """The feed name the naming rule gives a source: a clone's origin remote, else its repository folder."""
    from warehouse.feed_names import feed_of_path
    from warehouse.git_repos import remote_feed, split_repositories

    repos, _ = split_repositories([source])
    if repos:
        return remote_feed(repos[0])
    return feed_of_path((source if "://" in source else os.path.abspath(source)).rstrip("/") + "/-")


def register(app: typer.Typer) -> None:
    from flows.cli import CliError, home_of

    feeds = typer.Typer(help="List, add or remove the feeds of <home>/feeds.toml.", no_args_is_help=True)
    app.add_typer(feeds, name="feeds")

    def _file(ctx: typer.Context):
        from warehouse.feeds_file import FILE_NAME

        return home_of(ctx).root / FILE_NAME

    @feeds.command("list")
    def list_feeds(ctx: typer.Context) -> int:
        """Print every feed of feeds.toml: name, source and options."""
        from warehouse.feeds_file import load_feeds

        path = _file(ctx)
        listed = load_feeds(path)
        if not listed:
            out.print(f"no feeds in {path}; add one with `arxiv-digest feeds add SOURCE`")
        for f in listed:
            options = [f"branch {f.branch}"] * bool(f.branch) + ["history"] * f.history + (
                [f"categories {', '.join(f.categories)}"] if f.categories else [])
            out.print(f"{f.name}\t{f.source}" + (f"\t({'; '.join(options)})" if options else ""))
        return 0

    @feeds.command("add")
    def add_feed(
        ctx: typer.Context,
        source: str = typer.Argument(..., help="A folder, a git clone or bare repository, or an fsspec URL."),
        name: Optional[str] = typer.Option(None, help="Feed name (default: a clone's origin remote, else its folder)."),
        branch: Optional[str] = typer.Option(None, help=BRANCH_HELP),
        history: bool = typer.Option(False, "--history", help=HISTORY_HELP),
        category: Optional[list[str]] = typer.Option(None, help="Only listings in this category (repeatable)."),
    ) -> int:
        """Add a feed to feeds.toml (its source is checked first: it must exist, a clone must have the branch)."""
        from warehouse.feeds_file import feed_from, load_feeds, save_feeds
        from warehouse.sources import check_sources

        path = _file(ctx)
        listed = load_feeds(path)
        if "://" not in source:
            source = os.path.abspath(source)  # the file is read from any working directory
        check_sources([source], branch=branch, history=history)
        entry = feed_from({"name": name or default_name(source), "source": source, "branch": branch,
                           "history": history, "categories": list(category or [])}, "feed")
        if any(f.name == entry.name for f in listed):
            raise CliError(f"feed {entry.name!r} is already in {path}; pick another --name or remove it first")
        save_feeds(path, [*listed, entry])
        out.print(f"added feed {entry.name} ({entry.source}) to {path}")
        return 0

    @feeds.command("remove")
    def remove_feed(ctx: typer.Context, name: str = typer.Argument(..., help="The feed's name.")) -> int:
        """Remove a feed from feeds.toml (what was loaded from it stays in the warehouse)."""
        from warehouse.feeds_file import load_feeds, save_feeds

        path = _file(ctx)
        listed = load_feeds(path)
        if not any(f.name == name for f in listed):
            known = ", ".join(f.name for f in listed) or "none"
            raise CliError(f"no feed named {name!r} in {path} (feeds: {known}); see `arxiv-digest feeds list`")
        save_feeds(path, [f for f in listed if f.name != name])
        out.print(f"removed feed {name} from {path}")
        return 0
