"""watch.toml's lists: every bad entry is refused in one line naming the list and the entry, and the file
written back reads as the same lists."""

from __future__ import annotations

import tomllib

import pytest

from transforms.watch_lists import WatchError, WatchList, read_lists, to_toml


@pytest.mark.parametrize("document, fragment", [
    ({"a/b": {"terms": ["x"]}}, "watch list name 'a/b'"),
    ({"v": {"terms": ['"open']}}, "[v] terms[0] '\"open': unbalanced quote"),
    ({"v": {"terms": ["ok", "xx:y"]}}, "[v] terms[1] 'xx:y': unknown field 'xx:'"),
    ({"v": {"terms": ["ok"], "exclude": ["-only"]}}, "[v] exclude[0] '-only': nothing to find"),
    ({"v": {"authors": ["Ada", ""]}}, "[v] authors[1]: empty entry"),
    ({"v": {"terms": "x"}}, "[v] terms must be a list of strings"),
    ({"v": {"term": ["x"]}}, "[v] unknown key 'term'"),
    ({"v": {"exclude": ["x"]}}, "[v] follows nothing"),
    ({"v": "x"}, "[v] must be a table"),
])
def test_bad_entries_are_one_line_naming_the_list_and_entry(document, fragment):
    with pytest.raises(WatchError) as err:
        read_lists(document)
    assert fragment in str(err.value) and "\n" not in str(err.value)


def test_written_lists_read_back_the_same():
    lists = [WatchList("vision", authors=["Zoë \"Z\" Ng"], terms=['"gaussian splatting"', "大语言模型 -综述"],
                       exclude=["survey"], categories=["cs.CV"], feeds=["a\\b"]),
             WatchList("bio", categories=["q-bio"])]
    text = to_toml(lists)
    assert sorted(read_lists(tomllib.loads(text)), key=lambda w: w.name) == sorted(lists, key=lambda w: w.name)
