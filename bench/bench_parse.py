"""Parse speed over the real samples, against a naive whole-document markdown-it-py + BeautifulSoup(lxml) pass.

    .venv/bin/python bench/bench_parse.py [--repeats 7] [--samples ../shared/samples/digests]

Prints parse MB/s (bytes of .md read, decoded and parsed per CPU-second on one core) and
entries/s as the median of the repeats, then the naive pass's MB/s and the ratio. CPU time
(time.process_time) is used so other processes on a shared machine do not skew the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from transforms import parse_digest_bytes  # noqa: E402


def timed(fn, repeats: int) -> list[float]:
    runs = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        runs.append(time.process_time() - start)
    return runs


def naive(files: list[bytes]) -> None:
    """What a whole-document approach costs: render every file to HTML, then build a soup of it."""
    from bs4 import BeautifulSoup
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    for data in files:
        soup = BeautifulSoup(md.render(data.decode("utf-8")), "lxml")
        soup.find_all("h3")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=REPO.parent / "shared" / "samples" / "digests")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--naive-repeats", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.samples.glob("*/*.md"))
    if not paths:
        sys.exit(f"no sample digests under {args.samples}; pass --samples DIR")
    files = [p.read_bytes() for p in paths]
    size = sum(map(len, files))
    entries = sum(len(parse_digest_bytes(b).entries) for b in files)

    runs = timed(lambda: [parse_digest_bytes(b) for b in files], args.repeats)
    parse_s = statistics.median(runs)
    naive_runs = timed(lambda: naive(files), args.naive_repeats)
    naive_s = statistics.median(naive_runs)

    print(f"corpus: {len(files)} files, {size / 1e6:.2f} MB, {entries} entries ({args.samples})")
    print(f"parse:  median {parse_s * 1e3:.0f} ms (min {min(runs) * 1e3:.0f}) of {args.repeats} -> "
          f"{size / parse_s / 1e6:.1f} MB/s, {entries / parse_s:,.0f} entries/s")
    print(f"naive:  median {naive_s * 1e3:.0f} ms of {args.naive_repeats} (markdown-it-py + bs4/lxml) -> "
          f"{size / naive_s / 1e6:.1f} MB/s")
    print(f"ratio:  {naive_s / parse_s:.1f}x faster than the naive whole-document pass")


if __name__ == "__main__":
    main()
