"""Fixtures for operations tests: one real Prefect server per session, the CLI as a subprocess with its own
environment (telemetry off, nothing under $HOME), a generated corpus, and a single-run reference warehouse."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from transforms.generate import generate_corpus
from tests.helpers import fingerprints, query  # noqa: F401  (re-exported for the ops tests)

REPO = Path(__file__).resolve().parents[2]
BIN = REPO / ".venv" / "bin"
CLI = str(BIN / "arxiv-digest")


@pytest.fixture(autouse=True)
def prefect_harness():
    """Ops tests talk to a real server in subprocesses; the in-process test harness of tests/flows is not needed."""
    yield


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quiet_env(base: Path, **extra: str) -> dict[str, str]:
    """A subprocess environment: telemetry off, Prefect and Dask state under `base`, HOME redirected there too."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "AWS_", "FSSPEC_", "ARXIV_DIGEST_"))}
    (base / "prefect").mkdir(parents=True, exist_ok=True)
    (base / "dask").mkdir(parents=True, exist_ok=True)
    env.update({
        "HOME": str(base), "PREFECT_HOME": str(base / "prefect"), "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
        "DASK_TEMPORARY_DIRECTORY": str(base / "dask"), "DASK_DISTRIBUTED__WORKER__DAEMON": "false",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


def stop(proc: subprocess.Popen) -> None:
    """Stop a process started with start_new_session=True, and everything it started, by its process group."""
    if proc.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@dataclass
class PrefectServer:
    url: str
    base: Path

    def env(self, base: Path, **extra: str) -> dict[str, str]:
        return quiet_env(base, PREFECT_API_URL=self.url, **extra)


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """`prefect server start` on a free 127.0.0.1 port with its own PREFECT_HOME; stopped by process group at the end."""
    import httpx

    base = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    log = open(base / "server.log", "wb")
    proc = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=quiet_env(base, PREFECT_SERVER_UI_ENABLED="false"), stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"prefect server exited with {proc.returncode}: {(base / 'server.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("prefect server did not answer /api/health within 90 s")
            time.sleep(0.5)
        yield PrefectServer(url, base)
    finally:
        stop(proc)
        log.close()


def run_cli(env: dict, *args, timeout: float = 240) -> subprocess.CompletedProcess:
    """`arxiv-digest ARGS...` as a subprocess; returns the completed process with text stdout/stderr."""
    return subprocess.run([CLI, *map(str, args)], env=env, capture_output=True, text=True, timeout=timeout,
                          cwd=REPO)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """8 generated days of the three demo feeds: small, since every route under test ingests it once or more."""
    root = tmp_path_factory.mktemp("corpus") / "src"
    for f in generate_corpus(8, seed=11):
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.data)
    return root


@dataclass
class Reference:
    home: Path
    fingerprints: dict
    code: int


@pytest.fixture(scope="session")
def reference(prefect_server, corpus, tmp_path_factory) -> Reference:
    """The corpus ingested once, alone, on the thread runner: what every other route must equal."""
    base = tmp_path_factory.mktemp("reference")
    home = base / "home"
    done = run_cli(prefect_server.env(base), "--home", home, "ingest", corpus)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    return Reference(home, fingerprints(home), done.returncode)
