"""A parsed digest -> the raw tables the lake stores for it, as Arrow tables with declared schemas."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa

from transforms.authors import author_id, name_key
from transforms.model import SUMMARY_FIELDS, Diagnostic, Digest
from transforms.schema import BY_NAME


@dataclass(frozen=True)
class SourceFile:
    """One file as the extract stage saw it."""

    path: str
    sha256: str
    bytes: int
    role: str  # "digest" or "twin"
    mtime_ns: int | None = None  # local files only: lets the next run skip re-reading an unchanged file
    # Read from a git repository (warehouse.git_source): where, which blob, from which commit, versions in history.
    repo: str | None = None
    blob: str | None = None
    commit: str | None = None
    versions: int | None = None

    def row(self, unit: "Unit", status: str) -> dict:
        """This file's `files` row as part of `unit`."""
        return {"path": self.path, "sha256": self.sha256, "bytes": self.bytes, "feed": unit.feed,
                "digest_id": unit.digest_id, "role": self.role, "status": status, "mtime_ns": self.mtime_ns,
                "git_commit": self.commit, "git_blob": self.blob, "git_versions": self.versions}


@dataclass(frozen=True)
class Unit:
    """What the pipeline loads and replaces as one: a feed's day, from its digest file, its twin, or both."""

    feed: str
    digest_id: str
    digest_date: date | None
    files: tuple[SourceFile, ...]
    categories: tuple[str, ...] = ()  # a feed's category filter (feeds.toml): only listings in one of them load

    @property
    def digest_file(self) -> SourceFile:
        return next((f for f in self.files if f.role == "digest"), self.files[0])

    @property
    def twin_file(self) -> SourceFile | None:
        return next((f for f in self.files if f.role == "twin"), None)

    @property
    def token(self) -> str:
        """Short fingerprint of this unit's file versions; lake file names carry it."""
        import hashlib

        joined = "|".join(f"{f.role}:{f.sha256}" for f in sorted(self.files, key=lambda f: (f.role, f.sha256)))
        return hashlib.sha256(joined.encode()).hexdigest()[:12]


@dataclass
class ParsedUnit:
    """One unit after the transform stage: its raw tables, and whether it was rejected whole (and why)."""

    unit: Unit
    tables: dict[str, pa.Table]
    rejected: bool = False
    reason: str = ""
    diagnostics: dict[str, int] = field(default_factory=dict)
    # Lake file bytes of some tables, when a parse worker process already encoded them (flows/runners.py).
    encoded: dict[str, bytes] = field(default_factory=dict)


def digest_id_for(feed: str, digest_date: date | None, stem: str) -> str:
    """`feed/2025-09-04`; a file with no readable date is keyed by its name instead."""
    return f"{feed}/{digest_date.isoformat() if digest_date else stem}"


def diagnostic_rows(unit: Unit, diagnostics: list[Diagnostic]) -> list[dict]:
    """Diagnostics -> `diagnostics` rows, each tied to the file (and version) it is about."""
    by_path = {f.path: f for f in unit.files}
    rows, seq = [], {}
    for d in diagnostics:
        f = by_path.get(d.source or "", unit.digest_file)
        seq[f.path] = seq.get(f.path, 0) + 1
        rows.append({
            "feed": unit.feed, "digest_id": unit.digest_id, "path": f.path, "sha256": f.sha256,
            "seq": seq[f.path], "line": d.line, "severity": d.severity, "code": d.code,
            "message": d.message, "excerpt": d.excerpt[:200] if d.excerpt else None,
        })
    return rows


def rejected_unit_tables(unit: Unit, diagnostics: list[Diagnostic]) -> dict[str, pa.Table]:
    """A unit nothing could be read from: only its files (marked rejected) and why."""
    files = [f.row(unit, "rejected") for f in unit.files]
    out = {t: BY_NAME[t].empty() for t in ("digests", "listings", "paper_observations", "authorships", "summaries",
                                           "fidelity")}
    out["files"] = BY_NAME["files"].from_rows(files)
    out["diagnostics"] = BY_NAME["diagnostics"].from_rows(diagnostic_rows(unit, diagnostics))
    return out


