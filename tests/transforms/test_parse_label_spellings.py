"""The label-line shortcuts remember label names as written; any spelling must still read as the rules read it."""

from __future__ import annotations

import itertools

from transforms import parse_digest
from transforms.parse import lines


def _digest(label_lines: list[str]) -> str:
    parts = ["# 2025-07-03", ""]
    for i, line in enumerate(label_lines, 1):
        parts += [f"### [{i}] [Paper {i}](https://arxiv.org/abs/2507.{i:05d})", "", "*Ann Lee, Bo Chen*", "",
                  line, ""]
    return "\n".join(parts)


def _spellings(word: str, count: int) -> list[str]:
    cases = itertools.product(*[(c.lower(), c.upper()) for c in word])
    return ["".join(c) for c in itertools.islice(cases, count)]


def test_every_casing_of_a_label_fills_its_field_and_the_memory_stays_bounded():
    names = _spellings("motivation", 600)
    digest = parse_digest(_digest([f"{name}: why {i}" for i, name in enumerate(names)]
                                  + [f"**{name}:** why bold {i}" for i, name in enumerate(names)]))
    assert [e.motivation for e in digest.entries] == (
        [f"why {i}" for i in range(600)] + [f"why bold {i}" for i in range(600)])
    assert len(lines._PLAIN_SEEN) <= lines._MAX_SEEN and len(lines._BOLD_SEEN) <= lines._MAX_SEEN


def test_a_remembered_weak_label_is_still_text_inside_an_abstract():
    # The KELVIN SIGN lower-cases to ASCII `k`: a non-ASCII-led line reaches the shortcut inside an abstract.
    kelvin = "\u212aeywords"
    text = _digest([f"{kelvin}: a, b", f"Abstract: We study things.\n{kelvin}: this line wraps the abstract."])
    first, second = parse_digest(text).entries
    assert first.keywords == ["a", "b"]
    assert second.keywords == []
    assert second.abstract == f"We study things.\n{kelvin}: this line wraps the abstract."
