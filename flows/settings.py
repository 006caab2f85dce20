"""Process settings applied before Prefect is imported: its home under the data home, telemetry off."""

from __future__ import annotations

import os

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
