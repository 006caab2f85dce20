"""<home>/feeds.toml: what is written reads back the same, an fsspec URL is a feed like a folder, and every bad
entry is one line naming the file, the entry and what to do."""

from __future__ import annotations

import pytest

from tests.helpers import write_files
from transforms.generate import build_corpus
from warehouse.feeds_file import Feed, FeedsFileError, discover_feeds, load_feeds, save_feeds


def test_feeds_written_read_back_the_same(tmp_path):
    feeds = [Feed('quote "and" ü', "/x/fork", "data", True, ("cs.CV", "cs.CL")), Feed("url", "s3://bucket/feed")]
    save_feeds(tmp_path / "feeds.toml", feeds)
    assert load_feeds(tmp_path / "feeds.toml") == feeds
    assert load_feeds(tmp_path / "none.toml") == []


def test_a_url_feed_and_a_folder_feed_each_keep_their_own_name_and_filter(tmp_path):
    corpus = write_files(build_corpus(3, seed=4, feeds=["cs-daily"], entries_per_day=6).files, tmp_path / "c")
    other = write_files(build_corpus(3, seed=5, feeds=["cs-daily"], entries_per_day=6).files, tmp_path / "d")
    found = discover_feeds([Feed("by-url", f"file://{corpus}/cs-daily"),
                            Feed("cv-only", str(other / "cs-daily"), categories=("cs.CV",))])
    by_feed = {}
    for u in found.units:
        by_feed.setdefault(u.feed, set()).add(u.categories)
    assert by_feed == {"by-url": {()}, "cv-only": {("cs.CV",)}}
    with pytest.raises(FeedsFileError, match="both read"):  # one file cannot be two feeds' day
        discover_feeds([Feed("a", str(corpus)), Feed("b", str(corpus / "cs-daily"))])


@pytest.mark.parametrize("text, message", [
    ('[[feed]]\nname = "a"\n', "feed 1: source is missing"),
    ('[[feed]]\nname = "a"\nsource = "/x"\ncolour = "red"\n', "feed 1: unknown key 'colour'"),
    ('[[feed]]\nname = "a"\nsource = "/x"\n[[feed]]\nname = "a"\nsource = "/y"\n', "'a' is listed twice"),
    ('[[feed]]\nname = "a"\nsource = "s3://b/x"\nhistory = true\n', "branch and history are for git clones"),
    ('[[feed]]\nname = "a"\nsource = "/x"\ncategories = [1]\n', "categories must be a list"),
    ('[[feed]\n', "not valid TOML"),
    ('title = "x"\n', "expected only [[feed]] tables"),
])
def test_every_bad_entry_is_one_line_naming_the_file(tmp_path, text, message):
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    with pytest.raises(FeedsFileError) as caught:
        load_feeds(path)
    assert message in str(caught.value) and str(path) in str(caught.value) and "\n" not in str(caught.value)
