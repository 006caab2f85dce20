"""The `paper_terms` table: each paper's terms (transforms.terms), kept up to date incrementally.

Tokenising is the costly part of the marts (about 0.2 ms a paper), so only papers whose title, abstract
or keywords changed since the last build are tokenised again; `paper_term_sources` remembers a hash of
the text each paper's terms came from.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from transforms.schema import Column as C
from transforms.schema import Table
from transforms.terms import paper_terms

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
CHUNK = 4000  # papers tokenised per Arrow insert: bounds memory on a first build of a big warehouse

_TEXTS = """
with keywords as (
    select arxiv_id, list_sort(list(distinct keyword)) as keywords
    from (select arxiv_id, unnest(keywords) as keyword from summaries)
    group by arxiv_id
)
select p.arxiv_id, p.title, p.abstract, coalesce(k.keywords, cast([] as varchar[])) as keywords,
       cast(hash(p.title, p.abstract, k.keywords) as varchar) as text_hash  -- a fast 64-bit hash: change detection only
from papers p
left join keywords k using (arxiv_id)
"""


def refresh_paper_terms(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Bring `paper_terms` in line with `papers` and `summaries`; returns (papers tokenised, papers dropped)."""
    con.execute(PAPER_TERMS.ddl())
    con.execute(TERM_SOURCES.ddl())
    con.execute(f"create or replace temp table paper_texts as {_TEXTS}")
    # papers whose text changed or is new, and papers gone from the warehouse: their terms are dropped
    con.execute("""create or replace temp table stale_papers as
                   select coalesce(t.arxiv_id, s.arxiv_id) as arxiv_id, t.arxiv_id is null as gone
                   from paper_texts t
                   full join paper_term_sources s using (arxiv_id)
                   where s.text_hash is distinct from t.text_hash""")
    n_stale, n_gone = con.sql("select count(*), count(*) filter (where gone) from stale_papers").fetchall()[0]
    if n_stale:
        con.execute("delete from paper_terms where arxiv_id in (select arxiv_id from stale_papers)")
        con.execute("delete from paper_term_sources where arxiv_id in (select arxiv_id from stale_papers)")
    stale = con.sql("""select arxiv_id, title, abstract, keywords, text_hash from paper_texts
                       semi join stale_papers using (arxiv_id) order by arxiv_id""").fetchall()
    for start in range(0, len(stale), CHUNK):
        _insert(con, stale[start:start + CHUNK])
    con.execute("drop table paper_texts")
    con.execute("drop table stale_papers")
    return len(stale), n_gone


def _insert(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    ids, terms, words = [], [], []
    for arxiv_id, title, abstract, keywords, _ in rows:
        for term in paper_terms(title, abstract, keywords):
            ids.append(arxiv_id)
            terms.append(term)
            words.append(term.count(" ") + 1)
    batch = pa.table({"arxiv_id": ids, "term": terms, "n_words": pa.array(words, pa.int32())})
    sources = pa.table({"arxiv_id": [r[0] for r in rows], "text_hash": [r[4] for r in rows]})
    con.register("incoming_terms", batch)
    con.register("incoming_sources", sources)
    con.execute("insert into paper_terms select * from incoming_terms")
    con.execute("insert into paper_term_sources select * from incoming_sources")
    con.unregister("incoming_terms")
    con.unregister("incoming_sources")
