"""Parse-stage throughput on the thread runner against Dask with 1 and with 2 worker processes, in one run.

    .venv/bin/python bench/bench_scale.py [--days 48] [--batch-units 8] [--repeats 3]

Generates a corpus (transforms.generate.generate_corpus(days, seed, feeds=["bench"], entries_per_day=300)),
starts a throwaway `prefect server` on 127.0.0.1 (Dask workers cannot reach an ephemeral API) and a
distributed.LocalCluster per Dask engine, then times a flow that submits every parse batch of the corpus
(flows.ingest.parse_batch over flows.pipeline.batches) and gathers the results. Prints, per engine, the median
wall time and MB/s over the repeats, the ratio to the thread runner, and the fixed overhead: the median wall
time of the same flow over a single one-file batch. The plain-N rows run the same parse on the same cluster
through distributed.Client.map without Prefect, to show what Prefect's task engine on the workers costs.
First it prints the parse stage's own CPU rate (the same work as plain calls, no Prefect, time.process_time),
the figure to scale CPU-hours from. Everything (Prefect home, Dask scratch) lives in a temp dir.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def start_server(scratch: Path) -> tuple[subprocess.Popen, str]:
    """`prefect server start` on a free port; returns the process (own process group) and its API URL."""
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(REPO / ".venv" / "bin" / "prefect"), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env={**os.environ, "PREFECT_SERVER_UI_ENABLED": "false"},
                            stdout=open(scratch / "server.log", "wb"), stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    sys.exit("prefect server did not start within 120 s; see server.log")


def write_corpus(root: Path, days: int) -> list[str]:
    from transforms.generate import generate_corpus

    for f in generate_corpus(days, 17, feeds=["bench"], entries_per_day=300):
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.data)
    return [str(root)]


def cpu_seconds(work) -> float:
    """CPU seconds of the parse stage's body over every batch, in this process, without Prefect."""
    from transforms.units import parse_unit
    from warehouse.sources import read_bytes

    start = time.process_time()
    for batch in work:
        [parse_unit(u, {f.path: read_bytes(f.path) for f in u.files}) for u in batch]
    return time.process_time() - start


def parse_plain(batch):
    """parse_batch's body without Prefect, for the plain-Dask rows."""
    from transforms.units import parse_unit
    from warehouse.sources import read_bytes

    return [parse_unit(u, {f.path: read_bytes(f.path) for f in u.files}) for u in batch]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=48)
    parser.add_argument("--batch-units", type=int, default=8, help="Units per parse task (ingest uses up to 32).")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    (scratch / "prefect").mkdir()
    os.environ.update({"PREFECT_HOME": str(scratch / "prefect"), "DO_NOT_TRACK": "1", "HOME": str(scratch),
                       "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "ERROR",
                       "DASK_TEMPORARY_DIRECTORY": str(scratch / "dask")})
    server, url = start_server(scratch)
    os.environ["PREFECT_API_URL"] = url  # before Prefect is imported: this process and the workers use the server
    try:
        run(scratch, args)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def run(scratch: Path, args) -> None:
    from distributed import Client, LocalCluster
    from prefect import flow
    from prefect_dask import DaskTaskRunner

    from flows.ingest import parse_batch
    from flows.pipeline import batches
    from warehouse.sources import discover

    sources = write_corpus(scratch / "corpus", args.days)
    units = discover(sources).units
    corpus_mb = sum(f.bytes for u in units for f in u.files) / 1e6
    work, one = batches(units, max_units=args.batch_units), [[units[0]]]

    @flow(name="parse-stage")
    def parse_stage(todo):
        futures = [parse_batch.submit(b) for b in todo]
        return sum(p.tables["listings"].num_rows for f in futures for p in f.result())

    def timed(flow_fn, todo) -> list[float]:
        runs = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            flow_fn(todo)
            runs.append(time.perf_counter() - start)
        return runs

    print(f"corpus: {len(units)} units, {sum(len(u.files) for u in units)} files, {corpus_mb:.1f} MB, "
          f"{len(work)} parse batches; {os.cpu_count()} CPUs; repeats {args.repeats}")
    cpu = statistics.median(cpu_seconds(work) for _ in range(args.repeats))
    print(f"parse stage without Prefect: {cpu:.2f} CPU-s -> {corpus_mb / cpu:.1f} MB/s per core")
    results = {}
    parse_stage(one)  # warm imports and the API connection once, outside the timings, as for Dask below
    results["thread"] = (timed(parse_stage, work), timed(parse_stage, one))
    for n in (1, 2):
        with LocalCluster(n_workers=n, processes=True, threads_per_worker=1, dashboard_address=None,
                          local_directory=str(scratch / "dask")) as cluster:
            dask_flow = parse_stage.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))
            dask_flow(one)  # warm the workers' imports once, outside the timings
            results[f"dask-{n}"] = (timed(dask_flow, work), timed(dask_flow, one))
            with Client(cluster) as client:  # the same cluster without Prefect: what the task engine costs
                plain = lambda todo: client.gather(client.map(parse_plain, todo, pure=False))  # noqa: E731
                results[f"plain-{n}"] = (timed(plain, work), timed(plain, one))

    base = statistics.median(results["thread"][0])
    print(f"{'engine':8} {'median s':>9} {'MB/s':>7} {'vs thread':>9} {'1-file run s':>13}")
    for engine, (full, fixed) in results.items():
        med = statistics.median(full)
        print(f"{engine:8} {med:9.2f} {corpus_mb / med:7.2f} {base / med:8.2f}x {statistics.median(fixed):13.2f}")


if __name__ == "__main__":
    main()
