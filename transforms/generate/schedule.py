"""When things happen over the period: each feed's special days, the planted relisting, and topic trends."""

from __future__ import annotations

import math
import random

from transforms.generate.feeds import FADING_TERM, PEAK_TERM, RISING_TERM, FeedSpec


def schedule_specials(rng: random.Random, specs: list[FeedSpec], days: int) -> dict[tuple[str, int], str]:
    """Pick, per feed, distinct days (never the first five nor the last) for its gap, empty day and bad files."""
    bad = {"truncated": 0, "placeholder_summary": 0, "foreign_link": min(1, len(specs) - 1),
           "not_a_digest": len(specs) - 1}
    out: dict[tuple[str, int], str] = {}
    for index, spec in enumerate(specs):
        kinds = ["gap", "empty"] + [kind for kind, owner in bad.items() if owner == index]
        candidates = list(range(5, days - 1))
        for kind, day in zip(kinds, rng.sample(candidates, min(len(kinds), len(candidates)))):
            out[(spec.name, day)] = kind
    return out


def plan_relist(specs: list[FeedSpec], days: int) -> list[tuple[int, int, str]]:
    """The planted relisting: one paper on day 1 of the first feed, again on day 2 (other feed) and day 3."""
    if days < 4:
        return []
    other = 1 if len(specs) > 1 else 0
    return [(1, 0, "relist"), (2, other, "relist"), (3, 0, "relist")]


def trend(term: str, x: float) -> float:
    """Relative weight of a topic term at fraction `x` (0..1) of the corpus period."""
    if term == RISING_TERM:
        return 0.15 + 5.0 * x ** 1.5
    if term == FADING_TERM:
        return 0.15 + 4.0 * (1.0 - x) ** 1.5
    if term == PEAK_TERM:
        return 0.15 + 4.0 * math.exp(-(((x - 0.5) / 0.15) ** 2))
    return 1.0
