"""A synthetic demo corpus: several feeds of daily digests with known, planted facts.

`build_corpus(days, seed)` returns every file (relative path + text) and a `Planted` record of
what was put there on purpose: a rising and a fading topic, a frequent co-author pair, a paper
relisted across days and feeds, one gap and one empty day per feed, and a few bad files. It is
pure and deterministic: the same arguments give the same bytes. Writing files is the caller's job.
"""

from __future__ import annotations

import functools
import math
import random
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Iterator, Sequence

from transforms import vocab
from transforms.model import Entry
from transforms.render import render_digest, render_jsonl

PLACEHOLDER = "Summary generation failed"
RISING_TERM, FADING_TERM, PEAK_TERM = "LLM agents", "neural radiance fields", "state space models"
COAUTHOR_PAIR = ("Zoë Müller", "Łukasz Nowak")
ALL_CATEGORIES = ("cs.CV", "cs.CL", "cs.AI", "cs.LG", "cs.CR", "cs.HC", "cs.RO", "cs.IR", "q-bio.NC", "stat.ML",
                  "eess.IV", "eess.AS")
NOT_A_DIGEST = ("<!DOCTYPE html>\n<html><head><title>429 Too Many Requests</title></head>\n"
                "<body><h1>Too Many Requests</h1><p>Rate limit exceeded; retry later.</p></body></html>\n")


@dataclass(frozen=True)
class FeedSpec:
    """One synthetic feed: its name (the folder), layout, categories, share of `entries_per_day`, twin policy."""

    name: str
    variant: str
    categories: tuple[str, ...]
    share: float = 1.0
    twins: str = "none"  # "all", "some" (about 60% of days) or "none"


DEFAULT_FEEDS = (
    FeedSpec("cs-daily", "plain", ("cs.CV", "cs.CL", "cs.AI", "cs.LG", "stat.ML", "q-bio.NC"), 1.0, "some"),
    FeedSpec("hci-digest", "bold", ("cs.HC", "cs.CL", "cs.AI"), 0.5, "all"),
    FeedSpec("sec-bar", "category_bar", ("cs.CR", "cs.AI", "cs.LG"), 0.4, "none"),
)


@dataclass(frozen=True)
class GeneratedFile:
    """One file of the corpus: `path` relative to the corpus root (`<feed>/<YYYY-MM-DD>.md|.jsonl`) and its text."""

    path: str
    text: str

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")


@dataclass(frozen=True)
class BadFile:
    """A file planted to be hard or impossible to read, and why (`reason` is a stable code)."""

    path: str
    reason: str  # not_a_digest | truncated | doi_link | placeholder_summary
    detail: str = ""


@dataclass
class Planted:
    """The facts a test can check against hand-computed expectations.

    - `rising_term` is in ~3% of new papers in the first week and ~28% in the last (week over week,
      see `weeks`); `fading_term` the reverse; `peak_term` peaks mid-period and fades on both sides.
    - `coauthor_pair` co-authors ~6% of new papers: the most frequent pair by far.
    - `gap_dates`: the one day each feed has no file; `empty_dates`: the day its file lists nothing.
    - `bad_files`: path, reason code and detail of each file planted to be hard to read.
    - `relisted`: arXiv id -> the (feed, date) listings of the paper planted to reappear (day 2 in the
      first feed, day 3 in another, day 4 in the first again). Other relistings (~3%) happen at random.
    - `twin_paths`: every `.jsonl` twin written (each beside its `.md`).
    - `duplicates`: digest path -> ids listed twice in it (each copy with its own summary, twin too).
    - `twin_only`: twin path -> ids only the twin holds (primary category outside the feed, as real
      feeds keep them), so merging a twin must not add them to the digest.
    """

    rising_term: str = RISING_TERM
    fading_term: str = FADING_TERM
    peak_term: str = PEAK_TERM
    first_day: date | None = None
    last_day: date | None = None
    coauthor_pair: tuple[str, str] = COAUTHOR_PAIR
    gap_dates: dict[str, date] = field(default_factory=dict)
    empty_dates: dict[str, date] = field(default_factory=dict)
    bad_files: list[BadFile] = field(default_factory=list)
    relisted: dict[str, list[tuple[str, date]]] = field(default_factory=dict)
    twin_paths: list[str] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)
    twin_only: dict[str, list[str]] = field(default_factory=dict)

    @property
    def weeks(self) -> list[date]:
        """The first day of each 7-day week of the period (week 0 starts on `first_day`)."""
        if self.first_day is None or self.last_day is None:
            return []
        return [self.first_day + timedelta(days=d) for d in range(0, (self.last_day - self.first_day).days + 1, 7)]


