"""The `terms` dictionary and `paper_terms`: each paper's terms (transforms.terms), kept up to date incrementally.

Tokenising is the costly part of the marts (transforms.term_frames: about 25 µs a paper), so only papers
whose title, abstract or keywords changed since the last build are tokenised again; `paper_term_sources`
remembers a hash of the text each paper's terms came from. `paper_terms` holds integer term keys and `terms`
each distinct term's string once: a year's 11.7M (paper, term) rows cost seconds to store and publish as
strings. A term keeps its `term_id` for good (new terms are appended; a term no paper uses any more stays).
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

import duckdb
import polars as pl

from transforms.schema.tables import PAPER_TERMS, TERM_SOURCES, TERMS
from transforms.term_frames import paper_term_keys
from warehouse.published import MONTH

CHUNK = 20_000  # papers tokenised per batch: bounds memory on a first build of a big warehouse

_KEYWORDS = """
select arxiv_id, list_sort(list(distinct keyword)) as keywords
from (select arxiv_id, unnest(keywords) as keyword from summaries)
group by arxiv_id
"""
# a fast 64-bit hash of what the terms come from: change detection only
_HASHES = f"""
select p.arxiv_id, cast(hash(p.title, p.abstract, k.keywords) as varchar) as text_hash
from papers p
left join ({_KEYWORDS}) k using (arxiv_id)
"""
_STALE_TEXTS = f"""
select p.arxiv_id, p.title, p.abstract, coalesce(k.keywords, cast([] as varchar[])) as keywords
from papers p
semi join stale_papers s on s.arxiv_id = p.arxiv_id and not s.gone
left join ({_KEYWORDS}) k using (arxiv_id)
"""


class TermRefresh:
    """`paper_terms` and `terms` being brought up to date, tokenising in the background.

    Creating it finds the stale papers, drops their terms and starts tokenising their texts in batches on a
    background thread (polars, off the GIL). Meanwhile the caller may run other SQL on `con` (the marts that
    do not read terms): `store_ready()` stores the batches finished so far, `finish()` waits for the rest and
    stores them. Batches are stored in order, so term ids do not depend on timing. Use it as a context
    manager: leaving early (an error) abandons the batches not yet stored.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        _drop_old_shape(con)
        con.execute(TERMS.ddl())
        con.execute(PAPER_TERMS.ddl())
        con.execute(TERM_SOURCES.ddl())
        con.execute(f"create or replace temp table paper_hashes as {_HASHES}")
        # papers whose text changed or is new, and papers gone from the warehouse: their terms are dropped
        con.execute("""create or replace temp table stale_papers as
                       select coalesce(t.arxiv_id, s.arxiv_id) as arxiv_id, t.arxiv_id is null as gone, t.text_hash
                       from paper_hashes t
                       full join paper_term_sources s using (arxiv_id)
                       where s.text_hash is distinct from t.text_hash""")
        self.n_stale, self.n_gone = con.sql("select count(*), count(*) filter (where gone) from stale_papers"
                                            ).fetchall()[0]
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tokenise")
        self._pending: deque[Future] = deque()
        if self.n_stale:
            con.execute("delete from paper_terms where arxiv_id in (select arxiv_id from stale_papers)")
            con.execute("delete from paper_term_sources where arxiv_id in (select arxiv_id from stale_papers)")
            # in arXiv id order, so batches and term ids do not depend on scan order; sorted by polars (12 ms
            # for the year), as DuckDB's `order by` moved every abstract through its sort (0.3 s)
            texts = con.sql(_STALE_TEXTS).pl().sort("arxiv_id")
            self._pending.extend(self._pool.submit(paper_term_keys, texts.slice(start, CHUNK))
                                 for start in range(0, texts.height, CHUNK))

    def store_ready(self) -> None:
        """Store the batches already tokenised, in order; never waits."""
        while self._pending and self._pending[0].done():
            _store(self.con, *self._pending.popleft().result())

    def finish(self) -> tuple[int, int]:
        """Wait for every batch, store it, record the texts' hashes; returns (papers tokenised, papers dropped)."""
        while self._pending:
            _store(self.con, *self._pending.popleft().result())
        if self.n_stale:
            self.con.execute("insert into paper_term_sources "
                             "select arxiv_id, text_hash from stale_papers where not gone")
        # the arXiv months (warehouse.published.MONTH: the id's first four characters) whose papers' terms changed: what a publish rewrites
        self.months = frozenset(r[0] for r in self.con.sql(f"select distinct {MONTH} from stale_papers").fetchall())
        self.con.execute("drop table paper_hashes")
        self.con.execute("drop table stale_papers")
        return self.n_stale - self.n_gone, self.n_gone

    def __enter__(self) -> TermRefresh:
        return self

    def __exit__(self, *exc) -> None:
        for future in self._pending:
            future.cancel()
        self._pending.clear()
        self._pool.shutdown(wait=True)


def _drop_old_shape(con: duckdb.DuckDBPyConnection) -> None:
    """A `paper_terms` of term strings (before the `terms` dictionary) is dropped with its hashes: every paper
    is tokenised again into the new shape on this build."""
    have = {r[0] for r in con.sql("select column_name from information_schema.columns "
                                  "where table_name = 'paper_terms'").fetchall()}
    if have and have != set(PAPER_TERMS.column_names):
        con.execute("drop table paper_terms")
        con.execute("drop table if exists paper_term_sources")


def _store(con: duckdb.DuckDBPyConnection, batch_terms: pl.DataFrame, pairs: pl.DataFrame) -> None:
    """Append the batch's new terms to `terms`, then its (paper, term) pairs under their `term_id`."""
    batch_terms = batch_terms.with_row_index("pos")
    con.register("incoming_terms", batch_terms)
    known = con.sql("select b.pos, t.term_id from incoming_terms b join terms t using (term)").pl()
    (last,) = con.sql("select coalesce(max(term_id), 0) from terms").fetchall()[0]
    new = (batch_terms.join(known, on="pos", how="anti")
           .with_columns((last + 1 + pl.int_range(pl.len())).cast(pl.Int32).alias("term_id")))
    con.unregister("incoming_terms")
    con.register("new_terms", new)
    con.execute("insert into terms select term_id, term, n_words from new_terms")
    con.unregister("new_terms")
    ids = pl.concat([known, new.select("pos", "term_id")]).sort("pos")["term_id"]
    con.register("incoming_pairs", pairs.select("arxiv_id", pl.lit(ids).gather(pl.col("term")).alias("term_id")))
    con.execute("insert into paper_terms select arxiv_id, term_id from incoming_pairs")
    con.unregister("incoming_pairs")
