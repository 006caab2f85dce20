"""One cold marts build, whole process: drop the terms, build every mart from scratch, publish every table,
write the report site; the seconds of each go to stderr. With --fingerprints, print every mart's row count and
content hash as JSON instead of publishing (to compare two trees' marts).

    .venv/bin/python bench/marts_cold.py [--code TREE] [--home HOME] [--fingerprints]

--code runs another checkout's code (a `git worktree` of an older commit) on the same home, so two commits can
be timed side by side, for example:

    git worktree add /tmp/wt-old 4debb9a && ln -s $PWD/.venv /tmp/wt-old/.venv
    farm-bench -n 5 --timeout 900 --vs ".venv/bin/python bench/marts_cold.py --code /tmp/wt-old" -- \\
        .venv/bin/python bench/marts_cold.py

The home defaults to bench_marts.py's ingested year (bench/out/marts-home-365x300; run bench_marts.py once).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--code", type=Path, default=ROOT, help="the checkout whose code runs (default: this one)")
    args.add_argument("--home", type=Path, default=ROOT / "bench" / "out" / "marts-home-365x300")
    args.add_argument("--fingerprints", action="store_true", help="print every mart's fingerprint, no publish")
    opts = args.parse_args()
    sys.path.insert(0, str(opts.code.resolve()))
    from dashboards.site import build_site
    from warehouse.home import Home
    from warehouse.marts import build_marts
    from warehouse.published import publish
    from warehouse.writer import Warehouse

    home = Home.resolve(opts.home)
    with Warehouse(home) as wh:
        wh.con.execute("drop table if exists paper_terms; drop table if exists paper_term_sources; "
                       "drop table if exists terms")
        started = time.perf_counter()
        build_marts(wh.con, full=True)
        build = time.perf_counter() - started
        if opts.fingerprints:  # this checkout's fingerprint code, whatever tree built the marts
            spec = importlib.util.spec_from_file_location("fingerprint", ROOT / "warehouse" / "fingerprint.py")
            fingerprint = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(fingerprint)
            print(json.dumps(fingerprint.mart_fingerprints(wh.con), sort_keys=True))
            return
        started = time.perf_counter()
        publish(wh.con, home.published)
        published = time.perf_counter() - started
    started = time.perf_counter()
    build_site(home)
    site = time.perf_counter() - started
    print(f"build {build:.2f} publish {published:.2f} site {site:.2f} total {build + published + site:.2f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
