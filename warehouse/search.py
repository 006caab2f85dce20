"""Reading the search index: ranked hits for a query, and the papers nearest one paper.

Opens the current `<home>/search/index-*.sqlite` read-only (never warehouse.duckdb), so the CLI, the
report and the explorer can search while an ingest writes: SQLite's WAL gives each query the last commit.
"""

from __future__ import annotations

import heapq
import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from transforms.search_query import Query, parse_query, to_match
from transforms.search_text import mark, matches, words
from warehouse.home import Home, HomeError
from warehouse.search_index import current_index

SNIPPET_FIELDS = ("tldr", "abstract", "title", "keywords")
_COLUMNS = "arxiv_id, title, tldr, abstract, keywords, authors, first_seen, last_seen, shown, raw"


class SearchUnavailable(HomeError):
    """No index yet, or no such paper: one line, exit code 2."""


@dataclass
class Hit:
    arxiv_id: str
    title: str
    authors: str
    first_seen: str
    last_seen: str
    feeds: list[str]
    categories: list[str]
    snippet: list[tuple[str, bool]] = field(default_factory=list)
    score: float = 0.0

    @property
    def url(self) -> str:
        return f"https://arxiv.org/abs/{self.arxiv_id}"


def open_index(home: Home) -> sqlite3.Connection:
    """A read-only connection to the current index; SearchUnavailable when none was built."""
    path = current_index(home)
    if path is None:
        raise SearchUnavailable(f"no search index under {home.root / 'search'}; run `arxiv-digest ingest` "
                                "(or `arxiv-digest rebuild`) first")
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)


def _hit(row: tuple, highlight: list[str], score: float) -> Hit:
    arxiv_id, title, tldr, abstract, keywords, authors, first, last, shown, originals = row
    shown = json.loads(shown)
    raw = {"tldr": tldr, "abstract": abstract, "title": title, "keywords": keywords, "authors": authors,
           **json.loads(originals or "{}")}
    best = next((f for f in SNIPPET_FIELDS if raw[f] and matches(raw[f], highlight)), None)
    text = raw[best] if best else (raw["tldr"] or raw["abstract"] or "")
    return Hit(arxiv_id, shown["title"], raw["authors"], first, last, shown["feeds"], shown["categories"],
               mark(text, highlight), score)


