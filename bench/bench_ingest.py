"""Ingest benchmark (#14), whole-process, side by side in one run: every figure is a real command in a fresh
process, timed from spawn to exit (wall seconds, CPU seconds and peak RSS from `os.wait4`), median of the repeats.

Corpora: the generated year (one feed, 365 days x ~300 entries, every day with its `.jsonl` twin; made once with
`transforms.generate` into bench/out/) and the real samples (../shared/samples/digests). For each corpus:
  - fixed start: `arxiv-digest ingest` of an empty folder on the default (untracked) path, and with `--prefect`
    (Prefect's ephemeral API); `status`, `sql` and `parse` of one day;
  - cold ingest of the Markdown alone and of Markdown plus twins (all but the last day: see one day);
  - DuckDB `read_json` of the same days' twins (in-process time, and whole-process);
  - the naive peer (bench/naive_peer.py: markdown-it-py + bs4 + DuckDB inserts) over the same Markdown;
  - the last day into a copy of the full warehouse against the same day into an empty one; a no-op rerun.
With `--cores 2,1` every figure is taken on both cores and again pinned to one (`taskset -c 0`).

    .venv/bin/python bench/bench_ingest.py [--days 365] [--entries 300] [--repeat 3] [--cores 2,1] [--parse-workers 2]
                                           [--skip-samples] [--skip-year] [--no-naive] [--naive-days 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SAMPLES = ROOT.parent / "shared" / "samples" / "digests"
BIN = Path(sys.executable).parent


def make_corpus(days: int, entries: int) -> Path:
    """Generate (once, cached) one feed with a twin for every day; in a child so its memory is not counted."""
    corpus = OUT / f"corpus-{days}x{entries}"
    if not (corpus / ".done").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        code = (
            "import sys; from pathlib import Path\n"
            "from transforms.generate import generate_corpus, FeedSpec, ALL_CATEGORIES\n"
            f"files = generate_corpus({days}, 11, feeds=[FeedSpec('bench', 'plain', ALL_CATEGORIES, 1.0, 'all')], "
            f"entries_per_day={entries})\n"
            f"root = Path({str(corpus)!r})\n"
            "for f in files:\n"
            "    p = root / f.path; p.parent.mkdir(parents=True, exist_ok=True); p.write_bytes(f.data)\n"
            "(root / '.done').write_text('ok')\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return corpus / "bench"


def timed_child(prefix: list[str], env: dict, cmd: list) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one child process, measured by os.wait4 on its pid."""
    os.sync()
    t = time.perf_counter()
    pid = os.posix_spawn(shutil.which(prefix[0]) if prefix else str(cmd[0]), [*prefix, *map(str, cmd)], env,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])  # summaries unread
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, cmd))} exited {code}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def link_days(src: Path, dst: Path, days: list[str], suffixes: tuple[str, ...]) -> Path:
    """A folder of hard links to the files of `days` with `suffixes` (one feed folder, as the sources are)."""
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    for p in src.iterdir():
        if p.suffix in suffixes and p.name[:10] in days:
            os.link(p, dst / p.name)
    return dst


