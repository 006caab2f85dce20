"""The `author_clusters` table: every author's papers grouped by shared co-authors (transforms.homonyms), rebuilt
in full on each marts build (it reads only paper_authors and authors, and takes well under a second a year)."""

from __future__ import annotations

import duckdb


from transforms.homonyms import paper_groups
from transforms.schema.tables import AUTHOR_CLUSTERS


def build_author_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Replace `author_clusters` from paper_authors; returns its rows."""
    credited = con.sql("select distinct arxiv_id, author_id from paper_authors").pl()
    groups = paper_groups(credited)
    con.register("paper_groups", groups)
    con.execute(f"create or replace table author_clusters ({', '.join(f'{c.name} {c.duckdb_type}' for c in AUTHOR_CLUSTERS.columns)})")
    con.execute("""
        insert into author_clusters
        with listed as (
            select arxiv_id, author_id, first(name order by position) as raw_name
            from paper_authors group by all
        ),
        ambiguous as (
            select author_id, count(distinct cluster) filter (where cluster_papers >= 2) >= 2 as ambiguous
            from paper_groups group by author_id
        )
        select g.author_id, g.arxiv_id, l.raw_name, a.name_key, g.cluster, g.author_id || '#' || g.cluster,
               g.cluster_papers, m.ambiguous
        from paper_groups g
        join listed l using (arxiv_id, author_id)
        join authors a using (author_id)
        join ambiguous m using (author_id)""")
    con.unregister("paper_groups")
    return con.sql("select count(*) from author_clusters").fetchall()[0][0]