def run_match(home: Home, match: str, highlight: list[str], *, date_from: date | None = None,
              date_to: date | None = None, limit: int | None = 20, exclude: str | None = None) -> list[Hit]:
    """Hits for an FTS5 MATCH expression, best first (bm25, title boosted), optionally within a date range
    (papers listed on any day of it); `limit=None`: every hit."""
    where, params = ["docs match ?"], [match]
    if date_from:
        where.append("last_seen >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("first_seen <= ?")
        params.append(date_to.isoformat())
    if exclude:
        where.append("arxiv_id <> ?")
        params.append(exclude)
    # rank rowids only, then read the texts of the chosen few: sorting every match with its abstract attached
    # cost as much again as the ranking (ties go by rowid: arXiv id order in a full build)
    sql = f"select rowid, rank from docs where {' and '.join(where)} order by rank, rowid"
    if limit is not None:
        sql += f" limit {int(limit)}"
    db = open_index(home)
    try:
        ranked = db.execute(sql, params).fetchall()
        texts = {}
        for start in range(0, len(ranked), 500):  # SQLite's parameter limit
            chunk = [doc for doc, _ in ranked[start:start + 500]]
            texts.update((r[0], r[1:]) for r in db.execute(
                f"select rowid, {_COLUMNS} from docs where rowid in ({','.join('?' * len(chunk))})", chunk))
    finally:
        db.close()
    return [_hit(texts[doc], highlight, -score) for doc, score in ranked]


def search(home: Home, text: str | Query, **options) -> list[Hit]:
    """Hits for a query in the search syntax (transforms.search_query); raises QuerySyntaxError on a bad one."""
    query = parse_query(text) if isinstance(text, str) else text
    return run_match(home, to_match(query), query.highlight(), **options)


_DF: dict[tuple[str, str, int], int] = {}  # (index file, word, cap) -> papers holding it; versions are immutable


def _document_frequency(db: sqlite3.Connection, index_key: str, word: str, cap: int) -> int:
    """Papers whose title or abstract holds `word`, counted up to `cap` (a word in more papers than similar()'s
    posting budget is never one of its words, so its exact count is not needed: `the` would cost 100k steps);
    remembered per index file (the report asks for many papers)."""
    key = (index_key, word, cap)
    if key not in _DF:
        if len(_DF) > 200_000:
            _DF.clear()
        _DF[key] = db.execute("select count(*) from (select rowid from docs where docs match ? limit ?)",
                              (f'{{title abstract}} : "{word}"', cap)).fetchone()[0]
    return _DF[key]


def similar(home: Home, arxiv_id: str, *, limit: int = 10, terms: int = 16, budget: int = 10_000,
            words_considered: int = 40, exclude: Iterable[str] = ()) -> list[Hit]:
    """The papers nearest `arxiv_id` by TF-IDF over title and abstract: its `terms` words of highest tf-idf
    (document frequencies from the index itself, at most `budget` postings in all, so common words cannot
    make it slow); every paper holding some of them scores the sum of their idf, best first (ties by arXiv
    id); the `limit` best not in `exclude` (arXiv ids). SearchUnavailable for a paper the index does not hold."""
    index_key = str(current_index(home))
    db = open_index(home)
    try:
        row = db.execute("select d.rowid, d.title, d.abstract, d.raw, (select count(*) from paper_docs) from docs d "
                         "join paper_docs p on p.doc = d.rowid where p.arxiv_id = ?", (arxiv_id,)).fetchone()
        if row is None:
            raise SearchUnavailable(f"paper {arxiv_id} is not in the search index; check the id "
                                    "(`arxiv-digest search` finds papers by their words)")
        own, n = row[0], row[4]
        text = {"title": row[1], "abstract": row[2], **json.loads(row[3] or "{}")}
        counts = Counter(w for w in words(f"{text['title']}\n{text['title']}\n{text['abstract']}")
                         if len(w) > 1 and not w.isdigit())
        counts = Counter(dict(counts.most_common(words_considered)))
        df = {w: _document_frequency(db, index_key, w, budget + 1) for w in counts}  # > budget: never chosen
        idf = {w: math.log(n / df[w]) for w in counts if 0 < df.get(w, 0) < n * 0.25}
        top, postings = [], 0
        for w in sorted(idf, key=lambda w: (-counts[w] * idf[w], w)):  # best words first, within the budget
            if len(top) < terms and postings + df[w] <= budget:
                top.append(w)
                postings += df[w]
        scores: Counter = Counter()
        for w in top:
            for (doc,) in db.execute("select rowid from docs where docs match ?", (f'{{title abstract}} : "{w}"',)):
                scores[doc] += idf[w]
        scores.pop(own, None)
        # best first, the excluded papers dropped as they come: their ids are looked up (by row, the index's
        # integer key) only for the papers that could rank, in slices that end on a whole tie; ties go by
        # arXiv id, whatever order the index's updates gave the rows. Mapping every excluded id to its row
        # first cost more than the search for a prolific author (thousands of ids, an author page's case).
        skip = set(exclude)
        ranked = sorted(scores.items(), key=lambda ds: -ds[1])
        kept: list[tuple[float, str, int]] = []
        start = 0
        while start < len(ranked) and len(kept) < limit:
            end = min(len(ranked), start + max(64, 2 * limit))
            while end < len(ranked) and ranked[end][1] == ranked[end - 1][1]:
                end += 1
            ids = dict(db.execute("select doc, arxiv_id from paper_docs where doc in (select value from json_each(?))",
                                  (json.dumps([doc for doc, _ in ranked[start:end]]),)))
            kept += [(score, ids[doc], doc) for doc, score in ranked[start:end] if doc in ids and ids[doc] not in skip]
            start = end
        best = [doc for _, _, doc in heapq.nsmallest(limit, kept, key=lambda k: (-k[0], k[1]))]
        rows = {r[0]: r[1:] for r in db.execute(
            f"select rowid, {_COLUMNS} from docs where rowid in ({','.join('?' * len(best))})", best)} if best else {}
    finally:
        db.close()
    return [_hit(rows[d], top, scores[d]) for d in best]
