"""The parser builds Entry objects without the dataclass __init__ (for speed); they must be the same objects."""

from __future__ import annotations

import dataclasses
from transforms import Entry, parse_digest, parse_digest_bytes

DIGEST = """# 2025-07-03

### [1] [A paper](https://arxiv.org/abs/2507.00001v2)

*Ann Lee, Bo Chen*

**Main category:** cs.CV

**TL;DR:** Error

**Relevance Score:** 8

**Abstract:** Text.
"""


def assert_same_as_built_by_init(entries) -> None:
    names = [f.name for f in dataclasses.fields(Entry)]
    for entry in entries:
        assert list(vars(entry)) == names  # every field set, in declaration order
        rebuilt = Entry(**vars(entry))
        assert rebuilt == entry and repr(rebuilt) == repr(entry)
        assert rebuilt.failed_fields == entry.failed_fields and rebuilt.line == entry.line


def test_parsed_entries_equal_entries_built_by_init():
    assert_same_as_built_by_init(parse_digest(DIGEST).entries)


def test_parsed_entries_of_real_digests_equal_entries_built_by_init(samples_dir):
    paths = sorted(samples_dir.glob("*/*.md"))
    # a few days of each feed: every template the samples hold
    chosen = [p for feed in sorted({p.parent for p in paths}) for p in [q for q in paths if q.parent == feed][:2]]
    entries = [e for p in chosen for e in parse_digest_bytes(p.read_bytes()).entries]
    assert len(entries) > 100
    assert_same_as_built_by_init(entries)


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