@dataclass
class Corpus:
    files: list[GeneratedFile]
    planted: Planted


def generate_corpus(days: int, seed: int, *, start: date = date(2026, 1, 5),
                    feeds: Sequence[str | FeedSpec] | None = None, entries_per_day: int = 24) -> list[GeneratedFile]:
    """The corpus files for `days` days from `start` (see `build_corpus`)."""
    return build_corpus(days, seed, start=start, feeds=feeds, entries_per_day=entries_per_day).files


def planted_facts(days: int, seed: int, *, start: date = date(2026, 1, 5),
                  feeds: Sequence[str | FeedSpec] | None = None, entries_per_day: int = 24) -> Planted:
    """The planted facts of the corpus the same arguments generate."""
    return build_corpus(days, seed, start=start, feeds=feeds, entries_per_day=entries_per_day).planted


def resolve_feeds(feeds: Sequence[str | FeedSpec] | None) -> list[FeedSpec]:
    """Feed specs for names: the default feeds by name, any other name a plain feed over all categories."""
    known = {f.name: f for f in DEFAULT_FEEDS}
    if feeds is None:
        return list(DEFAULT_FEEDS)
    return [f if isinstance(f, FeedSpec) else known.get(f, FeedSpec(f, "plain", ALL_CATEGORIES)) for f in feeds]


def build_corpus(days: int, seed: int, *, start: date = date(2026, 1, 5),
                 feeds: Sequence[str | FeedSpec] | None = None, entries_per_day: int = 24) -> Corpus:
    """Generate `days` days of every feed from `seed`; returns the files (sorted by path) and the planted facts.

    Each feed lists about `entries_per_day * share` entries a day (plus or minus 15%).
    """
    planted = Planted()
    files = list(iter_corpus(days, seed, start=start, feeds=feeds, entries_per_day=entries_per_day, planted=planted))
    files.sort(key=lambda f: f.path)
    return Corpus(files, planted)


def iter_corpus(days: int, seed: int, *, start: date = date(2026, 1, 5),
                feeds: Sequence[str | FeedSpec] | None = None, entries_per_day: int = 24,
                planted: Planted | None = None) -> Iterator[GeneratedFile]:
    """The files of `build_corpus`, one at a time in day-then-feed order, so a big corpus need not fit in memory.

    Pass a `Planted()` to have it filled in as the days are generated (complete once exhausted).
    """
    specs = resolve_feeds(feeds)
    rng = random.Random(seed)
    planted = planted if planted is not None else Planted()
    planted.first_day, planted.last_day = start, start + timedelta(days=days - 1)
    specials = _schedule_specials(rng, specs, days)
    writer = _Writer(rng, days)
    recent: deque[list[_Paper]] = deque(maxlen=5)
    relist_plan = _plan_relist(specs, days)
    for day in range(days):
        today = start + timedelta(days=day)
        writer.set_day(day, today)
        fresh: list[_Paper] = []
        for index, spec in enumerate(specs):
            kind = specials.get((spec.name, day))
            path = f"{spec.name}/{today.isoformat()}"
            if kind in ("gap", "empty", "not_a_digest"):
                yield from _no_listing(kind, spec, path, today, planted)
                continue
            papers = writer.papers_for(spec, entries_per_day, recent)
            for _, _, key in (plan for plan in relist_plan if plan[:2] == (day, index)):
                papers.insert(0, writer.remember(key, spec))
                planted.relisted.setdefault(papers[0].arxiv_id, []).append((spec.name, today))
            fresh.extend(papers)
            yield from _listing_files(writer, specs, index, day, kind, path, papers, today, planted)
        recent.append(fresh)


def _no_listing(kind: str, spec: FeedSpec, path: str, today: date, planted: Planted) -> Iterator[GeneratedFile]:
    """A feed day without papers: a gap (no file), an empty digest, or a file that is not a digest at all."""
    if kind == "gap":
        planted.gap_dates[spec.name] = today
    elif kind == "empty":
        planted.empty_dates[spec.name] = today
        yield GeneratedFile(path + ".md", render_digest([], variant=spec.variant, digest_date=today))
    else:
        planted.bad_files.append(BadFile(path + ".md", kind, "an HTML error page saved in place of the digest"))
        yield GeneratedFile(path + ".md", NOT_A_DIGEST)