def read_json_seconds(twins: list[Path]) -> float:
    """DuckDB's read_json of the twins into a table, timed inside a child process (after its import): in this
    process DuckDB's memory would count in every later child's peak RSS (a spawned child starts as our copy)."""
    code = ("import duckdb, sys, time; con = duckdb.connect(); t = time.perf_counter()\n"
            f"con.sql(\"create table t as select * from read_json({[str(p) for p in twins]!r}, "
            "format='newline_delimited')\")\nprint(time.perf_counter() - t)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


class Bench:
    def __init__(self, cores: int, repeat: int, work: Path, parse_workers: int = 0, naive_days: int = 0):
        self.cores, self.repeat, self.work, self.parse_workers = cores, repeat, work, parse_workers
        self.naive_days = naive_days
        self.prefix = ["taskset", "-c", "0"] if cores == 1 else []
        self.env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        # threads unless a row says otherwise: the command's default (`auto`) would follow the load average that
        # the bench's own previous runs leave behind, so each row names how it parses
        self.env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1", PYTHONPATH=str(ROOT),
                        ARXIV_DIGEST_PARSE_WORKERS="0")
        self.rows: list[tuple[str, str]] = []

    def one(self, *cmd, **env) -> tuple[float, float, float]:
        return timed_child(self.prefix, {**self.env, **env}, list(cmd))

    def med(self, label: str, make_cmd, repeat: int | None = None, before=None, env: dict | None = None) -> dict:
        """Median over the repeats of one command (make_cmd(i) -> argv); records a row; returns the medians."""
        runs = []
        for i in range(repeat or self.repeat):
            if before:
                before(i)
            runs.append(self.one(*make_cmd(i), **(env or {})))
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        spread = ", ".join(f"{r[0]:.2f}" for r in runs)
        self.rows.append((label, f"{wall:7.2f} s  cpu {cpu:6.1f} s  rss {rss:5.0f} MB   ({spread})"))
        return {"wall": wall, "cpu": cpu, "rss": rss}

    def ingest(self, home: Path, *args) -> list:
        return [BIN / "arxiv-digest", "--home", home, "ingest", "--wait", "0", *args]

    def corpus(self, name: str, src: Path, days: list[str], naive: bool = True) -> dict:
        """Every figure for one corpus (a folder of feed folders or one feed folder)."""
        w = self.work / name.split(" ")[0]
        shutil.rmtree(w, ignore_errors=True)
        w.mkdir(parents=True)
        feeds = sorted(p for p in src.iterdir() if p.is_dir() and any(p.glob("*.md"))) or [src]
        rest_days, last = days[:-1], days[-1]
        md_only, both, one_day, all_days = w / "md", w / "both", w / "one", w / "all"
        for feed in feeds:
            link_days(feed, md_only / feed.name, rest_days, (".md",))
            link_days(feed, both / feed.name, rest_days, (".md", ".jsonl"))
            link_days(feed, one_day / feed.name, [last], (".md", ".jsonl"))
            link_days(feed, all_days / feed.name, days, (".md", ".jsonl"))
        twins = sorted(both.rglob("*.jsonl"))
        size = lambda root, ext: sum(p.stat().st_size for p in root.rglob(f"*{ext}")) / 1e6  # noqa: E731
        self.rows.append((f"== {name}: {len(rest_days)} days (+1), {len(feeds)} feed(s), "
                          f"{size(both, '.md'):.0f} MB md + {size(both, '.jsonl'):.0f} MB twins; {self.cores} core(s)", ""))
        (w / "empty").mkdir()
        r = {}
        r["fixed"] = self.med("fixed start: ingest of an empty folder (default)",
                              lambda i: self.ingest(w / f"h-empty-{i}", w / "empty"))
        r["fixed_tracked"] = self.med("fixed start: the same with --prefect (ephemeral API)",
                                      lambda i: self.ingest(w / f"h-empty-p-{i}", "--prefect", w / "empty"), repeat=1)
        if twins:
            r["read_json"] = statistics.median(read_json_seconds(twins) for _ in range(self.repeat))
            self.rows.append(("DuckDB read_json of the twins, in-process", f"{r['read_json']:7.2f} s"))
            r["read_json_proc"] = self.med("DuckDB read_json of the twins, whole process", lambda i: [
                sys.executable, "-c", "import duckdb,sys; duckdb.connect().sql(\"create table t as select * from "
                f"read_json({[str(p) for p in twins]!r}, format='newline_delimited')\")"])
        long = max(1, self.repeat // 2)  # the long steps: fewer repeats
        r["cold_md"] = self.med("cold ingest, Markdown only", lambda i: self.ingest(w / f"h-md-{i}", md_only), long)
        r["cold"] = self.med("cold ingest, Markdown + twins", lambda i: self.ingest(w / f"h-both-{i}", both), long)
        if self.parse_workers > 1:
            r["cold_pool"] = self.med(f"cold ingest, Markdown + twins, {self.parse_workers} parse worker processes",
                                      lambda i: self.ingest(w / f"h-pool-{i}", both), long,
                                      env={"ARXIV_DIGEST_PARSE_WORKERS": str(self.parse_workers)})
        full = w / "h-both-0"
        r["noop"] = self.med("no-op rerun on the full warehouse", lambda i: self.ingest(full, both))
        r["status"] = self.med("status", lambda i: [BIN / "arxiv-digest", "--home", full, "status"])
        r["sql"] = self.med("sql 'select count(*) from papers'",
                            lambda i: [BIN / "arxiv-digest", "--home", full, "sql", "select count(*) from papers"])
        r["parse"] = self.med("parse of one day", lambda i: [BIN / "arxiv-digest", "parse",
                                                              sorted(md_only.rglob("*.md"))[-1]])
        if naive:
            peer_src, peer_days = md_only, len(rest_days)
            if self.naive_days and self.naive_days < len(rest_days):  # the peer is slow: a slice, against ours on it
                peer_days, peer_src = self.naive_days, w / "md-slice"
                for feed in feeds:
                    link_days(feed, peer_src / feed.name, rest_days[: self.naive_days], (".md",))
                r["slice_md"] = self.med(f"cold ingest, Markdown only, first {peer_days} days",
                                         lambda i: self.ingest(w / f"h-slice-{i}", peer_src), long)
            r["naive"] = self.med(f"naive peer (markdown-it-py + bs4 + DuckDB inserts), Markdown only, {peer_days} days",
                                  lambda i: [sys.executable, ROOT / "bench" / "naive_peer.py", w / f"naive-{i}.duckdb",
                                             peer_src], long)

        def copy_full(i: int) -> None:
            shutil.rmtree(w / f"h-grow-{i}", ignore_errors=True)
            shutil.copytree(full, w / f"h-grow-{i}")

        r["empty_one"] = self.med("the last day into an empty warehouse", lambda i: self.ingest(w / f"h-one-{i}", one_day))
        added = [(p, both / p.parent.name / p.name) for p in one_day.rglob("*") if p.is_file()]
        for day_file, into in added:  # the same sources as the full warehouse's, plus the new day
            os.link(day_file, into)
        r["add_one"] = self.med(f"the last day into the full warehouse ({len(rest_days)} days)",
                                lambda i: self.ingest(w / f"h-grow-{i}", both), before=copy_full)
        for _, into in added:
            into.unlink()
        self.verdicts(r)
        return r

    def verdicts(self, r: dict) -> None:
        fixed = r["fixed"]["wall"]
        lines = [f"fixed start {fixed:.2f} s (target <= 2 s); tracked {r['fixed_tracked']['wall']:.2f} s; "
                 f"status {r['status']['wall']:.2f}, sql {r['sql']['wall']:.2f}, parse {r['parse']['wall']:.2f} s "
                 "(target well under 1 s)",
                 f"no-op rerun {r['noop']['wall']:.2f} s = fixed start + {r['noop']['wall'] - fixed:.2f} s"]
        if "read_json" in r:
            lim, cold = r["read_json"], r["cold"]["wall"]
            lines.append(f"cold md+twins {cold:.2f} s = {cold / lim:.1f}x read_json ({lim:.2f} s) whole-process "
                         f"(target <= 3x); net of the fixed start {(cold - fixed) / lim:.1f}x (target <= 2x); "
                         f"against read_json's own process ({r['read_json_proc']['wall']:.2f} s): "
                         f"{cold / r['read_json_proc']['wall']:.1f}x")
            lines.append(f"cold md only {r['cold_md']['wall']:.2f} s = {r['cold_md']['wall'] / lim:.1f}x read_json; "
                         f"net {(r['cold_md']['wall'] - fixed) / lim:.1f}x")
        if "slice_md" in r:
            lines.append(f"naive peer {r['naive']['wall']:.2f} s = {r['naive']['wall'] / r['slice_md']['wall']:.1f}x "
                         "our Markdown-only ingest of the same days (target >= 5x)")
        elif "naive" in r:
            lines.append(f"naive peer {r['naive']['wall']:.2f} s = {r['naive']['wall'] / r['cold_md']['wall']:.1f}x "
                         f"our Markdown-only ingest, {r['naive']['wall'] / r['cold']['wall']:.1f}x our md+twins "
                         "(target >= 5x)")
        a, e = r["add_one"]["wall"], r["empty_one"]["wall"]
        lines.append(f"one new day: into the full warehouse {a:.2f} s, into an empty one {e:.2f} s: {a / e:.2f}x "
                     "(target <= 1.3x, <= 3 s)")
        rss = max(v["rss"] for v in r.values() if isinstance(v, dict))
        lines.append(f"peak RSS of any ingest process {rss:.0f} MB (target <= 1024 MB)")
        self.rows += [("-> " + line, "") for line in lines]

    def print(self) -> None:
        for label, figure in self.rows:
            print(f"{label:<78} {figure}" if figure else label)
        self.rows.clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--entries", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cores", default="2,1", help="comma-separated: 2 (as scheduled) and/or 1 (taskset -c 0)")
    ap.add_argument("--skip-samples", action="store_true")
    ap.add_argument("--skip-year", action="store_true")
    ap.add_argument("--no-naive", action="store_true")
    ap.add_argument("--naive-days", type=int, default=0,
                    help="run the naive peer on the year's first N days only, beside our ingest of the same days")
    ap.add_argument("--parse-workers", type=int, default=0,
                    help="also a cold ingest with this many parse processes (ARXIV_DIGEST_PARSE_WORKERS)")
    args = ap.parse_args()
    year = make_corpus(args.days, args.entries)
    year_days = sorted({p.name[:10] for p in year.glob("*.md")})
    print(f"commit {subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True, cwd=ROOT).stdout.strip()}, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f}, "
          f"{os.cpu_count()} CPUs", flush=True)
    for cores in (int(c) for c in args.cores.split(",")):
        bench = Bench(cores, args.repeat, OUT / f"homes-{cores}", args.parse_workers)
        year_bench = Bench(cores, args.repeat, OUT / f"homes-{cores}", args.parse_workers, args.naive_days)
        if not args.skip_samples and SAMPLES.is_dir():
            days = sorted({p.name[:10] for p in SAMPLES.glob("*/*.md")})
            bench.corpus("samples", SAMPLES, days, naive=not args.no_naive)
            bench.print()
        if not args.skip_year:
            year_bench.corpus(f"year {args.days}x{args.entries}", year, year_days, naive=not args.no_naive)
            year_bench.print()
        print(f"load average after: {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
