"""The twin cross-check (transforms/fidelity.py): a digest's parse against the twin it was rendered from, the
twin's value loaded where they disagree, and completeness of what is loaded. Days come from our own renderer,
then the real samples."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from transforms import parse_digest, parse_digest_file, parse_jsonl
from transforms.fidelity import FIELDS, primary_category, reconcile
from transforms.model import Entry
from transforms.parse.text import normalise_ws
from transforms.render import render_digest, render_jsonl

DAY = date(2026, 3, 2)


def entry(n: int, **changes) -> Entry:
    base = Entry(position=n, section="cs.CL", arxiv_id=f"2603.{n:05d}", version=None,
                 url=f"https://arxiv.org/abs/2603.{n:05d}", title=f"Paper number {n}", authors=["Ann Lee", "Bo Chen"],
                 main_category="cs.CL", tldr=f"Short {n}.", motivation="Why.", method="How.", result="What.",
                 conclusion="So.", abstract=f"We study thing {n}.", categories=["cs.CL", "cs.AI"])
    return dataclasses.replace(base, **changes)


def day(entries: list[Entry], digest_text: str | None = None):
    text = digest_text if digest_text is not None else render_digest(entries, variant="plain", digest_date=DAY)
    return parse_digest(text, source="feed/2026-03-02.md", digest_date=DAY), parse_jsonl(render_jsonl(entries))


def by_field(checks) -> dict:
    return {c.field: c for c in checks}


def test_a_faithful_day_agrees_on_every_field_and_loads_unchanged():
    entries = [entry(1), entry(2), entry(3)]
    md, twin = day(entries)
    merged, checks = reconcile(md, twin)
    got = by_field(checks)
    assert list(got) == list(FIELDS)
    for field in FIELDS:
        c = got[field]
        assert (c.n_entries, c.n_present, c.n_compared, c.n_agreed, c.n_missing) == (3, 3, 3, 3, 0), field
        assert c.example_id is None and c.absent_id is None
    assert not [d for d in merged.diagnostics if d.severity != "info"]
    assert [e.title for e in merged.entries] == [e.title for e in md.entries]


def test_lost_author_lines_are_counted_named_and_loaded_from_the_twin():
    entries = [entry(1), entry(2)]
    text = render_digest(entries, variant="plain", digest_date=DAY)
    cut = "\n".join(line for line in text.split("\n") if line != "*Ann Lee,Bo Chen*" and line != "*Ann Lee, Bo Chen*")
    assert cut != text, "the renderer's author line changed; this test deletes it"
    md, twin = day(entries, cut)
    assert all(not e.authors for e in md.entries)
    merged, checks = reconcile(md, twin)
    authors = by_field(checks)["authors"]
    assert (authors.n_compared, authors.n_agreed, authors.n_missing) == (2, 0, 2)
    assert authors.n_present == 2  # what is loaded has the twin's authors
    assert (authors.example_id, authors.example_line) == ("2603.00001", md.entries[0].line)
    assert [e.authors for e in merged.entries] == [["Ann Lee", "Bo Chen"]] * 2
    warnings = [d for d in merged.diagnostics if d.code == "twin_mismatch"]
    assert [(d.severity, d.line) for d in warnings] == [("warning", e.line) for e in md.entries]
    assert "2603.00001: authors missing from the digest" in warnings[0].message
    assert by_field(checks)["title"].n_agreed == 2  # nothing else was touched


def test_a_differing_value_loads_the_twins_and_quotes_both_where_they_differ():
    long = "A shared opening that runs on for quite a while before the two texts part ways"
    md, twin = day([entry(1, tldr=long + " here.")])
    twin = dataclasses.replace(twin, entries=[dataclasses.replace(twin.entries[0], tldr=long + " there.")])
    merged, checks = reconcile(md, twin)
    tldr = by_field(checks)["tldr"]
    assert (tldr.n_compared, tldr.n_agreed, tldr.n_missing) == (1, 0, 0)
    assert merged.entries[0].tldr == long + " there."
    assert "here." in tldr.example and "there." in tldr.example  # the quotes start near the difference


def test_whitespace_alone_is_no_disagreement():
    md, twin = day([entry(1, abstract="We study\nthing   one.")])
    twin = dataclasses.replace(twin, entries=[dataclasses.replace(twin.entries[0], abstract="We study thing one.")])
    _, checks = reconcile(md, twin)
    assert by_field(checks)["abstract"].n_agreed == 1


def test_without_a_twin_only_completeness_counts_and_no_primary_category_is_a_warning():
    md, _ = day([entry(1), entry(2, tldr=None), entry(3)])
    lost = dataclasses.replace(md.entries[2], main_category=None, section=None, categories=[])
    md = dataclasses.replace(md, entries=[md.entries[0], dataclasses.replace(md.entries[1], title=None), lost])
    merged, checks = reconcile(md, None)
    got = by_field(checks)
    assert all(c.n_compared == 0 for c in checks)
    assert (got["title"].n_present, got["title"].absent_id) == (2, "2603.00002")
    assert (got["tldr"].n_entries, got["tldr"].n_present) == (3, 2)
    assert (got["main_category"].n_present, got["main_category"].absent_id) == (2, "2603.00003")
    missing = [d for d in merged.diagnostics if d.code == "missing_field"]
    assert [(d.severity, d.line) for d in missing] == [("warning", lost.line)]
    assert "2603.00003: no primary category" in missing[0].message


def test_primary_category_is_twin_first_then_main_category_then_section():
    e = entry(1, categories=["cs.AI", "cs.CL"], main_category="cs.CL", section="cs.LG")
    assert primary_category(e) == "cs.AI"
    assert primary_category(dataclasses.replace(e, categories=[])) == "cs.CL"
    assert primary_category(dataclasses.replace(e, categories=[], main_category=None)) == "cs.LG"
    assert primary_category(dataclasses.replace(e, categories=[], main_category="", section="")) is None


@pytest.mark.samples
def test_on_every_sample_day_what_is_loaded_holds_the_twins_values(samples_dir: Path):
    """Whatever the parser makes of a real day, each entry paired with a twin record is loaded with the twin's
    title, authors, main category and summary fields, and the agreement counts are the pairs that were equal."""
    for path in sorted(samples_dir.glob("*/*.md")):
        md = parse_digest_file(path)
        twin = parse_jsonl(path.with_suffix(".jsonl").read_text(encoding="utf-8"), source=str(path))
        merged, checks = reconcile(md, twin)
        records: dict[str, list[Entry]] = {}
        for t in twin.entries:
            records.setdefault(t.arxiv_id, []).append(t)
        equal = dict.fromkeys(FIELDS, 0)
        for mine, out in zip(md.entries, merged.entries):
            if not records.get(mine.arxiv_id or ""):
                continue
            t = records[mine.arxiv_id].pop(0)
            for field in FIELDS:
                theirs = getattr(t, field)
                if theirs:
                    loaded = getattr(out, field)
                    assert _norm(loaded) == _norm(theirs), (path, mine.arxiv_id, field)
                equal[field] += bool(getattr(mine, field) or theirs) and _norm(getattr(mine, field)) == _norm(theirs)
        for c in checks:
            assert c.n_agreed >= equal[c.field] and c.n_agreed <= c.n_compared, (path, c.field)


def _norm(value):
    return [normalise_ws(v) for v in value] if isinstance(value, list) else normalise_ws(value)


def test_a_field_the_days_template_never_shows_is_filled_not_a_disagreement():
    """A fork whose digest prints no English abstract (its twin has it): the twin's abstract is loaded for every
    entry, once reported as such, and twin agreement is not dragged to 0% by a field the template lacks; the same
    field lost by one entry of a day whose others show it is a disagreement."""
    entries = [entry(1), entry(2), entry(3)]
    md, twin = day(entries)
    unshown = dataclasses.replace(md, entries=[dataclasses.replace(e, abstract=None) for e in md.entries])
    merged, checks = reconcile(unshown, twin)
    got = by_field(checks)["abstract"]
    assert [e.abstract for e in merged.entries] == [e.abstract for e in entries]
    assert (got.n_compared, got.n_missing, got.n_present) == (0, 3, 3)
    assert [d.code for d in merged.diagnostics if d.severity != "info"] == []
    assert [d.code for d in merged.diagnostics].count("twin_fills") == 1
    lost_one = dataclasses.replace(md, entries=[dataclasses.replace(md.entries[0], abstract=None), *md.entries[1:]])
    merged, checks = reconcile(lost_one, twin)
    got = by_field(checks)["abstract"]
    assert (got.n_compared, got.n_agreed, got.n_missing) == (3, 2, 1)
    assert [d.code for d in merged.diagnostics if d.severity == "warning"] == ["twin_mismatch"]
