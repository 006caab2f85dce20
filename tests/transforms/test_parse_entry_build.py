"""The parser builds Entry objects without the dataclass __init__ (for speed); they must be the same objects."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from transforms import Entry, parse_digest, parse_digest_bytes

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "digests"
DIGEST = """# 2025-07-03

### [1] [A paper](https://arxiv.org/abs/2507.00001v2)

*Ann Lee, Bo Chen*

**Main category:** cs.CV

**TL;DR:** Error

**Relevance Score:** 8

**Abstract:** Text.
"""


def _entries():
    yield from parse_digest(DIGEST).entries
    for path in sorted(SAMPLES.glob("*/*.md"))[:6]:
        yield from parse_digest_bytes(path.read_bytes()).entries


def test_parsed_entries_equal_entries_built_by_init():
    names = [f.name for f in dataclasses.fields(Entry)]
    for entry in _entries():
        assert list(vars(entry)) == names  # every field set, in declaration order
        rebuilt = Entry(**vars(entry))
        assert rebuilt == entry and repr(rebuilt) == repr(entry)
        assert rebuilt.failed_fields == entry.failed_fields and rebuilt.line == entry.line


def test_parsed_entry_stays_frozen_and_replaceable():
    entry = parse_digest(DIGEST).entries[0]
    assert (entry.arxiv_id, entry.version, entry.tldr, entry.failed_fields) == ("2507.00001", "2", None, ["tldr"])
    try:
        entry.title = "changed"
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a parsed Entry accepted an attribute change")
    assert dataclasses.replace(entry, title="x").title == "x"
