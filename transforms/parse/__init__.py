"""Parse a daily arXiv digest (Markdown with some HTML) into a Digest of entries and diagnostics.

    parse_digest(text, source=..., digest_date=...) -> Digest
    parse_digest_file(path) -> Digest

Bad input never raises: whatever cannot be read becomes a Diagnostic with a stable code.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from transforms.model import Diagnostic, Digest
from transforms.parse.finish import build_digest
from transforms.parse.lines import scan
from transforms.parse.state import ParseState
from transforms.parse.text import Issue, clean, decode, looks_binary

__all__ = ["date_in_name", "parse_digest", "parse_digest_file", "parse_digest_bytes"]

_FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_digest(text: str, *, source: str | None = None, digest_date: date | None = None) -> Digest:
    """Read one digest's text. Date: `digest_date` if given, else a `# YYYY-MM-DD` first heading."""
    return _parse(text, source, digest_date, [])


def parse_digest_file(path: str | Path) -> Digest:
    """Read a digest file (bytes; UTF-8, UTF-8/16 BOMs, invalid bytes replaced). Date from the file name."""
    return read_file(path, parse_digest_bytes)


def read_file(path: str | Path, parse_bytes) -> Digest:
    """`parse_bytes(data, source=..., digest_date=...)` of a file's bytes, dated from its name; a file that
    cannot be read is a Digest with one `unreadable` error, never an exception."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        diag = Diagnostic(str(path), None, "error", "unreadable", f"cannot read file: {exc.strerror or exc}")
        return Digest(date_in_name(path.name), str(path), "unknown", None, [], [], [diag])
    return parse_bytes(data, source=str(path), digest_date=date_in_name(path.name))


def parse_digest_bytes(data: bytes, *, source: str | None = None, digest_date: date | None = None) -> Digest:
    """Decode bytes as `parse_digest_file` does and parse them."""
    text, issues = decode(data)
    utf8 = None if any(i.code == "utf16" for i in issues) else data
    return _parse(text, source, digest_date, issues, utf8)


def _parse(text: str, source: str | None, digest_date: date | None, issues: list[Issue],
           utf8: bytes | None = None) -> Digest:
    try:
        binary = looks_binary(text)
        text, cleaning = clean(text, utf8)
        state = ParseState(source) if binary else scan(text, source)
        if not binary and not state.entries and "](http" in text:  # no paper headings: papers as link lines?
            again = scan(text, source, line_papers=True)
            if again.entries:
                state = again
                state.diag("info", "papers_as_links", f"no paper headings; {len(again.entries)} papers read from "
                           "lines of their linked titles", again.entries[0].line)
    except RecursionError:  # defensive: no rule recurses deeply, but never let input crash the caller
        binary, cleaning, state = False, [], ParseState(source)
        state.diag("error", "not_a_digest", "input nests too deeply to read", None)
    if any(i.code == "invalid_utf8" for i in issues):  # its replacement chars are already reported
        cleaning = [i for i in cleaning if "U+FFFD" not in i.message]
    state.diagnostics[:0] = [Diagnostic(source, i.line, i.severity, i.code, i.message) for i in issues + cleaning]
    if binary:
        state.diag("error", "not_a_digest", "file is binary junk, not text; check what was saved here", None)
    if digest_date is None and state.digest_date:
        digest_date = date_in_name(state.digest_date)
    return build_digest(state, digest_date) if not binary else _rejected(state, digest_date)


def _rejected(state: ParseState, digest_date: date | None) -> Digest:
    return Digest(digest_date, state.source, "unknown", None, [], [], state.diagnostics)


def date_in_name(name: str) -> date | None:
    """The first valid `YYYY-MM-DD` in a file name (or a heading's date), else None."""
    m = _FILE_DATE.search(name)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
