"""The parser stays pure: no Prefect, no DuckDB, no I/O modules; only parse_digest_file reads a file."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TRANSFORMS = Path(__file__).resolve().parents[2] / "transforms"
PARSER_FILES = [TRANSFORMS / "__init__.py", TRANSFORMS / "jsonl.py", *sorted((TRANSFORMS / "parse").glob("*.py"))]
ALLOWED = {"__future__", "codecs", "collections", "dataclasses", "datetime", "functools", "html", "json", "operator", "re",
           "typing",
           "bs4", "transforms"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_parser_modules_import_nothing_beyond_text_processing():
    for path in PARSER_FILES:
        extra = imported_roots(path) - ALLOWED
        if path == TRANSFORMS / "parse" / "__init__.py":
            extra -= {"pathlib"}  # parse_digest_file reads the one file it is given
        assert not extra, f"{path.relative_to(TRANSFORMS.parent)} imports {sorted(extra)}"


def test_importing_the_public_api_loads_no_orchestration_or_database():
    code = ("import sys, transforms, transforms.parse, transforms.jsonl; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('prefect', 'duckdb', 'polars', 'pyarrow')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=TRANSFORMS.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
