"""Telling apart the people behind one name: each name's papers grouped by shared co-authors.

Within one author (one name key), two papers are in one group when they share a co-author other than the name
itself, directly or through a chain of such papers (connected components of the papers, linked by co-authors).
A name whose papers fall into two or more groups of at least two papers each is *ambiguous*: likely several
people. Papers with more than `MAX_TEAM` authors link nothing (one consortium paper would join everyone).

Known failure modes, by construction: one person who changed collaborators completely (a new lab, a new field)
is split in two; two people who share one co-author (or whose groups share one) are merged; a paper written
alone, or only with first-time co-authors, is a group of one and never makes a name ambiguous.

The components are found on integer arrays (numpy): papers and authors numbered once, the co-author links built
by repeating each paper's rows, and "hook and compress" passes over them; no string join and no Python loop per
paper.
"""

from __future__ import annotations

import numpy as np
import polars as pl

MAX_TEAM = 50  # as coauthor_edges: larger author lists are left out of the co-author graph


def paper_groups(authorships: pl.DataFrame) -> pl.DataFrame:
    """(arxiv_id, author_id, ...) rows, each author once per paper -> the same rows (any other columns kept) with
    `cluster` and `cluster_papers`: cluster numbers each author's groups 1, 2, ... by papers (most first, then
    the earliest arxiv_id), and cluster_papers is the group's size."""
    n = authorships.height
    # one node per row, (author, paper); papers numbered in arxiv_id order, so the smallest is the earliest paper
    author, paper = _numbered(authorships["author_id"]), _numbered(authorships["arxiv_id"])
    root = _components(*_links(author, paper), n)  # links join one author's nodes: a component is one author's
    size = np.bincount(root, minlength=n)
    first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first, root, paper)
    roots = np.flatnonzero(size)  # one per group; numbered within its author by size, then earliest paper
    order = roots[np.lexsort((first[roots], -size[roots], author[roots]))]
    starts = np.searchsorted(author[order], author[order], side="left")
    cluster = np.empty(n, dtype=np.int32)
    cluster[order] = np.arange(len(order)) - starts + 1
    return authorships.with_columns(pl.Series("cluster", cluster[root], dtype=pl.Int32),
                                    pl.Series("cluster_papers", size[root], dtype=pl.Int32))


def _numbered(values: pl.Series) -> np.ndarray:
    """Each value's place among the distinct values, sorted (a join on the distinct values: ranking all the
    rows sorts every row)."""
    distinct = values.unique().sort().to_frame().with_row_index("number")
    numbered = values.to_frame().join(distinct, on=values.name, how="left", maintain_order="left")
    return numbered["number"].to_numpy().astype(np.int64)


def _links(author: np.ndarray, paper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Edges between the nodes (author[i], paper[i]) of one author that share a co-author: for every
    (author, co-author) pair, each of its nodes linked to its smallest one (the same components as linking
    them all)."""
    if not len(paper):
        return paper, paper
    team = np.bincount(paper)
    several = np.bincount(author)[author] > 1  # an author with one paper has nothing to group
    linked = np.flatnonzero((team[paper] >= 2) & (team[paper] <= MAX_TEAM))
    by_paper = linked[np.argsort(paper[linked])]  # the linked nodes, each paper's together
    starts = np.searchsorted(paper[by_paper], paper[by_paper], side="left")
    src = by_paper[several[by_paper]]
    src_start = starts[several[by_paper]]
    width = team[paper[src]]
    first_of = np.repeat(np.cumsum(width) - width, width)
    mate = by_paper[np.repeat(src_start, width) + np.arange(int(width.sum())) - first_of]
    src = np.repeat(src, width)
    keep = mate != src
    src, mate = src[keep], mate[keep]
    hub = author[src] * (int(author.max()) + 1) + author[mate]  # (author, co-author) as one integer
    # a hash group-by (polars, all cores) instead of sorting ~2M pairs by hub: the sort was most of the cost
    star = (pl.DataFrame({"hub": hub, "node": src})
            .with_columns(pl.col("node").min().over("hub").alias("root"))
            .filter(pl.col("node") != pl.col("root")))
    return star["node"].to_numpy(), star["root"].to_numpy()


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
