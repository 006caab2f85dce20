"""Bad input never crashes an ingest or costs a good day: a folder mixing generated good days with junk,
encodings, truncation, tag soup, odd names, a symlink loop and a broken twin loads every good day whole,
puts every bad file in `rejects` with a one-line reason or loads it with its diagnostics, says so in the
summary and exit code, and stays under 1 GB of memory."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.reliability.conftest import CLI, child_env, fingerprints, rows, run_measured, write_files
from transforms.generate import DEFAULT_FEEDS, build_corpus

FEEDS = [type(f)(f.name, f.variant, f.categories, f.share, "all") for f in DEFAULT_FEEDS]  # every day has a twin
MAX_RSS_BYTES = 1 << 30


@dataclass
class BadFile:
    path: str  # relative to the source root
    kind: str
    outcome: str  # "rejected", "loaded" (every entry of the original day), or "either"
    entries: int | None = None


def _flatten(text: str) -> bytes:
    return text.replace("\n", " ").encode()


def with_surrogate(twin_lines: list[str], digest: bytes) -> bytes:
    """The twin with `\\ud800` (a JSON-escaped lone surrogate) in the comment of a paper the digest shows."""
    out, done = [], False
    for line in twin_lines:
        record = json.loads(line)
        if not done and record["id"].encode() in digest:
            record["comment"], done = "Accepted \ud800 at a venue", True
        out.append(json.dumps(record))  # ensure_ascii keeps the surrogate as the escape `\ud800`
    assert done
    return ("\n".join(out) + "\n").encode()


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The mixed folder: `good` maps each good .md (relative) to its entry count, `bad` lists planted bad files."""
    root = tmp_path_factory.mktemp("bad-input") / "src"
    corpus = build_corpus(10, seed=23, feeds=FEEDS, entries_per_day=8)
    write_files(corpus.files, root)
    planted_bad = {b.path for b in corpus.planted.bad_files}
    twins = {f.path: f.text for f in corpus.files if f.path.endswith(".jsonl")}
    good = {}
    for f in corpus.files:
        if f.path.endswith(".md") and f.path not in planted_bad:
            twin_path = f.path[:-3] + ".jsonl"  # every twin record is shown in the digest, but the twin-only ones
            records = sum(1 for line in twins.get(twin_path, "").splitlines() if line.strip())
            good[f.path] = records - len(corpus.planted.twin_only.get(twin_path, []))
    donor_path = max((p for p in good if p.startswith("cs-daily/")), key=lambda p: good[p])
    donor, n = (root / donor_path).read_bytes(), good[donor_path]
    donor_twin = root / (donor_path[:-3] + ".jsonl")
    rng = random.Random(5)
    bad: list[BadFile] = []

    def plant(rel: str, data: bytes, kind: str, outcome: str, entries: int | None = None) -> None:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        bad.append(BadFile(rel, kind, outcome, entries))

    plant("junk/2026-01-05.md", rng.randbytes(64_000), "binary junk", "rejected")
    plant("junk/2026-01-06.md", gzip.compress(donor), "gzip named .md", "rejected")
    flat = _flatten(donor.decode())
    plant("huge/2026-01-05.md", (flat * (50_000_000 // len(flat) + 1))[:50_000_000], "50 MB single line", "either")
    cut = donor.index(b"Motivation", len(donor) // 2)
    plant("mangled/2026-01-05.md", donor[:cut] + b"\xff\xfe\xc3(" + donor[cut:], "invalid UTF-8", "loaded", n)
    plant("mangled/2026-01-06.md", donor.decode().encode("utf-16"), "UTF-16 with BOM", "loaded", n)
    plant("mangled/2026-01-07.md", donor.replace(b"\n", b"\r\n"), "CRLF line endings", "loaded", n)
    plant("mangled/2026-01-08.md", donor[:cut + 25], "truncated mid-entry", "either")
    soup = b"<html><body><div><p>unclosed <b><i><table><tr><td>cell<script>x()</script><a href='" * 3000
    plant("soup/2026-01-05.md", soup, "HTML tag soup", "rejected")
    plant("soup/2026-01-06.md", b"<details>" * 10_000 + b"deep" + b"</details>" * 10_000, "10,000 nested <details>",
          "rejected")
    plant("odd names ü/2026-01-05 – copy (1) ✓.md", donor, "spaces and unicode in names", "loaded", n)
    plant("twin broken/2026-01-05.md", donor, "digest of the broken twin", "loaded", n)
    lines = donor_twin.read_text().splitlines()
    broken = list(lines)
    broken[1] = broken[1][: len(broken[1]) // 2]
    broken[3] = "not json at all {"
    plant("twin broken/2026-01-05.jsonl", ("\n".join(broken) + "\n[1, 2]\n").encode(), "twin with broken lines", "loaded")
    plant("twin surrogate/2026-01-05.md", donor, "digest whose twin holds a lone surrogate", "loaded", n)
    plant("twin surrogate/2026-01-05.jsonl", with_surrogate(lines, donor), "twin with a lone surrogate", "either")
    undecodable = os.path.join(os.fsencode(root / "junk"), b"2026-01-07-\xff\xfe.md")  # not a UTF-8 name
    with open(undecodable, "wb") as fh:
        fh.write(donor)
    loop = root / "loop"
    plant("loop/2026-01-05.md", donor, "a good day inside a symlink loop", "loaded", n)
    os.symlink("..", loop / "again")  # loop/again/loop/again/... forever, if anything followed it
    os.symlink("2026-01-09.md", loop / "2026-01-09.md")  # a link to itself: ELOOP when opened
    return {"root": root, "good": good, "bad": bad, "planted": corpus.planted, "self_link": loop / "2026-01-09.md",
            "undecodable": str(root / "junk") + "/2026-01-07-\\xff\\xfe.md", "donor": (donor, donor_twin.read_bytes(), n)}


@pytest.fixture(scope="module")
def loaded(source, tmp_path_factory):
    """One real `arxiv-digest ingest` subprocess over the whole folder on the default (untracked) path a user runs,
    with its own peak RSS (run_measured): the 1 GB bound is that run's (#14); the tracked path adds Prefect's client."""
    base = tmp_path_factory.mktemp("bad-home")
    home = base / "home"
    env = child_env()
    env.pop("PREFECT_API_URL", None)
    with open(base / "out", "wb") as out, open(base / "err", "wb") as err:
        code, max_rss = run_measured([CLI, "--home", home, "ingest", source["root"]], env, out, err)
    return {"home": home, "code": code, "out": (base / "out").read_text(), "err": (base / "err").read_text(),
            "max_rss": max_rss}


def test_the_run_completes_and_its_summary_and_exit_code_say_what_happened(source, loaded):
    assert loaded["code"] == 1, f"some files rejected, the rest loaded: exit 1\n{loaded['out']}{loaded['err']}"
    assert "Traceback" not in loaded["err"]
    head = loaded["out"].splitlines()[0]
    assert head.startswith("ingest partial: files new "), head
    rejected = {r[0] for r in rows(loaded["home"], "select distinct path from rejects")}
    files_rejected = {r[0] for r in rows(loaded["home"], "select path from files where status = 'rejected'")}
    assert f"rejected {len(files_rejected)};" in head
    for path in files_rejected:
        assert f"  rejected {path}: " in loaded["out"]
    assert files_rejected <= rejected
    assert f"  ignored {source['self_link']}: not a regular file" in loaded["out"]
    assert f"  ignored {source['undecodable']}: name is not valid UTF-8" in loaded["out"]


def test_peak_memory_stays_under_1_gb(loaded):
    assert loaded["max_rss"] < MAX_RSS_BYTES, f"peak RSS {loaded['max_rss'] / 2**20:.0f} MiB"


def test_the_peak_rss_is_the_commands_own_not_the_test_workers(tmp_path):
    """The bound above measures the ingest: a test worker at 600 MB does not show in a small child's peak, and
    a child that touches 300 MB shows at least that."""
    ballast = bytearray(600 * 2**20)
    ballast[::4096] = b"\x01" * len(range(0, len(ballast), 4096))
    peaks = {}
    for name, code in {"small": "pass", "big": "b = bytearray(300 * 2**20); b[::4096] = b'1' * len(b[::4096])"}.items():
        with open(tmp_path / f"{name}.out", "wb") as out:
            exit_code, peaks[name] = run_measured([sys.executable, "-c", code], child_env(), out, subprocess.DEVNULL)
        assert exit_code == 0
    del ballast
    assert peaks["small"] < 100 * 2**20, f"a bare interpreter read as {peaks['small'] / 2**20:.0f} MiB"
    assert peaks["big"] >= 300 * 2**20, f"a 300 MB child read as {peaks['big'] / 2**20:.0f} MiB"


def test_every_good_day_loads_completely(source, loaded):
    root = source["root"]
    counts = dict(rows(loaded["home"], "select d.path, count(l.position) from digests d "
                                       "left join listings l using (digest_id) group by d.path"))
    n_entries = dict(rows(loaded["home"], "select path, n_entries from digests"))
    for rel, expected in source["good"].items():
        path = str(root / rel)
        assert counts.get(path) == expected, f"{rel}: {counts.get(path)} entries loaded, generator wrote {expected}"
        assert n_entries[path] == expected


def test_every_bad_file_is_rejected_with_a_reason_or_loaded_with_its_diagnostics(source, loaded):
    home, root = loaded["home"], source["root"]
    reasons = {}
    for path, message in rows(home, "select path, message from rejects"):
        reasons.setdefault(path, message)
    statuses = dict(rows(home, "select path, status from files"))
    diagnosed = {r[0] for r in rows(home, "select distinct path from diagnostics")}
    counts = dict(rows(home, "select d.path, count(l.position) from digests d left join listings l using (digest_id) "
                             "group by d.path"))
    planted = [(b.path, b.reason, "rejected" if b.reason == "not_a_digest" else "either", None)
               for b in source["planted"].bad_files]
    for rel, kind, outcome, entries in [(b.path, b.kind, b.outcome, b.entries) for b in source["bad"]] + planted:
        path = str(root / rel)
        assert path in statuses, f"{kind}: {rel} was silently dropped"
        if statuses[path] == "rejected":
            assert outcome != "loaded", f"{kind}: {rel} rejected ({reasons.get(path)}), expected to load"
            assert reasons.get(path) and "\n" not in reasons[path], f"{kind}: no one-line reason in rejects"
        else:
            assert outcome != "rejected", f"{kind}: {rel} loaded, expected a reject"
            if outcome == "either":
                assert path in diagnosed, f"{kind}: {rel} loaded without any diagnostic"
            if entries is not None:
                assert counts.get(path) == entries, f"{kind}: {counts.get(path)} of {entries} entries loaded"
    expected_diags = {"mangled/2026-01-05.md": "invalid_utf8", "mangled/2026-01-06.md": "utf16",
                      "twin broken/2026-01-05.jsonl": "bad_json_line"}
    for rel, code in expected_diags.items():
        got = {r[0] for r in rows(home, "select code from diagnostics where path = ?", [str(root / rel)])}
        assert code in got, f"{rel}: diagnostics {got} lack {code}"


def test_the_symlink_loop_is_walked_once(source, loaded):
    paths = [r[0] for r in rows(loaded["home"], "select path from files where path like '%/loop/%'")]
    assert paths == [str(source["root"] / "loop" / "2026-01-05.md")]


def test_a_rerun_skips_everything_and_changes_nothing(source, loaded, cli):
    before = fingerprints(loaded["home"])
    again = cli("--home", loaded["home"], "ingest", source["root"])
    assert again.code == 0, again.out + again.err
    assert again.out.startswith("ingest ok: files new 0, changed 0, skipped ")
    assert fingerprints(loaded["home"]) == before


@pytest.mark.parametrize("rel", ["junk/2026-01-06.md", "soup/2026-01-06.md"])
def test_one_bad_file_alone_is_a_partial_run_with_its_reason(source, cli, tmp_path, rel):
    result = cli("--home", tmp_path / "home", "ingest", source["root"] / rel)
    assert result.code == 1 and "Traceback" not in result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("ingest partial: files new 1, changed 0, skipped 0, rejected 1;")
    assert lines[1].startswith(f"  rejected {source['root'] / rel}: ") and len(lines) == 2


def test_a_digest_with_no_date_is_rejected_alone_and_the_good_day_loads(source, cli, tmp_path):
    import re

    donor, _, n = source["donor"]
    undated = tmp_path / "notes.md"  # no date in the name, and its `# YYYY-MM-DD` heading taken out
    undated.write_bytes(re.sub(rb"(?m)^#[ \t]+\d{4}-\d{2}-\d{2}.*\n", b"", donor))
    good = source["root"] / "loop" / "2026-01-05.md"
    result = cli("--home", tmp_path / "home", "ingest", "--feed", "f", good, undated)
    assert result.code == 1 and "Traceback" not in result.out + result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("ingest partial: files new 2, changed 0, skipped 0, rejected 1;")
    assert lines[1].startswith(f"  rejected {undated}: no date: ")
    assert rows(tmp_path / "home", "select count(*) from listings") == [(n,)]


def test_a_digest_named_without_a_date_takes_its_headings_date_and_a_name_date_wins(cli, tmp_path):
    """README, Sources: the date comes from the file name, else the `# date` header."""
    files = {f.path: f.text for f in build_corpus(2, seed=23, entries_per_day=3).files}
    day = files["hci-digest/2026-01-05.md"]
    assert day.startswith("# 2026-01-05\n")
    src = tmp_path / "src"
    src.mkdir()
    (src / "notes.md").write_text(day.replace("# 2026-01-05", "# 2026-03-09", 1), encoding="utf-8")
    (src / "2026-01-06.md").write_text(day.replace("# 2026-01-05", "# 2026-03-10", 1), encoding="utf-8")
    home = tmp_path / "home"
    result = cli("--home", home, "ingest", "--feed", "f", src / "notes.md", src / "2026-01-06.md")
    assert result.code == 0, result.out + result.err
    entries = day.count("\n### [")
    assert rows(home, "select d.path, d.digest_date::varchar, count(*) from digests d join listings l "
                      "using (digest_id) group by all order by 2") == [
        (str(src / "2026-01-06.md"), "2026-01-06", entries), (str(src / "notes.md"), "2026-03-09", entries)]
    assert rows(home, "select distinct digest_date::varchar from listings order by 1") == [("2026-01-06",),
                                                                                          ("2026-03-09",)]


def test_a_lone_surrogate_in_the_twin_costs_no_digest_entry(source):
    from transforms.tables import SourceFile, Unit
    from transforms.units import parse_unit

    donor, twin, n = source["donor"]
    bad_twin = with_surrogate(twin.decode().splitlines(), donor)
    unit = Unit("f", "f/2026-01-05", date(2026, 1, 5), (SourceFile("/d/2026-01-05.md", "a", len(donor), "digest"),
                                                        SourceFile("/d/2026-01-05.jsonl", "b", len(bad_twin), "twin")))
    parsed = parse_unit(unit, {"/d/2026-01-05.md": donor, "/d/2026-01-05.jsonl": bad_twin})
    assert not parsed.rejected, parsed.reason
    assert parsed.tables["listings"].num_rows == n


def test_a_file_above_the_size_limit_is_rejected_unread_and_the_limit_is_configurable(source, cli, tmp_path,
                                                                                      monkeypatch):
    src = tmp_path / "src" / "feed"
    src.mkdir(parents=True)
    good = source["root"] / next(iter(source["good"]))
    (src / "2026-02-01.md").write_bytes(good.read_bytes())
    big = src / "2026-02-02.md"
    big.write_bytes(good.read_bytes() + b"\n" + b"x" * (2 << 20))  # a 2 MB tail: far above a 1 MB limit
    home = tmp_path / "home"

    monkeypatch.setenv("ARXIV_DIGEST_MAX_FILE_MB", "1")
    done = cli("--home", home, "ingest", src)
    assert done.code == 1, done.out + done.err
    assert f"rejected {big}: file is 2." in done.out and "above the 1 MB limit for one day" in done.out
    assert rows(home, "select path, code from rejects") == [(str(big), "file_too_large")]
    assert rows(home, "select digest_date::varchar from digests") == [("2026-02-01",)]  # the good day loaded

    assert rows(home, "select count(*) from paper_authors")[0][0] > 0
    monkeypatch.setenv("ARXIV_DIGEST_MAX_FILE_MB", "8")  # raised, then the day reprocessed as the message says
    done = cli("--home", home, "backfill", src, "--from", "2026-02-02", "--to", "2026-02-02")
    assert done.code == 0, done.out + done.err
    assert rows(home, "select count(*) from rejects") == [(0,)]
    assert rows(home, "select count(*) from digests") == [(2,)]

    monkeypatch.setenv("ARXIV_DIGEST_MAX_FILE_MB", "lots")
    done = cli("--home", home, "ingest", src)
    assert done.code == 2 and "ARXIV_DIGEST_MAX_FILE_MB='lots' is not a positive number" in done.err
    assert "Traceback" not in done.err
