"""Two pipeline runs on one warehouse: the second waits for the writer lock or refuses with exit code 3;
either way the tables end up exactly as one run leaves them, and the lake holds only committed files."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tests.ops.conftest import CLI, fingerprints, query, stop
from warehouse.lake import Lake

pytestmark = pytest.mark.server


def wait_for_holder(lock, pid: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Until `pid` holds the writer lock (the lock file names its holder once it has it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text(errors="replace").strip() == f"pid {pid}":
            return
        if proc.poll() is not None:
            pytest.fail(f"first ingest ended before taking the lock: {proc.communicate()}")
        time.sleep(0.05)
    pytest.fail("first ingest never took the writer lock")


def test_second_run_waits_or_refuses_and_tables_equal_one_run(prefect_server, corpus, reference, tmp_path):
    home = tmp_path / "home"
    env = prefect_server.env(tmp_path)
    start = lambda wait: subprocess.Popen([CLI, "--home", str(home), "ingest", "--wait", str(wait), str(corpus)],  # noqa: E731
                                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                          start_new_session=True)
    first = start(300)
    procs = [first]
    try:
        wait_for_holder(home / ".writer.lock", first.pid, first)
        os.kill(first.pid, signal.SIGSTOP)  # a slow first run: it holds the lock for as long as the others need
        try:
            waiter, refuser = start(300), start(0)
            procs += [waiter, refuser]
            refused_out, refused_err = refuser.communicate(timeout=120)
            assert waiter.poll() is None, "the waiting run is still waiting for the lock"
        finally:
            os.kill(first.pid, signal.SIGCONT)
        first_out, first_err = first.communicate(timeout=240)
        waited_out, waited_err = waiter.communicate(timeout=240)
    finally:
        for p in procs:
            stop(p)

    assert refuser.returncode == 3, refused_out + refused_err
    assert "busy: the warehouse at" in refused_err and "gave up after 0s" in refused_err
    assert "Traceback" not in refused_err
    assert first.returncode == reference.code, first_out + first_err
    assert waiter.returncode == 0, waited_out + waited_err
    assert "files new 0, changed 0" in waited_out, "the waiting run found the first run's work done"

    assert fingerprints(home) == reference.fingerprints
    assert query(home, "select count(*) from runs") == [(2,)], "the refused run wrote nothing"
    committed = {r[0] for r in query(home, "select path from lake_files")}
    assert set(Lake(str(home / "lake")).listing()) == committed, "no stray or partial lake files"
