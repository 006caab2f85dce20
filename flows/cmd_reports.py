"""`report` and `dashboard`: the static report site and the live explorer, both over the published snapshot."""

from __future__ import annotations

import typer
from rich.console import Console

out = Console(highlight=False, markup=False, soft_wrap=True)  # a long path stays on its line


def register(app: typer.Typer) -> None:
    from flows.cli import CliError, home_of
    from flows.cmd_pipeline import PREFECT_HELP

    @app.command()
    def report(
        ctx: typer.Context,
        marts: bool = typer.Option(True, "--marts/--no-marts",
                                   help="Rebuild and publish the marts first (--no-marts: re-render the last snapshot)."),
        full_marts: bool = typer.Option(False, "--full-marts",
                                        help="Build every mart from scratch instead of only what changed since "
                                             "the last build (the result is the same)."),
        wait: float = typer.Option(60.0, help="Seconds to wait for another run holding the warehouse, then exit 3."),
        prefect: bool = typer.Option(False, "--prefect", help=PREFECT_HELP),
    ) -> int:
        """Build the marts, publish them, and write the static report site to <home>/reports/."""
        from warehouse.published import NothingPublished

        home = home_of(ctx)
        if marts and not home.database.exists():
            raise CliError(f"no warehouse at {home.database}; run `arxiv-digest ingest SOURCES` first")
        if marts:
            from warehouse.db import check_database_file

            check_database_file(home.database)  # one line, not a flow's traceback
        from flows.downstream import build_marts, write_report
        from flows.settings import tracked

        if marts:
            result = build_marts(home, wait, tracked=tracked(prefect), full=full_marts)
            out.print(f"marts: {len(result.rows)} built, published {result.published}")
        try:
            index = write_report(home, tracked=tracked(prefect))
        except NothingPublished as exc:
            raise CliError(str(exc)) from None
        out.print(f"report: {index}")
        return 0

    @app.command()
    def dashboard(
        ctx: typer.Context,
        port: int = typer.Option(8501, min=0, max=65535,
                                 help="Port on 127.0.0.1 to serve the explorer on (0: any free port)."),
    ) -> int:
        """Start the live explorer (Streamlit, offline) on http://127.0.0.1:PORT; Ctrl-C stops it."""
        from dashboards.serve import PortBusy, claim_port, run_dashboard
        from warehouse.published import NothingPublished, snapshot_dir

        home = home_of(ctx)
        try:
            snapshot_dir(home.published)
            port = claim_port(port)  # before Streamlit starts, which would print a traceback instead
        except (PortBusy, NothingPublished) as exc:
            raise CliError(str(exc)) from None
        out.print(f"explorer: http://127.0.0.1:{port}/ (reading {home.published})")
        try:
            return run_dashboard(home, port)
        except NothingPublished as exc:
            raise CliError(str(exc)) from None
