"""Table declarations, by layer: raw (the lake, one file per digest), conformed (derived in DuckDB), ops."""

from transforms.schema.base import Column, Table
from transforms.schema.tables import TABLES

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
RAW: list[Table] = [t for t in TABLES if t.layer == "raw"]
CONFORMED: list[Table] = [t for t in TABLES if t.layer == "conformed"]
OPS: list[Table] = [t for t in TABLES if t.layer == "ops"]

__all__ = ["Column", "Table", "TABLES", "BY_NAME", "RAW", "CONFORMED", "OPS"]
