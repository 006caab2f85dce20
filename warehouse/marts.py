"""Building the marts: refresh `paper_terms`, run every model in warehouse/sql/marts as a table, check
each model's contract, all in one transaction, then publish a read-only snapshot for readers.

A build is incremental when the state of the last one is known (warehouse/marts_state.py): the per-paper marts
(`-- incremental` lines), coauthor_edges and author_clusters are then redone for the changed papers, author
pairs and authors only, and every other mart is rebuilt as before. Otherwise, or with `full=True`, every mart
is built from scratch. Either way the result is the same tables (tests/warehouse/test_marts_incremental.py).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.home import Home
from warehouse import marts_state
from warehouse.coauthor_delta import coauthor_delta, shares_then
from warehouse.homonyms import AuthorClusters, update_author_clusters
from warehouse.models import Model, models, models_reading, term_models
from warehouse.published import publish, published_build
from warehouse.terms import TermRefresh
from warehouse.writer import Warehouse


class MartContractViolation(RuntimeError):
    """A mart broke its declared contract; the build is rolled back and the previous marts stay."""


@dataclass
class MartsResult:
    """What a build did: rows per mart, papers tokenised and dropped, seconds per step, the published snapshot."""

    rows: dict[str, int] = field(default_factory=dict)
    papers_tokenised: int = 0
    papers_dropped: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    published: Path | None = None
    changes: marts_state.Changes | None = None  # None: built from scratch
    incremental: set[str] = field(default_factory=set)  # the marts redone for what changed only
    recounted: int = 0  # coauthor_edges keys recounted from their papers (a changed paper held an end date)
    build_id: str = ""
    previous_build: str | None = None
    term_months: frozenset[str] = frozenset()  # arXiv months whose papers' terms changed (see published.BY_MONTH)


def build_marts(con: duckdb.DuckDBPyConnection, *, full: bool = False) -> MartsResult:
    """Bring every mart up to date with the conformed tables in one transaction; raises MartContractViolation.

    Incremental when the last build's state is known and `full` is not set (see the module docstring).
    Tokenising (polars) runs on a background thread while DuckDB builds the marts that do not read terms,
    so both engines keep the cores busy; the term marts are built once every batch is stored.
    """
    result = MartsResult()
    con.execute("begin transaction")
    try:
        result.previous_build = marts_state.last_build(con)
        started = time.perf_counter()
        changes = result.changes = None if full else marts_state.changes(con)
        if changes is not None:
            result.seconds["changes"] = time.perf_counter() - started
            shares_then(con)  # what the changed papers gave coauthor_edges, before any mart moves
            started = time.perf_counter()
        # tokenising starts first, then a full build's author groups go to a thread of their own: both
        # overlap the marts DuckDB builds meanwhile, and the groups are stored before a mart reads them
        clusters = None
        with TermRefresh(con) as terms, ThreadPoolExecutor(1, thread_name_prefix="author-groups") as pool:
            result.seconds["paper_terms"] = time.perf_counter() - started
            started = time.perf_counter()
            if changes is None:
                clusters = AuthorClusters(con, pool)
            else:
                result.rows["author_clusters"], redone = update_author_clusters(con) if changes.authors else \
                    (con.sql("select count(*) from author_clusters").fetchall()[0][0], True)
                if redone:
                    result.incremental.add("author_clusters")
            result.seconds["author_clusters"] = time.perf_counter() - started
            later = [m for m in models() if m.name in term_models()]
            for model in models():
                if model not in later:
                    if clusters is not None and model.name in models_reading("author_clusters"):
                        _store_clusters(clusters, result)
                        clusters = None
                    if changes is None or not _update(con, model, result):
                        _build(con, model, result)
                    terms.store_ready()
            if clusters is not None:  # no mart read them
                _store_clusters(clusters, result)
            started = time.perf_counter()
            result.papers_tokenised, result.papers_dropped = terms.finish()
            result.term_months = terms.months
            result.seconds["paper_terms"] += time.perf_counter() - started
        for model in later:
            _build(con, model, result)
        result.build_id = marts_state.record(con)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return result


def _store_clusters(clusters: AuthorClusters, result: MartsResult) -> None:
    """Wait for the author groups, store them, and note the rows and seconds in `result`."""
    started = time.perf_counter()
    result.rows["author_clusters"] = clusters.finish()
    result.seconds["author_clusters"] += time.perf_counter() - started


def _build(con: duckdb.DuckDBPyConnection, model: Model, result: MartsResult) -> None:
    """One model as a table, its contract checked; raises MartContractViolation."""
    started = time.perf_counter()
    con.execute(f"create or replace table {model.name} as\n{model.sql}")
    broken = [f"{what} ({n} rows)" for what, query in model.checks() if (n := con.sql(query).fetchall()[0][0])]
    if broken:
        raise MartContractViolation("; ".join(broken))
    result.rows[model.name] = con.sql(f"select count(*) from {model.name}").fetchall()[0][0]
    result.seconds[model.name] = time.perf_counter() - started


def _update(con: duckdb.DuckDBPyConnection, model: Model, result: MartsResult) -> bool:
    """Redo `model` for what changed, if it can be (per-paper SQL or coauthor_edges); False when it cannot.

    Only the rows about to be added are checked against the contract: the rows kept passed it when they were
    built, and the added rows' keys are exactly the ones deleted (the changed papers, or the touched pairs).
    """
    started = time.perf_counter()
    if model.scoped_sql is not None:
        con.execute("create or replace temp view mart_scope as select arxiv_id from changed_papers")
        con.execute(f"create or replace temp table mart_delta as\n{model.scoped_sql}")
        delete = f"delete from {model.name} where arxiv_id in (select arxiv_id from changed_papers)"
        insert = f"insert into {model.name} select * from mart_delta"
    elif model.name == "coauthor_edges" and (statements := coauthor_delta(con)):
        delete, insert = statements
        result.recounted = con.sql("select count(*) from mart_recount").fetchall()[0][0]
    else:
        return False
    broken = [f"{what} ({n} rows)" for what, query in model.checks("mart_delta")
              if (n := con.sql(query).fetchall()[0][0])]
    if broken:
        raise MartContractViolation("; ".join(broken))
    con.execute(delete)
    con.execute(insert)
    if model.name == "coauthor_edges":  # an author's new spelling, on the edges no changed paper touched
        for side in ("a", "b"):
            con.execute(f"""update coauthor_edges e set name_{side} = a.name
                            from authors a
                            where a.author_id = e.author_{side}
                              and e.author_{side} in (select author_id from changed_authors where renamed)""")
    con.execute("drop table mart_delta")
    result.rows[model.name] = con.sql(f"select count(*) from {model.name}").fetchall()[0][0]
    result.seconds[model.name] = time.perf_counter() - started
    result.incremental.add(model.name)
    return True


def build_and_publish(home: Home, *, wait_seconds: float = 60.0, full: bool = False) -> MartsResult:
    """Under the writer lock: build the marts (`full`: from scratch), then publish the snapshot the report and
    dashboard read."""
    with Warehouse(home, wait_seconds=wait_seconds) as wh:
        result = build_marts(wh.con, full=full)
        started = time.perf_counter()
        # what the current snapshot holds is what the last build made only if it was published from that build
        follows = result.previous_build is not None and published_build(home.published) == result.previous_build
        terms_same = follows and result.papers_tokenised == result.papers_dropped == 0
        unchanged = frozenset({"terms", "paper_terms"}) if terms_same else frozenset()
        months = {"paper_terms": result.term_months} if follows else None
        result.published = publish(wh.con, home.published, unchanged=unchanged, months_changed=months,
                                   build_id=result.build_id)
        result.seconds["publish"] = time.perf_counter() - started
    return result
