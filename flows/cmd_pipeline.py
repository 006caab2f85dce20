"""`ingest` and `run`: the pipeline commands."""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from warehouse.home import Home

out = Console(highlight=False, markup=False, soft_wrap=True)
DEMO_DAYS, DEMO_SEED = 60, 7


def _progress() -> Progress:
    console = Console(stderr=True)  # a bar only on a terminal: a log file or pipe gets no stray blank line
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=not console.is_terminal)


def feeds_or_sources(home: Home, sources: list[str] | None, *, branch: str | None = None,
                     history: bool = False) -> list[dict] | None:
    """Check the sources (one-line errors: missing, no repository, no branch); with none, the feeds of
    <home>/feeds.toml, each checked, as flow parameters (None when sources were given)."""
    from flows.cli import CliError
    from warehouse.feeds_file import FILE_NAME, load_feeds
    from warehouse.sources import SourceError, check_sources

    if sources:
        check_sources(sources, branch=branch, history=history)
        return None
    path = home.root / FILE_NAME
    feeds = load_feeds(path)
    if not feeds:
        raise CliError(f"no sources given and no feeds in {path}; name files, folders or clones, "
                       "or add feeds with `arxiv-digest feeds add NAME SOURCE`")
    seen: dict[str, str] = {}
    for f in feeds:
        where = f.source if "://" in f.source else os.path.realpath(f.source)
        if seen.setdefault(where, f.name) != f.name:  # its files would be two feeds' days: one row each cannot be
            raise CliError(f"feeds {seen[where]!r} and {f.name!r} in {path} read the same source {f.source}; "
                           "list each source once (`arxiv-digest feeds remove NAME`)")
        try:
            check_sources([f.source], branch=f.branch, history=f.history)
        except SourceError as exc:
            raise CliError(f"feed {f.name!r} in {path}: {exc}") from None
    return [f.as_dict() for f in feeds]


def run_ingest(home: Home, sources: list[str] | None, *, feed: str | None = None, date_from: date | None = None,
               date_to: date | None = None, wait: float = 60.0, flow_label: str = "ingest", force: bool = False,
               task_runner: str = "thread", dask_address: str | None = None, branch: str | None = None,
               history: bool = False, prefect: bool = False):
    """Validate the sources (none: the feeds of <home>/feeds.toml), run the ingest with a progress bar, print the
    summary; returns the summary. Tracked (`prefect`, PREFECT_API_URL or Dask): the Prefect flow; else the same
    body un-orchestrated."""
    from flows.cli import CliError
    from flows.progress import set_progress_hook
    from flows.quiet import quiet_expected_failures
    from flows.runners import TaskRunnerError, check_task_runner, parse_workers
    from flows.settings import prepare_flows, tracked
    from warehouse.db import check_database_file
    from warehouse.lake import Lake
    from warehouse.sources import max_file_bytes

    feeds = feeds_or_sources(home, sources, branch=branch, history=history)  # a usage error before any flow starts
    max_file_bytes()  # so is a bad ARXIV_DIGEST_MAX_FILE_MB
    try:
        parse_workers()  # ... and a bad ARXIV_DIGEST_PARSE_WORKERS
        check_task_runner(task_runner, dask_address)
    except TaskRunnerError as exc:
        raise CliError(str(exc)) from None
    Lake(home.lake).check_writable()  # and so is a lake on object storage this run could not write
    check_database_file(home.database)  # ... or a warehouse file that is no database
    if tracked(prefect) or task_runner != "thread":
        prepare_flows()  # only now: a refused command leaves no folder behind
        from flows.ingest import ingest_flow  # imports Prefect: the tracked path only

        quiet_expected_failures()  # a busy warehouse is reported below in one line, not as a traceback
        ingest = partial(ingest_flow(task_runner, dask_address), sources or [], str(home.root), home.lake_url, feed,
                         date_from, date_to, wait, flow_label, force, branch=branch, history=history, feeds=feeds)
    else:  # the same body, un-orchestrated: no Prefect import, no API to start
        from flows.ingest_plain import ingest_local

        ingest = partial(ingest_local, sources or [], home, feed=feed, date_from=date_from, date_to=date_to,
                         wait_seconds=wait, flow_label=flow_label, force=force, branch=branch, history=history,
                         feeds=feeds)
    with _progress() as bar:
        task = bar.add_task("loading batches", total=None)
        set_progress_hook(lambda done, total: bar.update(task, completed=done, total=total))
        try:
            summary = ingest()
        finally:
            set_progress_hook(None)
    print_summary(summary, flow_label)
    return summary


