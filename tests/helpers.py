"""Small helpers the test folders share: writing generated corpora and reading a warehouse read-only."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from warehouse.fingerprint import table_fingerprints


# a paper heading's link in a sample digest: an arXiv abs link (any scheme, any version) or a DOI link
_HEADING_LINK = re.compile(r"^#{1,6} .*\]\((?:https?://arxiv\.org/abs/([\w./-]+?)(?:v\d+)?|https://doi\.org/(\S+?))\)\s*$",
                           re.MULTILINE)


def sample_listing_ids(samples: Path) -> list[str]:
    """The paper of every heading in the sample digests, read with one regex independent of the parser: the
    README's 6,602 arXiv headings plus Long-Holiday's 343 journal items linked by DOI."""
    return [a or "doi:" + d.lower() for p in sorted(samples.glob("*/*.md"))
            for a, d in _HEADING_LINK.findall(p.read_text(encoding="utf-8"))]


def write_files(files, root: Path) -> Path:
    """Generated files (`.path`, `.data`) -> files under `root`; returns `root`."""
    for f in files:
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.data)
    return root


def ingested_home(root: Path, days: int, seed: int, entries_per_day: int = 6) -> Path:
    """A generated corpus of `days` days written under `root` and ingested without Prefect; returns the home."""
    from flows.ingest_plain import ingest_plain
    from transforms.generate import build_corpus
    from warehouse.home import Home

    src = write_files(build_corpus(days, seed=seed, entries_per_day=entries_per_day).files, root / "src")
    ingest_plain([str(src)], Home.resolve(root / "home"))
    return root / "home"


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """`arxiv-digest ARGS...` in this process, for commands that run no flow; returns code, stdout, stderr."""
    from flows.cli import main

    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _read(home: Path, fn):
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        return fn(con)
    finally:
        con.close()


def fingerprints(home: Path) -> dict:
    """Row count and content hash per table of the warehouse under `home`."""
    return _read(home, table_fingerprints)


def query(home: Path, sql: str) -> list[tuple]:
    """Every row of a read-only query on the warehouse under `home`."""
    return _read(home, lambda con: con.sql(sql).fetchall())


def scalar(home: Path, sql: str):
    """The first value of a read-only query."""
    return query(home, sql)[0][0]


def error_lines(text: str) -> list[str]:
    """The non-blank lines of a command's output: a usage or configuration error must be exactly one."""
    return [line for line in text.splitlines() if line.strip()]


def assert_one_line_usage_error(result, fragment: str) -> None:
    """Exit code 2, no traceback, one line holding `fragment` (README, Exit codes)."""
    text = result.out + result.err
    assert result.code == 2, text
    assert "Traceback" not in text
    assert len(error_lines(text)) == 1, f"one error line expected, got:\n{text}"
    assert fragment in error_lines(text)[0], text


def empty_strings(home: Path) -> dict[str, int]:
    """{table.column: rows holding ''} for every text column (and text list holding '') of the raw and conformed
    tables under `home`; empty when a missing value is NULL everywhere, as it must be."""
    from transforms.schema import CONFORMED, RAW

    checks = []
    for table in [*RAW, *CONFORMED]:
        for c in table.columns:
            if c.type == "VARCHAR":
                checks.append((f"{table.name}.{c.name}", f'select count(*) from {table.name} where "{c.name}" = \'\''))
            elif c.type == "VARCHAR[]":
                checks.append((f"{table.name}.{c.name}",
                               f'select count(*) from {table.name} where list_contains("{c.name}", \'\')'))
    found = _read(home, lambda con: {name: con.sql(q).fetchall()[0][0] for name, q in checks})
    return {name: n for name, n in found.items() if n}
