"""The template fuzzer's pending families (test_parse_fuzz.PENDING), each as the smallest document that shows it.

Each is a strict xfail: it fails today and states what a parse should give. When the parser learns a family,
its case here XPASSes (and its fuzzer feature's xfail in test_parse_fuzz.py too): move the feature into
ROUND_TRIPS and delete the case.
"""

from __future__ import annotations

import pytest

from transforms import parse_digest
from transforms.model import Entry

from tests.transforms.test_parse_fuzz import PENDING

HEAD = "### [1] [Owls at night](https://arxiv.org/abs/2601.00001)\n*Ann Lee*\n\n"


def _tldr_and_gist(e: Entry) -> bool:
    return e.tldr == "Owls see\nwell." and e.extra.get("gist") == "A value."


CASES = {
    "emoji_bold": (HEAD + "Main category: cs.LG\n\n💡 **TL;DR:** Owls see well.\n",
                   lambda e: e.tldr == "Owls see well."),
    "invented_emoji": (HEAD + "Main category: cs.LG\n\nTL;DR: Owls see\nwell.\n\n🧩 Gist: A value.\n", _tldr_and_gist),
    "invented_quote": (HEAD + "Main category: cs.LG\n\nTL;DR: Owls see\nwell.\n\n> **Gist:** A value.\n",
                       _tldr_and_gist),
    "na_placeholder": (HEAD + "Main category: cs.LG\n\nTL;DR: N/A\n", lambda e: e.tldr is None),
}


def test_every_pending_family_has_its_smallest_case():
    assert set(CASES) == set(PENDING)


@pytest.mark.parametrize("family", sorted(CASES))
def test_pending_family_smallest_case(family, request):
    request.applymarker(pytest.mark.xfail(strict=True, reason=PENDING[family]))
    text, holds = CASES[family]
    (entry,) = parse_digest(text).entries
    assert holds(entry), entry
