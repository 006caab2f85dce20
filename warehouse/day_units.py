"""Discovered files -> units: one per feed and day, the day's `.md` with every twin of its date (extract stage).

    group_units([(path, date, SourceFile)], feed, repo_feeds) -> [Unit]
    twin_order(path) -> the order a day's twins are tried in (AI-enhanced first)
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from transforms.tables import SourceFile, Unit, digest_id_for
from warehouse.feed_names import feed_of_path, feed_root


def twin_order(path: str) -> tuple[int, str]:
    """Sort key of a day's twins: AI-enhanced ones (`_AI_enhanced[_<Language>].jsonl`) before the rest (a raw
    crawl `<date>.jsonl`, which has no AI fields), then by name."""
    name = path.rsplit("/", 1)[-1]
    return (0 if "_ai_enhanced" in name.lower() else 1, name)


def group_units(files: list[tuple[str, date | None, SourceFile]], feed: str | None,
                repo_feeds: dict[str, str] | None = None) -> list[Unit]:
    """(path, date from its name, file) triples -> units per feed and day (see `discover`); a file from a
    repository is in the feed `repo_feeds` names for it (its remote's), other files in their folder's."""
    groups: dict[tuple[str, str, str], list[SourceFile]] = defaultdict(list)
    dates: dict[tuple[str, str, str], date | None] = {}
    for path, day, source in files:
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        stem = day.isoformat() if day else path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        named = (repo_feeds or {}).get(source.repo or "") if source.repo else None
        key = (feed or named or feed_of_path(path), feed_root(folder), stem)
        groups[key].append(source)
        dates[key] = day
    units = []
    for key in sorted(groups):
        unit_feed, _, stem = key
        digests = sorted((f for f in groups[key] if f.role == "digest"), key=lambda f: f.path)
        twins = sorted((f for f in groups[key] if f.role == "twin"), key=lambda f: twin_order(f.path))
        units.append(Unit(unit_feed, digest_id_for(unit_feed, dates[key], stem), dates[key],
                          tuple(digests[:1] + twins)))
        for extra in digests[1:]:
            units.append(Unit(unit_feed, digest_id_for(unit_feed, None, extra.path.rsplit("/", 1)[-1]), dates[key],
                              (extra,)))
    return units
