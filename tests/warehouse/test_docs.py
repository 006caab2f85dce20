"""docs/warehouse.md documents every column of every table, exactly as declared."""

from warehouse import docs
from transforms.schema import TABLES


def test_table_and_marts_references_are_current():
    """Both generated sections (tables from the schema, marts from their SQL) match the code."""
    assert docs.main(["--check"]) == 0, "docs/warehouse.md is stale: run `.venv/bin/python -m warehouse.docs`"


def test_every_column_is_documented():
    text = docs.DOC.read_text(encoding="utf-8")
    for table in TABLES:
        assert f"### `{table.name}`" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text, f"{table.name}.{column.name} undocumented"
