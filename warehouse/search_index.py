"""The full-text index under `<home>/search/`: SQLite FTS5 (Python's own sqlite3), derived from the warehouse.

Layout: `index-<version>.sqlite` files and a `CURRENT` pointer naming the one readers open. A full build
writes a new version beside the old one and swaps the pointer (temp + rename); an update changes the
current version in one SQLite transaction (WAL journal, so readers keep their snapshot and never block it).
Either way a crash leaves the old index or the new one, and the next sync catches up: the index remembers
each digest's `loaded_at`, and a sync re-derives every paper of every digest whose stamp differs.
"""

from __future__ import annotations

import functools
import json
import os
import queue
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from transforms.search_text import has_cjk, segment, tags_of
from warehouse.db import sql_text
from warehouse.faults import crash_point
from warehouse.home import Home

POINTER = "CURRENT"
# bm25 weights, one per column in order: the title counts most, then TL;DR and keywords, then the abstract
RANK = "bm25(0.0, 4.0, 2.0, 1.0, 2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0)"
SCHEMA = (
    "create virtual table docs using fts5(arxiv_id unindexed, title, tldr, abstract, keywords, authors, tags, "
    "first_seen unindexed, last_seen unindexed, shown unindexed, raw unindexed, tokenize = 'unicode61 remove_diacritics 2')",
    f"insert into docs(docs, rank) values ('rank', '{RANK}')",
    "create table paper_docs (doc integer primary key, arxiv_id text not null unique)",
    "create table listed (digest_id text not null, arxiv_id text not null, primary key (digest_id, arxiv_id)) without rowid",
    "create table indexed_digests (digest_id text primary key, loaded_at text)",
)
# FTS5 flushes its in-memory terms to a new segment at every `hashsize` bytes (default 1 MB), and merges the
# segments as they pile up: a 64 MB buffer writes the year in 2 segments instead of 13, in a third less time.
# Undocumented but part of FTS5's config table (an unknown key is an error); stored, so updates use it too.
BULK_CONFIG = (("hashsize", 64 * 1024 * 1024),)
PAGE_SIZE = 16384  # a paper's stored texts (~1.5 KB) waste less of a 16 KB page: 270 MB instead of 313, faster


@dataclass
class SyncResult:
    full: bool = False
    digests: int = 0
    papers: int = 0


def search_dir(home: Home) -> Path:
    return home.root / "search"


