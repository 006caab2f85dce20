"""The day loop: every feed's files, day by day, with the schedule's planted oddities worked in."""

from __future__ import annotations

import random
from collections import deque
from dataclasses import replace
from datetime import date, timedelta
from typing import Iterator, Sequence

from transforms.generate.feeds import (NOT_A_DIGEST, PLACEHOLDER, BadFile, Corpus, FeedSpec, GeneratedFile, Planted,
                                       resolve_feeds)
from transforms.generate.listing import listing
from transforms.generate.paper import Paper
from transforms.generate.schedule import plan_relist, schedule_specials
from transforms.generate.writer import Writer
from transforms.render import render_digest, render_jsonl


def generate_corpus(days: int, seed: int, *, start: date = date(2026, 1, 5),
                    feeds: Sequence[str | FeedSpec] | None = None, entries_per_day: int = 24) -> list[GeneratedFile]:
    """The corpus files for `days` days from `start` (see `build_corpus`)."""
    return build_corpus(days, seed, start=start, feeds=feeds, entries_per_day=entries_per_day).files


def planted_facts(days: int, seed: int, *, start: date = date(2026, 1, 5),
                  feeds: Sequence[str | FeedSpec] | None = None, entries_per_day: int = 24) -> Planted:
    """The planted facts of the corpus the same arguments generate."""
    return build_corpus(days, seed, start=start, feeds=feeds, entries_per_day=entries_per_day).planted


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
    specials = schedule_specials(rng, specs, days)
    writer = Writer(rng, days)
    recent: deque[list[Paper]] = deque(maxlen=5)
    relist_plan = plan_relist(specs, days)
    for day in range(days):
        today = start + timedelta(days=day)
        writer.set_day(day, today)
        fresh: list[Paper] = []
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


def _listing_files(writer: Writer, specs: list[FeedSpec], index: int, day: int, kind: str | None, path: str,
                   papers: list[Paper], today: date, planted: Planted) -> Iterator[GeneratedFile]:
    """One feed day's digest (and maybe its twin), with that day's planted oddities worked in."""
    spec, rng = specs[index], writer.rng
    # day 4 is never special: one feed lists two papers twice, another's twin holds two papers more
    if day == 4 and index == (1 if len(specs) > 1 else 0):
        planted.duplicates[path + ".md"] = [p.arxiv_id for p in papers[:2]]
        papers = papers + papers[:2]
    md_entries, twin_entries = listing(writer, spec, papers, today)
    if day == 4 and index == next((i for i, s in enumerate(specs) if s.twins != "none"), None):
        hidden = [writer.new_paper(spec, "eess.IV") for _ in range(2)]
        twin_entries += listing(writer, spec, hidden, today)[1]
        planted.twin_only[path + ".jsonl"] = [p.arxiv_id for p in hidden]
    if kind == "foreign_link":
        victim = md_entries[len(md_entries) // 2]
        doi = f"https://papers.example.org/view/{rng.randint(10000, 99999)}"  # no arXiv id, DOI or OpenAlex id
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
            kind != "foreign_link" and (spec.twins == "all" or (spec.twins == "some" and rng.random() < 0.6))):
        planted.twin_paths.append(path + ".jsonl")
        yield GeneratedFile(path + ".jsonl", render_jsonl(twin_entries))
