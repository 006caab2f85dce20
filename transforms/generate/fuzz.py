"""One fuzz case per seed: a random template, a few entries shaped for it, and the digest text they render to.

    fuzz_case(seed).text          # the document; re-render a failing seed with:
    python -c "from transforms.generate.fuzz import fuzz_case; print(fuzz_case(SEED).text)"

The template comes from transforms.generate.grammar, the entries from transforms.generate.fuzz_entries, the
text from transforms.generate.layout. `expected(entry)` is what a parse must give back: the fields that
matter (see COMPARED). The same seed and features always give the same case.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from transforms.generate.fuzz_entries import DAY, JOURNALS, LABEL_LIKE, case_writer, new_entry
from transforms.generate.grammar import random_template
from transforms.generate.layout import render_template
from transforms.generate.template import DEFAULT_FEATURES, Template
from transforms.model import Entry

__all__ = ["COMPARED", "DAY", "LABEL_LIKE", "FuzzCase", "expected", "fuzz_case"]

COMPARED = ("arxiv_id", "title", "authors", "main_category", "tldr", "motivation", "method", "result", "conclusion",
            "abstract", "title_translation", "abstract_translation", "comment", "extra")


@dataclass(frozen=True)
class FuzzCase:
    seed: int
    template: Template
    entries: list[Entry]
    text: str


def fuzz_case(seed: int, features: frozenset[str] = DEFAULT_FEATURES, max_entries: int = 3) -> FuzzCase:
    """The case of `seed`: template, 1..max_entries expected entries (file order), and the rendered digest."""
    rng = random.Random(seed)
    template = random_template(rng, features)
    writer = case_writer(rng)
    entries = [new_entry(rng, writer, template, n) for n in range(1, rng.randint(1, max_entries) + 1)]
    if rng.random() < 0.05 and entries[0].tldr:  # listed twice in its section, each copy its own summary (yukari502)
        entries.insert(1, replace(entries[0], tldr=entries[0].tldr + " (re-run)"))
    if template.section_level:  # file order groups entries under their sections
        order = {code: i for i, code in enumerate(dict.fromkeys(e.main_category for e in entries))}
        entries.sort(key=lambda e: order[e.main_category])
    journals = dict(zip(dict.fromkeys(e.main_category for e in entries), rng.sample(JOURNALS, len(JOURNALS))))
    entries = [replace(e, position=i, section=None if not template.section_level else
                       journals[e.main_category] if template.journal_sections else e.main_category)
               for i, e in enumerate(entries, 1)]
    text = render_template(entries, template, DAY)
    return FuzzCase(seed, template, entries, _stray_controls(rng, text) if rng.random() < 0.1 else text)


def _stray_controls(rng: random.Random, text: str) -> str:
    """`text` with a few control or zero-width characters (ZL-Asica 2025-07-03 has U+0017), away from line ends."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(1, len(text))
        if text[at - 1] not in "\r\n" and text[at] not in "\r\n":
            text = text[:at] + rng.choice(("\x17", "\u200b")) + text[at:]
    return text


def expected(entry: Entry) -> dict[str, object]:
    """The fields a parse of the case must give back for this entry."""
    return {name: getattr(entry, name) for name in COMPARED}


