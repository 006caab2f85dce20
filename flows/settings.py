"""Process settings applied before Prefect is imported (its home under the data home, telemetry off), the switch
between tracked Prefect runs and the un-orchestrated default, and the check that a Prefect server answers,
which `serve` makes before importing Prefect."""

from __future__ import annotations

import os
from contextlib import ExitStack

from warehouse.home import Home, HomeError

QUIET_PREFECT = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    "PREFECT_CLI_PROMPT": "false",
    # The first start of the ephemeral API migrates its database; on 2 slow cores that can take ~30 s.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def configure(home: Home, *, prefect: bool = True) -> None:
    """Point Prefect at `<home>/prefect` (unless the user configured a PREFECT_HOME or a server) and silence telemetry.
    `prefect`: also create that folder now (`ensure_prefect_home`); the CLI leaves that to the moment a command
    has checked its input and is about to run a flow, so a read-only, mistyped or refused command leaves none.

    Must run before the first `import prefect` in the process: Prefect reads these at import.
    """
    for key, value in QUIET_PREFECT.items():
        os.environ.setdefault(key, value)
    if "PREFECT_HOME" not in os.environ:
        os.environ["PREFECT_HOME"] = str(home.prefect_home)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if prefect:
        ensure_prefect_home()


def ensure_prefect_home() -> None:
    """Create the Prefect home `configure` chose (Prefect does not create it). Raises HomeError when it cannot."""
    try:
        os.makedirs(os.environ["PREFECT_HOME"], exist_ok=True)
    except OSError as exc:
        raise HomeError(f"cannot create the Prefect home {os.environ['PREFECT_HOME']}: {exc.strerror or exc}; "
                        "pass --home DIR (or set PREFECT_HOME) to a folder you can write") from None


def tracked(prefect: bool = False) -> bool:
    """The one switch between the two ways a command runs its flows: True (a Prefect flow run, tracked by a
    server or by an ephemeral API started for this process) when `--prefect` was given or PREFECT_API_URL is
    set; False (the default) runs the same flow bodies un-orchestrated, without importing Prefect."""
    return prefect or bool(os.environ.get("PREFECT_API_URL", "").strip())


_PROCESS = ExitStack()  # settings held for the rest of a CLI process (one command, then exit)


def prepare_flows() -> None:
    """What a command does just before its first flow: create the Prefect home and, without a Prefect server (the
    ephemeral API a CLI run starts for itself), turn flow-run heartbeats off for this process. They feed a server's
    crash detection, which an ephemeral API that ends with the process never runs, and Prefect joins their thread
    at the end of every flow in whole-second sleeps: up to 1 s per flow for nothing (a 0.1 s flow took 1.1 s).
    Against a server (`serve`, or PREFECT_API_URL set) they stay on."""
    ensure_prefect_home()
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, get_current_settings, temporary_settings

    if get_current_settings().api.url is None:
        _PROCESS.enter_context(temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}))


class NoServer(RuntimeError):
    """Scheduling was asked for without a Prefect server to keep the schedule (CLI exit code 2)."""


def require_server() -> str:
    """The PREFECT_API_URL of a server that answers, or NoServer: the ephemeral API never fires schedules."""
    url = os.environ.get("PREFECT_API_URL", "").strip()
    if not url:
        raise NoServer("serve needs a Prefect server; set PREFECT_API_URL (see docs/operations.md)")
    import httpx

    try:
        httpx.get(f"{url.rstrip('/')}/health", timeout=10).raise_for_status()
    except httpx.HTTPError as exc:
        raise NoServer(f"no Prefect server answers at PREFECT_API_URL={url} ({type(exc).__name__}); "
                       "start it with `prefect server start`") from None
    return url
