"""Score the parser on every real sample day against the day's .jsonl twin (the file the digest was rendered from).

Per feed (the samples README lists 14): ids at recall and precision 1.0 (every paper the .md shows is found,
nothing is invented; twin papers the digest does not show are not misses), and every field at >= 99.9%
against the twin. A field counts on every entry where the parse has it, and on every entry where the parse
lacks it although the twin's value is printed in the .md (a lost author line or a glued label is a miss, a
field the template never shows is not). Values compare as a reader sees them: whitespace folded, entities
resolved. EXCEPTIONS lists, entry by entry, what may differ and why; today it is empty.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict, deque
from pathlib import Path

import pytest

from transforms import parse_digest_file, parse_jsonl
from transforms.parse.text import normalise_ws

FIELDS = ("title", "authors", "main_category", "tldr", "motivation", "method", "result", "conclusion", "abstract")
BOUND = 0.999
FEEDS = 14  # the samples README: fourteen repositories
# (feed folder, day, paper id, field) -> why the parse may differ from the twin there
EXCEPTIONS: dict[tuple[str, str, str, str], str] = {}
_MARKUP = re.compile(r"[*>#`]")


def _value(entry, field: str):
    if field == "authors":
        return [normalise_ws(a) for a in entry.authors] or None
    value = getattr(entry, field)
    return normalise_ws(html.unescape(value)) if value else None


def _shown(value, md_text: str) -> bool:
    probe = value if isinstance(value, str) else ", ".join(value)
    return normalise_ws(_MARKUP.sub("", probe))[:60] in md_text


def score_day(md_path: Path) -> dict:
    """Counts for one day: id recall/precision parts and, per field, [compared, equal, mismatches]."""
    md = parse_digest_file(md_path)
    twin = parse_jsonl(md_path.with_suffix(".jsonl").read_text(encoding="utf-8"), source=str(md_path))
    text = md_path.read_text(encoding="utf-8")
    plain = normalise_ws(_MARKUP.sub("", text))
    twin_ids = Counter(e.arxiv_id for e in twin.entries)
    # What the digest truly shows: twin papers linked from a heading, as often as the file links them.
    links = {e.arxiv_id: e.url.split("//", 1)[-1].removesuffix("/") for e in twin.entries if e.url}
    shown = +Counter({i: min(n, text.count(links.get(i, i))) for i, n in twin_ids.items()})
    parsed = Counter(e.arxiv_id for e in md.entries)
    queues: dict[str, deque] = defaultdict(deque)
    for e in twin.entries:
        queues[e.arxiv_id].append(e)
    fields = {f: [0, 0, []] for f in FIELDS}
    for e in md.entries:
        if not queues[e.arxiv_id]:
            continue
        t = queues[e.arxiv_id].popleft()
        for f in FIELDS:
            mine = _value(e, f)
            theirs = (t.categories[0] if t.categories else None) if f == "main_category" else _value(t, f)
            if not theirs or (not mine and not _shown(theirs, plain)):
                continue
            if EXCEPTIONS.get((md_path.parent.name, md_path.name, e.arxiv_id, f)):
                continue
            fields[f][0] += 1
            if mine == theirs:
                fields[f][1] += 1
            else:
                fields[f][2].append((e.arxiv_id, e.line, mine, theirs))
    return {"found": sum((parsed & shown).values()), "shown": sum(shown.values()),
            "correct": sum((parsed & twin_ids).values()), "parsed": sum(parsed.values()),
            "fields": fields, "errors": [d.one_line() for d in md.errors]}


@pytest.mark.samples
def test_every_sample_feed_matches_its_twins(samples_dir: Path, capsys) -> None:
    days = sorted(samples_dir.glob("*/*.md"))
    per_feed: dict[str, Counter] = defaultdict(Counter)
    misses: dict[tuple[str, str], list] = defaultdict(list)
    for day in days:
        s = score_day(day)
        feed = per_feed[day.parent.name]
        for key in ("found", "shown", "correct", "parsed"):
            feed[key] += s[key]
        for f, (n, ok, wrong) in s["fields"].items():
            feed[f + ".n"] += n
            feed[f + ".ok"] += ok
            misses[(day.parent.name, f)] += [(day.name, *w) for w in wrong]
        assert not s["errors"], s["errors"]
    assert len(per_feed) == FEEDS, sorted(per_feed)
    with capsys.disabled():
        print("\n\nparser vs twin, per feed (compared/equal)")
        for name, c in sorted(per_feed.items()):
            cells = " ".join(f"{f[:6]} {c[f + '.ok']}/{c[f + '.n']}" for f in FIELDS if c[f + ".n"])
            print(f"  {name[:36]:36} ids {c['found']}/{c['shown']} {cells}")
    low = []
    for name, c in sorted(per_feed.items()):
        assert c["found"] == c["shown"], f"{name}: a paper the digest shows was not parsed"
        assert c["correct"] == c["parsed"], f"{name}: the parser produced an id the twin does not hold"
        for f in FIELDS:
            if c[f + ".n"] and c[f + ".ok"] / c[f + ".n"] < BOUND:
                day, pid, line, mine, theirs = misses[(name, f)][0]
                low.append(f"{name} {f}: {c[f + '.ok']}/{c[f + '.n']}, e.g. {day}:{line} {pid} "
                           f"parsed {str(mine)[:80]!r}, twin {str(theirs)[:80]!r}")
    assert not low, "\n".join(low)
    # the sample feeds hold these fields; a scorer that compared nothing would pass vacuously
    total = sum(per_feed.values(), Counter())
    assert all(total[f + ".n"] > 300 for f in FIELDS), total