def _listing_files(writer: _Writer, specs: list[FeedSpec], index: int, day: int, kind: str | None, path: str,
                   papers: list[_Paper], today: date, planted: Planted) -> Iterator[GeneratedFile]:
    """One feed day's digest (and maybe its twin), with that day's planted oddities worked in."""
    spec, rng = specs[index], writer.rng
    # day 4 is never special: one feed lists two papers twice, another's twin holds two papers more
    if day == 4 and index == (1 if len(specs) > 1 else 0):
        planted.duplicates[path + ".md"] = [p.arxiv_id for p in papers[:2]]
        papers = papers + papers[:2]
    md_entries, twin_entries = writer.listing(spec, papers, today)
    if day == 4 and index == next((i for i, s in enumerate(specs) if s.twins != "none"), None):
        hidden = [writer.new_paper(spec, "eess.IV") for _ in range(2)]
        twin_entries += writer.listing(spec, hidden, today)[1]
        planted.twin_only[path + ".jsonl"] = [p.arxiv_id for p in hidden]
    if kind == "doi_link":
        victim = md_entries[len(md_entries) // 2]
        doi = f"https://doi.org/10.5555/demo.{rng.randint(10000, 99999)}"
        md_entries[victim.position - 1] = replace(victim, arxiv_id=None, url=doi)
        planted.bad_files.append(BadFile(path + ".md", kind, f"entry [{victim.position}] links {doi}"))
    elif kind == "placeholder_summary":
        blank = dict.fromkeys(("tldr", "motivation", "method", "result", "conclusion"), PLACEHOLDER)
        md_entries[0], twin_entries[0] = replace(md_entries[0], **blank), replace(twin_entries[0], **blank)
        planted.bad_files.append(BadFile(path + ".md", kind, f"entry [1] {md_entries[0].arxiv_id}"))
    text = render_digest(md_entries, variant=spec.variant, digest_date=today, sections=list(spec.categories))
    if kind == "truncated":
        text = text[:text.rfind("Method") + 25]  # cut inside the last entry's Method line
        planted.bad_files.append(BadFile(path + ".md", kind, f"cut at byte {len(text.encode())} mid-entry"))
    yield GeneratedFile(path + ".md", text)
    if path + ".jsonl" in planted.twin_only or (
            kind != "doi_link" and (spec.twins == "all" or (spec.twins == "some" and rng.random() < 0.6))):
        planted.twin_paths.append(path + ".jsonl")
        yield GeneratedFile(path + ".jsonl", render_jsonl(twin_entries))


def _schedule_specials(rng: random.Random, specs: list[FeedSpec], days: int) -> dict[tuple[str, int], str]:
    """Pick, per feed, distinct days (never the first five nor the last) for its gap, empty day and bad files."""
    bad = {"truncated": 0, "placeholder_summary": 0, "doi_link": min(1, len(specs) - 1),
           "not_a_digest": len(specs) - 1}
    out: dict[tuple[str, int], str] = {}
    for index, spec in enumerate(specs):
        kinds = ["gap", "empty"] + [kind for kind, owner in bad.items() if owner == index]
        candidates = list(range(5, days - 1))
        for kind, day in zip(kinds, rng.sample(candidates, min(len(kinds), len(candidates)))):
            out[(spec.name, day)] = kind
    return out


def _plan_relist(specs: list[FeedSpec], days: int) -> list[tuple[int, int, str]]:
    """The planted relisting: one paper on day 1 of the first feed, again on day 2 (other feed) and day 3."""
    if days < 4:
        return []
    other = 1 if len(specs) > 1 else 0
    return [(1, 0, "relist"), (2, other, "relist"), (3, 0, "relist")]


@dataclass
class _Paper:
    """A paper's arXiv metadata, shared by every listing of it; summaries are written per listing."""

    arxiv_id: str
    title: str
    authors: list[str]
    categories: list[str]
    abstract: str
    comment: str | None
    terms: tuple[str, str, str]  # main topic term, secondary term, application task
    slots: dict[str, object]  # the words and numbers its abstract used; its summaries reuse them


def _trend(term: str, x: float) -> float:
    """Relative weight of a topic term at fraction `x` (0..1) of the corpus period."""
    if term == RISING_TERM:
        return 0.15 + 5.0 * x ** 1.5
    if term == FADING_TERM:
        return 0.15 + 4.0 * (1.0 - x) ** 1.5
    if term == PEAK_TERM:
        return 0.15 + 4.0 * math.exp(-(((x - 0.5) / 0.15) ** 2))
    return 1.0


@functools.lru_cache(maxsize=None)
def _title_case(term: str) -> str:
    return " ".join(w[0].upper() + w[1:] if w.islower() and len(w) > 2 else w for w in term.split(" "))


def _wrap(text: str, width: int = 80) -> str:
    """Hard-wrap at `width` columns the way arXiv abstracts arrive (fast: one rfind per line)."""
    lines, start = [], 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return "\n".join(lines)


_TITLE_FORMS = ("{acronym}: {adj} {t} for {task}", "{adj} {t} for {task}", "On the Limits of {t} in {task}",
                "When {t} Meet {u}: Lessons from {task}", "{acronym}: Rethinking {task} with {t}")
_SUMMARIES = (vocab.TLDR, vocab.MOTIVATION, vocab.METHOD, vocab.RESULT, vocab.CONCLUSION)
_SEP = "\x1f"  # never in a template: joins five summaries into one format call
_FILL = 22  # about how many characters the placeholders of one sentence add when filled
_OTHERS = {code: tuple(c for c in ALL_CATEGORIES if c != code) for code in ALL_CATEGORIES}
_AUTHOR_COUNTS = (1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 7)
_SUMMARY_TAILS = (" This matters most for {task}.", " The evaluation covers {k} settings.",
                  " Code and models are released.")


class _Writer:
    """Invents papers and listings from one random stream: authors, ids, titles, abstracts, summaries."""

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
        self.remembered: dict[str, _Paper] = {}

    def set_day(self, day: int, today: date) -> None:
        x = day / max(1, self.days - 1)
        self.term_cum = list(_accumulate(_trend(term, x) for term in vocab.TERMS))
        self.yymm = today.strftime("%y%m")

    def papers_for(self, spec: FeedSpec, entries_per_day: int, recent: deque) -> list[_Paper]:
        rng = self.rng
        count = max(1, round(entries_per_day * spec.share * rng.uniform(0.85, 1.15)))
        papers: list[_Paper] = []
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

    def remember(self, key: str, spec: FeedSpec) -> _Paper:
        """The same paper every time `key` is asked for (created for `spec` the first time)."""
        if key not in self.remembered:
            self.remembered[key] = self.new_paper(spec, "cs.AI" if "cs.AI" in spec.categories else None)
        return self.remembered[key]

    def new_paper(self, spec: FeedSpec, primary: str | None = None) -> _Paper:
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
        counter = self.counters.get(self.yymm) or self._between(100, 1500)
        self.counters[self.yymm] = counter + self._between(1, 3)
        task = self._pick(vocab.TASKS)
        slots = self._slots(t, u, task)
        return _Paper(f"{self.yymm}.{counter:05d}", self._title(t, u, task), self._authors(), categories,
                      self._abstract(slots), self._pick(vocab.COMMENTS), (t, u, task), slots)

    def _pick(self, options):
        # rng.choice/randint cost several calls each; one random() keeps 100k entries a day cheap
        return options[int(self.rng.random() * len(options))]

    def _between(self, low: int, high: int) -> int:
        return low + int(self.rng.random() * (high - low + 1))

    def _slots(self, t: str, u: str, task: str) -> dict[str, object]:
        adj = self._pick(vocab.ADJECTIVES)
        return {"t": t, "T": t[0].upper() + t[1:], "u": u, "task": task, "adj": adj,
                "adj_l": adj.lower(), "n": self._between(200, 90000), "k": self._between(3, 12),
                "p": self._between(2, 40), "slug": f"{t.split()[0].lower()}-{self._between(10, 999)}",
                "keyword": self._pick(vocab.KEYWORDS_EXTRA)}  # fixed per paper: a relisting keeps its terms

    def _title(self, t: str, u: str, task: str) -> str:
        pick = self._pick
        title = pick(_TITLE_FORMS).format(acronym=pick(vocab.ACRONYM_PARTS) + pick(vocab.ACRONYM_PARTS),
                                          adj=pick(vocab.ADJECTIVES), task=_title_case(task),
                                          t=_title_case(t), u=_title_case(u))
        return title + " " + pick(vocab.TITLE_ODDITIES) if self.rng.random() < 0.03 else title

    def _authors(self) -> list[str]:
        rng = self.rng
        head: list[str] = []
        roll = rng.random()
        if roll < 0.06:
            head = list(COAUTHOR_PAIR)
        elif roll < 0.26:
            head = list(rng.choice(self.groups))
        drawn = rng.choices(self.pool, cum_weights=self.author_cum, k=self._pick(_AUTHOR_COUNTS))
        authors = list(dict.fromkeys(drawn + head if rng.random() < 0.5 else head + drawn))
        return authors

    def _abstract(self, slots: dict[str, object]) -> str:
        """Sentences picked as templates first, filled in one format call (the hot path of a big corpus)."""
        target = self._between(880, 1180)
        parts = [self._pick(vocab.ABSTRACT_OPENERS)]
        length = len(parts[0]) + _FILL
        body = vocab.ABSTRACT_BODY
        first, step = self._between(0, len(body) - 1), self._pick((1, 5, 7, 11))  # a cheap shuffle: steps coprime to 12
        for i in range(len(body)):
            if length >= target:
                break
            parts.append(body[(first + i * step) % len(body)])
            length += len(parts[-1]) + _FILL
        parts.append(self._pick(vocab.ABSTRACT_CLOSERS))
        roll = self.rng.random()
        if roll < 0.15:  # a paragraph break the way newer feeds keep it
            split = len(parts) // 2
            return (" ".join(parts[:split]) + "\n  " + " ".join(parts[split:])).format_map(slots)
        text = " ".join(parts).format_map(slots)
        return _wrap(text) if roll < 0.75 else text

    def _summaries(self, slots: dict[str, object]) -> list[str]:
        """tldr, motivation, method, result, conclusion for one listing, filled in one format call."""
        random, pick = self.rng.random, self._pick
        parts = [pick(templates) + (pick(_SUMMARY_TAILS) if random() < 0.5 else "") for templates in _SUMMARIES]
        return _SEP.join(parts).format_map(slots).split(_SEP)

    def listing(self, spec: FeedSpec, papers: list[_Paper], today: date) -> tuple[list[Entry], list[Entry]]:
        """Entries as the feed's digest shows them, and as its twin stores them (same order, positions 1..n)."""
        rng = self.rng
        if spec.variant != "category_bar":
            order = {code: i for i, code in enumerate(spec.categories)}
            papers = sorted(papers, key=lambda p: order.get(p.categories[0], len(order)))
        shown, twin = [], []
        for position, paper in enumerate(papers, 1):
            slots = paper.slots
            tldr, motivation, method, result, conclusion = self._summaries(slots)
            version = "2" if rng.random() < 0.03 else None
            entry = Entry(
                position=position, section=None if spec.variant == "category_bar" else paper.categories[0],
                arxiv_id=paper.arxiv_id, version=version,
                url=f"https://arxiv.org/abs/{paper.arxiv_id}" + (f"v{version}" if version else ""),
                title=paper.title, authors=paper.authors, main_category=paper.categories[0],
                tldr=tldr, motivation=motivation, method=method, result=result, conclusion=conclusion,
                abstract=paper.abstract, comment=paper.comment,
                categories=list(paper.categories))
            if spec.variant == "bold":
                contributions = rng.sample(vocab.CONTRIBUTIONS, rng.randint(2, 3))
                entry = replace(entry, method="" if rng.random() < 0.1 else entry.method,
                                keywords=[*paper.terms, str(slots["keyword"])],
                                extra={"relevance_score": str(rng.randint(3, 10)),
                                       "read_time": str(rng.choice((5, 6, 8, 10, 12, 15))),
                                       "key_contributions": "\n".join(c.format(**slots) for c in contributions),
                                       "limitations": rng.choice(vocab.LIMITATIONS)})
                twin.append(entry)
                entry = replace(entry, abstract=paper.abstract.replace("\n", " "))
            else:
                twin.append(entry)
            shown.append(entry)
        return shown, twin


def _accumulate(values) -> list[float]:
    total, out = 0.0, []
    for value in values:
        total += value
        out.append(total)
    return out
