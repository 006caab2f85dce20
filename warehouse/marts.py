"""Building the marts: refresh `paper_terms`, run every model in warehouse/sql/marts as a table, check
each model's contract, all in one transaction, then publish a read-only snapshot for readers."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from warehouse.home import Home
from warehouse.homonyms import build_author_clusters
from warehouse.models import Model, models, term_models
from warehouse.published import publish
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


def build_marts(con: duckdb.DuckDBPyConnection) -> MartsResult:
    """Rebuild every mart from the conformed tables in one transaction; raises MartContractViolation.

    Tokenising (polars) runs on a background thread while DuckDB builds the marts that do not read terms,
    so both engines keep the cores busy; the term marts are built once every batch is stored.
    """
    result = MartsResult()
    con.execute("begin transaction")
    try:
        started = time.perf_counter()
        result.rows["author_clusters"] = build_author_clusters(con)
        result.seconds["author_clusters"] = time.perf_counter() - started
        started = time.perf_counter()
        with TermRefresh(con) as terms:
            result.seconds["paper_terms"] = time.perf_counter() - started
            later = [m for m in models() if m.name in term_models()]
            for model in models():
                if model not in later:
                    _build(con, model, result)
                    terms.store_ready()
            started = time.perf_counter()
            result.papers_tokenised, result.papers_dropped = terms.finish()
            result.seconds["paper_terms"] += time.perf_counter() - started
        for model in later:
            _build(con, model, result)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return result


def _build(con: duckdb.DuckDBPyConnection, model: Model, result: MartsResult) -> None:
    """One model as a table, its contract checked; raises MartContractViolation."""
    started = time.perf_counter()
    con.execute(f"create or replace table {model.name} as\n{model.sql}")
    broken = [f"{what} ({n} rows)" for what, query in model.checks() if (n := con.sql(query).fetchall()[0][0])]
    if broken:
        raise MartContractViolation("; ".join(broken))
    result.rows[model.name] = con.sql(f"select count(*) from {model.name}").fetchall()[0][0]
    result.seconds[model.name] = time.perf_counter() - started


def build_and_publish(home: Home, *, wait_seconds: float = 60.0) -> MartsResult:
    """Under the writer lock: build the marts, then publish the snapshot the report and dashboard read."""
    with Warehouse(home, wait_seconds=wait_seconds) as wh:
        result = build_marts(wh.con)
        started = time.perf_counter()
        terms_same = result.papers_tokenised == result.papers_dropped == 0
        unchanged = frozenset({"terms", "paper_terms"}) if terms_same else frozenset()
        result.published = publish(wh.con, home.published, unchanged=unchanged)
        result.seconds["publish"] = time.perf_counter() - started
    return result
