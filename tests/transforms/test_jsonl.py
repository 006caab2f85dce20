"""The .jsonl twin as a Digest, and merging it into the Markdown digest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transforms import merge_twin, parse_digest, parse_digest_file, parse_jsonl


def record(arxiv_id: str, **ai) -> dict:
    return {"id": arxiv_id, "categories": ["cs.CL", "cs.AI"], "pdf": f"https://arxiv.org/pdf/{arxiv_id}",
            "abs": f"https://arxiv.org/abs/{arxiv_id}", "authors": ["A B", "C D"], "title": f"Title {arxiv_id}",
            "comment": "10 pages", "summary": "Line one\nline two.", "AI": ai}


def lines(*records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_twin_fields_map_onto_entries():
    text = lines(record("2507.00001", tldr="T", motivation="M", method="Me", result="R", conclusion="C",
                        keywords=["x", "y"], key_contributions=["one", "two"], importance_score=8,
                        read_time_minutes=10, limitations="", future_work="F", extra_note={"k": 1}))
    d = parse_jsonl(text, source="t.jsonl")
    (e,) = d.entries
    assert d.template == "jsonl" and d.language == "en" and not d.diagnostics
    assert (e.arxiv_id, e.section, e.main_category, e.categories) == ("2507.00001", "cs.CL", "cs.CL",
                                                                      ["cs.CL", "cs.AI"])
    assert (e.tldr, e.motivation, e.method, e.result, e.conclusion) == ("T", "M", "Me", "R", "C")
    assert e.abstract == "Line one\nline two." and e.comment == "10 pages" and e.authors == ["A B", "C D"]
    assert e.keywords == ["x", "y"]
    assert e.extra == {"key_contributions": "one\ntwo", "relevance_score": "8", "read_time": "10",
                       "future_work": "F", "extra_note": '{"k": 1}'}


def test_task_is_the_tldr_and_code_fields_go_to_extra():
    rec = record("2503.00001", task="做了什么", motivation="为什么")
    rec.update(code_url="https://github.com/x/y", code_stars=3, code_last_update="2026-01-12")
    (e,) = parse_jsonl(lines(rec)).entries
    assert e.tldr == "做了什么" and "task" not in e.extra
    assert e.extra == {"code_url": "https://github.com/x/y", "code_stars": "3", "code_last_update": "2026-01-12"}


def test_acm_and_msc_classes_are_kept_apart_from_the_arxiv_categories():
    rec = record("2507.00001")
    rec["categories"] = ["cs.CL", "I.2.7; K.3.1", "68T50 (Primary) 68T45 (Secondary)", "cs.AI", "astro-ph.CO",
                         "Information storage, Natural language\n  processing", "cs.NEWCODE"]
    (e,) = parse_jsonl(lines(rec)).entries
    assert e.categories == ["cs.CL", "cs.AI", "astro-ph.CO", "cs.NEWCODE"]  # an unknown arXiv-like code stays
    assert e.main_category == "cs.CL"
    assert e.extra["other_classes"] == ("I.2.7; K.3.1; 68T50 (Primary) 68T45 (Secondary); "
                                        "Information storage, Natural language processing")


def test_broken_lines_are_diagnostics_and_the_rest_load():
    text = lines(record("2507.00001")) + '{"id": "2507.00002", "title": \n' + "[1, 2]\n" + lines(record("2507.00003"))
    d = parse_jsonl(text)
    assert [e.arxiv_id for e in d.entries] == ["2507.00001", "2507.00003"]
    assert [(x.code, x.line) for x in d.diagnostics] == [("bad_json_line", 2), ("bad_json_line", 3)]


def test_raw_control_characters_in_strings_are_cleaned_not_fatal():
    d = parse_jsonl('{"id": "2507.00001", "title": "A\x17B\tC"}\n')
    assert d.entries[0].title == "AB\tC" and not d.diagnostics


def test_twin_diagnostics_survive_the_merge():
    twin = parse_jsonl(lines(record("2507.00001")) + "not json\n")
    merged = merge_twin(parse_digest(MD), twin)
    assert "bad_json_line" in {x.code for x in merged.diagnostics}


def test_placeholder_and_missing_id_in_twin():
    rec = record("", tldr="Summary generation failed")
    d = parse_jsonl(lines(rec))
    assert {x.code for x in d.diagnostics} == {"missing_arxiv_id", "placeholder_summary"}
    assert d.entries[0].tldr is None and d.entries[0].failed_fields == ["tldr"]


MD = """# cs.CL [[Back]](#toc)

