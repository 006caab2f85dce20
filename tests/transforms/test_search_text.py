"""The search syntax and the index's text form: what a user types becomes the FTS5 expression they mean, bad
queries say what is wrong in one line, and CJK text is cut so 1-, 2- and 3-character words are findable."""

from __future__ import annotations

import sqlite3

import pytest

from transforms.search_query import QuerySyntaxError, Term, parse_query, to_match
from transforms.search_text import mark, marked_text, segment, tag_token, tags_of


def test_words_phrases_exclusions_and_fields_are_read_as_terms():
    q = parse_query('graph "exact phrase here" -survey -"old idea" ti:Transformer au:"Ada Lovelace" cat:cs.CV feed:my-feed')
    assert q.terms == [
        Term("graph"), Term("exact phrase here", phrase=True), Term("survey", negated=True),
        Term("old idea", negated=True, phrase=True), Term("Transformer", "ti"), Term("Ada Lovelace", "au", phrase=True),
        Term("cs.CV", "cat"), Term("my-feed", "feed"),
    ]
    assert q.highlight() == ["graph", "exact phrase here", "Transformer"]


@pytest.mark.parametrize("text, fragment", [
    ('"unclosed phrase', "unbalanced quote"),
    ('ti:"a b" "c', "unbalanced quote"),
    ("xx:word", "unknown field 'xx:'"),
    ("-only -excluded", "nothing to find"),
    ("--- !!", "nothing to find"),
    ('ab"cd"', "a quote inside a word"),
])
def test_bad_queries_raise_one_line(text, fragment):
    with pytest.raises(QuerySyntaxError) as err:
        parse_query(text)
    assert fragment in str(err.value) and "\n" not in str(err.value)


def _index(rows: list[dict]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("create virtual table docs using fts5(title, tldr, abstract, keywords, authors, tags, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    for r in rows:
        db.execute("insert into docs (rowid, title, tldr, abstract, keywords, authors, tags) values (?, ?, ?, ?, ?, ?, ?)",
                   (r["id"], segment(r.get("title")), segment(r.get("tldr")), segment(r.get("abstract")), "",
                    segment(r.get("authors")), tags_of(r.get("cats", []), r.get("feeds", []))))
    return db


def _found(db: sqlite3.Connection, text: str) -> set[int]:
    return {r[0] for r in db.execute("select rowid from docs where docs match ?", (to_match(parse_query(text)),))}


def test_user_text_is_never_fts5_syntax_and_each_operator_means_what_it_says():
    db = _index([
        {"id": 1, "title": "Graph NOT networks AND trees", "authors": "Ada Lovelace, Alan Turing", "cats": ["cs.LG"]},
        {"id": 2, "title": "Graph networks", "tldr": "a survey of graphs", "cats": ["cs.CV", "cs.AI"], "feeds": ["f-1"]},
        {"id": 3, "title": "Trees", "abstract": "graph networks, again (OR not)", "authors": "Lovelace Ada",
         "cats": ["q-bio.NC"], "feeds": ["F-1"]},
    ])
    assert _found(db, "graph networks") == {1, 2, 3}
    assert _found(db, '"graph networks"') == {2, 3}
    assert _found(db, '"graph networks" -survey') == {3}
    assert _found(db, "ti:graph") == {1, 2}
    assert _found(db, 'au:"ada lovelace"') == {1}
    assert _found(db, "au:lovelace") == {1, 3}
    assert _found(db, "NOT AND") == {1}  # operators typed as words are words
    assert _found(db, 'trees "(OR" *') == {3}
    assert _found(db, "graph cat:cs.cv") == {2}
    assert _found(db, "graph cat:cs") == {1, 2}
    assert _found(db, "graph cat:q-bio") == {3}
    assert _found(db, "graph feed:f-1") == {2, 3}  # feed names match case-insensitively
    assert _found(db, "graph -cat:cs.LG") == {2, 3}


def test_cjk_words_of_one_two_and_three_characters_are_found_inside_sentences():
    db = _index([
        {"id": 1, "tldr": "本文提出一种大语言模型的高效推理方法。"},
        {"id": 2, "tldr": "我们研究图神经网络在分子上的应用"},
        {"id": 3, "title": "模型压缩 with LLM quantization"},
    ])
    assert _found(db, "模型") == {1, 3}          # two characters
    assert _found(db, "语言模型") == {1}         # a phrase of bigrams
    assert _found(db, "神经网") == {2}           # three
    assert _found(db, "法") == {1}               # the last character of a run
    assert _found(db, "图") == {2}               # the first
    assert _found(db, "模型 -压缩") == {1}
    assert _found(db, "模型 quantization") == {3}
    assert _found(db, "型高") == set()           # not adjacent in any text


def test_snippets_mark_matches_in_the_original_text():
    pieces = mark("We study large Language Models; language-modelling is old. 大语言模型很好", ["language models", "模型"])
    assert [p for p, ok in pieces if ok] == ["Language Models", "模型"]
    assert marked_text(pieces).startswith("We study large **Language Models**;")
    assert mark("x" * 1000 + " target " + "y" * 1000, ["target"])[0] == ("…", False)


def test_tag_tokens_are_single_tokens_and_case_insensitive():
    assert tag_token("cat", "cs.CV") == tag_token("cat", "CS.cv") != tag_token("cat", "cs.CL")
    assert tag_token("feed", "a/../b c").isalnum()
