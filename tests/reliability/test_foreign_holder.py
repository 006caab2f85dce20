"""A process that is not ours (a DuckDB shell, a notebook) with warehouse.duckdb open: our writer lock cannot
see it, so every command that opens the file says busy in one line, naming that process, and changes nothing
(rebuild too, rather than taking every lake file for committed because the commit log could not be read)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import error_lines, fingerprints, ingested_home

# What a user's notebook does: open the warehouse read-write and keep it open, until stdin closes.
FOREIGN = "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print('holding', flush=True); sys.stdin.read()"


def test_a_foreign_process_holding_the_warehouse_is_named_in_one_line(cli, tmp_path):
    home = ingested_home(tmp_path, days=3, seed=5, entries_per_day=3)
    before = fingerprints(home)
    holder = subprocess.Popen([sys.executable, "-c", FOREIGN, str(home / "warehouse.duckdb")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        for args in (["ingest", "--wait", "1", tmp_path / "src"], ["sql", "select count(*) from papers"], ["status"],
                     ["rebuild"]):
            result = cli("--home", home, *args)
            text = result.out + result.err
            assert result.code == 3, (args, text)
            assert "Traceback" not in text
            busy = [line for line in error_lines(text) if line.startswith("busy: ")]
            assert len(busy) == 1, text
            assert f"{home / 'warehouse.duckdb'} is open" in busy[0] and f"(PID {holder.pid})" in busy[0], busy[0]
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert fingerprints(home) == before
    assert cli("--home", home, "ingest", tmp_path / "src").code == 0  # once it is closed, runs go on as before
