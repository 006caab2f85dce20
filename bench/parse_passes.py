"""Parse every sample digest N times in one process, cyclic GC off: the workload whose CPU instructions
docs/benchmarks.md counts with callgrind (instructions of 3 passes minus 1 pass, halved = one pass).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python bench/parse_passes.py --passes 3
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from transforms import parse_digest_bytes  # noqa: E402

if __name__ == "__main__":
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--passes", type=int, default=1)
    args.add_argument("--samples", default=str(REPO.parent / "shared" / "samples" / "digests"))
    ns = args.parse_args()
    files = [p.read_bytes() for p in sorted(Path(ns.samples).glob("*/*.md"))]
    gc.disable()
    for _ in range(ns.passes):
        for data in files:
            parse_digest_bytes(data)
    print(f"{ns.passes} passes over {len(files)} files, {sum(map(len, files)) / 1e6:.1f} MB")
