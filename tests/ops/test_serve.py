"""`serve`: the daily pipeline as a scheduled deployment on a real Prefect server, and its refusal without one."""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
from contextlib import contextmanager

import httpx
import pytest

from tests.ops.conftest import CLI, REPO, fingerprints, free_port, query, quiet_env, run_cli, stop

pytestmark = pytest.mark.server


@pytest.mark.parametrize("api_url, says", [
    (None, "error: serve needs a Prefect server; set PREFECT_API_URL"),
    ("http://127.0.0.1:{port}/api", "error: no Prefect server answers at PREFECT_API_URL=http://127.0.0.1:"),
], ids=["unset", "nobody-listening"])
def test_serve_refuses_without_a_prefect_server(api_url, says, corpus, tmp_path):
    extra = {"PREFECT_API_URL": api_url.format(port=free_port())} if api_url else {}
    done = run_cli(quiet_env(tmp_path, **extra), "--home", tmp_path / "home", "serve", corpus, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(says)
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "home" / "warehouse.duckdb").exists()


def wait_for(check, what: str, timeout: float, proc: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"serve exited with {proc.returncode} while waiting for {what}")
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}")


@contextmanager
def served(prefect_server, tmp_path, home, name: str, *options: str, sources):
    """`arxiv-digest serve` as a subprocess on the test server; yields (process, its registered deployment)."""
    env = prefect_server.env(tmp_path, PREFECT_RUNNER_POLL_FREQUENCY="1")
    log = open(tmp_path / "serve.log", "wb")
    serve = subprocess.Popen([CLI, "--home", str(home), "serve", "--name", name, *options, str(sources)],
                             env=env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True)
    try:
        def deployment():
            r = httpx.get(f"{prefect_server.url}/deployments/name/daily-pipeline/{name}", timeout=5)
            return r.json() if r.status_code == 200 else None

        yield serve, wait_for(deployment, "the deployment to register", 60, serve)
    finally:
        stop(serve)
        log.close()


def test_served_run_that_finds_the_warehouse_busy_is_retried_and_completes(prefect_server, corpus, reference, tmp_path):
    home, api = tmp_path / "home", prefect_server.url
    with served(prefect_server, tmp_path, home, "ops-test", "--cron", "30 5 * * *", "--timezone", "Europe/Paris",
                "--wait", "1", "--retries", "1", "--retry-delay", "5", sources=corpus) as (serve, dep):
        schedule = dep["schedules"][0]["schedule"]
        assert (schedule["cron"], schedule["timezone"]) == ("30 5 * * *", "Europe/Paris")
        assert dep["parameters"]["sources"] == [str(corpus)] and dep["parameters"]["home"] == str(home)

        home.mkdir()
        holder = os.open(home / ".writer.lock", os.O_RDWR | os.O_CREAT)
        fcntl.flock(holder, fcntl.LOCK_EX)  # another writer holds the warehouse when the run starts
        # What `prefect deployment run daily-pipeline/ops-test` does, minus a CLI start-up.
        created = httpx.post(f"{api}/deployments/{dep['id']}/create_flow_run", json={}, timeout=10)
        assert created.status_code == 201, created.text
        run_id = created.json()["id"]

        def awaiting_retry():  # from the state history, so a poll that lands just after the retry began still counts
            states = httpx.get(f"{api}/flow_run_states/", params={"flow_run_id": run_id}, timeout=5).json()
            return any(st["name"] == "AwaitingRetry" for st in states)

        try:
            wait_for(awaiting_retry, "the busy first attempt to fail and await its retry", 90, serve)
        finally:
            os.close(holder)  # the other writer finishes

        def finished():
            state = httpx.get(f"{api}/flow_runs/{run_id}", timeout=5).json()["state"]
            return state if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") else None

        state = wait_for(finished, "the triggered run to finish", 150, serve)
        assert state["type"] == "COMPLETED", (tmp_path / "serve.log").read_text()[-3000:]
        assert httpx.get(f"{api}/flow_runs/{run_id}", timeout=5).json()["run_count"] == 2

    assert fingerprints(home) == reference.fingerprints
    assert query(home, "select flow, status from runs") == [("daily", "partial" if reference.code else "ok")]
    assert (home / "published").is_dir(), "the marts were built and published after the ingest"


def test_cron_schedule_fires_the_daily_pipeline_without_anyone_triggering_it(prefect_server, corpus, reference,
                                                                              tmp_path):
    home, api = tmp_path / "home", prefect_server.url
    with served(prefect_server, tmp_path, home, "cron-test", "--cron", "* * * * *", sources=corpus) as (serve, dep):
        def fired_and_finished():  # a run the scheduler made (auto_scheduled), not one created by hand
            runs = httpx.post(f"{api}/flow_runs/filter", timeout=5,
                              json={"deployments": {"id": {"any_": [dep["id"]]}}}).json()
            done = [r for r in runs if r["auto_scheduled"] and r["state_type"] in ("COMPLETED", "FAILED", "CRASHED")]
            return done[0] if done else None

        # the next minute boundary, the runner's 1 s poll, then one pipeline run over the small corpus
        run = wait_for(fired_and_finished, "a scheduled run to fire and finish", 180, serve)
        assert run["state_type"] == "COMPLETED", (tmp_path / "serve.log").read_text()[-3000:]

    assert fingerprints(home) == reference.fingerprints
    assert query(home, "select flow from runs")[0] == ("daily",)
