"""The template fuzzer's property: parse(render(entries, template)) gives the entries back, over random templates.

Each seed is one document laid out by a random template (transforms/generate/template.py): TOC or not, `#` to
`####` paper headings with or without index and anchor, every alias spelling of the fields we write, plain,
bold, heading, quote and emoji label forms, <details> blocks, hard wraps and label-like lines inside values.
A failure names its seeds; re-render one with the one-liner it prints. More cases to hunt with:
FUZZ_CASES=20000 pytest tests/transforms/test_parse_fuzz.py

Blocks the parser cannot read back yet are features of the grammar (template.FEATURES) that ROUND_TRIPS leaves
out (PENDING, empty today); each gets a strict xfail below, which starts failing (XPASS) the day the parser reads
it, so it moves into ROUND_TRIPS and its smallest document into a test of tests/transforms/test_parse_families.py.
"""

from __future__ import annotations

import os
import textwrap
from collections import Counter

import pytest

from transforms import parse_digest
from transforms.generate.fuzz import DAY, LABEL_LIKE, FuzzCase, expected, fuzz_case
from transforms.generate.labels import label_spellings
from transforms.generate.shrink import shrink
from transforms.generate.template import FEATURES, FORMS
from transforms.parse.labels import ALIASES

CASES = int(os.environ.get("FUZZ_CASES", "2000"))
# Features the parser reads back today (the rest: PENDING). label_like_with_value holds a line such as
# `Note: the gains vary.` after a hard wrap to be more of the value: a rule that ends a field at a new label
# must look for it where a label starts (a new paragraph), not at every line.
ROUND_TRIPS = frozenset({"backticked_category", "label_like_with_value", "journal_sections", "title_line", "link_tail",
                         "invented_heading", "break_after_abstract", "ascii_label_after_abstract", "decorations",
                         "invented_after_abstract", "author_tail", "invented_plain", "invented_value_next_line",
                         "figures_block", "piped_fields", "publication_block", "link_like_titles",
                         "doi_items", "unlabelled_tldr", "journal_sections_unmarked", "empty_field_then_label",
                         "empty_tldr", "invented_emoji", "invented_quote", "emoji_bold", "na_placeholder", "link_below",
                         "author_forms", "br_breaks", "table_fields"})
# #13's failure families, each a feature the parser does not read back yet (none today: the last four,
# invented_emoji, invented_quote, emoji_bold and na_placeholder, round-trip now and are in ROUND_TRIPS).
PENDING: dict[str, str] = {}


def reproduce(seed: int, features: frozenset[str]) -> str:
    return (f'seed={seed}: PYTHONPATH=$PWD .venv/bin/python -c "from transforms.generate.fuzz import fuzz_case; '
            f'print(fuzz_case({seed}, frozenset({sorted(features)})).text)"')


def first_difference(case: FuzzCase) -> tuple[str, object, object] | None:
    """(field, parsed, expected) of the first field the parse of `case` gets wrong, or None when it round-trips."""
    got = [expected(e) for e in parse_digest(case.text, digest_date=DAY).entries]
    want = [expected(e) for e in case.entries]
    if got == want:
        return None
    if len(got) != len(want):
        return "entries", len(got), len(want)
    return next((k, g[k], w[k]) for g, w in zip(got, want) for k in g if g[k] != w[k])


def failures(seeds: range, features: frozenset[str]) -> list[str]:
    """One line per seed whose document does not parse back to its entries: the seed, the first bad field;
    the first failure also shows its document shrunk to the smallest one failing on the same field."""
    out = []
    for seed in seeds:
        case = fuzz_case(seed, features)
        diff = first_difference(case)
        if diff is None:
            continue
        field, got, want = diff
        out.append(f"{field}: got {got!r:.160} want {want!r:.160}; {reproduce(seed, features)}")
        if len(out) == 1:
            small = shrink(case, lambda c: (first_difference(c) or ("",))[0] == field)
            out.append("  smallest failing document:\n" + textwrap.indent(small.text, "  | ", lambda line: True))
    return out


def test_random_templates_parse_back_to_their_entries():
    bad = failures(range(CASES), ROUND_TRIPS)
    assert not bad, f"{len(bad) - 1} of {CASES} templates do not round-trip:\n" + "\n".join(bad[:9])


@pytest.mark.parametrize("feature", sorted(PENDING))
def test_pending_family_round_trips(feature, request):
    request.applymarker(pytest.mark.xfail(strict=True, reason=PENDING[feature]))
    bad = failures(range(300), ROUND_TRIPS | {feature})
    assert not bad, f"{len(bad) - 1} of 300 fail:\n" + "\n".join(bad[:4])


def test_every_feature_is_fuzzed_or_pending():
    assert set(PENDING) | ROUND_TRIPS == FEATURES and not set(PENDING) & ROUND_TRIPS


def test_the_grammar_covers_the_alias_table_and_every_block():
    """Over the suite's templates every spelling of the fields written, every label form and layout block occurs."""
    seen: Counter = Counter()
    written = ("main_category", "tldr", "motivation", "method", "result", "conclusion", "abstract", "limitations",
               "future_work", "title_translation", "abstract_translation")
    for seed in range(CASES):
        case = fuzz_case(seed, FEATURES)
        t = case.template
        seen.update(("spelling", s.name.lower()) for s in [*t.styles.values(), t.main] if s)
        seen.update(("form", s.form) for s in [*t.styles.values(), *(i.style for i in t.invented)])
        seen.update({("paper_level", t.paper_level), ("index", t.index), ("anchor", t.anchor), ("header", t.header),
                     ("details", t.split < len(t.order)), ("summary", t.summary_text), ("tail", t.link_tail), ("below", t.link_below), ("authors", t.author_form), ("br", bool(t.br_main)), ("table", t.table_rows),
                     ("author_tail", t.author_tail)})
        seen.update(("script", i.script) for i in t.invented)
        seen["label_like"] += any(line in case.text.split("\n") for line in LABEL_LIKE)
        seen["wrapped"] += t.wrap is not None
    spellings = {alias for alias, label in ALIASES.items() if label.field in written}
    assert {("spelling", s) for s in spellings} <= set(seen), "alias spellings never fuzzed"
    assert all(seen[("form", f)] for f in FORMS) and all(seen[("script", s)] for s in ("latin", "cjk", "cyrillic"))
    assert all(seen[("paper_level", n)] for n in (1, 2, 3, 4))
    assert all(seen[key] for key in [("index", True), ("anchor", True), ("details", False), ("summary", "Abstract"),
                                     ("tail", "back"), ("tail", "pdf_code"),
                                     ("below", "links"), ("below", "id"), ("below", "url"), ("below", "heading_id"),
                                     *(("authors", f) for f in ("quoted", "bold", "labelled", "by", "bare")), ("br", True), ("table", True), ("header", "none"), ("header", "toc")])
    assert seen["label_like"] > CASES // 10 and seen["wrapped"] > CASES // 10
    assert len(label_spellings("tldr")) > len([a for a in ALIASES if ALIASES[a].field == "tldr"])  # casings too


def test_a_seed_gives_the_same_document_and_seeds_differ():
    assert fuzz_case(7).text == fuzz_case(7).text
    assert len({fuzz_case(s).text for s in range(20)}) == 20
