"""A small corpus with the facts trend marts get wrong on real feeds planted in it, each recorded in `TrendFacts`.

Two feeds on different topics over twelve weeks: `ml` publishes every day but its gap days, and one of its topic
terms truly rises; `astro` writes about other things and stops on day 41, before the across-feeds recent window
(the last 28 days). Planted too: one name shared by two people with disjoint co-authors (`homonym`), one person
with a stable team (`stable_author`), a topic written in three cases (NeRF, NERF, nerf), keywords that are a
placeholder, a label word and N/A, a CJK keyword, and "large language models" (whose two bigrams always
co-occur). Everything here is invented for the project.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from transforms.generate.feeds import GeneratedFile
from transforms.model import Entry
from transforms.render import render_digest

START, DAYS, ASTRO_LAST = date(2026, 1, 5), 84, 41
ML_TOPICS = ("graph transformers", "federated learning", "speech recognition", "code generation",
             "anomaly detection", "knowledge distillation", "causal inference", "video generation")
ASTRO_TOPICS = ("galaxy clusters", "stellar winds", "cosmic rays", "exoplanet atmospheres", "dark matter",
                "gravitational lensing", "supernova remnants", "accretion disks")
RISING = "graph transformers"
CASINGS = ("NeRF", "NeRF", "NERF", "nerf")  # one topic, three spellings: NeRF the most common
NOT_TOPICS = ("N/A", "Keywords", "Summary generation failed")  # keywords that are no topic
CJK_KEYWORD = "大语言模型"


@dataclass
class TrendFacts:
    """What was planted: feed days, the rising term, the two people behind one name, the stable author."""

    rising_term: str = RISING
    astro_last: date = START + timedelta(days=ASTRO_LAST)
    last_day: date = START + timedelta(days=DAYS - 1)
    gap_days: list[date] = field(default_factory=list)  # days `ml` has no digest
    homonym: str = "Wei Zhang"
    homonym_groups: tuple[tuple[str, ...], ...] = (("Ada Park", "Bo Lind"), ("Cy Moreau", "Di Okoro"))
    stable_author: str = "Ines Varga"
    stable_team: tuple[str, ...] = ("Jon Keel", "Kim Ruiz")
    casings: tuple[str, ...] = CASINGS
    not_topics: tuple[str, ...] = NOT_TOPICS
    cjk_keyword: str = CJK_KEYWORD


def build_trend_corpus(seed: int = 7) -> tuple[list[GeneratedFile], TrendFacts]:
    """The two feeds' digests (bold layout, keywords included) for 84 days from Monday 2026-01-05, sorted by
    path, and what was planted in them."""
    rng, facts, files = random.Random(seed), TrendFacts(), []
    facts.gap_days = [START + timedelta(days=d) for d in (22, 23, 24, 60, 70)]  # three in one week
    counter = iter(range(1, 100_000))
    for day in range(DAYS):
        today = START + timedelta(days=day)
        for feed, topics, category in (("ml", ML_TOPICS, "cs.LG"), ("astro", ASTRO_TOPICS, "astro-ph.GA")):
            if (feed == "astro" and day > ASTRO_LAST) or (feed == "ml" and today in facts.gap_days):
                continue
            entries = [_entry(rng, facts, feed, topics, category, day, n, next(counter)) for n in range(1, 13)]
            files.append(GeneratedFile(f"{feed}/{today.isoformat()}.md",
                                       render_digest(entries, variant="bold", digest_date=today)))
    return sorted(files, key=lambda f: f.path), facts


def _entry(rng: random.Random, facts: TrendFacts, feed: str, topics: tuple[str, ...], category: str, day: int,
           position: int, number: int) -> Entry:
    x = day / (DAYS - 1)
    weights = [0.3 + 3.0 * x * x if t == RISING else 1.0 for t in topics]
    topic, other = rng.choices(topics, weights=weights, k=2)
    authors = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(rng.randint(2, 4))]
    keywords = [topic]
    abstract = f"We study {topic} with {other}. Results on {topic} benchmarks improve."
    if feed == "ml":
        if position == 1 and day % 7 < 3:  # the same name, two teams that never meet (weeks alternate)
            authors = [facts.homonym, *facts.homonym_groups[(day // 7) % 2]]
        elif position == 2 and day % 9 == 0:  # one person, one team: the first member always, the others rotating
            authors = [facts.stable_author, facts.stable_team[0],
                       facts.stable_team[1] if day % 2 else "Lu " + _LAST[day % len(_LAST)]]
        elif position == 3:
            size, verb = ("Large", "Small", "Large")[day % 3], ("help", "fail", "reason", "plan")[day % 4]
            abstract += f" {size} language models {verb}; {CASINGS[day % len(CASINGS)]} scenes too."
            keywords.append(NOT_TOPICS[day % len(NOT_TOPICS)])
        elif position == 4 and day % 4 == 0:
            keywords.append(CJK_KEYWORD)
    arxiv_id = f"26{1 + day // 31:02d}.{number:05d}"
    return Entry(position=position, section=category, arxiv_id=arxiv_id, version=None,
                 url=f"https://arxiv.org/abs/{arxiv_id}", title=f"{topic.title()} for {other.title()}",
                 authors=authors, main_category=category, tldr=f"A study of {topic}.", abstract=abstract,
                 keywords=keywords)


_FIRST = ("Alma", "Bram", "Cleo", "Dara", "Emil", "Fay", "Gus", "Hedy", "Ivo", "Jude", "Kai", "Lena", "Milo",
          "Nia", "Otto", "Pia", "Quin", "Rhea", "Sami", "Tove", "Umar", "Vera", "Wim", "Xan", "Yara", "Zeno")
_LAST = ("Abara", "Berg", "Costa", "Dahl", "Eze", "Frey", "Goto", "Holm", "Ilic", "Jensen", "Kowal", "Lund",
         "Maier", "Novak", "Ortiz", "Pohl", "Quist", "Ruud", "Sato", "Tamm", "Ueda", "Voss", "Wolff", "Yilmaz")
