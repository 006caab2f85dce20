"""The twin cross-check and completeness of one day: what the digest's parse got right, and what gets loaded.

    reconcile(md, twin) -> (Digest, [FieldCheck])

With a twin, every digest entry is compared with its twin record (paired by id in order, as merge_twin pairs
them) on each of FIELDS after whitespace normalisation; where they disagree the twin's value is loaded (the
digest was rendered from it) and a `twin_mismatch` warning names the entry and the field. Without a twin the
parse is loaded as it is. Either way each field's completeness is counted on what is loaded, and a loaded
entry left without a primary category gets a `missing_field` warning.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from operator import attrgetter

from transforms.model import Diagnostic, Digest, Entry
from transforms.parse.merge import enrich, pair_twin, shown_as
from transforms.schema.tables import FIDELITY_FIELDS

FIELDS = FIDELITY_FIELDS
# The fields whose completeness is judged: every entry should have them (the other summary fields vary by feed).
COMPLETENESS_FIELDS = ("title", "authors", "main_category", "tldr", "abstract")
_SHOWN = 60  # characters of each side a mismatch message quotes


@dataclass
class FieldCheck:
    """One field of one day: entries loaded and how many have it; twin pairs compared (the twin has a value), how
    many agree and how many the digest left empty; the first disagreement and the first entry without it."""

    field: str
    n_entries: int = 0
    n_present: int = 0
    n_compared: int = 0
    n_agreed: int = 0
    n_missing: int = 0
    example_id: str | None = None
    example_line: int | None = None
    example: str | None = None
    absent_id: str | None = None
    absent_line: int | None = None


def primary_category(entry: Entry) -> str | None:
    """The paper's primary category, in order: the twin's first category, the entry's main category, the
    section it is listed under; None when there is none."""
    return (entry.categories[0] if entry.categories else None) or entry.main_category or entry.section or None


def reconcile(md: Digest, twin: Digest | None) -> tuple[Digest, list[FieldCheck]]:
    """`md` merged with its `twin` (None: no twin; the twin's value wins where the two disagree), and one
    FieldCheck per field of FIELDS. Pure and never raises on odd values."""
    checks = [FieldCheck(f) for f in FIELDS]
    found: list[Diagnostic] = []
    if twin is None:
        digest = md
    else:
        pairs, diagnostics = pair_twin(md, twin)
        unshown = _unshown(md)
        entries = [enrich(entry, record, _compare(entry, record, checks, md.source, found, unshown)) if record
                   else entry for entry, record in pairs]
        for check in checks:
            if check.field in unshown and check.n_missing:
                diagnostics.append(Diagnostic(md.source, None, "info", "twin_fills",
                                              f"the digest shows no {check.field} for any entry (its template has "
                                              f"none); loaded the twin's for {check.n_missing}"))
        digest = dataclasses.replace(md, entries=entries, diagnostics=diagnostics)
    for entry in digest.entries:
        if entry.arxiv_id:
            _count_present(entry, checks, md.source, found)
    if found:
        digest = dataclasses.replace(digest, diagnostics=[*digest.diagnostics, *found])
    return digest, checks


# Every compared field of an entry in one C call: this runs on every entry of every ingest.
_VALUES = attrgetter(*FIELDS)


def _same(mine, theirs, field: str) -> bool:
    if not mine or not theirs:
        return False
    if field == "authors":
        return len(mine) == len(theirs) and all(" ".join(a.split()) == " ".join(b.split())
                                                for a, b in zip(mine, theirs))
    return " ".join(mine.split()) == " ".join(theirs.split()) or shown_as(mine, theirs)


# Fields a template may leave out altogether (A0 has no main category or TL;DR, a Chinese fork no English
# abstract); every template prints a title and authors, so a day without them lost them.
_OPTIONAL = frozenset(FIELDS) - {"title", "authors"}


def _unshown(md: Digest) -> frozenset[str]:
    """The optional fields no entry of the day shows: the template's, not the parser's, so no disagreement."""
    return frozenset(f for f in _OPTIONAL if not any(getattr(e, f) for e in md.entries))


def _compare(entry: Entry, record: Entry, checks: list[FieldCheck], source: str | None,
             found: list[Diagnostic], unshown: frozenset[str] = frozenset()) -> dict[str, object] | None:
    """Count each field of one pair; returns the twin's values for the fields where the two disagree, or where
    the day's digest shows the field nowhere (`unshown`: filled from the twin, counted as not in the digest)."""
    mine_all, theirs_all = _VALUES(entry), _VALUES(record)
    if mine_all == theirs_all:  # the usual case: every field equal as is, no normalised copies built
        for check, value in zip(checks, mine_all):
            if value:  # (equal, so the twin has it too)
                check.n_compared += 1
                check.n_agreed += 1
        return None
    overrides: dict[str, object] = {}
    for check, mine, theirs in zip(checks, mine_all, theirs_all):
        if not theirs:  # the twin cannot judge a value it lacks (a journal's venue shown as a section)
            continue
        if not mine and check.field in unshown:
            check.n_missing += 1
            overrides[check.field] = theirs
            continue
        check.n_compared += 1
        if mine == theirs or _same(mine, theirs, check.field):
            check.n_agreed += 1
            continue
        field = check.field
        check.n_missing += not mine
        note = (f"digest has none, twin {_quote(theirs)}" if not mine else
                "digest {}, twin {}".format(*_quote_apart(mine, theirs)))
        if check.example_id is None:
            check.example_id, check.example_line, check.example = entry.arxiv_id, entry.line, note
        overrides[field] = theirs
        what = "missing from the digest" if not mine else "differs from the twin"
        found.append(Diagnostic(source, entry.line, "warning", "twin_mismatch",
                                f"{entry.arxiv_id}: {field} {what} ({note}); loaded the twin's",
                                _flat(mine)[:200] if mine else ""))
    return overrides


def _count_present(entry: Entry, checks: list[FieldCheck], source: str | None,
                   found: list[Diagnostic]) -> None:
    """Count which fields one loaded entry has; a placeholder ('Summary generation failed') counts as present,
    as it is reported as a failed summary instead."""
    failed = entry.failed_fields
    for check, value in zip(checks, _VALUES(entry)):
        check.n_entries += 1
        field = check.field
        if field == "main_category":
            value = primary_category(entry)
        if value or field in failed:
            check.n_present += 1
            continue
        if check.absent_id is None:
            check.absent_id, check.absent_line = entry.arxiv_id, entry.line
        if field == "main_category":  # (a lost title or author list is the parser's `lost_fields` warning)
            found.append(Diagnostic(source, entry.line, "warning", "missing_field",
                                    f"{entry.arxiv_id}: no primary category (no twin category, main category or "
                                    "section); loaded as NULL"))


def _flat(value) -> str:
    return " ".join((", ".join(value) if isinstance(value, list) else str(value)).split())


def _quote(value, limit: int = _SHOWN) -> str:
    text = _flat(value)
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def _quote_apart(mine, theirs) -> tuple[str, str]:
    """Both values quoted from a little before where they first differ, so a long shared start does not hide it."""
    a, b = _flat(mine), _flat(theirs)
    same = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, same - _SHOWN // 3)
    cut = (lambda t: ("…" if start else "") + t[start:])
    return _quote(cut(a)), _quote(cut(b))