def current_index(home: Home) -> Path | None:
    """The index file readers open, or None when none was built."""
    folder = search_dir(home)
    try:
        name = (folder / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return folder / name if name and (folder / name).is_file() else None


TEXT = ("title", "tldr", "abstract", "keywords", "authors")
_FTS_COLUMNS = "rowid, arxiv_id, title, tldr, abstract, keywords, authors, tags, first_seen, last_seen, shown, raw"


def _documents(con: duckdb.DuckDBPyConnection, papers: list[str], chunk: int = 20_000):
    """Record batches of warehouse/sql/search/documents.sql for `papers`, `chunk` papers per query: one query
    over every paper of a 1M-listing warehouse does not fit the writer's 512 MB."""
    for start in range(0, len(papers), chunk):
        con.execute("create or replace temp table search_papers as select unnest(?) as arxiv_id",
                    [papers[start:start + chunk]])
        yield from con.sql(sql_text("search/documents")).arrow(chunk)


def _prefetched(batches, depth: int = 2):
    """`batches`, computed by a thread `depth` ahead of the caller: DuckDB's query of the next chunk runs while
    SQLite indexes this one (both release the GIL). An error in the thread is raised in the caller; a caller
    that stops early stops the thread before returning."""
    ready: queue.Queue = queue.Queue(depth)
    stop = threading.Event()
    done = object()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                pass
        return False

    def produce() -> None:
        try:
            for batch in batches:
                if not put(batch):
                    return
            put(done)
        except BaseException as exc:  # handed to the caller, which re-raises it
            put(exc)
        finally:  # here: a generator is closed by the thread it runs in (DuckDB's open result with it)
            getattr(batches, "close", lambda: None)()

    worker = threading.Thread(target=produce, name="search-documents", daemon=True)
    worker.start()
    try:
        while (item := ready.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


@functools.lru_cache(maxsize=4096)  # a year holds a few hundred distinct (categories, feeds) pairs
def _tags(categories: tuple[str, ...], feeds: tuple[str, ...]) -> str:
    return tags_of(list(categories), list(feeds))


def _rows(batch: pa.RecordBatch, first_doc: int) -> list[tuple]:
    """One batch of documents -> FTS rows, numbered from `first_doc`. Only texts holding CJK go through
    Python's segmenter; their originals are kept in `raw` for snippets (the indexed copy holds bigrams)."""
    cols = {name: batch.column(name).to_pylist() for name in batch.schema.names}
    texts = [cols[c] for c in TEXT]
    originals: dict[int, dict[str, str]] = {}
    for c, column in zip(TEXT, texts):
        for i, text in enumerate(column):
            if text and has_cjk(text):  # str.isascii first: C speed for nearly every text
                originals.setdefault(i, {})[c] = text
                column[i] = segment(text)
    raw: list[str | None] = [None] * batch.num_rows
    for i, changed in originals.items():
        raw[i] = json.dumps(changed, ensure_ascii=False, sort_keys=True)
    tags = [_tags(tuple(c), tuple(f)) for c, f in zip(cols["categories"], cols["feeds"])]
    docs = range(first_doc, first_doc + batch.num_rows)
    return list(zip(docs, cols["arxiv_id"], *texts, tags, cols["first_seen"], cols["last_seen"], cols["shown"], raw))


def _prepared(batches, first_doc: int):
    """Document batches -> lists of FTS rows, numbered on from `first_doc`."""
    for batch in batches:
        rows = _rows(batch, first_doc)
        first_doc += len(rows)
        yield rows


def _next_doc(db: sqlite3.Connection) -> int:
    return db.execute("select coalesce(max(doc), 0) + 1 from paper_docs").fetchone()[0]


def _insert(db: sqlite3.Connection, prepared) -> int:
    """Insert every list of FTS rows (`_prepared`); returns the number of papers indexed."""
    n = 0
    for rows in prepared:
        db.executemany("insert into paper_docs values (?, ?)", [r[:2] for r in rows])
        db.executemany(f"insert into docs ({_FTS_COLUMNS}) values ({', '.join('?' * 12)})", rows)
        n += len(rows)
    return n


def _stamps(con: duckdb.DuckDBPyConnection, where: str = "") -> list[tuple[str, str]]:
    return con.sql(f"select digest_id, cast(loaded_at as varchar) from digests {where}").fetchall()


def build(con: duckdb.DuckDBPyConnection, home: Home) -> SyncResult:
    """A whole new index from the warehouse on `con`, swapped in when complete; returns what it holds."""
    folder = search_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(".tmp-*"):  # left by a build killed before its swap
        stale.unlink(missing_ok=True)
    name = f"index-{uuid.uuid4().hex[:12]}.sqlite"
    tmp = folder / f".tmp-{name}"
    db = sqlite3.connect(tmp, isolation_level=None)
    try:
        db.execute("pragma journal_mode = off")  # a crash discards the temp file anyway
        db.execute("pragma synchronous = off")
        db.execute(f"pragma page_size = {PAGE_SIZE}")  # before the first table, or it is ignored
        db.execute("begin")
        for statement in SCHEMA:
            db.execute(statement)
        db.executemany("insert into docs(docs, rank) values (?, ?)", BULK_CONFIG)
        everything = [r[0] for r in con.sql("select arxiv_id from papers order by arxiv_id").fetchall()]
        listed = con.sql("select distinct digest_id, arxiv_id from listings").fetchall()
        stamps = _stamps(con)  # read before the thread below takes `con` for the documents
        papers = _insert(db, _prefetched(_prepared(_documents(con, everything), 1)))  # rows ready in the thread
        db.executemany("insert into listed values (?, ?)", listed)
        db.executemany("insert into indexed_digests values (?, ?)", stamps)
        db.execute("commit")
        db.execute("pragma journal_mode = wal")  # from now on updated in place, beside readers
    finally:
        db.close()
    os.replace(tmp, folder / name)
    pointer = folder / f".tmp-{POINTER}"
    pointer.write_text(name + "\n", encoding="utf-8")
    crash_point("search_swap")
    os.replace(pointer, folder / POINTER)
    _prune(folder, keep=name)
    return SyncResult(full=True, digests=len(stamps), papers=papers)


def _prune(folder: Path, keep: str) -> None:
    """Delete every index version but `keep` (a reader still on one keeps its open file)."""
    for old in folder.glob("index-*.sqlite*"):
        if not old.name.startswith(keep):
            old.unlink(missing_ok=True)


def sync(con: duckdb.DuckDBPyConnection, home: Home) -> SyncResult:
    """Bring the index up to the warehouse on `con` (call it after the warehouse commits): a full build when
    there is no index, else one transaction re-deriving the papers of every digest loaded since."""
    path = current_index(home)
    if path is None:
        return build(con, home)
    db = sqlite3.connect(path, isolation_level=None, timeout=60)
    try:
        db.execute("pragma journal_mode = wal")
        indexed = db.execute("select digest_id, loaded_at from indexed_digests").fetchall()
        changed = [r[0] for r in con.execute(
            "with i as (select unnest(?) as digest_id, unnest(?) as loaded_at) "
            "select coalesce(w.digest_id, i.digest_id) from digests w full outer join i using (digest_id) "
            "where cast(w.loaded_at as varchar) is distinct from i.loaded_at",
            [[d for d, _ in indexed], [s for _, s in indexed]]).fetchall()]
        if not changed:
            return SyncResult()
        db.execute("create temp table changed (digest_id text primary key)")
        db.executemany("insert into changed values (?)", [(d,) for d in changed])
        before = [r[0] for r in db.execute("select distinct arxiv_id from listed where digest_id in changed")]
        con.execute("create or replace temp table search_digests as select unnest(?) as digest_id", [changed])
        affected = [r[0] for r in con.execute(
            "select distinct arxiv_id from listings where digest_id in (select digest_id from search_digests) "
            "union select unnest(?) order by 1", [before]).fetchall()]
        listed = con.sql("select distinct digest_id, arxiv_id from listings "
                         "where digest_id in (select digest_id from search_digests)").fetchall()
        stamps = _stamps(con, "where digest_id in (select digest_id from search_digests)")
        docs = _documents(con, affected)  # streamed: the last DuckDB queries of this sync
        db.execute("begin immediate")
        try:
            db.execute("create temp table gone (arxiv_id text primary key)")
            db.executemany("insert into gone values (?)", [(a,) for a in affected])
            db.execute("delete from docs where rowid in (select doc from paper_docs where arxiv_id in (select arxiv_id from gone))")
            db.execute("delete from paper_docs where arxiv_id in (select arxiv_id from gone)")
            crash_point("search_update")
            papers = _insert(db, _prepared(docs, _next_doc(db)))
            db.execute("delete from listed where digest_id in changed")
            db.executemany("insert into listed values (?, ?)", listed)
            db.execute("delete from indexed_digests where digest_id in changed")
            db.executemany("insert into indexed_digests values (?, ?)", stamps)
            crash_point("search_commit")
            db.execute("commit")
        except BaseException:
            db.execute("rollback")
            raise
        return SyncResult(digests=len(changed), papers=papers)
    finally:
        db.close()
