"""Reading while a run writes: `sql` and `status` say the warehouse is busy in one line (exit 3) instead of
failing or waiting forever, and once the writer is gone they read exactly what it left."""

from __future__ import annotations

import subprocess
import sys

from flows.cli import main
from flows.ingest_plain import ingest_plain
from tests.reliability.conftest import REPO, child_env, fingerprints, write_files
from transforms.generate import build_corpus
from warehouse.home import Home

# Holds the writer lock and the read-write DuckDB connection, as a run does, until its stdin closes.
HOLDER = """
import sys
from warehouse.home import Home
from warehouse.writer import Warehouse
with Warehouse(Home.resolve(sys.argv[1]), wait_seconds=0):
    print("holding", flush=True)
    sys.stdin.read()
"""


def test_reading_while_a_run_writes_is_busy_not_broken(capsys, tmp_path):
    home = tmp_path / "home"
    ingest_plain([str(write_files(build_corpus(6, seed=3, entries_per_day=4).files, tmp_path / "src"))],
                 Home.resolve(home))
    before = fingerprints(home)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(home)], cwd=REPO, env=child_env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        for args in (["sql", "select count(*) from papers"], ["status"]):
            capsys.readouterr()
            code = main(["--home", str(home), *args])
            out, err = capsys.readouterr()
            assert code == 3, (args, out, err)
            assert err.startswith("busy: ") and err.count("\n") == 1 and "Traceback" not in err, err
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert holder.returncode == 0
    capsys.readouterr()
    assert main(["--home", str(home), "status"]) == 0
    assert fingerprints(home) == before
