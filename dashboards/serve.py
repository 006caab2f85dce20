"""Starting the live explorer: Streamlit on 127.0.0.1, headless, no usage stats, and its HOME (where it keeps
a machine id and config) inside the data home, so nothing lands in the user's home."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from warehouse.home import Home
from warehouse.published import snapshot_dir

APP = Path(__file__).with_name("app.py")


class PortBusy(Exception):
    """The port the explorer should serve on cannot be bound on 127.0.0.1."""


def claim_port(port: int) -> int:
    """The port to serve on: `port` itself once it binds on 127.0.0.1, or a free one the system picks when it
    is 0. Raises PortBusy when it does not bind, so the user hears it before Streamlit starts."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Streamlit's server binds: a TIME_WAIT port is free
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise PortBusy(f"port {port} on 127.0.0.1 is not available ({exc.strerror or exc}); "
                           f"pick another with --port, e.g. --port 0 for any free one") from None
        return probe.getsockname()[1]


def dashboard_command(home: Home, port: int = 8501) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that run the explorer on `home`'s published snapshot."""
    streamlit_home = home.inside(home.root / "dashboard")
    streamlit_home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "HOME": str(streamlit_home),
        "XDG_CONFIG_HOME": str(streamlit_home / ".config"),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
        "STREAMLIT_GLOBAL_DEVELOPMENT_MODE": "false",
        "STREAMLIT_CLIENT_TOOLBAR_MODE": "viewer",  # no Deploy button: nothing here talks to a cloud
        "ARXIV_DIGEST_HOME": str(home.root),
    }
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP),
           "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           "--", "--home", str(home.root)]
    return cmd, env


def start_dashboard(home: Home, port: int = 8501) -> subprocess.Popen:
    """Start the explorer in the background; raises NothingPublished when no snapshot exists yet."""
    snapshot_dir(home.published)
    cmd, env = dashboard_command(home, port)
    return subprocess.Popen(cmd, env=env, cwd=str(home.root))


def run_dashboard(home: Home, port: int = 8501) -> int:
    """Run the explorer in the foreground until interrupted; returns Streamlit's exit code."""
    process = start_dashboard(home, port)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
