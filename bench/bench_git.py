"""Git-history benchmark: a fork's `data` branch of 365 commits (one generated day each, as the upstream generator
commits them) read with `--history` and ingested, against ingesting the same 365 days from a folder.

Side by side in one run, each `--repeat` times into a fresh warehouse (medians): discovery alone (git: one
`git log --raw` pass plus one `cat-file --batch-check`; folder: walk + sha256 of every file) and the whole
ingest (discover, parse, load) through the plain pipeline (flows.ingest_plain: the flow's calls without
Prefect's fixed start, which both sides would pay alike).

    .venv/bin/python bench/bench_git.py [--days 365] [--entries 60] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def make_sources(days: int, entries: int) -> tuple[Path, Path]:
    """(folder of the days, repository whose data branch committed them one a day), generated once and cached."""
    from transforms.generate import ALL_CATEGORIES, FeedSpec, generate_corpus

    base = OUT / f"git-{days}x{entries}"
    folder, repo = base / "folder" / "fork", base / "repo"
    if (base / ".done").exists():
        return folder, repo
    shutil.rmtree(base, ignore_errors=True)
    files = generate_corpus(days, 13, feeds=[FeedSpec("fork", "plain", ALL_CATEGORIES, 1.0, "all")],
                            entries_per_day=entries)
    by_day: dict[str, list] = {}
    for f in files:
        by_day.setdefault(f.path.split("/")[1][:10], []).append(f)
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "data")
    (repo / "data").mkdir()
    first = date.fromisoformat(min(by_day))
    for day in ((first + timedelta(days=i)).isoformat() for i in range(days)):  # a gap day: an empty commit
        for f in by_day.get(day, []):
            name = Path(f.path).name
            name = name.replace(".jsonl", "_AI_enhanced_English.jsonl")
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(f.data)
            (repo / "data" / name).write_bytes(f.data)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--allow-empty", "-m", f"update: {day} arXiv papers")
    git(repo, "gc", "-q")  # packed, as a clone is
    (base / ".done").write_text("ok")
    return folder, repo


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--days", type=int, default=365)
    args.add_argument("--entries", type=int, default=60)
    args.add_argument("--repeat", type=int, default=3)
    ns = args.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for key, value in {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "bench",
                           "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_COMMITTER_NAME": "bench",
                           "GIT_COMMITTER_EMAIL": "bench@example.org"}.items():
            os.environ[key] = value
        folder, repo = make_sources(ns.days, ns.entries)
        from flows.ingest_plain import ingest_plain
        from warehouse.home import Home
        from warehouse.sources import discover

        commits = subprocess.run(["git", "-C", str(repo), "rev-list", "--count", "refs/heads/data"], check=True,
                                 capture_output=True, text=True).stdout.strip()
        runs: dict[str, list[float]] = {k: [] for k in ("discover_folder", "discover_git", "ingest_folder", "ingest_git")}
        listings = {}
        for i in range(ns.repeat):  # interleaved, so a busy moment of the host hits both sides alike
            runs["discover_folder"].append(timed(lambda: discover([str(folder)])))
            runs["discover_git"].append(timed(lambda: discover([str(repo)], branch="data", history=True)))
            for side, kwargs in (("folder", {}), ("git", {"branch": "data", "history": True})):
                home = Home.resolve(Path(tmp) / f"{side}-{i}")
                source = str(folder if side == "folder" else repo)
                outcome = {}
                runs[f"ingest_{side}"].append(timed(lambda: outcome.update(ingest_plain([source], home, **kwargs))))
                listings[side] = outcome["rows"].get("listings", 0)
                shutil.rmtree(home.root)
        med = {k: statistics.median(v) for k, v in runs.items()}
        print(json.dumps({"days": ns.days, "entries": ns.entries, "commits": int(commits), "repeat": ns.repeat,
                          "listings": listings, "seconds": {k: [round(x, 3) for x in v] for k, v in runs.items()},
                          "median": {k: round(v, 3) for k, v in med.items()},
                          "ratio_ingest_git_over_folder": round(med["ingest_git"] / med["ingest_folder"], 3),
                          "ratio_discover_git_over_folder": round(med["discover_git"] / med["discover_folder"], 3)},
                         indent=1))


if __name__ == "__main__":
    main()
