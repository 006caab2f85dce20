"""The transform stage for a batch: read each unit's files and parse them. Imports neither Prefect nor DuckDB,
so parse worker processes (flows.runners) load only this and what it needs."""

from __future__ import annotations

from transforms.tables import ParsedUnit, Unit
from transforms.units import oversized, parse_unit
from warehouse.sources import max_file_bytes, read_bytes


def parse_units(units: list[Unit]) -> list[ParsedUnit]:
    """Each unit parsed into its raw tables; a unit with a file above the size limit is rejected unread.
    Never raises for bad input."""
    limit = max_file_bytes()
    return [oversized(u, limit) or parse_unit(u, {f.path: read_bytes(f.path) for f in u.files}) for u in units]
