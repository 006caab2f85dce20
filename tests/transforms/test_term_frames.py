"""The vectorised tokeniser gives exactly the reference tokeniser's terms, paper by paper."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms import term_frames
from transforms.term_frames import paper_term_keys, paper_terms_frame
from transforms.terms import paper_terms

pytestmark = pytest.mark.usefixtures("no_prefect_background")  # tests/conftest.py says why

# Pieces that exercise each rule, and the places where Python `re` and Rust regex classes differ:
# combining marks, U+001C-U+001F, Unicode digits and numerals, Greek sigma, dotted capital I, titlecase.
FRAGMENTS = [
    "LLM", "LLMs", "k-NN", "GPT-4", "3D", "NeRF", "state-of-the-art", "Diffusion", "models", "agents", "graph",
    "The", "of", "and", "a", "2024", "10-20", "x1", "-", "--", " - ", " -- ", " – ", " — ", "–", "—",
    r"\mathbf", r"\alpha{x}", "$", "https://example.org/a-b?c=d", "http://x.y", "_", "'s", "’", "a_b",
    ".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "{", "}", '"', "“", "”", "/", "|", "<b>", "&amp;",
    " ", "  ", "\n", "\t", "\xa0", "\u2003", "\x1c", "\x1f", "\u0085", "\u3000",
    "café", "cafe\u0301", "e\u0301", "\u0301", "naïve", "Straße", "ß", "ΣΑΣ", "Σσς", "Σ", "İ", "İstanbul", "ǅemal",
    "ǅ", "Ⅻ", "ⅻ", "²", "½", "٣٤", "१२", "中文", "模型", "ﬁne", "Ⓐ", "ᵃ", "Kelvin", "\u212aey", "liKe", "\u212a",
]
texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(st.characters(exclude_categories=("Cs",)), max_size=3),
                 max_size=30).map("".join)
papers_strategy = st.lists(st.tuples(st.none() | texts, st.none() | texts, st.lists(texts, max_size=3)),
                           min_size=1, max_size=8)


def frame_of(papers: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame({"arxiv_id": [f"p{i}" for i in range(len(papers))],
                         "title": [p[0] for p in papers], "abstract": [p[1] for p in papers],
                         "keywords": [list(p[2]) for p in papers]},
                        schema={"arxiv_id": pl.String, "title": pl.String, "abstract": pl.String,
                                "keywords": pl.List(pl.String)})


def assert_same_terms(frame: pl.DataFrame) -> None:
    expected = {(r["arxiv_id"], term) for r in frame.iter_rows(named=True)
                for term in paper_terms(r["title"], r["abstract"], r["keywords"])}
    got = paper_terms_frame(frame)
    pairs = list(zip(got["arxiv_id"], got["term"]))
    assert len(pairs) == len(set(pairs)), "a (paper, term) pair came out twice"
    assert set(pairs) == expected
    assert all(n == term.count(" ") + 1 for term, n in zip(got["term"], got["n_words"]))
    # the keyed form the warehouse stores: each distinct term once, every one used by some paper
    terms, keyed = paper_term_keys(frame)
    assert terms["term"].n_unique() == terms.height == keyed["term"].n_unique()
    assert terms["term"].to_list() == sorted(terms["term"].to_list())  # ids do not depend on thread timing


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(papers_strategy)
def test_same_terms_as_the_reference_on_generated_text(papers):
    assert_same_terms(frame_of(papers))


def test_same_terms_when_the_packed_key_would_overflow(monkeypatch):
    monkeypatch.setattr(term_frames, "_KEY_LIMIT", 0)  # the two-column distinct a huge batch falls back to
    assert_same_terms(frame_of([("LLM agents for k-NN", "Graph models, graph models. LLM agents", ["LLM Agents", "of"]),
                                ("Graph models", None, ["Theory of Mind", "graph models"])]))


def test_same_terms_where_space_separated_chunks_meet():
    # the bulk tokeniser splits text at spaces first: breaks that need the spaces around them (` - `), spaces
    # next to other whitespace, runs of spaces, and chunks with no token between two words
    texts = ["graph -\tmodels", "graph\t- models", "graph - - models", "graph  models", "graph & models",
             "graph -- models", "graph — models", "graph –models", "(LLM) agents, graph", "- graph models -",
             " graph models ", "graph-\nmodels", "graph \\alpha models", "graph https://x.y/z models",
             "graph models.Diffusion agents", "LLM\u3000agents graph\xa0models", "graph $ models"]
    assert_same_terms(frame_of([(text, text + " " + text, []) for text in texts]))


def test_keywords_that_equal_words_or_bigrams_count_once():
    got = paper_terms_frame(frame_of([("graph models", None, ["Graph Models", "graph", "Theory of Mind"])]))
    assert sorted(got["term"]) == ["graph", "graph models", "models", "theory of mind"]


def test_values_that_are_no_topic_give_no_terms_alike():
    # placeholders, label words and N/A as whole values, in any case and spacing, with trailing colons or dots
    values = ["N/A", "n/a.", " Summary generation failed ", "Keywords:", "摘要", "关键词：", "None", "N A", "-",
              "ERROR", "summary  generation failed.", "Abstract"]
    assert_same_terms(frame_of([(v, v, [v, "graph models"]) for v in values]
                               + [("Code generation", "摘要：我们研究 code generation。结论", ["代码", "大语言模型"])]))
    got = paper_terms_frame(frame_of([(v, v, [v]) for v in values]))
    assert got.height == 0


def test_placeholders_padded_past_the_looked_at_head_are_still_no_topic():
    # the bulk check rules a value out from its first characters: padding, spread-out letters and strippable
    # ends longer than that head must not turn a placeholder into a topic, nor a topic into a placeholder
    pad = " \t\n\u3000" * (term_frames._HEAD // 2)
    values = [pad + "N/A" + pad, "N" + pad + "/" + pad + "A", "." * (3 * term_frames._HEAD) + "Abstract:",
              pad, "Summary" + pad + "generation" + pad + "failed" + pad + ".",
              pad + "N/A" + pad + "graph models", "N/A" + pad + "x" * term_frames._NOT_TOPIC_CHARS,
              ": " * term_frames._HEAD + "graph models"]
    frame = frame_of([(v, v, [v]) for v in values])
    assert_same_terms(frame)
    got = paper_terms_frame(frame)
    assert set(got["arxiv_id"]) == {"p5", "p6", "p7"}  # the placeholders, however padded, give nothing


def test_no_papers_no_terms():
    assert paper_terms_frame(frame_of([])).height == 0


def test_rust_lowercases_every_python_letter_and_digit_like_python():
    # normalise() lowercases with Rust; tokens hold only characters Python calls alphanumeric, and hyphens
    chars = [chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).isalnum()]
    lowered = pl.Series("c", chars).str.to_lowercase().to_list()
    assert [c for c, low in zip(chars, lowered) if c.lower() != low] == []


def _sample_papers(samples: Path) -> list[tuple]:
    papers = []
    for path in sorted(samples.glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            ai = entry.get("AI") if isinstance(entry.get("AI"), dict) else {}
            keywords = [k for k in ai.get("keywords") or [] if isinstance(k, str)]
            papers.append((entry.get("title"), entry.get("summary"), keywords))
            # the AI fields are often Chinese: more scripts through the same rules
            papers.append((ai.get("tldr"), " ".join(str(ai.get(k) or "") for k in ("motivation", "method", "result")), []))
    return papers


@pytest.mark.samples
def test_same_terms_as_the_reference_on_the_sample_digests(samples_dir):
    papers = _sample_papers(samples_dir)
    records = sum(1 for p in samples_dir.glob("*/*.jsonl") for line in p.read_text(encoding="utf-8").splitlines()
                  if line.strip())
    assert records > 6000 and len(papers) == 2 * records, "every twin record of the 14 sample feeds, two texts each"
    assert_same_terms(frame_of(papers))
