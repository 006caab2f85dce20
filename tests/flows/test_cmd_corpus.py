"""`arxiv-digest parse` and `demo-data` through the CLI: what a user sees for good files, twins, rejected
files and paths that are not files, and that a demo corpus parses."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import sample_days
from transforms import Entry
from transforms.generate import NOT_A_DIGEST, build_corpus
from transforms.render import render_digest, render_jsonl

DAY = date(2026, 1, 5)


def entries() -> list[Entry]:
    return [Entry(position=i, section="cs.CL", arxiv_id=f"2601.0000{i}", version=None,
                  url=f"https://arxiv.org/abs/2601.0000{i}", title=f"Paper {i}: [brackets] and ünïcode",
                  authors=["Ada Lovelace", f"Zhang Wei {i}"], main_category="cs.CL", tldr=f"Finding {i}.",
                  abstract=f"We study {i} things.\nOver two lines.", comment="8 pages",
                  categories=["cs.CL", "cs.AI", "stat.ML"] if i == 2 else ["cs.CL", "cs.AI"])
            for i in (1, 2, 3)]


@pytest.fixture
def day(tmp_path) -> Path:
    """A rendered day and its twin: <tmp>/feed/2026-01-05.md and .jsonl."""
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / f"{DAY}.md").write_text(render_digest(entries(), variant="plain", digest_date=DAY), encoding="utf-8")
    (folder / f"{DAY}.jsonl").write_text(render_jsonl(entries()), encoding="utf-8")
    return folder


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_parse_prints_template_entries_and_sections(cli, day):
    r = cli("parse", day / f"{DAY}.md")
    assert r.code == 0 and r.err == "", r
    assert r.out.startswith(f"{day / f'{DAY}.md'}: template standard, language en, 3 entries, 1 sections, ")


def test_parse_json_gives_one_record_per_entry(cli, day):
    r = cli("parse", "--json", day / f"{DAY}.md")
    assert r.code == 0, r
    got = records(r.out)
    assert [(g["arxiv_id"], g["title"], g["authors"]) for g in got] == [(e.arxiv_id, e.title, e.authors)
                                                                       for e in entries()]
    assert {g["source"] for g in got} == {str(day / f"{DAY}.md")}


def test_parse_reads_a_twin_as_a_twin(cli, day):
    twin = day / f"{DAY}.jsonl"
    r = cli("parse", twin)
    assert r.code == 0 and "[not_a_digest]" not in r.out, r
    assert r.out.startswith(f"{twin}: template jsonl, language en, 3 entries, 1 sections, 0 diagnostics")
    got = records(cli("parse", "--json", twin).out)
    assert [(g["arxiv_id"], g["categories"], g["comment"]) for g in got] == [
        (e.arxiv_id, e.categories, e.comment) for e in entries()], "the twin's every category and comment"


@pytest.mark.parametrize("junk", ["readme", "error_page", "binary"])
def test_parse_json_of_a_rejected_file_says_why_and_exits_1(cli, day, junk):
    bad = day / "2026-01-06.md"
    if junk == "readme":
        bad.write_text("# My notes\n\nNothing to see here, just a README saved under a date.\n", encoding="utf-8")
    elif junk == "error_page":
        bad.write_text(NOT_A_DIGEST, encoding="utf-8")  # the generator's planted rate-limit page
    else:
        bad.write_bytes(bytes(range(256)) * 8)
    good = day / f"{DAY}.md"
    r = cli("parse", "--json", bad, good)
    assert r.code == 1, r
    assert [g["arxiv_id"] for g in records(r.out)] == [e.arxiv_id for e in entries()], "the good file still printed"
    errors = [line for line in r.err.splitlines() if ": error: " in line]
    assert errors and all(line.startswith(str(bad)) for line in errors), r.err
    assert "[not_a_digest]" in r.err


def test_parse_of_a_directory_or_missing_path_is_one_line_on_stderr_and_exit_2(cli, day):
    r = cli("parse", day)
    assert r.code == 2 and r.out == "", r
    assert r.err.count("\n") == 1 and r.err.startswith(f"error: {day}: is a directory") and "*.md" in r.err, r.err
    missing = day / "2026-02-30.md"
    r = cli("parse", "--json", missing, day / f"{DAY}.md")
    assert r.code == 2 and r.err == f"error: {missing}: no such file\n", r
    assert len(records(r.out)) == 3, "the files that exist still parse"


def test_real_sample_day_and_its_twin_parse(cli, samples_dir):
    md = sample_days(samples_dir)[0]
    twin = md.with_suffix(".jsonl")
    assert twin.is_file(), f"sample {md} has no twin"
    r = cli("parse", md, twin)
    assert r.code == 0, r
    md_line, twin_line = [line for line in r.out.splitlines() if not line.startswith("  ")]
    assert md_line.startswith(f"{md}: template ") and "template unknown" not in md_line and " 0 entries" not in md_line
    papers = sum(1 for line in twin.read_text(encoding="utf-8").splitlines() if line.strip())
    assert twin_line.startswith(f"{twin}: template jsonl, ") and f" {papers} entries, " in twin_line, twin_line


def test_demo_data_writes_the_generators_days_and_they_parse(cli, tmp_path):
    out = tmp_path / "demo"
    r = cli("demo-data", out, "--days", 3, "--seed", 5)
    corpus = build_corpus(3, 5)
    written = sorted(p for p in out.rglob("*") if p.is_file())
    assert r.code == 0 and r.out.strip() == f"wrote {len(corpus.files)} files for 3 days to {out}", r
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in written} == {f.path: f.data for f in corpus.files}
    assert any(p.suffix == ".jsonl" for p in written), "the demo corpus should hold twins"
    rejected = {str(out / b.path) for b in corpus.planted.bad_files if b.reason == "not_a_digest"}
    r = cli("parse", *written)
    assert r.code == (1 if rejected else 0), r
    summaries = [line for line in r.out.splitlines() if not line.startswith("  ")]
    assert len(summaries) == len(written)
    for line in summaries:
        path = line.split(": template ")[0]
        assert (path in rejected) == ("template unknown" in line), line
        if path.endswith(".jsonl"):
            assert ": template jsonl, " in line, line
