"""Prefect as a CLI run uses it: without a server, flow-run heartbeats are off (nothing reads them, and Prefect
waits up to a second at the end of every flow for their thread); against a server they stay on."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.reliability.conftest import REPO

PROBE = """
import sys
from flows.settings import configure, prepare_flows
from warehouse.home import Home
configure(Home.resolve(sys.argv[1]), prefect=False)
prepare_flows()
from prefect.settings import get_current_settings
print(get_current_settings().flows.heartbeat_frequency)
"""


def _heartbeat(tmp_path, **env) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "home")], capture_output=True, text=True,
                          env={**clean, "PYTHONPATH": str(REPO), **env}, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_without_a_server_flow_heartbeats_are_off(tmp_path):
    assert _heartbeat(tmp_path) == "None"
    assert (tmp_path / "home" / "prefect").is_dir()  # prepare_flows also made the Prefect home


def test_against_a_server_flow_heartbeats_stay_on(tmp_path):
    # a server would watch for flow runs that stop beating; nothing is contacted by reading the setting
    assert _heartbeat(tmp_path, PREFECT_API_URL="http://127.0.0.1:9/api") == "180"
