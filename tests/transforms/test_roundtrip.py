"""Render then parse gives back the same entries, for every layout and for the jsonl twin.

The strategies build realistic text: unicode names, titles with brackets, LaTeX, backticks,
`*` and `_`, abstracts with hard wraps, paragraph breaks and lines that look like labels.
Each layout is compared on the fields it carries (what the parser can know from that file).
"""

from __future__ import annotations

import dataclasses
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms import Entry, parse_digest, parse_jsonl
from transforms.parse.labels import is_placeholder
from transforms.render import group_by_section, render_digest, render_jsonl

pytestmark = pytest.mark.usefixtures("no_prefect_background")  # tests/conftest.py says why

# more examples to hunt for parser bugs: ROUNDTRIP_EXAMPLES=2000 pytest tests/transforms/test_roundtrip.py
EXAMPLES = int(os.environ.get("ROUNDTRIP_EXAMPLES", "40"))
CODES = ("cs.CV", "cs.CL", "cs.AI", "cs.LG", "cs.CR", "cs.HC", "q-bio.NC", "stat.ML", "hep-th", "math.OC")
TOKENS = ("diffusion", "models", "LLM", "agents", "3D", "reconstruction", "k-NN", "$\\mathcal{O}(n^2)$", "`torch`",
          "*not*", "_under_", "snake_case", "[1]", "(i)", "p<0.05", "R&D", "—", "“quoted”", "50%", "x^2", "数据",
          "模型", "Zoë", "naïve", "état-de-l'art", "e.g.", "i.e.,", "vs.", "[${}^{18}$F]FDG", "A*", "|V|",
          "see [this](link)", "#hashtag", "C#", "a:b", "ratio 3:1", "Motivation", "method", "result")
# lines an abstract may hold that look like structure: labels, headings, bullets, quotes, tags
ODD_LINES = ("Our contributions are threefold:", "Results: the gains hold across seeds.",
               "Method: we also try a baseline.", "Conclusion: more work is needed.", "Background:",
               "TL;DR: this looks like a label but sits in an abstract.", "Keywords - none",
               "# of parameters grows linearly.", "#1 on the leaderboard.", "- a bullet that is not a TOC line",
               "> a quoted remark", "**Note:** bold but not a label.", "*an italic aside*", "1. a numbered step",
               "\tan indented table row", "<think> tokens are removed.", "Abstract: the label again, as text.")
NAMES = ("Zoë Müller", "José Álvarez", "Łukasz Nowak", "Wei Zhang", "王伟", "佐藤健", "김민준", "Søren Ødegaard",
         "Ağca Yılmaz", "Mary-Jane O'Brien", "Jean-Luc Lefèvre", "A. B. Smith", "Nguyễn Văn An", "Ivan Ivanov Jr.")

letters = st.characters(categories=("Lu", "Ll", "Lo", "Nd"))
word = st.one_of(st.sampled_from(TOKENS), st.text(letters, min_size=1, max_size=10))
# a value that IS a placeholder ("Summary generation failed") is read as None on purpose
phrase = st.lists(word, min_size=1, max_size=12).map(" ".join).filter(lambda p: not is_placeholder(p))
# a value line must not itself open a label or a structure: start it with a plain word
safe_line = st.builds(lambda first, rest: f"{first} {rest}", st.sampled_from(("We", "The", "A", "In", "Our", "This")),
                      phrase)
summary = st.one_of(safe_line, st.lists(safe_line, min_size=2, max_size=3).map("\n".join))
title = st.one_of(phrase, st.builds(lambda a, b: f"{a} {b}", st.sampled_from(("[${}^{18}$F]FDG", "`RL`:", "*k*-NN", "[Re]", "a]b")),
                                    phrase),
              st.builds(lambda a, b: f"{a} {b}", phrase, st.sampled_from(("[Extended Version]", "(Student Abstract)",
                                                                          "](x)", "[x](http://e.org)"))))
author = st.one_of(st.sampled_from(NAMES), st.builds(lambda a, b: f"{a} {b}", st.text(letters, min_size=1, max_size=8),
                                                     st.text(letters, min_size=1, max_size=8)))
abstract_line = st.one_of(safe_line, st.sampled_from(ODD_LINES), st.builds(lambda p: "  " + p, safe_line))


