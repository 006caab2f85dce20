"""The `author_clusters` table: every author's papers grouped by shared co-authors (transforms.homonyms), from
paper_authors and authors; rebuilt in full, or for the changed authors only (an author's groups depend only on
their own papers and those papers' author lists)."""

from __future__ import annotations

from concurrent.futures import Executor
from functools import partial

import duckdb
import polars as pl

from transforms.homonyms import paper_groups
from transforms.schema.tables import AUTHOR_CLUSTERS

_CREDITED = ("select arxiv_id, author_id, first(name order by position) as raw_name "
             "from paper_authors {scope} group by all")
# every paper of a changed author, with all its authors: what their groups are computed from
_CHANGED_AUTHORS_PAPERS = ("semi join (select distinct arxiv_id from paper_authors "
                           "semi join changed_authors using (author_id)) using (arxiv_id)")


def build_author_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Replace `author_clusters` from paper_authors and authors; returns its rows."""
    return AuthorClusters(con).finish()


class AuthorClusters:
    """`author_clusters` being replaced: the authorships are read at once and grouped (numpy and polars, no
    DuckDB) on `pool` when one is given, so the caller's connection can build other marts meanwhile;
    `finish()` stores the groups and returns the table's rows."""

    def __init__(self, con: duckdb.DuckDBPyConnection, pool: Executor | None = None) -> None:
        self.con = con
        con.execute(f"create or replace table author_clusters "
                    f"({', '.join(f'{c.name} {c.duckdb_type}' for c in AUTHOR_CLUSTERS.columns)})")
        credited = con.sql(_CREDITED.format(scope="")).pl()
        self._groups = pool.submit(_groups, credited).result if pool else partial(_groups, credited)

    def finish(self) -> int:
        _store(self.con, self._groups())
        return self.con.sql("select count(*) from author_clusters").fetchall()[0][0]


def update_author_clusters(con: duckdb.DuckDBPyConnection) -> tuple[int, bool]:
    """Recompute `author_clusters` for the authors in the temp table `changed_authors`, or all of it when their
    papers are most of the papers (then it costs the same); returns (the table's rows, whether only theirs)."""
    credited = con.sql(_CREDITED.format(scope=_CHANGED_AUTHORS_PAPERS)).pl()
    if credited.height > con.sql("select count(*) from author_clusters").fetchall()[0][0] // 2:
        return build_author_clusters(con), False
    con.execute("delete from author_clusters where author_id in (select author_id from changed_authors)")
    _store(con, _groups(credited, only=con.sql("select author_id from changed_authors").pl()))
    return con.sql("select count(*) from author_clusters").fetchall()[0][0], True


def _groups(credited: pl.DataFrame, only: pl.DataFrame | None = None) -> pl.DataFrame:
    groups = paper_groups(credited).with_columns(  # two groups of at least two papers: likely two people
        (pl.col("cluster").filter(pl.col("cluster_papers") >= 2).n_unique().over("author_id") >= 2).alias("ambiguous"))
    if only is not None:  # the other authors of those papers were seen through part of their papers only
        groups = groups.join(only, on="author_id", how="semi")
    return groups


def _store(con: duckdb.DuckDBPyConnection, groups: pl.DataFrame) -> None:
    con.register("paper_groups", groups)
    con.execute("""
        insert into author_clusters
        select g.author_id, g.arxiv_id, g.raw_name, a.name_key, g.cluster, g.author_id || '#' || g.cluster,
               g.cluster_papers, g.ambiguous
        from paper_groups g
        join authors a using (author_id)""")
    con.unregister("paper_groups")
