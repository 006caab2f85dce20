"""The `author_clusters` table: every author's papers grouped by shared co-authors (transforms.homonyms), rebuilt
in full on each marts build (it reads only paper_authors and authors)."""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.homonyms import paper_groups
from transforms.schema.tables import AUTHOR_CLUSTERS


def build_author_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Replace `author_clusters` from paper_authors and authors; returns its rows."""
    credited = con.sql("select arxiv_id, author_id, first(name order by position) as raw_name "
                       "from paper_authors group by all").pl()
    groups = paper_groups(credited).with_columns(  # two groups of at least two papers: likely two people
        (pl.col("cluster").filter(pl.col("cluster_papers") >= 2).n_unique().over("author_id") >= 2).alias("ambiguous"))
    con.register("paper_groups", groups)
    con.execute(f"create or replace table author_clusters ({', '.join(f'{c.name} {c.duckdb_type}' for c in AUTHOR_CLUSTERS.columns)})")
    con.execute("""
        insert into author_clusters
        select g.author_id, g.arxiv_id, g.raw_name, a.name_key, g.cluster, g.author_id || '#' || g.cluster,
               g.cluster_papers, g.ambiguous
        from paper_groups g
        join authors a using (author_id)""")
    con.unregister("paper_groups")
    return con.sql("select count(*) from author_clusters").fetchall()[0][0]
