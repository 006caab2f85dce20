"""Watch lists end to end: `watch add|list|show|remove` edit and read watch.toml, and after each run every list
has a page and an Atom 1.0 feed that feedparser reads without complaint, whose entries keep their ids and
dates across reruns, gain only new papers, and carry digest text as text."""

from __future__ import annotations

import re
import shutil
from datetime import datetime

import feedparser
import pytest

from flows.cmd_watch import publish_watch
from flows.ingest_plain import ingest_plain
from tests.dashboards.conftest import PAYLOADS, hostile_files
from tests.helpers import run_cli, write_files
from transforms.generate import build_corpus
from warehouse.home import Home
from warehouse.watch import matches

RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A generated corpus plus 6 days of the hostile feed, ingested once; 2 more hostile days kept back."""
    root = tmp_path_factory.mktemp("watch")
    hostile = [f for f in hostile_files() if f.path.endswith(".md")]
    src = write_files(build_corpus(4, seed=3, entries_per_day=5).files + hostile[:6], root / "src")
    ingest_plain([str(src)], Home.resolve(root / "home"))
    return root / "home", write_files(hostile[6:8], root / "later")


@pytest.fixture
def home(base, tmp_path):
    """A copy of the base home per test (each test writes its own lists and feeds)."""
    shutil.copytree(base[0], tmp_path / "home")
    return Home.resolve(tmp_path / "home"), base[1]


def feed_of(home: Home, name: str):
    parsed = feedparser.parse((home.reports / "watch" / f"{name}.atom").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_watch_commands_edit_the_file_and_show_matches(home, capsys):
    home, _ = home
    h = str(home.root)
    assert run_cli(capsys, "--home", h, "watch", "add", "agents", "--term", '"robust llm agents"',
                   "--exclude", "Robust LLM Agents 4")[0] == 0
    assert run_cli(capsys, "--home", h, "watch", "add", "agents", "--author", "Trent Plain")[0] == 0
    code, out, _ = run_cli(capsys, "--home", h, "watch", "list")
    assert code == 0 and "agents" in out and "Trent Plain" in out and "robust llm agents" in out
    code, out, _ = run_cli(capsys, "--home", h, "watch", "show", "agents", "--limit", "3")
    assert code == 0 and out.count("https://arxiv.org/abs/") == 3
    assert run_cli(capsys, "--home", h, "watch", "remove", "agents")[0] == 0
    assert "no watch lists" in run_cli(capsys, "--home", h, "watch", "list")[1]


def test_every_run_writes_a_valid_feed_with_stable_entries_and_only_new_papers(home, capsys):
    home, later = home
    h = str(home.root)
    run_cli(capsys, "--home", h, "watch", "add", "agents", "--term", '"robust llm agents"', "--exclude", '"agents 4"')
    run_cli(capsys, "--home", h, "watch", "add", "vision", "--category", "cs.CV")
    publish_watch(home)
    first = feed_of(home, "agents")
    expected = {m.arxiv_id for m in matches(home, next(iter(_lists(home, "agents"))))}
    assert len({a for a in expected if a.startswith("2601.09")}) == 6 * 3  # three of the four hostile papers a day
    assert {e.link.rsplit("/", 1)[1] for e in first.entries} == expected
    ids = {e.id: e.updated for e in first.entries}
    assert len(ids) == len(first.entries) and all(RFC3339.match(d) for d in [*ids.values(), first.feed.updated])
    before = (home.reports / "watch" / "agents.atom").read_bytes()

    publish_watch(home)  # a rerun with nothing new: the same feed, byte for byte
    assert (home.reports / "watch" / "agents.atom").read_bytes() == before
    feed_of(home, "vision")

    ingest_plain([str(later)], home)  # two more hostile days: six new matches, the old entries as they were
    publish_watch(home)
    again = feed_of(home, "agents")
    now = {e.id: e.updated for e in again.entries}
    assert {k: now[k] for k in ids} == ids and len(now) == len(ids) + 2 * 3
    stamp = (lambda text: datetime.fromisoformat(text.replace("Z", "+00:00")))
    new = [stamp(v) for k, v in now.items() if k not in ids]
    # the feed's time is its newest match's: the new papers' (the same second as the last run's on a fast machine)
    assert stamp(again.feed.updated) == max(new) >= stamp(first.feed.updated)


def test_digest_text_in_feeds_and_pages_is_text(home, capsys):
    home, _ = home
    run_cli(capsys, "--home", str(home.root), "watch", "add", "agents", "--term", '"robust llm agents"')
    publish_watch(home)
    feed = feed_of(home, "agents")
    titles = {e.title for e in feed.entries}
    assert any(PAYLOADS[1] in t for t in titles)  # `</script><script>...` came through as the title's text
    raw = (home.reports / "watch" / "agents.atom").read_text(encoding="utf-8")
    page = (home.reports / "watch" / "agents.html").read_text(encoding="utf-8")
    for text in (raw, page):
        assert "<script>window.__xss" not in text and "<svg onload" not in text
    assert "&lt;/script&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;" in page


def _lists(home: Home, name: str):
    from warehouse.watch import load

    return [w for w in load(home) if w.name == name]
