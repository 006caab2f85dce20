"""A data home for mart and report tests: corpus files written, ingested through the spine, marts built.

Ingest goes through the same functions the `ingest` flow's tasks call (discover, parse_unit, Warehouse.load),
without Prefect, so a test session pays no API start-up.
"""

from __future__ import annotations

from pathlib import Path

from transforms.units import parse_unit
from warehouse.home import Home
from warehouse.marts import MartsResult, build_and_publish
from warehouse.sources import discover, read_bytes
from warehouse.writer import Warehouse


def write_files(files, root: Path) -> Path:
    """GeneratedFile-likes (`path`, `data`) -> files under `root`; returns `root`."""
    for f in files:
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.data)
    return root


def ingest(home: Home, sources: list[Path]) -> None:
    """Load `sources` into `home` with the spine's discover, parse and load steps; fails on a failed batch."""
    found = discover([str(s) for s in sources])
    with Warehouse(home) as wh:
        todo = wh.plan(found.units).todo
        for start in range(0, len(todo), 16):
            batch = todo[start:start + 16]
            result = wh.load([parse_unit(u, {f.path: read_bytes(f.path) for f in u.files}) for u in batch])
            assert not result.failed, result.failed


def built_home(root: Path, files) -> tuple[Home, MartsResult]:
    """Write `files` to `root/corpus`, ingest them into `root/home`, build and publish the marts."""
    home = Home.resolve(root / "home")
    ingest(home, [write_files(files, root / "corpus")])
    return home, build_and_publish(home)
