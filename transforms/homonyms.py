"""Telling apart the people behind one name: each name's papers grouped by shared co-authors.

Within one author (one name key), two papers are in one group when they share a co-author other than the name
itself, directly or through a chain of such papers (connected components of the papers, linked by co-authors).
A name whose papers fall into two or more groups of at least two papers each is *ambiguous*: likely several
people. Papers with more than `MAX_TEAM` authors link nothing (one consortium paper would join everyone).

Known failure modes, by construction: one person who changed collaborators completely (a new lab, a new field)
is split in two; two people who share one co-author (or whose groups share one) are merged; a paper written
alone, or only with first-time co-authors, is a group of one and never makes a name ambiguous.

The components are found with array "hook and compress" (numpy): a handful of vectorised passes, not a Python
loop per paper.
"""

from __future__ import annotations

import numpy as np
import polars as pl

MAX_TEAM = 50  # as coauthor_edges: larger author lists are left out of the co-author graph


def paper_groups(authorships: pl.DataFrame) -> pl.DataFrame:
    """(arxiv_id, author_id) rows, each author once per paper -> (author_id, arxiv_id, cluster, cluster_papers):
    cluster numbers each author's groups 1, 2, ... by papers (most first, then the earliest arxiv_id), and
    cluster_papers is the group's size."""
    pairs = authorships.select("arxiv_id", "author_id").unique()
    if not pairs.height:
        return pl.DataFrame(schema={"author_id": pl.String, "arxiv_id": pl.String, "cluster": pl.Int32,
                                    "cluster_papers": pl.Int32})
    pairs = pairs.with_row_index("node")  # one node per (author, paper)
    codes = pairs.select("author_id").unique().sort("author_id").with_row_index("code")  # authors as integers
    team = pairs.group_by("arxiv_id").len("team")
    linked = (pairs.join(team.filter(pl.col("team").is_between(2, MAX_TEAM)), on="arxiv_id")
              .join(codes, on="author_id").select("node", pl.col("code").cast(pl.Int64), "arxiv_id", "author_id"))
    # only an author with two papers or more has papers to group: the others' nodes need no edges
    several = pairs.group_by("author_id").len("n").filter(pl.col("n") > 1).select("author_id")
    # (author, co-author) hubs: each node joins the hub of every co-author on its paper
    edges = (linked.join(several, on="author_id", how="semi")
             .join(linked.select("arxiv_id", pl.col("code").alias("coauthor")), on="arxiv_id")
             .filter(pl.col("code") != pl.col("coauthor"))
             .select("node", (pl.col("code") * codes.height + pl.col("coauthor")).rank("dense").cast(pl.Int64)
                     .alias("hub")))
    n_nodes = pairs.height
    parent = _components(edges["node"].to_numpy().astype(np.int64),
                         edges["hub"].to_numpy().astype(np.int64) - 1 + n_nodes, n_nodes + int(edges["hub"].max() or 0))
    grouped = pairs.with_columns(pl.Series("root", parent[:n_nodes]))
    sizes = grouped.group_by("author_id", "root").agg(pl.len().cast(pl.Int32).alias("cluster_papers"),
                                                      pl.col("arxiv_id").min().alias("first_paper"))
    sizes = (sizes.sort("author_id", "cluster_papers", "first_paper", descending=[False, True, False])
             .with_columns((pl.int_range(pl.len()).over("author_id") + 1).cast(pl.Int32).alias("cluster")))
    return grouped.join(sizes, on=["author_id", "root"]).select("author_id", "arxiv_id", "cluster", "cluster_papers")


def _components(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """The smallest node id of each node's connected component, for edges a[i]-b[i] over nodes 0..n-1."""
    parent = np.arange(n, dtype=np.int64)
    while True:
        pa, pb = parent[a], parent[b]
        if np.array_equal(pa, pb):
            return parent
        low = np.minimum(pa, pb)
        np.minimum.at(parent, pa, low)  # hook each root onto the smaller root across an edge
        np.minimum.at(parent, pb, low)
        while True:  # compress: every node points at its root
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
