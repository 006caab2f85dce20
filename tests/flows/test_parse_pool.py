"""Parsing in worker processes loads exactly what parsing in the flow process loads, bad files included."""

from __future__ import annotations

import pytest

import flows.runners
from flows.ingest_plain import ingest_plain
from tests.helpers import fingerprints, write_files
from transforms.generate import build_corpus
from warehouse.home import Home


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_files(build_corpus(12, seed=5).files, tmp_path_factory.mktemp("pool") / "src")


def test_worker_processes_load_the_same_tables_and_lake_files(corpus, tmp_path, monkeypatch):
    inline = ingest_plain([str(corpus)], Home.resolve(tmp_path / "inline"), max_units=4, parse_workers=0)
    monkeypatch.setattr(flows.runners, "POOL_MIN_BYTES", 0)  # every batch to a worker, however small
    shipped = []
    unpack = flows.runners.unpack_parsed
    monkeypatch.setattr(flows.runners, "unpack_parsed", lambda packed: shipped.append(1) or unpack(packed))
    pooled = ingest_plain([str(corpus)], Home.resolve(tmp_path / "pooled"), max_units=4, parse_workers=2)
    assert len(shipped) > 1, "batches came back from worker processes"
    assert pooled == inline
    assert inline["rejected"], "the corpus plants bad files; both ways must reject them with their reasons"
    assert fingerprints(tmp_path / "pooled") == fingerprints(tmp_path / "inline")
    lake = {p.relative_to(tmp_path / "inline" / "lake"): p.read_bytes()
            for p in (tmp_path / "inline" / "lake").rglob("*.parquet")}
    assert {p.relative_to(tmp_path / "pooled" / "lake"): p.read_bytes()
            for p in (tmp_path / "pooled" / "lake").rglob("*.parquet")} == lake


def test_parse_workers_setting(monkeypatch):
    monkeypatch.delenv(flows.runners.PARSE_WORKERS_ENV, raising=False)
    assert flows.runners.parse_workers() == 0, "threads unless asked: workers only pay with idle cores"
    monkeypatch.setenv(flows.runners.PARSE_WORKERS_ENV, "3")
    assert flows.runners.parse_workers() == 3
    monkeypatch.setenv(flows.runners.PARSE_WORKERS_ENV, "many")
    with pytest.raises(flows.runners.TaskRunnerError, match="ARXIV_DIGEST_PARSE_WORKERS"):
        flows.runners.parse_workers()


@pytest.mark.parametrize("cores,load,workers", [(2, 0.3, 2), (2, 0.99, 2), (2, 1.2, 0), (1, 0.0, 0), (8, 0.5, 4),
                                                (8, 7.5, 0)])
def test_auto_parse_workers_use_the_idle_cores(cores, load, workers, monkeypatch):
    """`auto` (the command's default) parses in processes only with more than one core idle, at most four."""
    monkeypatch.setattr(flows.runners.os, "sched_getaffinity", lambda pid: set(range(cores)))
    monkeypatch.setattr(flows.runners.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(flows.runners, "available_memory", lambda: 8 * 2**30)
    monkeypatch.setenv(flows.runners.PARSE_WORKERS_ENV, "auto")
    assert flows.runners.parse_workers() == workers


@pytest.mark.parametrize("free_gib,workers", [(8, 4), (2.6, 4), (2.3, 3), (2.1, 2), (1.9, 0), (None, 4)])
def test_auto_parse_workers_start_only_as_many_as_free_memory_holds(free_gib, workers, monkeypatch):
    monkeypatch.setattr(flows.runners.os, "sched_getaffinity", lambda pid: set(range(8)))
    monkeypatch.setattr(flows.runners.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr(flows.runners, "available_memory", lambda: None if free_gib is None else int(free_gib * 2**30))
    monkeypatch.setenv(flows.runners.PARSE_WORKERS_ENV, "auto")
    assert flows.runners.parse_workers() == workers


def test_the_command_defaults_to_auto_but_keeps_an_explicit_setting(monkeypatch):
    import flows.cli

    seen = []
    env = flows.runners.os.environ
    monkeypatch.setattr(flows.cli, "main", lambda: seen.append(env[flows.runners.PARSE_WORKERS_ENV]))
    monkeypatch.delenv(flows.runners.PARSE_WORKERS_ENV, raising=False)
    flows.cli.console()
    monkeypatch.setenv(flows.runners.PARSE_WORKERS_ENV, "0")
    flows.cli.console()
    assert seen == ["auto", "0"]
