"""coauthor_edges brought up to date for the changed papers (temp table `changed_papers`), row for row the
table warehouse/sql/marts/coauthor_edges.sql builds.

A key (feed, author_a, author_b) is a count and a date range over the papers the two share in the feed. Take
away what the changed papers gave it at the last build, add what they give now: the count is exact, and so
are the dates unless a changed paper held the old earliest or latest date; only those keys are recounted
from their papers (incremental/coauthor_edges.sql). A new day's papers held no old date, so a day costs the
changed papers' pairs, not the year's.
"""

from __future__ import annotations

import duckdb

from warehouse.db import sql_text

RECOUNT_MAX_ROWS = 500_000  # papers walked to recount keys; the full build pairs up ~2M (paper pair, feed) rows a year
_SHARES = sql_text("marts/incremental/coauthor_shares")
_RECOUNT = sql_text("marts/incremental/coauthor_edges")


def shares_then(con: duckdb.DuckDBPyConnection) -> None:
    """`shares_then`: what the changed papers gave each key at the last build; run before any mart moves."""
    con.execute("""create or replace temp view shares_of as
                   select feed, arxiv_id, author_id, first_seen, last_seen from feed_authorships
                   where arxiv_id in (select arxiv_id from changed_papers)""")
    con.execute(f"create or replace temp table shares_then as {_SHARES}")


def coauthor_delta(con: duckdb.DuckDBPyConnection) -> tuple[str, str] | None:
    """Fill `mart_delta` with the new rows of every key the changed papers touch (feed_papers already redone);
    returns the statements that delete the old rows of those keys and add the new ones, or None when the
    recount would walk more papers than building the table afresh does (a rewritten day of prolific authors)."""
    con.execute("""create or replace temp view shares_of as
                   with credited as (
                       select distinct p.arxiv_id, p.author_id from paper_authors p
                       semi join authors using (author_id)
                       where p.arxiv_id in (select arxiv_id from changed_papers)
                   )
                   select f.feed, f.arxiv_id, c.author_id, f.first_seen, f.last_seen
                   from feed_papers f
                   join credited c using (arxiv_id)""")
    con.execute(f"create or replace temp table shares_now as {_SHARES}")
    con.execute("""create or replace temp table mart_merge as
                   with touched as (
                       select feed, author_a, author_b from shares_then
                       union
                       select feed, author_a, author_b from shares_now
                   )
                   select k.feed, k.author_a, k.author_b,
                          coalesce(e.weight, 0) - coalesce(t.n_papers, 0) + coalesce(n.n_papers, 0) as weight,
                          -- a changed paper held an old end of the range: recount the key
                          t.n_papers is not null and (e.weight is null or t.first_seen <= e.first_seen
                                                      or t.last_seen >= e.last_seen) as recount,
                          least(coalesce(e.first_seen, n.first_seen), coalesce(n.first_seen, e.first_seen)) as first_seen,
                          greatest(coalesce(e.last_seen, n.last_seen), coalesce(n.last_seen, e.last_seen)) as last_seen
                   from touched k
                   left join coauthor_edges e using (feed, author_a, author_b)
                   left join shares_then t using (feed, author_a, author_b)
                   left join shares_now n using (feed, author_a, author_b)""")
    con.execute("create or replace temp table mart_recount as "
                "select feed, author_a, author_b from mart_merge where recount")
    (walk,) = con.sql("""select coalesce(sum(n), 0) from (select distinct author_a, author_b from mart_recount) k
                         join (select author_id, count(*) as n from paper_authors group by all) a
                           on a.author_id = k.author_a""").fetchall()[0]
    if walk > RECOUNT_MAX_ROWS:
        return None
    con.execute(f"""create or replace temp table mart_delta as
                    select m.feed, m.author_a, a.name as name_a, m.author_b, b.name as name_b,
                           cast(m.weight as integer) as weight, m.first_seen, m.last_seen
                    from mart_merge m
                    join authors a on a.author_id = m.author_a
                    join authors b on b.author_id = m.author_b
                    where not m.recount and m.weight > 0
                    union all
                    select * from ({_RECOUNT})""")
    return ("delete from coauthor_edges e using mart_merge k "
            "where e.feed = k.feed and e.author_a = k.author_a and e.author_b = k.author_b",
            "insert into coauthor_edges select * from mart_delta")
