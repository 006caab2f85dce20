"""Where the parse stage runs: threads in the flow process (default) or a Dask cluster via prefect-dask.

Loads always stay in the flow process, so DuckDB keeps exactly one writer whichever runner parses.
"""

from __future__ import annotations

import os
import tempfile
from functools import partial

TASK_RUNNERS = ("thread", "dask")
DASK_PARSE_AHEAD = 8  # batches in flight on Dask: feeds 8 workers; each costs up to ~50 MB in the flow process


class TaskRunnerError(ValueError):
    """A task-runner choice that cannot work here (CLI exit code 2)."""


def check_task_runner(kind: str, dask_address: str | None) -> None:
    """Refuse, in one line, a runner choice that would fail later inside the flow."""
    if kind not in TASK_RUNNERS:
        raise TaskRunnerError(f"unknown task runner {kind!r}; choose one of: {', '.join(TASK_RUNNERS)}")
    if dask_address and kind != "dask":
        raise TaskRunnerError("--dask-address needs --task-runner dask")
    if kind == "dask" and not os.environ.get("PREFECT_API_URL"):
        # Dask workers are other processes: they cannot reach the flow process's ephemeral API.
        raise TaskRunnerError("--task-runner dask needs a Prefect server; set PREFECT_API_URL (docs/scaling.md)")


def task_runner_for(kind: str, dask_address: str | None = None):
    """`thread` -> None (the flow's own thread pool); `dask` -> a DaskTaskRunner on `dask_address`,
    or on a throwaway local cluster of 2 worker processes when no address is given."""
    if kind == "thread":
        return None
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    scratch = os.environ.get("DASK_TEMPORARY_DIRECTORY") or tempfile.gettempdir()
    return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "processes": True, "threads_per_worker": 1,
                                          "local_directory": scratch, "dashboard_address": None})


def ingest_flow(kind: str = "thread", dask_address: str | None = None):
    """The `ingest` flow, with its parse tasks sent to the chosen runner; on Dask with enough parse batches
    in flight (DASK_PARSE_AHEAD) to keep a cluster's workers busy."""
    from flows.ingest import ingest

    runner = task_runner_for(kind, dask_address)
    if runner is None:
        return ingest
    return partial(ingest.with_options(task_runner=runner), parse_ahead=DASK_PARSE_AHEAD)
