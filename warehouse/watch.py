"""Watch lists on disk: `<home>/watch.toml` (the lists), `<home>/search/watch-state.json` (when each paper first
matched each list), and the outputs under `<home>/reports/watch/`. Every file is written to a temp name and
renamed into place, so a crash leaves the old file or the new one.

A paper's match time is recorded once, at the first run that finds it: a rerun finds nothing new, so the feed's
entries, their ids and their dates stay exactly as they were.
"""

from __future__ import annotations

import json
import os
import tomllib
from datetime import datetime, timezone
from pathlib import Path

from transforms.watch_lists import WatchError, WatchList, read_lists, to_toml
from warehouse.home import Home
from warehouse.search import Hit, run_match

STATE = "watch-state.json"


def watch_file(home: Home) -> Path:
    return home.root / "watch.toml"


def _replace(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def load(home: Home) -> list[WatchList]:
    """The lists of `<home>/watch.toml` (none when it does not exist); WatchError names a bad entry in one line."""
    path = watch_file(home)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WatchError(f"{path}: not valid TOML ({exc}); fix it or remove it") from None
    return read_lists(document, str(path))


def save(home: Home, lists: list[WatchList]) -> Path:
    path = home.ensure().inside(watch_file(home))
    _replace(path, to_toml(lists))
    return path


def matches(home: Home, wl: WatchList, limit: int | None = None) -> list[Hit]:
    """Every paper in the search index the list matches, best first."""
    return run_match(home, wl.match(), wl.highlight(), limit=limit)


def _read_state(home: Home) -> dict:
    try:
        return json.loads((home.root / "search" / STATE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _entry(hit: Hit, at: str) -> dict:
    return {"matched_at": at, "title": hit.title, "authors": hit.authors, "first_seen": hit.first_seen,
            "categories": hit.categories, "summary": "".join(p for p, _ in hit.snippet)}


def update(home: Home, now: datetime | None = None) -> dict[str, dict]:
    """Run every list over the index and record papers matched for the first time; returns per list
    {entries (each with matched_at as datetime), since (the previous run, or None), created}."""
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    stamp = now.isoformat()
    state = _read_state(home)
    out = {}
    for wl in load(home):
        mine = state.setdefault(wl.name, {"created": stamp, "last_run": None, "matched": {}})
        for hit in matches(home, wl):
            mine["matched"].setdefault(hit.arxiv_id, _entry(hit, stamp))
        since = mine["last_run"]
        mine["last_run"] = stamp
        entries = [{**e, "arxiv_id": a, "matched_at": datetime.fromisoformat(e["matched_at"])}
                   for a, e in mine["matched"].items()]
        out[wl.name] = {"entries": entries, "since": since and datetime.fromisoformat(since),
                        "created": datetime.fromisoformat(mine["created"])}
    _replace(home.root / "search" / STATE, json.dumps(state, ensure_ascii=False, sort_keys=True, indent=1))
    return out


def forget(home: Home, name: str) -> None:
    """Drop a removed list's state and its outputs."""
    state = _read_state(home)
    if state.pop(name, None) is not None:
        _replace(home.root / "search" / STATE, json.dumps(state, ensure_ascii=False, sort_keys=True, indent=1))
    for suffix in (".html", ".atom"):
        (home.reports / "watch" / f"{name}{suffix}").unlink(missing_ok=True)


def write_outputs(home: Home, files: dict[str, str]) -> Path:
    """Write `{file name: text}` into `<home>/reports/watch/`; returns the folder."""
    folder = home.inside(home.reports / "watch")
    for name, text in files.items():
        _replace(folder / name, text)
    return folder
