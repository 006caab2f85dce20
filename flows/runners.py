"""Where the parse stage runs: threads in the flow process (default), local worker processes, or a Dask cluster
(the runner itself is built in flows.ingest, beside the flow it runs; this module never imports Prefect).

Loads always stay in the flow process, so DuckDB keeps exactly one writer whichever runner parses.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

TASK_RUNNERS = ("thread", "dask")


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


# --- the local process pool for the parse stage -------------------------------------------------------------

PARSE_WORKERS_ENV = "ARXIV_DIGEST_PARSE_WORKERS"
# A batch below this many source bytes parses in the calling thread: at ~20 MB/s per core a smaller one
# is done before a worker process has started (~0.7 s of imports each) and shipped its tables back.
POOL_MIN_BYTES = 8_000_000


def parse_workers() -> int:
    """Worker processes for the parse stage: $ARXIV_DIGEST_PARSE_WORKERS, a number or `auto`; unset, 0 (parse on
    threads in the flow process). The CLI sets `auto` (`idle_parse_workers`); a script that calls the flows itself
    keeps threads unless it asks, since spawned workers re-import its main module."""
    raw = os.environ.get(PARSE_WORKERS_ENV, "").strip()
    if raw.lower() == "auto":
        return idle_parse_workers()
    try:
        return max(0, int(raw)) if raw else 0
    except ValueError:
        raise TaskRunnerError(f"{PARSE_WORKERS_ENV}={raw!r} is not a number of processes; "
                              "set it to a whole number (0: parse on threads), or auto, or unset it") from None


AUTO_MAX_WORKERS = 4  # beyond this the single loading thread, not parsing, bounds a cold ingest


def idle_parse_workers() -> int:
    """`auto`: one worker per usable core (at most AUTO_MAX_WORKERS, and as many as free memory holds) when at
    least two cores are usable and more than one sits idle by the 1-minute load average; else 0. Each worker
    costs ~0.7 CPU-s to start and only large batches (POOL_MIN_BYTES) use them: the cold generated year took
    24.2 s against 33.9 s on threads on the idle 2-core machine, and on a host busy with other jobs they gained
    nothing (docs/benchmarks.md, "parse worker processes by default")."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        idle = cores - os.getloadavg()[0]
    except OSError:
        idle = 0.0
    if cores < 2 or idle <= 1:
        return 0
    workers = min(cores, AUTO_MAX_WORKERS)
    free = available_memory()
    if free is not None:  # each worker holds ~250 MB at its peak beside the ~0.8 GB of the loading process
        workers = min(workers, int((free - AUTO_KEEP_FREE) // AUTO_WORKER_BYTES))
    return workers if workers >= 2 else 0


AUTO_WORKER_BYTES = 250 * 2**20
AUTO_KEEP_FREE = 1536 * 2**20  # the loading process's peak and some room: workers never push a small box to swap


def available_memory() -> int | None:
    """MemAvailable of /proc/meminfo in bytes, None where there is none (not Linux)."""
    try:
        with open("/proc/meminfo", "rb") as f:
            for line in f:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


class LocalParsePool:
    """Parses large batches in worker processes of this machine, small ones in the calling thread.

    Workers start on the first large batch (spawned, never forked: the flow process runs threads). A batch's tables come back as one Arrow IPC stream per table, not as
    pickled Python objects. Picklable as a pool that parses in place, so a task shipped to another
    machine never tries to use this one's workers.
    """

    def __init__(self, workers: int):
        self.workers = workers
        self._executor = None

    def __reduce__(self):
        return (LocalParsePool, (0,))

    def wants(self, units: list) -> bool:
        return self.workers > 1 and sum(f.bytes for u in units for f in u.files) >= POOL_MIN_BYTES

    def parse(self, units: list) -> list:
        """parse_units(units), in a worker process when the batch is large enough to pay for one."""
        return self.submit(units).result()

    def submit(self, units: list) -> Future:
        """A future of parse_units(units): running in a worker, or already done here for a small batch."""
        from flows.transform_stage import parse_units

        done: Future = Future()
        if not self.wants(units):
            done.set_result(parse_units(units))
            return done

        def unpack(inner: Future) -> None:
            try:
                done.set_result(unpack_parsed(inner.result()))
            except BrokenProcessPool:  # a worker died (killed, out of memory): parse here rather than lose the batch
                self.workers = 0
                done.set_result(parse_units(units))
            except BaseException as exc:
                done.set_exception(exc)

        self._start().submit(parse_packed, units).add_done_callback(unpack)
        return done

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # spawn, not the process-wide forkserver: a server started here would serve (with our preload and
            # state) every other forkserver user in the process, such as the crash tests' target.
            self._executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> "LocalParsePool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def local_parse_pool(batch_count: int, workers: int | None = None) -> LocalParsePool:
    """A pool of min(workers, batch_count) processes (workers: parse_workers() by default)."""
    return LocalParsePool(min(parse_workers() if workers is None else workers, batch_count))


def parse_packed(units: list) -> tuple[list, dict]:
    """In a worker: parse a batch, encode its lake files (the Parquet work then leaves the loading process too),
    and pack it as (per-unit metadata, row counts and lake file bytes, {table: Arrow IPC stream})."""
    import pyarrow as pa

    from flows.transform_stage import parse_units
    from warehouse.lake import encode

    parsed = parse_units(units)
    names = list(dict.fromkeys(name for p in parsed for name in p.tables))
    meta = [(p.unit, p.rejected, p.reason, p.diagnostics, {n: t.num_rows for n, t in p.tables.items()},
             {n: encode(t) for n, t in p.tables.items() if t.num_rows}) for p in parsed]
    streams = {}
    for name in names:
        table = pa.concat_tables([p.tables[name] for p in parsed if name in p.tables])
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        streams[name] = sink.getvalue().to_pybytes()
    return meta, streams


def unpack_parsed(packed: tuple[list, dict]) -> list:
    """parse_packed's result -> ParsedUnits whose tables are zero-copy slices of one table per name."""
    import pyarrow as pa

    from transforms.tables import ParsedUnit

    meta, streams = packed
    tables = {name: pa.ipc.open_stream(data).read_all() for name, data in streams.items()}
    offsets = dict.fromkeys(tables, 0)
    out = []
    for unit, rejected, reason, diagnostics, counts, encoded in meta:
        mine = {}
        for name, n in counts.items():
            mine[name] = tables[name].slice(offsets[name], n)
            offsets[name] += n
        out.append(ParsedUnit(unit, mine, rejected, reason, diagnostics, encoded))
    return out
