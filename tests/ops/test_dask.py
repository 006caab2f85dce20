"""The parse stage on a real Dask cluster (2 worker processes) leaves the same warehouse as the thread runner."""

from __future__ import annotations

import pytest

from tests.ops.conftest import fingerprints, query, run_cli

pytestmark = pytest.mark.server


@pytest.fixture
def cluster(prefect_server, tmp_path, monkeypatch):
    """distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1) whose workers report to the server."""
    from distributed import LocalCluster

    for key, value in prefect_server.env(tmp_path).items():
        if key.startswith(("PREFECT_", "DASK_")) or key in ("HOME", "DO_NOT_TRACK"):
            monkeypatch.setenv(key, value)  # worker processes inherit this environment
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                      local_directory=str(tmp_path / "dask")) as local:
        yield local


def test_dask_runner_equals_thread_runner(prefect_server, cluster, corpus, reference, tmp_path):
    home = tmp_path / "home"
    done = run_cli(prefect_server.env(tmp_path), "--home", home, "ingest", "--task-runner", "dask",
                   "--dask-address", cluster.scheduler_address, corpus)
    assert done.returncode == reference.code, done.stdout + done.stderr
    assert fingerprints(home) == reference.fingerprints
    assert query(home, "select files_new from runs") == [(reference.fingerprints["files"][0],)]
    assert any("parse_batch" in name for name in cluster.scheduler.task_prefixes), "parse tasks ran on the cluster"


def test_dask_runner_needs_a_prefect_server(corpus, tmp_path):
    from tests.ops.conftest import quiet_env

    done = run_cli(quiet_env(tmp_path), "--home", tmp_path / "home", "ingest", "--task-runner", "dask", corpus,
                   timeout=60)
    assert done.returncode == 2
    assert "needs a Prefect server" in done.stderr and "Traceback" not in done.stderr
