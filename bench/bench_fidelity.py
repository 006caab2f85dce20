"""Cost of the twin cross-check at ingest: `reconcile` (merge + field-by-field comparison + completeness) against
the plain `merge_twin` it replaced, and against parsing the same days, over the real samples.

    .venv/bin/python bench/bench_fidelity.py [--repeats 7] [--samples ../shared/samples/digests]

Digests and twins are parsed once up front; then each repeat merges every day. Prints the median CPU seconds
(time.process_time, so other processes on a shared machine do not skew them) of merge_twin, reconcile and the
Markdown parse, entries per second of reconcile, and the ratios side by side.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from transforms import merge_twin, parse_digest_bytes, parse_jsonl  # noqa: E402
from transforms.fidelity import reconcile  # noqa: E402


def median_cpu(fn, repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        runs.append(time.process_time() - start)
    return statistics.median(runs)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--repeats", type=int, default=7)
    args.add_argument("--samples", default=str(REPO.parent / "shared" / "samples" / "digests"))
    ns = args.parse_args()
    paths = sorted(Path(ns.samples).glob("*/*.md"))
    raw = [(p.read_bytes(), p.with_suffix(".jsonl").read_text(encoding="utf-8")) for p in paths]
    days = [(parse_digest_bytes(md, source=str(p)), parse_jsonl(tw)) for p, (md, tw) in zip(paths, raw)]
    entries = sum(len(md.entries) for md, _ in days)
    merge = median_cpu(lambda: [merge_twin(md, tw) for md, tw in days], ns.repeats)
    check = median_cpu(lambda: [reconcile(md, tw) for md, tw in days], ns.repeats)
    parse = median_cpu(lambda: [parse_digest_bytes(md) for md, _ in raw], max(1, ns.repeats // 2))
    print(f"{len(days)} days, {entries} entries, {sum(len(md) for md, _ in raw) / 2**20:.1f} MB of Markdown")
    print(f"merge_twin {merge * 1000:.0f} ms | reconcile {check * 1000:.0f} ms ({entries / check:,.0f} entries/s) | "
          f"parse {parse * 1000:.0f} ms")
    print(f"reconcile / merge_twin {check / merge:.2f}x; reconcile is {check / parse:.1%} of the parse")


if __name__ == "__main__":
    main()
