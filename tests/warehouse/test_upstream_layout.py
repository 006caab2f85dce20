"""The upstream generator's own folder layout (issue #13 item 6): `data/<date>.md`, the raw crawl `data/<date>.jsonl`
and one `data/<date>_AI_enhanced_<Language>.jsonl` per language load as ONE digest a day, each listing once, in a
feed named after the repository folder, built here with the project's own generator and renderer."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from flows.ingest_plain import ingest_plain
from tests.helpers import query
from transforms import parse_jsonl
from transforms.generate import build_corpus
from transforms.render import render_jsonl
from warehouse.feed_names import feed_of_path, feed_of_remote, feed_root
from warehouse.home import Home
from warehouse.sources import discover

REPO = "daily-arXiv-ai-enhanced"
EXTRA_CATEGORY = "physics.optics"  # only the Chinese twin names it: a second language's categories still count


def _days(days: int = 6):
    """{date: (digest text, twin text)} of a generated feed whose every day has a twin (no gap or bad day)."""
    files = {f.path: f.text for f in build_corpus(days, seed=11, feeds=["hci-digest"], entries_per_day=10).files}
    return {p.split("/")[1][:10]: (text, files[p[:-3] + ".jsonl"]) for p, text in files.items()
            if p.endswith(".md") and p[:-3] + ".jsonl" in files and "<!DOCTYPE" not in text}


def _raw_crawl(twin: str) -> str:
    """The crawl the generator enhances: the twin's records without their `AI` fields."""
    return "".join(json.dumps({k: v for k, v in json.loads(line).items() if k != "AI"}) + "\n"
                   for line in twin.splitlines() if line.strip())


def _chinese(twin: str) -> str:
    """The same papers enhanced in another language (rendered by our renderer), one naming a further category."""
    entries = parse_jsonl(twin).entries
    zh = [dataclasses.replace(e, tldr=f"本文研究{e.arxiv_id}的方法与结果。", motivation="研究动机：现有方法不足。",
                              method="我们提出一种新方法。", result="实验表明效果显著。", conclusion="结论可靠。")
          for e in entries]
    zh[0] = dataclasses.replace(zh[0], categories=[*zh[0].categories, EXTRA_CATEGORY])
    return render_jsonl(zh)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def upstream_layout(root: Path, days: dict, md_folder: str = "data") -> Path:
    """`root/<REPO>/` as the generator's fork keeps it; returns the repository folder."""
    repo = root / "forks" / REPO
    for day, (md, twin) in days.items():
        _write(repo / md_folder / f"{day}.md", md)
        _write(repo / "data" / f"{day}.jsonl", _raw_crawl(twin))
        _write(repo / "data" / f"{day}_AI_enhanced_Chinese.jsonl", _chinese(twin))
        _write(repo / "data" / f"{day}_AI_enhanced_English.jsonl", twin)
    return repo


@pytest.mark.parametrize("md_folder", ["data", "contents"])  # ZL-Asica's fork keeps the .md in contents/
def test_upstream_layout_loads_one_digest_a_day_each_listing_once(tmp_path, md_folder):
    days = _days()
    assert len(days) >= 3, days.keys()
    repo = upstream_layout(tmp_path, days, md_folder)
    plain = tmp_path / "plain" / REPO  # the same days as one .md and its English twin: the reference
    for day, (md, twin) in days.items():
        _write(plain / f"{day}.md", md)
        _write(plain / f"{day}.jsonl", twin)
    homes = {}
    for name, source in (("upstream", tmp_path / "forks"), ("plain", plain)):  # the data folder's parent, as a user would
        homes[name] = tmp_path / name
        outcome = ingest_plain([str(source)], Home.resolve(homes[name]))
        assert outcome["status"] == "ok" and not outcome["rejected"], outcome
    up, ref = homes["upstream"], homes["plain"]

    assert query(up, "select feed, count(*) from digests group by feed") == [(REPO, len(days))]
    assert sorted(d for (d,) in query(up, "select digest_id from digests")) == sorted(f"{REPO}/{d}" for d in days)
    per_day = "select digest_date, count(*), count(distinct position) from listings group by all order by 1"
    assert query(up, per_day) == query(ref, per_day), "each listing once: as many as the .md + one twin gives"
    assert query(up, "select count(*) from listings")[0][0] > 0
    # The English twin speaks for the day (the .md is English); the Chinese one only adds a category.
    assert {p.rsplit("/", 1)[-1][10:] for (p,) in query(up, "select twin_path from digests")} == {"_AI_enhanced_English.jsonl"}
    tldrs = "select digest_id, position, tldr, language from summaries order by 1, 2"
    assert query(up, tldrs) == query(ref, tldrs)
    assert query(up, f"select count(*) from paper_observations where list_contains(categories, '{EXTRA_CATEGORY}')") \
        == [(len(days),)]
    files = query(up, "select digest_id, role, status, count(*) from files group by all order by all")
    assert files == sorted((f"{REPO}/{d}", r, "loaded", n) for d in days for r, n in (("digest", 1), ("twin", 3)))
    again = ingest_plain([str(tmp_path / "forks")], Home.resolve(up))  # nothing changed: nothing reloaded
    assert again["rows"].get("listings", 0) == 0, again


def test_a_raw_crawl_alone_is_the_day_and_an_ai_twin_outranks_it(tmp_path):
    day, (md, twin) = next(iter(_days().items()))
    _write(tmp_path / REPO / "data" / f"{day}.jsonl", _raw_crawl(twin))
    [unit] = discover([str(tmp_path)]).units
    assert [Path(f.path).name for f in unit.files] == [f"{day}.jsonl"] and unit.feed == REPO
    _write(tmp_path / REPO / "data" / f"{day}_AI_enhanced.jsonl", twin)
    [unit] = discover([str(tmp_path)]).units
    assert [Path(f.path).name for f in unit.files] == [f"{day}_AI_enhanced.jsonl", f"{day}.jsonl"]


@pytest.mark.parametrize("path, feed", [
    ("/x/daily-arXiv-ai-enhanced/data/2025-06-09.md", "daily-arXiv-ai-enhanced"),
    ("/x/ZL-Asica__daily-arXiv-digest/contents/2025-06-09.md", "ZL-Asica__daily-arXiv-digest"),
    ("/x/fork/to_md/daily/2025-06-09.md", "fork"),
    ("/x/my-feed/2025-06-09.md", "my-feed"),
    ("/data/2025-06-09.md", "data"),  # nothing above but generic folders: the innermost one
    ("s3://bucket/fork/output/2025-06-09.md", "fork"),
    ("2025-06-09.md", "default"),
])
def test_the_feed_is_named_after_the_nearest_folder_that_is_not_generic(path, feed):
    assert feed_of_path(path) == feed


def test_remote_names_keep_the_owner_so_forks_of_one_generator_stay_apart():
    assert feed_of_remote("https://github.com/dw-dengwei/daily-arXiv-ai-enhanced.git") \
        == feed_of_remote("git@github.com:dw-dengwei/daily-arXiv-ai-enhanced") == "dw-dengwei__daily-arXiv-ai-enhanced"
    assert feed_of_remote("/srv/git/digest.git") == "digest" and feed_of_remote("") is None
    assert feed_root("/x/fork/data") == "/x/fork" and feed_root("/data") == "/data"
