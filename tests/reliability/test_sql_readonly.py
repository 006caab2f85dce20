"""`arxiv-digest sql` only reads: writes, file access, attaching and extensions are refused in one line
(exit code 2) and change nothing; a plain SELECT works."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.cli import main
from tests.helpers import ingested_home, run_cli
from tests.reliability.conftest import fingerprints, snapshot


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return ingested_home(tmp_path_factory.mktemp("sql"), 6, seed=2)


def sql(capsys, home: Path, query: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--home", str(home), "sql", query)


WRITES = {
    "insert": "insert into papers select * from papers limit 1",
    "drop": "drop table papers",
    "copy to": "copy papers to '{out}/papers.csv'",
    "attach": "attach '{out}/other.duckdb' as other",
    "install": "install httpfs",
    "load": "load httpfs",
    "update": "update papers set title = 'x'",
    "cte insert": "with x as (select 1) insert into runs select * from runs",
    "second statement": "select 1; drop table papers",
    "set": "set enable_external_access = true",
    "unlock settings": "set lock_configuration = false",
    "export": "export database '{out}/export'",
    "explain analyze copy": "explain analyze copy (select 1) to '{out}/explained.csv'",
    "explain analyze insert": "explain analyze insert into runs select * from runs",
    "create secret": "create secret (type s3)",
}
EXTERNAL = {
    "read_csv": "select * from read_csv('/etc/passwd')",
    "glob": "from glob('/etc/*')",
    "lake parquet": "select * from read_parquet('{home}/lake/**/*.parquet')",
}


@pytest.mark.parametrize("name", sorted(WRITES) + sorted(EXTERNAL))
def test_writes_and_outside_reads_are_refused_and_change_nothing(capsys, home, tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    query = {**WRITES, **EXTERNAL}[name].format(out=out, home=home)
    before, home_files = fingerprints(home), snapshot(home)
    code, stdout, stderr = sql(capsys, home, query)
    assert code == 2, (code, stdout, stderr)
    assert stderr.startswith("error: ") and stderr.count("\n") == 1, f"not one line: {stderr!r}"
    assert "Traceback" not in stderr and stdout == ""
    if name in WRITES:
        assert "refused" in stderr or "read-only" in stderr
    else:
        assert "disabled by configuration" in stderr, stderr
    assert fingerprints(home) == before
    assert list(out.iterdir()) == [], "copy/attach/export created a file"
    assert snapshot(home) == home_files, "the data home changed"


def test_a_plain_select_works(capsys, home):
    code, stdout, stderr = sql(capsys, home, "select count(*) as n from papers")
    assert code == 0 and stderr == ""
    from tests.reliability.conftest import rows

    assert str(rows(home, "select count(*) from papers")[0][0]) in stdout


def test_errors_print_paths_and_sql_as_written_on_one_line(capsys, tmp_path):
    """A path or query holding rich markup (`[/x]`) or a long message is printed verbatim, never a traceback."""
    weird = tmp_path / "[/x]" / ("long-" * 40)
    capsys.readouterr()
    code = main(["--home", str(tmp_path / "h"), "ingest", str(weird)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and str(weird) in err, err
