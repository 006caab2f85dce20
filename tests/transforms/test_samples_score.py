"""Score the parser on every real sample day against the day's .jsonl twin (the file the digest was rendered from).

Ids: every paper the .md shows is found (recall 1.0) and nothing is invented (precision 1.0);
twin papers the digest does not show are not misses. Fields: title, ordered authors, TL;DR and
abstract equal the twin's after whitespace normalisation on >= 99.5% of the entries showing them.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from pathlib import Path

import pytest

from transforms import parse_digest_file, parse_jsonl
from transforms.parse.text import normalise_ws

FIELDS = ("title", "authors", "tldr", "abstract")
BOUND = 0.995


def _norm(entry, field: str):
    value = getattr(entry, field)
    return [normalise_ws(a) for a in value] if field == "authors" else normalise_ws(value)


def score_day(md_path: Path) -> dict:
    """Counts for one day: id recall/precision parts and, per field, (shown, equal, first mismatch)."""
    md = parse_digest_file(md_path)
    twin = parse_jsonl(md_path.with_suffix(".jsonl").read_text(encoding="utf-8"), source=str(md_path))
    text = md_path.read_text(encoding="utf-8")
    twin_ids = Counter(e.arxiv_id for e in twin.entries)
    # What the digest truly shows: twin ids linked from a heading, as often as the file links them.
    shown = Counter({i: min(n, text.count(f"arxiv.org/abs/{i})")) for i, n in twin_ids.items()})
    shown = +shown
    parsed = Counter(e.arxiv_id for e in md.entries)
    queues: dict[str, deque] = defaultdict(deque)
    for e in twin.entries:
        queues[e.arxiv_id].append(e)
    fields = {f: [0, 0, None] for f in FIELDS}
    for e in md.entries:
        if not queues[e.arxiv_id]:
            continue
        t = queues[e.arxiv_id].popleft()
        for f in FIELDS:
            if getattr(e, f):
                fields[f][0] += 1
                if _norm(e, f) == _norm(t, f):
                    fields[f][1] += 1
                elif fields[f][2] is None:
                    fields[f][2] = (e.arxiv_id, getattr(e, f), getattr(t, f))
    return {"found": sum((parsed & shown).values()), "shown": sum(shown.values()),
            "correct": sum((parsed & twin_ids).values()), "parsed": sum(parsed.values()),
            "fields": fields, "errors": [d.one_line() for d in md.errors]}


@pytest.mark.samples
def test_samples_match_their_twins(samples_dir: Path, capsys) -> None:
    days = sorted(samples_dir.glob("*/*.md"))
    assert days, f"no sample digests under {samples_dir}"
    per_feed: dict[str, Counter] = defaultdict(Counter)
    mismatches = []
    for day in days:
        s = score_day(day)
        feed = per_feed[day.parent.name]
        for key in ("found", "shown", "correct", "parsed"):
            feed[key] += s[key]
        for f, (n, ok, first) in s["fields"].items():
            feed[f + ".n"] += n
            feed[f + ".ok"] += ok
            if first:
                mismatches.append(f"{day.parent.name}/{day.name} {f} {first[0]}: {str(first[1])[:80]!r}")
        assert not s["errors"], s["errors"]
    total = sum(per_feed.values(), Counter())
    rows = [(name, c) for name, c in sorted(per_feed.items())] + [("ALL", total)]
    with capsys.disabled():
        print("\n\nparser vs twin, per feed")
        print(f"{'feed':40} {'recall':>7} {'prec':>7}" + "".join(f" {f:>16}" for f in FIELDS))
        for name, c in rows:
            cells = "".join(f" {c[f + '.ok']:>7}/{c[f + '.n']:<6}{_pct(c, f):>3}" for f in FIELDS)
            print(f"{name:40} {c['found'] / c['shown']:7.4f} {c['correct'] / c['parsed']:7.4f}{cells}")
        for line in mismatches[:10]:
            print("  mismatch:", line)
    assert total["found"] == total["shown"], "a paper the digest shows was not parsed"
    assert total["correct"] == total["parsed"], "the parser produced an id the twin does not hold"
    for f in FIELDS:
        assert total[f + ".n"] > 0
        assert total[f + ".ok"] / total[f + ".n"] >= BOUND, f"{f}: {total[f + '.ok']}/{total[f + '.n']}"


def _pct(c: Counter, f: str) -> str:
    return "" if not c[f + ".n"] else ("ok" if c[f + ".ok"] / c[f + ".n"] >= BOUND else "LOW")
