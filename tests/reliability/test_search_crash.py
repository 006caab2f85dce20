"""Kill the search index's update and build with SIGKILL: right after the kill the index opens and answers
from its last commit, and the next run (which loads nothing new: the warehouse had already committed) brings it
to exactly what a clean run's index holds."""

from __future__ import annotations

import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.reliability.conftest import write_files
from tests.reliability.crash_target import rebuild_forked, run_forked
from transforms.generate import build_corpus
from warehouse.home import Home
from warehouse.search import search
from warehouse.search_index import current_index

DAYS = 5


def index_contents(home: Path) -> tuple[list, list]:
    """Every indexed document and every (digest, paper) the index knows, in a stable order."""
    path = current_index(Home.resolve(home))
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        docs = db.execute("select arxiv_id, title, tldr, abstract, keywords, authors, tags, first_seen, last_seen, "
                          "shown, raw from docs order by arxiv_id").fetchall()
        listed = db.execute("select digest_id, arxiv_id from listed order by 1, 2").fetchall()
    finally:
        db.close()
    return docs, listed


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-crash")
    corpus = build_corpus(DAYS + 1, seed=23, entries_per_day=8)
    last_day = sorted({f.path.split("/")[1][:10] for f in corpus.files})[-1]
    src = write_files([f for f in corpus.files if last_day not in f.path], root / "src")
    base = root / "base"
    assert run_forked(base, [src], batch=2) in (0, 1)
    write_files(corpus.files, src)  # the next state: one more day ...
    edited = sorted(src.glob("*/*.md"))[1]  # ... and one edited day, whose papers the update must replace
    edited.write_bytes(edited.read_bytes().replace(b"](https://arxiv.org/abs/", b" (revised)](https://arxiv.org/abs/", 1))
    clean = root / "clean"
    assert run_forked(clean, [src], batch=2) in (0, 1)
    return {"root": root, "base": base, "src": src, "clean": index_contents(clean), "old": index_contents(base)}


def _usable(home: Path) -> None:
    hits = search(Home.resolve(home), "the", limit=3)
    assert hits and all(h.url.startswith("https://arxiv.org/abs/") for h in hits)


@pytest.mark.parametrize("spec", ["search_update:1", "search_commit:1"])
def test_update_killed_keeps_the_last_commit_and_a_rerun_equals_a_clean_run(corpora, spec):
    home = corpora["root"] / f"home-{spec.replace(':', '')}"
    shutil.copytree(corpora["base"], home)
    assert run_forked(home, [corpora["src"]], batch=2, crash_at=spec) == -signal.SIGKILL, f"{spec} never reached"
    assert index_contents(home) == corpora["old"]
    _usable(home)
    assert run_forked(home, [corpora["src"]], batch=2) in (0, 1)
    assert index_contents(home) == corpora["clean"] != corpora["old"]


def test_first_build_killed_before_its_swap_leaves_no_index_then_a_rerun_builds_it(corpora):
    home = corpora["root"] / "first-build"
    assert run_forked(home, [corpora["src"]], batch=2, crash_at="search_swap:1") == -signal.SIGKILL
    assert current_index(Home.resolve(home)) is None
    assert run_forked(home, [corpora["src"]], batch=2) in (0, 1)
    assert index_contents(home) == corpora["clean"]
    assert [p.name for p in (home / "search").iterdir() if p.name.startswith(".tmp")] == []


def test_rebuild_killed_before_the_index_swap_keeps_the_old_index(corpora):
    home = corpora["root"] / "rebuild"
    shutil.copytree(corpora["base"], home)
    assert run_forked(home, [corpora["src"]], batch=2) in (0, 1)
    assert rebuild_forked(home, crash_at="search_swap:1") == -signal.SIGKILL
    assert index_contents(home) == corpora["clean"]
    _usable(home)
    assert rebuild_forked(home) == 0
    assert index_contents(home) == corpora["clean"]
    assert len(list((home / "search").glob("index-*.sqlite"))) == 1