def print_summary(summary, label: str = "ingest") -> None:
    p = summary.plan
    out.print(f"{label} {summary.status}: files new {p.new}, changed {p.changed}, skipped {p.skipped}, "
              f"rejected {len(summary.rejected)}; rows " +
              (", ".join(f"{t} {n}" for t, n in sorted(summary.rows.items()) if n) or "none"))
    if not (p.new or p.changed or p.skipped or summary.rejected):
        out.print("  found no digest to load: no *.md or *.jsonl file with a YYYY-MM-DD date in its name"
                  + (" in the date range" if label == "backfill" else "") + " under the sources")
    for path, why in summary.rejected:
        out.print(f"  rejected {path}: {why}")
    for why in summary.failed_batches:
        out.print(f"  batch not loaded: {why}")
    for path, why in summary.ignored:
        out.print(f"  ignored {path}: {why}")


def exit_code(summary) -> int:
    return 1 if summary.rejected or summary.failed_batches else 0


TASK_RUNNER_HELP = "Where parse tasks run: thread (this process) or dask (a Dask cluster; needs a Prefect server)."
DASK_ADDRESS_HELP = "Dask scheduler, e.g. tcp://10.0.0.5:8786 (default with dask: a local 2-worker cluster)."
PREFECT_HELP = ("Run as tracked Prefect flow runs (artifacts, UI): against PREFECT_API_URL if set, else an ephemeral "
                "API started for this command (~10 s). Default without PREFECT_API_URL: the same flows, untracked.")
BRANCH_HELP = "Git sources: the branch holding the days, e.g. data (default: the repository's HEAD branch)."
HISTORY_HELP = "Git sources: every day the branch ever held (the last version of each), not only its tip."


def register(app: typer.Typer) -> None:
    from flows.cli import home_of

    @app.command()
    def ingest(
        ctx: typer.Context,
        sources: Optional[list[str]] = typer.Argument(None, help="Files, directories (recursive), globs, fsspec URLs, "
                                                      "git clones or bare repositories; none = <home>/feeds.toml."),
        feed: Optional[str] = typer.Option(None, help="Feed name for every source (default: a clone's origin remote, "
                                           "else the repository folder; generic folders such as data/ climbed out of)."),
        branch: Optional[str] = typer.Option(None, help=BRANCH_HELP),
        history: bool = typer.Option(False, "--history", help=HISTORY_HELP),
        wait: float = typer.Option(60.0, help="Seconds to wait for another run holding the warehouse, then exit 3."),
        task_runner: str = typer.Option("thread", help=TASK_RUNNER_HELP),
        dask_address: Optional[str] = typer.Option(None, help=DASK_ADDRESS_HELP),
        prefect: bool = typer.Option(False, "--prefect", help=PREFECT_HELP),
    ) -> int:
        """Load digest files into the lake and the warehouse; unchanged files are skipped."""
        return exit_code(run_ingest(home_of(ctx), sources, feed=feed, wait=wait, task_runner=task_runner,
                                    dask_address=dask_address, branch=branch, history=history, prefect=prefect))

    @app.command()
    def run(
        ctx: typer.Context,
        sources: Optional[list[str]] = typer.Argument(None, help="Sources as for `ingest`; none = the feeds of "
                                                      "<home>/feeds.toml, else the demo corpus."),
        feed: Optional[str] = typer.Option(None, help="Feed name for every source."),
        branch: Optional[str] = typer.Option(None, help=BRANCH_HELP),
        history: bool = typer.Option(False, "--history", help=HISTORY_HELP),
        wait: float = typer.Option(60.0, help="Seconds to wait for another run holding the warehouse."),
        task_runner: str = typer.Option("thread", help=TASK_RUNNER_HELP),
        dask_address: Optional[str] = typer.Option(None, help=DASK_ADDRESS_HELP),
        prefect: bool = typer.Option(False, "--prefect", help=PREFECT_HELP),
    ) -> int:
        """Ingest, then build the marts and the report site; with no sources, on a generated demo corpus."""
        from warehouse.feeds_file import FILE_NAME, load_feeds

        home = home_of(ctx)
        demo = not sources and not load_feeds(home.root / FILE_NAME)
        if demo:
            from flows.cmd_corpus import write_demo_corpus

            corpus = home.root / "demo-corpus"
            if not corpus.exists():
                write_demo_corpus(corpus, DEMO_DAYS, DEMO_SEED)
                out.print(f"generated a {DEMO_DAYS}-day demo corpus in {corpus}")
            sources = [str(corpus)]
        summary = run_ingest(home, sources, feed=feed, wait=wait, task_runner=task_runner, dask_address=dask_address,
                             branch=branch, history=history, prefect=prefect)
        from flows.downstream import after_ingest
        from flows.settings import tracked

        for line in after_ingest(home, wait, tracked=tracked(prefect) or task_runner != "thread"):
            out.print(line)
        out.print(f"warehouse: {home.database}")
        out.print(f'query it:  arxiv-digest --home {home.root} sql "select count(*) from papers"')
        if demo and summary.rejected and not summary.failed_batches:
            out.print("(the demo corpus plants bad files on purpose: their rejection is the expected outcome)")
            return 0
        return exit_code(summary)