### [1] [Title 2507.00001](https://arxiv.org/abs/2507.00001)
*A B,C D*

Main category: cs.CL

TL;DR: From the digest.

### [2] [Title 2507.00001](https://arxiv.org/abs/2507.00001)
*A B,C D*

TL;DR: Second copy.

### [3] [Not in twin](https://arxiv.org/abs/2507.00009)
*E F*
"""


def test_merge_twin_enriches_in_order_and_counts_the_rest():
    twin = parse_jsonl(lines(record("2507.00001", tldr="first"), record("2507.00001", tldr="second"),
                             record("2507.00002", tldr="hidden")))
    merged = merge_twin(parse_digest(MD), twin)
    a, b, c = merged.entries
    assert a.tldr == "From the digest." and b.tldr == "Second copy."
    assert a.categories == ["cs.CL", "cs.AI"] and a.comment == "10 pages" and b.comment == "10 pages"
    assert b.main_category == "cs.CL" and c.comment is None
    assert len(merged.entries) == 3 and merged.template == "standard"
    info = {x.code: x.message for x in merged.diagnostics if x.severity == "info"}
    assert info["twin_only"].startswith("1 papers") and info["not_in_twin"].startswith("1 digest")


def test_text_the_digest_read_as_html_comes_from_the_twin_as_written():
    # arXiv titles and abstracts are plain text: `<img>` in one is literal, but in the rendered Markdown it is a tag
    rec = record("2507.00001", tldr="Uses <br> tags.")
    rec.update(title="On the <img> tag & <b>bold</b> claims", summary="We show p<0.05 and <div> parsing.")
    other = record("2507.00002")
    other.update(title="Was <i>this</i> one")
    md = ("## cs.CL\n### [1] [On the <img> tag & <b>bold</b> claims](https://arxiv.org/abs/2507.00001)\n*A B*\n\n"
          "TL;DR: Uses <br> tags.\n\nAbstract: We show p<0.05 and <div> parsing.\n\n"
          "### [2] [Now <i>edited</i> by hand](https://arxiv.org/abs/2507.00002)\n*A B*\n")
    digest = parse_digest(md)
    assert digest.entries[0].title == "On the  tag & bold claims"  # what the Markdown shows
    first, second = merge_twin(digest, parse_jsonl(lines(rec, other))).entries
    assert first.title == "On the <img> tag & <b>bold</b> claims"
    assert (first.tldr, first.abstract) == ("Uses <br> tags.", "We show p<0.05 and <div> parsing.")
    assert second.title == "Now edited by hand"  # a digest that says something else keeps its own text


@pytest.mark.samples
def test_every_sample_twin_loads_cleanly(samples_dir: Path):
    for path in sorted(samples_dir.glob("*/*.jsonl")):
        d = parse_jsonl(path.read_text(encoding="utf-8"), source=str(path))
        assert d.entries and not d.errors, path


@pytest.mark.samples
def test_merge_on_a_sample_day_adds_all_categories(samples_dir: Path):
    day = samples_dir / "ZL-Asica__daily-arXiv-digest" / "2025-07-03.md"
    assert day.is_file(), f"{day} is one of the samples (samples README); a missing day is a failure, not a skip"
    md = parse_digest_file(day)
    twin = parse_jsonl(day.with_suffix(".jsonl").read_text(encoding="utf-8"))
    merged = merge_twin(md, twin)
    assert [e.arxiv_id for e in merged.entries] == [e.arxiv_id for e in md.entries]
    records: dict[str, list] = {}
    for e in twin.entries:  # a repeated id pairs with the twin's records in order
        records.setdefault(e.arxiv_id, []).append(e)
    for mine, out in zip(md.entries, merged.entries):
        theirs = records[mine.arxiv_id].pop(0)
        assert out.categories[0] == mine.main_category, mine.arxiv_id
        assert set(out.categories) == set(mine.categories) | set(theirs.categories), mine.arxiv_id
        assert len(out.categories) == len(set(out.categories)), mine.arxiv_id
    assert any(len(e.categories) >= 3 for e in merged.entries), "the day has papers in three or more categories"
