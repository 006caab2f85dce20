"""Kill the ingest with SIGKILL at 20+ points across extract, Parquet writing and the DuckDB transaction, then
rerun: the warehouse always passes its contracts, equals a clean run table by table, and the lake holds
exactly the committed Parquet files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.reliability.conftest import CLI, child_env, contract_violations, fingerprints, lake_state, write_files
from tests.reliability.crash_target import publish_forked, rebuild_forked, run_forked
from transforms.generate import build_corpus

DAYS, NEW_DAYS, BATCH = 6, 1, 3  # the rerun loads ~6 units: two transactions

# One kill per scenario (21 points), except where a rerun is itself killed (the GC scenario kills the run that cleans up).
SCENARIOS = [
    ["hash:4"], ["discover:1"],
    ["lake_temp:1"], ["lake_temp:2"],
    ["lake_write:1"], ["lake_write:12"],
    ["before_begin:1"], ["before_begin:2"],
    ["after_delete:1"], ["after_delete:10"],
    ["after_insert:2"], ["after_insert:9"],
    ["after_conformed:1"], ["after_conformed:2"],
    ["before_commit:1"], ["before_commit:2"],
    ["after_commit:1"], ["after_commit:2"],
    ["lake_remove:1"], ["lake_remove:5"],
    ["record_run:1"],
    ["before_begin:2", "lake_remove:1"],   # a run killed while collecting the first run's garbage
    ["after_insert:5", "after_conformed:1"],  # killed twice in a row, in different transactions
]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """A base corpus (already loaded in `base_home`), and the next state: 3 days edited plus a new day."""
    root = tmp_path_factory.mktemp("crash")
    corpus = build_corpus(DAYS + NEW_DAYS, seed=17, entries_per_day=8)
    new_days = sorted({f.path.split("/")[1][:10] for f in corpus.files})[-NEW_DAYS:]
    src = write_files([f for f in corpus.files if not any(d in f.path for d in new_days)], root / "src")
    base_home = root / "base-home"
    assert run_forked(base_home, [src], batch=BATCH) in (0, 1)
    write_files(corpus.files, src)  # the next state, in the same place: new days ...
    edited = [p for p in sorted(src.glob("*/*.md")) if p.stem not in new_days and b"/abs/" in p.read_bytes()][2::5][:3]
    for path in edited:  # ... and edited days, whose rows and lake files a rerun must replace
        data = path.read_bytes()
        path.write_bytes(data.replace(b"](https://arxiv.org/abs/", b" (revised)](https://arxiv.org/abs/", 1))
    clean_home = root / "clean-home"
    assert run_forked(clean_home, [src], batch=16) in (0, 1)
    return {"root": root, "base_home": base_home, "next_src": src, "clean": fingerprints(clean_home),
            "clean_home": clean_home, "edited": edited}


def assert_sound(home: Path, clean: dict | None = None) -> None:
    """Contracts hold, every committed lake file exists; with `clean`: no orphan or temp file, same content."""
    assert contract_violations(home) == []
    committed, on_disk, temps = lake_state(home)
    assert committed <= on_disk, f"committed lake files missing: {sorted(committed - on_disk)[:3]}"
    if clean is not None:
        assert on_disk == committed, f"orphan Parquet files: {sorted(on_disk - committed)[:3]}"
        assert temps == []
        assert fingerprints(home) == clean


def kill_then_rerun(corpora: dict, kills: list[str]) -> None:
    home = corpora["root"] / ("home-" + "-".join(k.replace(":", "") for k in kills))
    shutil.copytree(corpora["base_home"], home)
    for spec in kills:
        assert run_forked(home, [corpora["next_src"]], batch=BATCH, crash_at=spec) == -signal.SIGKILL, \
            f"{spec} was never reached"
        assert_sound(home)  # what a reader sees right after the crash
    assert run_forked(home, [corpora["next_src"]], batch=BATCH) in (0, 1)
    assert_sound(home, corpora["clean"])


def test_next_state_really_replaces_and_adds_days(corpora):
    """The scenario exercises replacement: the clean run differs from the base, and edits reached the files."""
    assert fingerprints(corpora["base_home"]) != corpora["clean"]
    assert len(corpora["edited"]) == 3 and all(b" (revised)]" in p.read_bytes() for p in corpora["edited"])


def test_killed_anywhere_then_rerun_equals_a_clean_run(corpora):
    with ThreadPoolExecutor(max_workers=2) as pool:  # two cores: kill cycles are independent homes
        outcomes = list(pool.map(lambda kills: (kills, _try(corpora, kills)), SCENARIOS))
    failures = [f"{kills}: {error}" for kills, error in outcomes if error]
    assert not failures, "\n".join(failures)


def _try(corpora: dict, kills: list[str]) -> str | None:
    try:
        kill_then_rerun(corpora, kills)
        return None
    except AssertionError as exc:
        return str(exc).splitlines()[0]


def test_rebuild_killed_keeps_the_old_warehouse_and_a_rerun_equals_it(corpora):
    """`rebuild` (warehouse from the lake alone) killed mid-read and just before its swap: the old warehouse
    stays whole each time, and the next rebuild equals the clean run."""
    home = corpora["root"] / "rebuild-home"
    shutil.copytree(corpora["clean_home"], home)
    for spec in ("rebuild_insert:5", "rebuild_swap:1"):
        assert rebuild_forked(home, crash_at=spec) == -signal.SIGKILL, f"{spec} was never reached"
        assert_sound(home, corpora["clean"])
    assert rebuild_forked(home) == 0
    assert_sound(home, corpora["clean"])


def test_rebuild_after_a_killed_ingest_reads_only_committed_files(corpora):
    """Uncommitted Parquet files of a killed ingest are still on disk; a rebuild ignores them."""
    home = corpora["root"] / "rebuild-after-kill"
    shutil.copytree(corpora["base_home"], home)
    assert run_forked(home, [corpora["next_src"]], batch=BATCH, crash_at="before_commit:2") == -signal.SIGKILL
    committed, on_disk, _ = lake_state(home)
    assert on_disk - committed, "the kill left uncommitted lake files behind"
    expected = fingerprints(home)
    assert rebuild_forked(home) == 0
    assert fingerprints(home) == expected and contract_violations(home) == []
    assert run_forked(home, [corpora["next_src"]], batch=BATCH) in (0, 1)
    assert_sound(home, corpora["clean"])


@pytest.mark.parametrize("spec", ["before_commit:1", "after_insert:4"])
def test_forced_reparse_killed_never_touches_committed_lake_files(corpora, spec):
    """A backfill reparses unchanged files into the same version: killed before its commit, every file the
    warehouse commits to is byte for byte as it was, and a rebuild from the lake equals the warehouse."""
    home = corpora["root"] / f"reparse-{spec.replace(':', '')}"
    shutil.copytree(corpora["clean_home"], home)
    lake = home / "lake"
    before = {rel: (lake / rel).read_bytes() for rel in lake_state(home)[0]}
    assert run_forked(home, [corpora["next_src"]], batch=BATCH, crash_at=spec, reparse=True) == -signal.SIGKILL
    assert {rel: (lake / rel).read_bytes() for rel in lake_state(home)[0]} == before
    assert rebuild_forked(home) == 0
    assert fingerprints(home) == corpora["clean"]


def test_publish_killed_keeps_readers_on_the_last_snapshot(corpora):
    """Marts published, then a publish killed mid-export and one killed before its pointer swap: readers stay on
    the last complete snapshot, and the next publish replaces it and leaves no temp folder or pointer behind."""
    from warehouse.published import current_version, open_published

    home = corpora["root"] / "publish-home"
    shutil.copytree(corpora["clean_home"], home)
    root = home / "published"
    assert publish_forked(home) == 0
    first = current_version(root)
    rows = json.loads((root / first / "manifest.json").read_text())["rows"]
    for spec in ("publish_table:3", "publish_swap:1"):
        assert publish_forked(home, crash_at=spec) == -signal.SIGKILL, f"{spec} was never reached"
        assert current_version(root) == first
        con = open_published(root)
        try:
            assert {t: con.sql(f'select count(*) from "{t}"').fetchall()[0][0] for t in rows} == rows
        finally:
            con.close()
    assert publish_forked(home) == 0
    assert current_version(root) != first
    assert [p.name for p in root.iterdir() if p.name.startswith(".")] == []
    assert len([p for p in root.iterdir() if p.is_dir()]) <= 2


@pytest.mark.parametrize("spec", ["after_insert:3", "after_commit:1"])
def test_cli_ingest_killed_then_rerun_equals_a_clean_run(corpora, prefect_api, spec):
    """The real `arxiv-digest ingest` (Prefect flow, default batches) killed mid-transaction and after a commit."""
    home = corpora["root"] / f"cli-home-{spec.replace(':', '')}"
    shutil.copytree(corpora["base_home"], home)
    env = child_env(ARXIV_DIGEST_CRASH_AT=spec, PREFECT_API_URL=prefect_api)
    proc = subprocess.Popen([str(CLI), "--home", str(home), "ingest", str(corpora["next_src"])], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=180)
    finally:
        try:  # the flow process is gone; end anything it started in its own session
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert proc.returncode == -signal.SIGKILL, f"{spec} was never reached: {out}{err}"
    assert_sound(home)
    rerun = subprocess.run([str(CLI), "--home", str(home), "ingest", str(corpora["next_src"])],
                           env=child_env(PREFECT_API_URL=prefect_api), capture_output=True, text=True, timeout=180)
    assert rerun.returncode in (0, 1), rerun.stderr
    assert rerun.stdout.startswith("ingest ")
    assert_sound(home, corpora["clean"])
