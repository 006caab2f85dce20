"""The writer: invents papers (authors, ids, titles, abstracts) from the corpus's one random stream."""

from __future__ import annotations

import random
from collections import deque
from datetime import date

from transforms import vocab
from transforms.generate.feeds import ALL_CATEGORIES, COAUTHOR_PAIR, FeedSpec
from transforms.generate.paper import Paper, title_case, wrap
from transforms.generate.schedule import trend

_TITLE_FORMS = ("{acronym}: {adj} {t} for {task}", "{adj} {t} for {task}", "On the Limits of {t} in {task}",
                "When {t} Meet {u}: Lessons from {task}", "{acronym}: Rethinking {task} with {t}")
_FILL = 22  # about how many characters the placeholders of one sentence add when filled
_OTHERS = {code: tuple(c for c in ALL_CATEGORIES if c != code) for code in ALL_CATEGORIES}
_AUTHOR_COUNTS = (1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 7)


class Writer:
    """Invents papers from one random stream: authors, ids, titles, abstracts (listings draw on it too)."""

    def __init__(self, rng: random.Random, days: int) -> None:
        self.rng, self.days = rng, days
        names = sorted({f"{first} {last}" for first in vocab.FIRST_NAMES for last in vocab.LAST_NAMES}
                       - set(COAUTHOR_PAIR))
        pool = rng.sample(names, 2400)
        pool = [n.replace(" ", f" {rng.choice('ABCDEFGHJKLMRST')}. ", 1) if rng.random() < 0.1 else n for n in pool]
        for cjk in vocab.CJK_NAMES:
            pool.insert(rng.randrange(40, 600), cjk)
        self.pool = pool
        self.author_cum = list(_accumulate(1.0 / (rank + 5) for rank in range(len(pool))))
        self.groups = [rng.sample(pool[:1000], 3) for _ in range(60)]
        self.counters: dict[str, int] = {}
        self.remembered: dict[str, Paper] = {}

    def set_day(self, day: int, today: date) -> None:
        x = day / max(1, self.days - 1)
        self.term_cum = list(_accumulate(trend(term, x) for term in vocab.TERMS))
        self.yymm = today.strftime("%y%m")

    def papers_for(self, spec: FeedSpec, entries_per_day: int, recent: deque) -> list[Paper]:
        rng = self.rng
        count = max(1, round(entries_per_day * spec.share * rng.uniform(0.85, 1.15)))
        papers: list[Paper] = []
        for _ in range(count):
            if recent and rng.random() < 0.03:  # an earlier paper listed again (re-run or cross-feed)
                earlier = rng.choice(recent)
                if earlier:
                    paper = rng.choice(earlier)
                    if paper.categories[0] in spec.categories:
                        papers.append(paper)
                        continue
            papers.append(self.new_paper(spec))
        return papers

    def remember(self, key: str, spec: FeedSpec) -> Paper:
        """The same paper every time `key` is asked for (created for `spec` the first time)."""
        if key not in self.remembered:
            self.remembered[key] = self.new_paper(spec, "cs.AI" if "cs.AI" in spec.categories else None)
        return self.remembered[key]

    def new_paper(self, spec: FeedSpec, primary: str | None = None) -> Paper:
        rng = self.rng
        primary = primary or rng.choice(spec.categories)
        roll = rng.random()
        extra = 0 if roll < 0.45 else 1 if roll < 0.85 else 2  # cross-listings: how many more categories
        categories = [primary]
        if extra:
            categories += rng.sample(_OTHERS[primary] if primary in _OTHERS else ALL_CATEGORIES, extra)
        t, u = rng.choices(vocab.TERMS, cum_weights=self.term_cum, k=2)
        if u == t:
            u = vocab.TERMS[(vocab.TERMS.index(t) + 1) % len(vocab.TERMS)]
        counter = self.counters.get(self.yymm) or self.between(100, 1500)
        self.counters[self.yymm] = counter + self.between(1, 3)
        task = self.pick(vocab.TASKS)
        slots = self._slots(t, u, task)
        return Paper(f"{self.yymm}.{counter:05d}", self._title(t, u, task), self._authors(), categories,
                     self._abstract(slots), self.pick(vocab.COMMENTS), (t, u, task), slots)

    def pick(self, options):
        # rng.choice/randint cost several calls each; one random() keeps 100k entries a day cheap
        return options[int(self.rng.random() * len(options))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.rng.random() * (high - low + 1))

    def _slots(self, t: str, u: str, task: str) -> dict[str, object]:
        adj = self.pick(vocab.ADJECTIVES)
        return {"t": t, "T": t[0].upper() + t[1:], "u": u, "task": task, "adj": adj,
                "adj_l": adj.lower(), "n": self.between(200, 90000), "k": self.between(3, 12),
                "p": self.between(2, 40), "slug": f"{t.split()[0].lower()}-{self.between(10, 999)}",
                "keyword": self.pick(vocab.KEYWORDS_EXTRA)}  # fixed per paper: a relisting keeps its terms

    def _title(self, t: str, u: str, task: str) -> str:
        pick = self.pick
        title = pick(_TITLE_FORMS).format(acronym=pick(vocab.ACRONYM_PARTS) + pick(vocab.ACRONYM_PARTS),
                                          adj=pick(vocab.ADJECTIVES), task=title_case(task),
                                          t=title_case(t), u=title_case(u))
        return title + " " + pick(vocab.TITLE_ODDITIES) if self.rng.random() < 0.03 else title

    def _authors(self) -> list[str]:
        rng = self.rng
        head: list[str] = []
        roll = rng.random()
        if roll < 0.06:
            head = list(COAUTHOR_PAIR)
        elif roll < 0.26:
            head = list(rng.choice(self.groups))
        drawn = rng.choices(self.pool, cum_weights=self.author_cum, k=self.pick(_AUTHOR_COUNTS))
        authors = list(dict.fromkeys(drawn + head if rng.random() < 0.5 else head + drawn))
        return authors

    def _abstract(self, slots: dict[str, object]) -> str:
        """Sentences picked as templates first, filled in one format call (the hot path of a big corpus)."""
        target = self.between(880, 1180)
        parts = [self.pick(vocab.ABSTRACT_OPENERS)]
        length = len(parts[0]) + _FILL
        body = vocab.ABSTRACT_BODY
        first, step = self.between(0, len(body) - 1), self.pick((1, 5, 7, 11))  # a cheap shuffle: steps coprime to 12
        for i in range(len(body)):
            if length >= target:
                break
            parts.append(body[(first + i * step) % len(body)])
            length += len(parts[-1]) + _FILL
        parts.append(self.pick(vocab.ABSTRACT_CLOSERS))
        roll = self.rng.random()
        if roll < 0.15:  # a paragraph break the way newer feeds keep it
            split = len(parts) // 2
            return (" ".join(parts[:split]) + "\n  " + " ".join(parts[split:])).format_map(slots)
        text = " ".join(parts).format_map(slots)
        return wrap(text) if roll < 0.75 else text


def _accumulate(values) -> list[float]:
    total, out = 0.0, []
    for value in values:
        total += value
        out.append(total)
    return out
