"""The parser over our own generated corpus: every planted bad file is caught with its code, clean days read
cleanly, and every .md agrees with its .jsonl twin on ids and titles."""

from __future__ import annotations

import pytest

from transforms import generate, merge_twin, parse_digest_bytes, parse_jsonl

DAYS, SEED = 21, 7
# The generator names why a file is bad; the parser's code for it where the two differ.
CODE_FOR = {"foreign_link": "missing_arxiv_id"}


@pytest.fixture(scope="module")
def corpus():
    return generate.build_corpus(DAYS, SEED)


def test_planted_bad_files_get_their_code(corpus):
    by_path = {f.path: f for f in corpus.files}
    assert corpus.planted.bad_files
    for bad in corpus.planted.bad_files:
        digest = parse_digest_bytes(by_path[bad.path].data, source=bad.path)
        assert CODE_FOR.get(bad.reason, bad.reason) in {d.code for d in digest.diagnostics}, (bad, [d.one_line() for d in digest.diagnostics])


def test_clean_days_parse_without_warnings_and_match_twins(corpus):
    bad = {b.path for b in corpus.planted.bad_files}
    texts = {f.path: f.text for f in corpus.files}
    checked = 0
    for path, text in texts.items():
        if not path.endswith(".md") or path in bad:
            continue
        digest = parse_digest_bytes(text.encode(), source=path)
        assert not [d for d in digest.diagnostics if d.severity != "info"], [d.one_line() for d in digest.diagnostics]
        twin_path = path[:-3] + ".jsonl"
        if twin_path in texts and digest.entries:
            twin = parse_jsonl(texts[twin_path], source=twin_path)
            merged = merge_twin(digest, twin)
            assert {e.arxiv_id for e in digest.entries} <= {e.arxiv_id for e in twin.entries}
            titles = {e.arxiv_id: e.title for e in twin.entries}
            assert all(e.title == titles[e.arxiv_id] for e in merged.entries)
            checked += 1
    assert checked
