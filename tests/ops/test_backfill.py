"""`backfill` reprocesses every day in its range even when nothing changed; a backfill killed half-way and
run again leaves the warehouse exactly as one clean run does (a rerun after failure is safe)."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from tests.ops.conftest import fingerprints, query, run_cli
from warehouse.lake import Lake
from transforms.parse import date_in_name

pytestmark = pytest.mark.server

FROM, TO = date(2026, 1, 8), date(2026, 1, 10)


def test_backfill_killed_then_rerun_reprocesses_the_range_and_matches_one_run(prefect_server, corpus, reference,
                                                                              tmp_path):
    home = tmp_path / "home"
    shutil.copytree(reference.home, home, ignore=shutil.ignore_patterns("prefect", ".writer.lock"))
    in_range = [p for p in corpus.rglob("*") if p.is_file() and (d := date_in_name(p.name)) and FROM <= d <= TO]
    assert in_range
    args = ("--home", home, "backfill", "--from", FROM.isoformat(), "--to", TO.isoformat(), corpus)

    killed = run_cli(prefect_server.env(tmp_path, ARXIV_DIGEST_CRASH_AT="after_commit:1"), *args)
    assert killed.returncode == -9, "the crash point killed the first backfill after its first commit"

    again = run_cli(prefect_server.env(tmp_path), *args)
    assert again.returncode in (0, 1), again.stdout + again.stderr
    assert f"files new 0, changed {len(in_range)}, skipped 0" in again.stdout, again.stdout
    assert fingerprints(home) == reference.fingerprints
    assert query(home, "select flow, files_changed from runs where flow = 'backfill'") == [("backfill", len(in_range))]
    before = {d: at for d, _, at in query(reference.home, "select digest_id, digest_date, loaded_at from digests")}
    reloaded = {day for d, day, at in query(home, "select digest_id, digest_date, loaded_at from digests") if at != before[d]}
    assert reloaded == {date(2026, 1, n) for n in (8, 9, 10)}, "exactly the days in range were reprocessed"
    committed = {r[0] for r in query(home, "select path from lake_files")}
    assert set(Lake(str(home / "lake")).listing()) == committed, "the killed run's leftovers were collected"


def test_backfill_refuses_a_reversed_range(prefect_server, corpus, tmp_path):
    done = run_cli(prefect_server.env(tmp_path), "--home", tmp_path / "home", "backfill", "--from", "2026-01-10",
                   "--to", "2026-01-08", corpus, timeout=60)
    assert done.returncode == 2 and "is before --from" in done.stderr and "Traceback" not in done.stderr
