"""Operations commands: `serve` (the daily schedule), `backfill` (reprocess a date range), `rebuild` (warehouse from lake)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
from typing import Optional

import typer

from flows.cmd_pipeline import (BRANCH_HELP, DASK_ADDRESS_HELP, HISTORY_HELP, PREFECT_HELP, TASK_RUNNER_HELP,
                                exit_code, feeds_or_sources, out, run_ingest)
from flows.settings import prepare_flows, tracked


def register(app: typer.Typer) -> None:
    from flows.cli import CliError, home_of

    @app.command()
    def serve(
        ctx: typer.Context,
        sources: Optional[list[str]] = typer.Argument(None, help="Sources as for `ingest`, read afresh on every run; "
                                                      "none = the feeds of <home>/feeds.toml, read at every run."),
        cron: str = typer.Option("0 6 * * *", help="When to run, as a cron expression."),
        timezone: str = typer.Option("UTC", help="IANA time zone the cron expression is read in."),
        feed: Optional[str] = typer.Option(None, help="Feed name for every source."),
        wait: float = typer.Option(600.0, help="Seconds a run waits for another writer before it fails (then retries)."),
        retries: int = typer.Option(2, help="Times a failed run is retried."),
        retry_delay: int = typer.Option(300, min=0, help="Seconds between retries."),
        name: str = typer.Option("daily", help="Deployment name (the flow is daily-pipeline)."),
        task_runner: str = typer.Option("thread", help=TASK_RUNNER_HELP),
        dask_address: Optional[str] = typer.Option(None, help=DASK_ADDRESS_HELP),
        branch: Optional[str] = typer.Option(None, help=BRANCH_HELP),
        history: bool = typer.Option(False, "--history", help=HISTORY_HELP),
    ) -> int:
        """Serve the daily pipeline (ingest, marts, report) as a scheduled Prefect deployment; needs a Prefect server."""
        from flows.settings import NoServer, require_server
        home = home_of(ctx)
        try:
            ZoneInfo(timezone)  # Cron takes any string; an unknown zone would only fail inside flow.serve
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise CliError(f"invalid schedule --timezone {timezone!r}: not an IANA time zone such as "
                           f"Europe/Berlin ({type(exc).__name__})") from None
        feeds_or_sources(home, sources, branch=branch, history=history)  # a usage error now, not at 06:00
        try:
            require_server()  # before Prefect's import, which would make a Prefect home for a refused command
        except NoServer as exc:
            raise CliError(str(exc)) from None
        prepare_flows()
        from flows.quiet import quiet_expected_failures
        from flows.runners import TaskRunnerError, check_task_runner
        from flows.serve import serve_daily
        from warehouse.lake import Lake

        try:
            check_task_runner(task_runner, dask_address)
            from prefect.schedules import Cron

            Cron(cron, timezone=timezone)
        except TaskRunnerError as exc:
            raise CliError(str(exc)) from None
        except Exception as exc:  # pydantic says what is wrong with the cron expression
            raise CliError(f"invalid schedule --cron {cron!r} --timezone {timezone!r}: "
                           f"{str(exc).splitlines()[-1].strip()}") from None
        Lake(home.lake).check_writable()  # so is a lake on object storage it could not write
        parameters = {"sources": sources or [], "home": str(home.root), "lake": home.lake_url, "feed": feed,
                      "wait_seconds": wait, "task_runner": task_runner, "dask_address": dask_address,
                      "branch": branch, "history": history}
        quiet_expected_failures()  # a run that finds the warehouse busy is retried, not a traceback each time
        serve_daily(parameters, cron=cron, timezone=timezone, retries=retries, retry_delay_seconds=retry_delay, name=name)
        return 0

    @app.command()
    def backfill(
        ctx: typer.Context,
        sources: list[str] = typer.Argument(..., help="Sources as for `ingest`."),
        date_from: datetime = typer.Option(..., "--from", formats=["%Y-%m-%d"], help="First day (YYYY-MM-DD)."),
        date_to: datetime = typer.Option(..., "--to", formats=["%Y-%m-%d"], help="Last day, inclusive."),
        feed: Optional[str] = typer.Option(None, help="Feed name for every source."),
        wait: float = typer.Option(60.0, help="Seconds to wait for another run holding the warehouse, then exit 3."),
        task_runner: str = typer.Option("thread", help=TASK_RUNNER_HELP),
        dask_address: Optional[str] = typer.Option(None, help=DASK_ADDRESS_HELP),
        prefect: bool = typer.Option(False, "--prefect", help=PREFECT_HELP),
    ) -> int:
        """Reprocess every day from --from to --to, even days whose files have not changed."""
        if date_to < date_from:
            raise CliError(f"--to {date_to:%Y-%m-%d} is before --from {date_from:%Y-%m-%d}")
        summary = run_ingest(home_of(ctx), sources, feed=feed, date_from=date_from.date(), date_to=date_to.date(),
                             wait=wait, flow_label="backfill", force=True, task_runner=task_runner,
                             dask_address=dask_address, prefect=prefect)
        return exit_code(summary)

    @app.command()
    def rebuild(
        ctx: typer.Context,
        wait: float = typer.Option(60.0, help="Seconds to wait for another run holding the warehouse, then exit 3."),
        marts: bool = typer.Option(True, help="Also rebuild the marts and the report afterwards."),
        prefect: bool = typer.Option(False, "--prefect", help=PREFECT_HELP),
    ) -> int:
        """Recreate warehouse.duckdb from the lake's committed Parquet files (local or object storage)."""
        from warehouse.rebuild import RebuildError, rebuild as rebuild_warehouse

        home = home_of(ctx)
        try:
            result = rebuild_warehouse(home, wait_seconds=wait)
        except RebuildError as exc:
            raise CliError(str(exc)) from None
        out.print(f"rebuilt {home.database} from {result.files} lake files in {home.lake}; rows " +
                  (", ".join(f"{t} {n}" for t, n in sorted(result.rows.items()) if n) or "none"))
        if result.skipped:
            out.print(f"  passed over {len(result.skipped)} uncommitted lake files")
        if marts:
            from flows.downstream import after_ingest

            for line in after_ingest(home, wait, tracked=tracked(prefect)):
                out.print(line)
        return 0
