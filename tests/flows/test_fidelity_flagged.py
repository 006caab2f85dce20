"""Fidelity flagged end to end (issue #13, Done when): real sample days, one feed's author lines deleted.
`check` flags that feed and field without loading anything, `ingest` loads the twin's authors, and `status`
and the report's Data quality page flag the same feed and field; the untouched feed stays clean."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.flows.conftest import rows, scalar
from tests.helpers import empty_strings

CORRUPTED = "dw-dengwei__daily-arXiv-ai-enhanced"
CLEAN = "ZL-Asica__daily-arXiv-digest"
DAYS = {CORRUPTED: ("2025-06-26", "2025-07-31", "2025-08-21"), CLEAN: ("2025-07-03", "2025-07-24", "2025-08-06")}


def copy_days(samples: Path, target: Path) -> Path:
    for feed, days in DAYS.items():
        (target / feed).mkdir(parents=True)
        for day in days:
            for suffix in (".md", ".jsonl"):
                src = samples / feed / f"{day}{suffix}"
                assert src.is_file(), f"{src} is one of the samples (samples README)"
                shutil.copy(src, target / feed / src.name)
    return target


def drop_author_lines(folder: Path) -> int:
    """Delete the italic author line under every paper heading of the folder's digests; returns how many."""
    dropped = 0
    for md in folder.glob("*.md"):
        lines, kept = md.read_text(encoding="utf-8").split("\n"), []
        for line in lines:
            if kept and kept[-1].startswith("### ") and line.startswith("*") and line.endswith("*"):
                dropped += 1
                continue
            kept.append(line)
        md.write_text("\n".join(kept), encoding="utf-8")
    return dropped


def twin_authors(folder: Path) -> dict[tuple[str, str], list[str]]:
    """{(day, arXiv id): authors} of the first twin record of each id."""
    out: dict[tuple[str, str], list[str]] = {}
    for path in folder.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            out.setdefault((path.stem, record["id"]), record["authors"])
    return out


@pytest.fixture(scope="module")
def sources(samples_dir, tmp_path_factory) -> tuple[Path, Path]:
    """(clean copy, copy with the corrupted feed's author lines deleted)."""
    root = tmp_path_factory.mktemp("fidelity")
    clean = copy_days(samples_dir, root / "clean")
    broken = copy_days(samples_dir, root / "broken")
    assert drop_author_lines(broken / CORRUPTED) > 100
    return clean, broken


def flagged(rows_: list[dict]) -> set[tuple[str, str, str]]:
    return {(r["feed"], r["field"], r["measure"]) for r in rows_ if r["flagged"]}


def test_check_flags_the_feed_and_field_that_lost_its_authors_and_loads_nothing(sources, tmp_path, cli):
    clean, broken = sources
    home = tmp_path / "home"
    ok = cli("--home", home, "check", clean)
    assert ok.code == 0, ok.out + ok.err
    assert "every field of every feed is at or above the bound" in ok.out

    bad = cli("--home", home, "check", broken, "--json")
    assert bad.code == 1, bad.out + bad.err
    report = json.loads(bad.out)
    assert not report["ok"] and report["days"] == 6
    assert flagged(report["rows"]) == {(CORRUPTED, "authors", "twin")}
    whole = next(r for r in report["rows"] if r["flagged"] and r["scope"] == "feed")
    assert (whole["n_ok"], whole["n_days"]) == (0, 3) and whole["example_id"]
    assert whole["example_path"].endswith(f"{CORRUPTED}/2025-06-26.md") and whole["example_line"] > 0

    text = cli("--home", home, "check", broken, "--min", "0.5")
    assert text.code == 1
    line = next(x for x in text.out.splitlines() if x.strip().startswith(f"{CORRUPTED}: authors"))
    assert "twin agreement 0.0%" in line and "digest has none, twin" in line
    assert not home.exists(), "check must not make or touch a warehouse"


def test_check_fails_on_a_file_ingest_would_reject(sources, tmp_path, cli):
    clean, _ = sources
    src = tmp_path / "src"
    shutil.copytree(clean / CLEAN, src / CLEAN)
    (src / CLEAN / "2025-09-30.md").write_bytes(b"\x00\x01\x02 not a digest \xff" * 20)
    result = cli("--home", tmp_path / "home", "check", src)
    assert result.code == 1, result.out + result.err
    assert f"would reject {src / CLEAN / '2025-09-30.md'}: file is binary junk" in result.out
    assert "every field of every feed is at or above the bound" in result.out  # the readable days are fine


def test_ingest_loads_the_twins_authors_and_status_and_the_quality_page_flag_them(sources, tmp_path, cli):
    _, broken = sources
    home = tmp_path / "home"
    ingest = cli("--home", home, "ingest", broken)
    assert ingest.code == 0, ingest.out + ingest.err

    loaded = rows(home, f"""select d.digest_date::varchar, l.arxiv_id, list(a.name order by a.author_position)
                            from listings l join digests d using (digest_id)
                            join authorships a using (digest_id, position)
                            where l.feed = '{CORRUPTED}' group by all""")
    expected = twin_authors(broken / CORRUPTED)
    assert len(loaded) == scalar(home, f"select count(*) from listings where feed = '{CORRUPTED}'") > 100
    assert all(names == expected[(day, arxiv_id)] for day, arxiv_id, names in loaded)
    warnings = scalar(home, f"select count(*) from diagnostics where feed = '{CORRUPTED}' and code = 'twin_mismatch' "
                            "and severity = 'warning' and message like '%: authors missing from the digest%'")
    assert warnings == len(loaded)
    assert scalar(home, "select count(*) from papers where primary_category = '' or primary_category is null") == 0
    assert empty_strings(home) == {}

    status = cli("--home", home, "status", "--json")
    assert flagged(json.loads(status.out)["fidelity"]) == {(CORRUPTED, "authors", "twin")}
    text = cli("--home", home, "status")
    assert any(x.strip().startswith(f"{CORRUPTED}: authors twin agreement 0.0%") for x in text.out.splitlines())
    assert not any(x.strip().startswith(CLEAN + ":") for x in text.out.splitlines())

    report = cli("--home", home, "report")
    assert report.code == 0, report.out + report.err
    doc = BeautifulSoup((home / "reports" / "quality.html").read_text(encoding="utf-8"), "html.parser")
    heading = next(h for h in doc.find_all("h2") if h.text == "Fields below 99%")
    cells = [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
             for tr in heading.find_next("table").find_all("tr")[1:]]
    assert {(c[0], c[1]) for c in cells} == {(CORRUPTED, "authors")}
    assert all(c[7] == "0.0%" and "digest has none" in c[8] for c in cells)
