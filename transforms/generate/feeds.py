"""What a demo corpus is made of: feed specs, the files it yields, and the record of facts planted in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Sequence

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
    reason: str  # not_a_digest | truncated | foreign_link | placeholder_summary
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


def resolve_feeds(feeds: Sequence[str | FeedSpec] | None) -> list[FeedSpec]:
    """Feed specs for names: the default feeds by name, any other name a plain feed over all categories."""
    known = {f.name: f for f in DEFAULT_FEEDS}
    if feeds is None:
        return list(DEFAULT_FEEDS)
    return [f if isinstance(f, FeedSpec) else known.get(f, FeedSpec(f, "plain", ALL_CATEGORIES)) for f in feeds]
