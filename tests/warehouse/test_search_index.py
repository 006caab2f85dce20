"""The full build of the search index, whose documents query runs in a thread beside SQLite's inserts: a
failure in that thread reaches the caller (no hang, no half index), and the index it writes equals the one
the incremental updates kept."""

from __future__ import annotations

import sqlite3

import pytest

import warehouse.search_index as search_index
from tests.helpers import ingested_home
from warehouse.db import connect_writer
from warehouse.home import Home


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Home:
    return Home.resolve(ingested_home(tmp_path_factory.mktemp("search-index"), days=4, seed=11))


def _documents(home: Home) -> list[tuple]:
    db = sqlite3.connect(search_index.current_index(home))
    try:
        return db.execute("select arxiv_id, title, tldr, abstract, keywords, authors, tags, first_seen, "
                          "last_seen, shown, raw from docs order by arxiv_id").fetchall()
    finally:
        db.close()


def test_a_build_equals_the_index_the_ingests_kept(home):
    kept = _documents(home)
    con = connect_writer(home.database)
    try:
        result = search_index.build(con, home)
    finally:
        con.close()
    assert result.papers == len(kept) > 0
    assert _documents(home) == kept


def test_a_documents_query_failing_midway_raises_and_keeps_the_old_index(home, monkeypatch):
    old, kept = search_index.current_index(home), _documents(home)
    real = search_index._documents

    def failing(con, papers, chunk=20_000):
        yield from list(real(con, papers, chunk))[:1]
        raise RuntimeError("documents query failed")

    monkeypatch.setattr(search_index, "_documents", failing)
    con = connect_writer(home.database)
    try:
        with pytest.raises(RuntimeError, match="documents query failed"):
            search_index.build(con, home)
        assert con.sql("select count(*) from papers").fetchall()[0][0] > 0  # the connection is usable again
    finally:
        con.close()
    assert search_index.current_index(home) == old and _documents(home) == kept