@st.composite
def abstracts(draw) -> str:
    paragraphs = draw(st.lists(st.lists(abstract_line, min_size=1, max_size=5).map("\n".join), min_size=1, max_size=3))
    return draw(st.sampled_from(("\n\n", "\n"))).join(paragraphs).strip()


@st.composite
def entries(draw, variant: str) -> list[Entry]:
    """A day of entries as `variant` carries them, in file order with positions 1..n."""
    drafted = []
    for _ in range(draw(st.integers(1, 6))):
        codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True))
        arxiv_id = draw(st.one_of(
            st.builds(lambda yymm, n: f"{yymm:04d}.{n:05d}", st.integers(2001, 2612), st.integers(1, 99999)),
            st.builds(lambda a, n: f"{a}/{n:07d}", st.sampled_from(("hep-th", "math.AG", "cond-mat")),
                      st.integers(9101001, 9912999))))
        version = draw(st.sampled_from((None, None, "2"))) if variant != "jsonl" else None
        fields = {k: draw(st.none() | summary) for k in ("tldr", "motivation", "method", "result", "conclusion")}
        entry = Entry(position=0, section=None if variant == "category_bar" else codes[0], arxiv_id=arxiv_id,
                      version=version, url=f"https://arxiv.org/abs/{arxiv_id}" + (f"v{version}" if version else ""),
                      title=draw(title), authors=draw(st.lists(author, min_size=1, max_size=6)),
                      main_category=codes[0], abstract=draw(st.none() | abstracts()),
                      categories=codes if variant in ("category_bar", "jsonl") else codes[:1], **fields)
        if variant in ("bold", "jsonl"):
            extra = {"relevance_score": str(draw(st.integers(1, 10))), "read_time": str(draw(st.integers(1, 30))),
                     "key_contributions": "\n".join(draw(st.lists(safe_line, min_size=1, max_size=3)))}
            for key in ("limitations", "future_work"):
                if draw(st.booleans()):
                    extra[key] = draw(summary)
            keywords = draw(st.lists(phrase.filter(lambda k: not any(c in k for c in ",;")), max_size=4))
            entry = dataclasses.replace(entry, extra=extra, keywords=keywords)
        if variant == "category_bar" and draw(st.booleans()):
            entry = dataclasses.replace(entry, extra={"limitations": draw(summary)})
        if variant == "jsonl":
            entry = dataclasses.replace(entry, comment=draw(st.none() | phrase))
        drafted.append(entry)
    if variant in ("plain", "bold"):
        drafted = [e for group in group_by_section(drafted).values() for e in group]
    return [dataclasses.replace(e, position=i) for i, e in enumerate(drafted, 1)]


def _parsed(text: str) -> list[Entry]:
    digest = parse_digest(text, digest_date=date(2026, 1, 5))
    assert not digest.errors, [d.one_line() for d in digest.errors]
    return digest.entries


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries("plain"))
def test_plain_roundtrip(day: list[Entry]) -> None:
    assert _parsed(render_digest(day, variant="plain", digest_date=date(2026, 1, 5))) == day


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries("bold"))
def test_bold_roundtrip(day: list[Entry]) -> None:
    assert _parsed(render_digest(day, variant="bold", digest_date=date(2026, 1, 5))) == day


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries("category_bar"))
def test_category_bar_roundtrip(day: list[Entry]) -> None:
    assert _parsed(render_digest(day, variant="category_bar", digest_date=date(2026, 1, 5))) == day


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries("jsonl"))
def test_jsonl_roundtrip(day: list[Entry]) -> None:
    digest = parse_jsonl(render_jsonl(day), digest_date=date(2026, 1, 5))
    assert not digest.errors
    expected = [dataclasses.replace(e, section=e.categories[0]) for e in day]
    assert digest.entries == expected


def test_summary_mentioning_failure_is_kept() -> None:
    """Only a value that IS a placeholder is dropped, not text that mentions a failure."""
    tldr = "Shows that current LLMs often failed to generate valid proofs."
    entry = Entry(position=1, section="cs.AI", arxiv_id="2601.00001", version=None,
                  url="https://arxiv.org/abs/2601.00001", title="T", authors=["A B"], main_category="cs.AI",
                  tldr=tldr, categories=["cs.AI"])
    assert _parsed(render_digest([entry], variant="plain", digest_date=date(2026, 1, 5)))[0].tldr == tldr