def fidelity_table(unit: Unit, checks: list) -> pa.Table:
    """The `fidelity` rows of one loaded unit: one per FieldCheck (transforms/fidelity.py)."""
    base = {"feed": unit.feed, "digest_id": unit.digest_id, "digest_date": unit.digest_date,
            "path": unit.digest_file.path}
    return BY_NAME["fidelity"].from_rows([{**base, **vars(c)} for c in checks])


def _text(value: str | None) -> str | None:
    """A value as the warehouse holds it: a missing or blank one is NULL, never ''."""
    return value if value and not value.isspace() else None


def _texts(values) -> list[str]:
    return [v for v in values if v and not v.isspace()]


def digest_tables(unit: Unit, digest: Digest) -> dict[str, pa.Table]:
    """Every raw table's rows for one loaded unit. Entries without an arXiv id are left out here;
    the parser's `missing_arxiv_id` error diagnostic records each of them in `diagnostics`."""
    kept = [e for e in digest.entries if e.arxiv_id]
    n = len(kept)
    # Built column by column: an order of magnitude cheaper than a dict per row.
    key = {"digest_id": unit.digest_id, "position": [e.position for e in kept]}
    ids = [e.arxiv_id for e in kept]
    versions = [e.version for e in kept]
    listings = BY_NAME["listings"].from_columns({
        **key, "feed": unit.feed, "digest_date": unit.digest_date, "section": [_text(e.section) for e in kept],
        "arxiv_id": ids, "version": versions, "main_category": [_text(e.main_category) for e in kept],
        "line": [e.line for e in kept]}, n)
    # Primary first, in order: the twin's first category, the entry's main category, its section (primary_category).
    observations = BY_NAME["paper_observations"].from_columns({
        **key, "arxiv_id": ids, "version": versions, "url": [_text(e.url) for e in kept],
        "title": [_text(e.title) for e in kept], "abstract": [_text(e.abstract) for e in kept],
        "comment": [_text(e.comment) for e in kept],
        "categories": [_texts(e.categories) or _texts([_text(e.main_category) or _text(e.section)]) for e in kept]}, n)
    who = [(e.position, i, name, name_key(name)) for e in kept for i, name in enumerate(e.authors, 1)]
    who = [w for w in who if w[3]]
    authorships = BY_NAME["authorships"].from_columns({
        "digest_id": unit.digest_id, "position": [w[0] for w in who], "author_position": [w[1] for w in who],
        "name": [w[2] for w in who], "name_key": [w[3] for w in who], "author_id": [author_id(w[3]) for w in who]},
        len(who))
    summaries = BY_NAME["summaries"].from_columns({
        **key, "arxiv_id": ids, "language": digest.language,
        **{f: [_text(getattr(e, f)) for e in kept] for f in SUMMARY_FIELDS},
        "keywords": [_texts(e.keywords) for e in kept], "title_translation": [_text(e.title_translation) for e in kept],
        "abstract_translation": [_text(e.abstract_translation) for e in kept],
        "extras": [json.dumps(e.extra, ensure_ascii=False, sort_keys=True) if e.extra else None for e in kept],
        "failed_fields": [sorted(e.failed_fields) for e in kept]}, n)
    twin = unit.twin_file
    main = unit.digest_file
    digests = [{"digest_id": unit.digest_id, "feed": unit.feed, "digest_date": unit.digest_date, "path": main.path, "sha256": main.sha256,
                "bytes": main.bytes, "twin_path": twin.path if twin and twin is not main else None,
                "twin_sha256": twin.sha256 if twin and twin is not main else None, "template": digest.template,
                "language": digest.language, "n_entries": n, "n_sections": len(digest.sections),
                "n_diagnostics": len(digest.diagnostics), "loaded_at": None, "git_commit": main.commit,
                "git_blob": main.blob}]
    files = [f.row(unit, "loaded") for f in unit.files]
    return {
        "files": BY_NAME["files"].from_rows(files),
        "digests": BY_NAME["digests"].from_rows(digests),
        "listings": listings,
        "paper_observations": observations,
        "authorships": authorships,
        "summaries": summaries,
        "diagnostics": BY_NAME["diagnostics"].from_rows(diagnostic_rows(unit, digest.diagnostics)),
    }
