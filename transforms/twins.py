"""A day with several `.jsonl` twins (the upstream layout): which one speaks for the day, and what the others add.

The upstream generator writes, per date, the raw crawl `<date>.jsonl` (arXiv metadata, no AI fields) and one
`<date>_AI_enhanced_<Language>.jsonl` per summary language; the `.md` is rendered from one of those. The rule:

- **The twin** (the one the digest is merged with, cross-checked against, and whose path `digests.twin_path`
  records) is the AI-enhanced twin whose summary language is the digest's; else the first AI-enhanced one in
  file-name order; a raw crawl only when the day has nothing else. A day without `.md` is read from that twin.
- **Every other twin** only fills in: categories the day does not name yet, metadata the entry lacks (title,
  authors, abstract, comment), and `extra` keys it lacks. It never adds a listing (a paper only it holds is
  not listed), nor summary text in its language (the digest shows one language).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque

from transforms.model import Digest, Entry

_METADATA = ("title", "authors", "abstract", "comment", "main_category")


def choose_twin(digest_language: str | None, twins: list[Digest]) -> int:
    """Index in `twins` (in discovery order: AI-enhanced first) of the twin that speaks for the day (see above)."""
    with_ai = [i for i, t in enumerate(twins) if t.language is not None and not t.is_rejected]
    same = [i for i in with_ai if digest_language is not None and twins[i].language == digest_language]
    readable = [i for i, t in enumerate(twins) if not t.is_rejected]
    return (same or with_ai or readable or [0])[0]


def add_other_twin(digest: Digest, other: Digest) -> Digest:
    """`digest` with what `other` (a further twin of its day) adds to the entries it already has, matched by id
    in order; its diagnostics are carried over, its twin-only papers are not listed."""
    queues: dict[str, deque[Entry]] = defaultdict(deque)
    for entry in other.entries:
        if entry.arxiv_id:
            queues[entry.arxiv_id].append(entry)
    entries = [_fill(e, queues[e.arxiv_id].popleft()) if e.arxiv_id and queues.get(e.arxiv_id) else e
               for e in digest.entries]
    return dataclasses.replace(digest, entries=entries, diagnostics=[*digest.diagnostics, *other.diagnostics])


def _fill(entry: Entry, other: Entry) -> Entry:
    changes: dict[str, object] = {name: getattr(other, name) for name in _METADATA
                                  if getattr(entry, name) in (None, [], "") and getattr(other, name) not in (None, [])}
    categories = list(entry.categories)
    categories += [c for c in other.categories if c not in categories]
    extra = {**other.extra, **entry.extra}  # what the day already holds wins
    return dataclasses.replace(entry, **changes, categories=categories, extra=extra)
