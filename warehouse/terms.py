"""The `paper_terms` table: each paper's terms (transforms.terms), kept up to date incrementally.

Tokenising is the costly part of the marts (transforms.term_frames: about 25 µs a paper), so only papers
whose title, abstract or keywords changed since the last build are tokenised again; `paper_term_sources`
remembers a hash of the text each paper's terms came from.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb

from transforms.schema import Column as C
from transforms.schema import Table
from transforms.term_frames import paper_terms_frame

PAPER_TERMS = Table(
    "paper_terms", "mart", "Distinct terms of each paper: words and bigrams of title and abstract, and keywords.",
    (
        C("arxiv_id", "VARCHAR", "The paper.", nullable=False),
        C("term", "VARCHAR", "A word, a bigram or a keyword phrase (see transforms/terms.py).", nullable=False),
        C("n_words", "INTEGER", "Words in the term: 1, 2, or more for keyword phrases.", nullable=False),
    ),
    key=("arxiv_id", "term"),
)
TERM_SOURCES = Table(
    "paper_term_sources", "mart", "Hash of the text each paper's terms were computed from.",
    (
        C("arxiv_id", "VARCHAR", "The paper.", nullable=False),
        C("text_hash", "VARCHAR", "DuckDB hash() of title, abstract and sorted keywords.", nullable=False),
    ),
    key=("arxiv_id",),
)
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
order by p.arxiv_id
"""


def refresh_paper_terms(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Bring `paper_terms` in line with `papers` and `summaries`; returns (papers tokenised, papers dropped)."""
    con.execute(PAPER_TERMS.ddl())
    con.execute(TERM_SOURCES.ddl())
    con.execute(f"create or replace temp table paper_hashes as {_HASHES}")
    # papers whose text changed or is new, and papers gone from the warehouse: their terms are dropped
    con.execute("""create or replace temp table stale_papers as
                   select coalesce(t.arxiv_id, s.arxiv_id) as arxiv_id, t.arxiv_id is null as gone, t.text_hash
                   from paper_hashes t
                   full join paper_term_sources s using (arxiv_id)
                   where s.text_hash is distinct from t.text_hash""")
    n_stale, n_gone = con.sql("select count(*), count(*) filter (where gone) from stale_papers").fetchall()[0]
    if n_stale:
        con.execute("delete from paper_terms where arxiv_id in (select arxiv_id from stale_papers)")
        con.execute("delete from paper_term_sources where arxiv_id in (select arxiv_id from stale_papers)")
        texts = con.sql(_STALE_TEXTS).pl()
        batches = [texts.slice(start, CHUNK) for start in range(0, texts.height, CHUNK)]
        # the next batch is tokenised (polars, off the GIL) while DuckDB stores this one: both cores busy
        with ThreadPoolExecutor(max_workers=1) as tokeniser:
            pending = None
            for batch in batches:
                ahead = tokeniser.submit(paper_terms_frame, batch)
                if pending:
                    _store(con, pending.result())
                pending = ahead
            if pending:
                _store(con, pending.result())
        con.execute("insert into paper_term_sources select arxiv_id, text_hash from stale_papers where not gone")
    n_tokenised = n_stale - n_gone
    con.execute("drop table paper_hashes")
    con.execute("drop table stale_papers")
    return n_tokenised, n_gone


def _store(con: duckdb.DuckDBPyConnection, terms) -> None:
    con.register("incoming_terms", terms)
    con.execute("insert into paper_terms select arxiv_id, term, n_words from incoming_terms")
    con.unregister("incoming_terms")
