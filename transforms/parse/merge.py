"""Merging a digest with its .jsonl twin: the digest's entries, enriched with what only the twin knows."""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque
from operator import attrgetter

from transforms.model import Diagnostic, Digest, Entry
from transforms.parse import html as fragments
from transforms.parse.text import normalise_ws


def merge_twin(md: Digest, twin: Digest) -> Digest:
    """`md` with what its twin adds (all categories, comment, fields the digest left out), matched by id in order.

    Duplicated ids pair up in order. Papers only in the twin are not added (the digest did not show
    them); their count is reported as an info diagnostic, as are digest papers the twin lacks.
    The twin's own diagnostics (broken lines, placeholders) are carried over.
    """
    pairs, diagnostics = pair_twin(md, twin)
    return dataclasses.replace(md, entries=[enrich(e, t) if t else e for e, t in pairs], diagnostics=diagnostics)


def pair_twin(md: Digest, twin: Digest) -> tuple[list[tuple[Entry, Entry | None]], list[Diagnostic]]:
    """Each digest entry with its twin record (None when the twin has none), matched by id in order; and the
    diagnostics of the merged day (both files' own, plus the twin-only and not-in-twin counts)."""
    queues: dict[str, deque[Entry]] = defaultdict(deque)
    for entry in twin.entries:
        if entry.arxiv_id:
            queues[entry.arxiv_id].append(entry)
    pairs: list[tuple[Entry, Entry | None]] = []
    unmatched = 0
    for entry in md.entries:
        queue = queues.get(entry.arxiv_id or "")
        if not queue:
            unmatched += entry.arxiv_id is not None
            pairs.append((entry, None))
            continue
        pairs.append((entry, queue.popleft()))
    diagnostics = [*md.diagnostics, *twin.diagnostics]
    left = sum(len(q) for q in queues.values())
    if left:
        diagnostics.append(Diagnostic(md.source, None, "info", "twin_only",
                                      f"{left} papers are in the twin but not shown in the digest"))
    if unmatched:
        diagnostics.append(Diagnostic(md.source, None, "info", "not_in_twin",
                                      f"{unmatched} digest papers have no record in the twin"))
    return pairs, diagnostics


# Entry fields the twin fills when the digest left them empty (the rest are the digest's own, or merged below).
_FILLED = tuple(f.name for f in dataclasses.fields(Entry)
                if f.name not in ("position", "section", "line", "extra", "categories", "version", "url"))


# Text the digest shows as Markdown, where a literal `<img>` or `&amp;` in a title is markup: the twin holds it as
# written (arXiv metadata is plain text), so where the twin's value read as HTML is the digest's, the twin's wins.
_LITERAL = ("title", "tldr", "motivation", "method", "result", "conclusion", "abstract", "comment",
            "title_translation", "abstract_translation")
_GET_FILLED, _GET_LITERAL = attrgetter(*_FILLED), attrgetter(*_LITERAL)  # one C call per entry, not one per field


def shown_as(mine: str, theirs: str) -> bool:
    """True when the twin's `theirs`, read as the HTML the digest rendered, is the digest's `mine`."""
    return (("<" in theirs or "&" in theirs) and fragments.has_html(theirs)
            and normalise_ws(fragments.fragment_text(theirs)[0]) == normalise_ws(mine))


def enrich(entry: Entry, twin: Entry, overrides: dict[str, object] | None = None) -> Entry:
    """`entry` with the twin's values where the digest has none, the twin's literal text where the digest shows it
    as HTML, every category (the twin's first: its first is the primary), the twin's extras, then `overrides`."""
    changes: dict[str, object] = {}
    for name, mine, theirs in zip(_FILLED, _GET_FILLED(entry), _GET_FILLED(twin)):
        if (mine is None or mine == []) and theirs not in (None, []):
            changes[name] = theirs
    for name, mine, theirs in zip(_LITERAL, _GET_LITERAL(entry), _GET_LITERAL(twin)):
        if mine and theirs and mine != theirs and shown_as(mine, theirs):
            changes[name] = theirs
    categories = list(twin.categories)
    for code in entry.categories:
        if code not in categories:
            categories.append(code)
    changes["categories"] = categories
    changes["extra"] = {**entry.extra, **twin.extra}  # the twin's structured lists beat the digest's rendering
    if overrides:
        changes.update(overrides)
    return dataclasses.replace(entry, **changes)
