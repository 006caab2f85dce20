"""`arxiv-digest`: the command line. Global options, error handling and exit codes live here;
each group of commands lives in its own `flows/cmd_*.py` module and registers itself on `app`."""

from __future__ import annotations

import os
import sys
from importlib import import_module

import typer
from rich.console import Console

from flows.settings import configure
from warehouse.home import Home, HomeError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn daily arXiv digest files into a DuckDB warehouse, trend marts and reports.")
err = Console(stderr=True, highlight=False, markup=False, soft_wrap=True)  # paths and SQL as is, one line

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3
COMMAND_MODULES = ["flows.cmd_pipeline", "flows.cmd_query", "flows.cmd_corpus", "flows.cmd_ops", "flows.cmd_reports",
                   "flows.cmd_check", "flows.cmd_feeds", "flows.cmd_search", "flows.cmd_watch"]


class CliError(Exception):
    """A problem the user can fix: printed as one line, never a traceback."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


@app.callback()
def main_options(
    ctx: typer.Context,
    home: str = typer.Option(None, "--home", envvar="ARXIV_DIGEST_HOME", help="Data home (default ./data)."),
    lake: str = typer.Option(None, "--lake", envvar="ARXIV_DIGEST_LAKE",
                             help="Lake location: a folder or an fsspec URL such as s3://bucket/prefix (default <home>/lake)."),
) -> None:
    try:
        resolved = Home.resolve(home, lake)
        configure(resolved, prefect=False)  # the folder itself only once a flow is about to run
    except HomeError as exc:
        raise CliError(str(exc)) from None
    ctx.obj = resolved


def home_of(ctx: typer.Context) -> Home:
    return ctx.find_root().obj


for _name in COMMAND_MODULES:
    import_module(_name).register(app)


# Errors of the warehouse the CLI reports in one line: (module, class name, prefix, exit code). Looked up only in
# modules already imported (an error of a module never imported cannot have been raised), so a reading command
# does not import the writer's modules, fsspec among them, just to name their errors.
_ONE_LINE_ERRORS = [
    ("warehouse.lock", "WarehouseBusy", "busy", EXIT_BUSY),
    ("warehouse.query", "WarehouseLocked", "busy", EXIT_BUSY),
    ("warehouse.home", "HomeError", "error", EXIT_USAGE),
    ("warehouse.sources", "SourceError", "error", EXIT_USAGE),
    ("warehouse.query", "QueryRefused", "error", EXIT_USAGE),
    ("warehouse.query", "WarehouseMissing", "error", EXIT_USAGE),
    ("transforms.watch_lists", "WatchError", "error", EXIT_USAGE),
]


def _one_line(exc: Exception) -> tuple[str, int] | None:
    for module, name, prefix, code in _ONE_LINE_ERRORS:
        cls = getattr(sys.modules.get(module), name, None)
        if cls is not None and isinstance(exc, cls):
            return prefix, code
    return None


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the app and maps errors to one-line messages and exit codes."""
    try:
        result = app(args=argv, standalone_mode=False)
        return result if isinstance(result, int) else EXIT_OK
    except CliError as exc:
        err.print(f"error: {exc}")
        return exc.code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        err.print("aborted")
        return 130
    except typer.TyperException as exc:  # usage errors of typer's own (vendored) click, not the `click` package's
        if type(exc).__name__ == "NoArgsIsHelpError":
            exc.show()  # `arxiv-digest` alone: the help text is the answer
        else:  # one line, where click would print usage, a hint, a blank line and the error
            ctx = getattr(exc, "ctx", None)
            hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
            err.print(f"error: {exc.format_message()}{hint}")
        return EXIT_USAGE
    except Exception as exc:
        known = _one_line(exc)
        if known is None:
            raise
        err.print(f"{known[0]}: {exc}")
        return known[1]


def console() -> int:
    """The `arxiv-digest` command: `main` with idle cores parsing large batches unless
    $ARXIV_DIGEST_PARSE_WORKERS says otherwise (flows.runners.idle_parse_workers)."""
    os.environ.setdefault("ARXIV_DIGEST_PARSE_WORKERS", "auto")
    return main()


if __name__ == "__main__":
    # `python -m flows.cli`: this module runs as __main__, while the command modules import `flows.cli`; run that
    # copy's main, whose CliError is the one they raise (this copy's would not catch it: a traceback, exit 1)
    from flows.cli import console as entry

    sys.exit(entry())
