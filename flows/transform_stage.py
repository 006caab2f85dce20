"""The transform stage for a batch: read each unit's files and parse them. Imports neither Prefect nor DuckDB,
so parse worker processes (flows.runners) load only this and what it needs."""

from __future__ import annotations

from transforms.tables import ParsedUnit, Unit
from transforms.units import oversized, parse_unit, unreadable
from warehouse.sources import SourceError, max_file_bytes, read_source


def parse_units(units: list[Unit]) -> list[ParsedUnit]:
    """Each unit parsed into its raw tables; a unit with a file above the size limit is rejected unread, one with
    a file that cannot be read (a damaged git object) is rejected with why. Never raises for bad input."""
    limit = max_file_bytes()
    return [oversized(u, limit) or _read_and_parse(u) for u in units]


def _read_and_parse(unit: Unit) -> ParsedUnit:
    contents = {}
    for f in unit.files:
        try:
            contents[f.path] = read_source(f)
        except SourceError as exc:
            return unreadable(unit, f.path, "unreadable_file", str(exc))
    return parse_unit(unit, contents)
