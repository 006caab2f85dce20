"""arXiv's category taxonomy: code -> archive, group and human name, plus a lookup for unknown codes."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple


class Category(NamedTuple):
    code: str
    archive: str
    group_name: str
    name: str | None
    known: bool


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, Category]:
    """Every category arXiv defines, keyed by code (`cs.CV`)."""
    text = files("transforms").joinpath("data/arxiv_taxonomy.csv").read_text(encoding="utf-8")
    return {r["code"]: Category(r["code"], r["archive"], r["group_name"], r["name"], True) for r in csv.DictReader(text.splitlines())}


def lookup(code: str) -> Category:
    """The category for `code`; an unknown code is kept with its archive guessed and `known=False`."""
    found = taxonomy().get(code)
    if found:
        return found
    archive = code.split(".", 1)[0]
    group = next((c.group_name for c in taxonomy().values() if c.archive == archive), "Unknown")
    return Category(code, archive, group, None, False)
