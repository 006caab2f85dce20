"""The published snapshot: the marts and the tables readers need, as Parquet under `<home>/published/<version>/`.

Readers (the report, the dashboard) open only this snapshot, never warehouse.duckdb, so an open dashboard can
never make an ingest fail on DuckDB's one-process lock. Publishing writes a temp folder, renames it into
place, then swaps the `CURRENT` pointer file (temp + rename); the previous version stays for readers still
on it, older ones are deleted.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from urllib.parse import quote
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from warehouse.faults import crash_point
from warehouse.models import models

# Conformed and raw tables the readers need besides the marts; intermediate models readers never use.
# (`papers` itself stays behind: paper_briefs has what readers show, without 100+ MB of abstracts.)
BASE_TABLES = ("authors", "paper_authors", "categories", "digests", "rejects", "terms", "paper_terms",
               "author_clusters")
UNPUBLISHED = ("feed_authorships",)
# Written as a folder of one file per arXiv month (the id's first four characters: `2601`), so a day's new papers
# rewrite one small file and the year's other months are hard-linked: paper_terms is 11.7M rows a year.
# {table: the table of its papers, to list the months from cheaply}; paper_terms' papers are paper_term_sources'
BY_MONTH = {"paper_terms": "paper_term_sources"}
MONTH = "left(arxiv_id, 4)"
POINTER = "CURRENT"


class NothingPublished(RuntimeError):
    """No snapshot under the data home yet; run the marts (or `arxiv-digest run`) first."""


def published_tables() -> list[str]:
    return list(BASE_TABLES) + [m.name for m in models() if m.name not in UNPUBLISHED]


def publish(con: duckdb.DuckDBPyConnection, root: Path, *, unchanged: frozenset[str] = frozenset(),
            months_changed: dict[str, frozenset[str]] | None = None, build_id: str | None = None) -> Path:
    """Export the published tables from `con` to a new version folder under `root`; returns that folder.

    Tables named in `unchanged` are hard-linked from the current version when it has them (a link costs
    nothing; exporting `paper_terms` again costs seconds), and exported otherwise. A BY_MONTH table is a
    folder of months; `months_changed[table]`, when given, names the only months whose rows may differ from
    the current version's (the others are linked). `build_id`: the marts build this snapshot comes from,
    kept in its manifest.
    """
    root.mkdir(parents=True, exist_ok=True)
    previous = root / (current_version(root) or ".none")
    version = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:6]
    staging = root / f".tmp-{version}"
    staging.mkdir()
    counts = {}
    # readers always sort; letting DuckDB write row groups from every thread cuts the export by about a quarter
    (ordered,) = con.sql("select current_setting('preserve_insertion_order')").fetchall()[0]
    con.execute("set preserve_insertion_order = false")
    try:
        for name in published_tables():
            target = staging / f"{name}.parquet"
            counts[name] = con.sql(f"select count(*) from {name}").fetchall()[0][0]
            if name in BY_MONTH:
                _publish_months(con, name, staging / name, previous / name, (months_changed or {}).get(name),
                                unchanged=name in unchanged)
                continue
            if name in unchanged and (previous / target.name).is_file():
                os.link(previous / target.name, target)
                continue
            literal = str(target).replace("'", "''")
            con.execute(f"copy (select * from {name}) to '{literal}' (format parquet, compression snappy)")
            crash_point("publish_table")
    finally:
        con.execute(f"set preserve_insertion_order = {'true' if ordered else 'false'}")
    as_of = con.sql("select max(digest_date) from digests").fetchall()[0][0]
    manifest = {"version": version, "published_at": datetime.now(timezone.utc).isoformat(),
                "as_of": as_of.isoformat() if as_of else None, "rows": counts, "marts_build": build_id}
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    final = root / version
    os.rename(staging, final)
    pointer_tmp = root / f".{POINTER}.{version}"
    pointer_tmp.write_text(version + "\n", encoding="utf-8")
    crash_point("publish_swap")
    os.replace(pointer_tmp, root / POINTER)
    _prune(root, keep=2)
    return final


def _publish_months(con: duckdb.DuckDBPyConnection, name: str, folder: Path, previous: Path,
                    changed: frozenset[str] | None, *, unchanged: bool) -> None:
    """`name` as `<folder>/month=<month, quoted>/data_0.parquet`. A month is linked from `previous` when that has
    it and the table is `unchanged`, or the month is not in `changed`; the other months are exported."""
    months = [r[0] for r in con.sql(f"select distinct {MONTH} from {BY_MONTH[name]} order by 1").fetchall()]
    folder.mkdir()
    if not months:  # one empty file, so readers still find the columns
        (folder / "_empty").mkdir()
        con.execute(f"copy (select * from {name}) to '{_literal(folder / '_empty' / 'data_0.parquet')}' "
                    "(format parquet, compression snappy)")
        return
    for month in months:
        part = f"month={quote(month, safe='')}"
        (folder / part).mkdir()
        target = folder / part / "data_0.parquet"
        if (unchanged or (changed is not None and month not in changed)) and (previous / part / target.name).is_file():
            os.link(previous / part / target.name, target)
            continue
        value = month.replace("'", "''")  # prefix() is a fast scan filter; an id shorter than 4 is its own month
        where = f"prefix(arxiv_id, '{value}')" + ("" if len(month) == 4 else f" and arxiv_id = '{value}'")
        con.execute(f"copy (select * from {name} where {where}) to '{_literal(target)}' "
                    "(format parquet, compression snappy)")
        crash_point("publish_table")


def _literal(path: Path) -> str:
    return str(path).replace("'", "''")


def _prune(root: Path, keep: int) -> None:
    """Delete all but the newest `keep` versions, and temp folders left by a crashed publish."""
    versions = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in versions[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
    current = current_version(root)
    for tmp in root.glob(".tmp-*"):
        if tmp.name != f".tmp-{current}":
            shutil.rmtree(tmp, ignore_errors=True)
    for pointer in root.glob(f".{POINTER}.*"):  # a pointer written by a publish killed before its swap
        pointer.unlink(missing_ok=True)


def current_version(root: Path) -> str | None:
    """The version `CURRENT` points at, or None when nothing was published."""
    try:
        return (root / POINTER).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def snapshot_dir(root: Path) -> Path:
    """The folder of the current snapshot; raises NothingPublished when there is none."""
    version = current_version(root)
    if version is None or not (root / version).is_dir():
        raise NothingPublished(f"no published snapshot under {root}; run `arxiv-digest report` (without --no-marts) "
                               "or `arxiv-digest run` first")
    return root / version


def open_published(root: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per published table, over the current snapshot's Parquet files.

    `root` is `<home>/published`. The connection never touches warehouse.duckdb.
    """
    folder = snapshot_dir(root)
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    for path in sorted(folder.glob("*.parquet")):
        literal = str(path).replace("'", "''")
        con.execute(f'create view "{path.stem}" as select * from read_parquet(\'{literal}\')')
    for path in sorted(p for p in folder.iterdir() if p.is_dir()):  # a BY_MONTH table: a folder per month
        literal = _literal(path / "*" / "*.parquet")
        con.execute(f'create view "{path.name}" as select * from read_parquet(\'{literal}\', hive_partitioning = false)')
    return con


def published_build(root: Path) -> str | None:
    """The marts build the current snapshot was published from (None: none, or published before builds had ids)."""
    try:
        return manifest(root).get("marts_build")
    except (NothingPublished, FileNotFoundError, ValueError):
        return None


def manifest(root: Path) -> dict:
    """The current snapshot's manifest: version, published_at, as_of (latest digest date), rows per table."""
    return json.loads((snapshot_dir(root) / "manifest.json").read_text(encoding="utf-8"))
