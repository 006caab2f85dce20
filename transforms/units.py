"""The transform stage for one unit: bytes of a day's digest and twin in, raw tables out. Never raises."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from transforms.model import Diagnostic, Digest
from transforms.tables import ParsedUnit, Unit, digest_tables, fidelity_table, rejected_unit_tables
from transforms.twins import add_other_twin, choose_twin

LFS_POINTER = b"version https://git-lfs.github.com/spec/"  # what a clone without git-lfs holds in place of the file


def parse_unit(unit: Unit, contents: dict[str, bytes]) -> ParsedUnit:
    """Parse a unit's files (`contents` maps each file's path to its bytes) into its raw tables.

    The digest is read from the `.md`; its `.jsonl` twin, when present, adds every category and the comment, and
    is cross-checked field by field: where the two disagree the twin's value is loaded (transforms/fidelity.py).
    With several twins, transforms.twins says which one that is and what the others add. A day with only twins
    is read from the twin. A unit nothing could be read from is rejected whole.
    """
    from transforms import parse_digest_bytes, parse_jsonl_bytes
    from transforms.fidelity import reconcile

    try:
        pointer = next((f for f in unit.files if contents[f.path].startswith(LFS_POINTER)), None)
        if pointer is not None:
            return unreadable(unit, pointer.path, "lfs_pointer", "a Git LFS pointer file, not the digest itself: run "
                              "`git lfs pull` where it was cloned, then ingest again")
        md_file = unit.digest_file
        md = twin = None
        others = []
        if md_file.role == "digest":
            md = parse_digest_bytes(contents[md_file.path], source=md_file.path, digest_date=unit.digest_date)
        twin_files = [f for f in unit.files if f.role == "twin"]
        if twin_files:  # several twins (upstream layout): one speaks for the day, the others fill in (transforms.twins)
            twins = [parse_jsonl_bytes(contents[f.path], source=f.path, digest_date=unit.digest_date) for f in twin_files]
            chosen = choose_twin(md.language if md else None, twins)
            if chosen:  # the chosen twin first, so `unit.twin_file` (and a twin-only day's `digest_file`) is it
                unit = replace(unit, files=tuple(f for f in unit.files if f.role == "digest") + (
                    twin_files[chosen], *(f for i, f in enumerate(twin_files) if i != chosen)))
            twin = twins[chosen]
            others = [t for i, t in enumerate(twins) if i != chosen]
        if md is None:  # a day with only a twin is read from it: nothing to check it against
            digest, checks = reconcile(twin, None)
        elif twin is None or twin.is_rejected:
            digest, checks = reconcile(md if twin is None else _with(md, twin.diagnostics), None)
        else:
            digest, checks = reconcile(md, twin)
        for other in others:
            digest = add_other_twin(digest, other) if not other.is_rejected else _with(digest, other.diagnostics)
        if unit.categories and not digest.is_rejected:
            digest = _in_categories(digest, set(unit.categories))
        counts = dict(Counter(d.severity for d in digest.diagnostics))
        if digest.is_rejected:
            reason = digest.errors[0].message if digest.errors else "nothing could be read"
            return _rejected(unit, digest.diagnostics, reason, counts)
        if digest.digest_date is not None and unit.digest_date is None:
            unit = replace(unit, digest_date=digest.digest_date)
        if unit.digest_date is None:  # its listings would have no day: reject it alone, never its batch
            reason = ("no date: neither the file name nor a `# YYYY-MM-DD` heading says which day this digest is; "
                      "name the file YYYY-MM-DD.md")
            counts["error"] = counts.get("error", 0) + 1
            return _rejected(unit, [*digest.diagnostics, Diagnostic(unit.digest_file.path, None, "error", "no_date",
                                                                    reason)], reason, counts)
        tables = digest_tables(unit, digest)
        tables["fidelity"] = fidelity_table(unit, checks)
        return ParsedUnit(unit, tables, False, "", counts)
    except Exception as exc:  # parsing promises not to raise, nor should building tables (Arrow refuses lone surrogates)
        reason = f"parser failed: {type(exc).__name__}: {exc}".splitlines()[0]
        return _rejected(unit, [Diagnostic(unit.digest_file.path, None, "error", "parser_crash", reason)], reason,
                         {"error": 1})


def unreadable(unit: Unit, path: str, code: str, reason: str) -> ParsedUnit:
    """The unit rejected whole because one of its files (`path`) could not be read as a digest, and why."""
    return _rejected(unit, [Diagnostic(path, None, "error", code, reason)], reason, {"error": 1})


def _in_categories(digest: Digest, wanted: set[str]) -> Digest:
    """Only the entries listed under, or classified in, one of `wanted` (a feed's category filter)."""
    kept = [e for e in digest.entries if wanted & {e.section, e.main_category, *e.categories}]
    return replace(digest, entries=kept)


def oversized(unit: Unit, max_file_bytes: int) -> ParsedUnit | None:
    """The unit rejected whole, without reading it, when one of its files is larger than a digest can be
    (a real day is under 2 MB; parsing holds ~15x a file's size in memory); None when every file fits."""
    big = [f for f in unit.files if f.bytes > max_file_bytes]
    if not big:
        return None
    f = big[0]
    reason = (f"file is {f.bytes / 2**20:,.1f} MB, above the {max_file_bytes / 2**20:g} MB limit for one day; "
              f"raise ARXIV_DIGEST_MAX_FILE_MB, then `backfill` that day")
    return _rejected(unit, [Diagnostic(f.path, None, "error", "file_too_large", reason)], reason, {"error": 1})


def _rejected(unit: Unit, diagnostics: list[Diagnostic], reason: str, counts: dict[str, int]) -> ParsedUnit:
    """A unit rejected whole; each of its files gets an error saying why, so `rejects` lists every one."""
    flagged = {d.source or unit.digest_file.path for d in diagnostics if d.severity == "error"}
    extra = [Diagnostic(f.path, None, "error", "unit_rejected", f"not loaded with its day: {reason}")
             for f in unit.files if f.path not in flagged]
    return ParsedUnit(unit, rejected_unit_tables(unit, [*diagnostics, *extra]), True, reason, counts)


def _with(digest: Digest, extra: list[Diagnostic]) -> Digest:
    return replace(digest, diagnostics=[*digest.diagnostics, *extra])
