"""`<home>/feeds.toml`: the feeds a user follows, each a source with its options, read by run/ingest/serve.

    [[feed]]
    name = "dw-dengwei__daily-arXiv-ai-enhanced"   # the feed's name (required, unique)
    source = "/home/me/forks/daily-arXiv-ai-enhanced"   # a folder, a git clone / bare repository, or an fsspec URL
    branch = "data"        # clones only: the branch holding the days (default: HEAD's)
    history = true         # clones only: every day the branch ever held, not only its tip
    categories = ["cs.CV", "cs.CL"]   # optional: only listings in one of these load

    load_feeds(path) -> [Feed]; save_feeds(path, feeds); discover_feeds(feeds, ...) -> Discovery
Every problem is a FeedsFileError in one line naming the file, the entry and what to do.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from warehouse.sources import Discovery, SourceError, discover

FILE_NAME = "feeds.toml"
_KEYS = {"name": str, "source": str, "branch": str, "history": bool, "categories": list}


class FeedsFileError(SourceError):
    """feeds.toml cannot be read, or one of its entries is wrong (CLI exit code 2)."""


@dataclass(frozen=True)
class Feed:
    """One entry of feeds.toml."""

    name: str
    source: str
    branch: str | None = None
    history: bool = False
    categories: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        """JSON-ready (Prefect flow parameters): `Feed(**d)` gives it back, with `categories` as a list."""
        return {"name": self.name, "source": self.source, "branch": self.branch, "history": self.history,
                "categories": list(self.categories)}


def feed_from(entry: dict, where: str) -> Feed:
    """A feeds.toml table (or flow parameter) -> a Feed; FeedsFileError naming `where` for a bad one."""
    unknown = sorted(set(entry) - set(_KEYS))
    if unknown:
        raise FeedsFileError(f"{where}: unknown key {unknown[0]!r}; a feed has {', '.join(_KEYS)}")
    for key, kind in _KEYS.items():
        if entry.get(key) is not None and not isinstance(entry[key], kind):
            raise FeedsFileError(f"{where}: {key} must be a {'true/false' if kind is bool else kind.__name__}")
    for key in ("name", "source"):
        if not str(entry.get(key) or "").strip():
            raise FeedsFileError(f"{where}: {key} is missing; every feed needs a name and a source")
    categories = entry.get("categories") or []
    if not all(isinstance(c, str) and c.strip() for c in categories):
        raise FeedsFileError(f"{where}: categories must be a list of category codes such as \"cs.CV\"")
    if (entry.get("branch") or entry.get("history")) and "://" in entry["source"]:
        raise FeedsFileError(f"{where}: branch and history are for git clones, not URLs such as {entry['source']}")
    return Feed(entry["name"].strip(), entry["source"], entry.get("branch") or None, bool(entry.get("history")),
                tuple(c.strip() for c in categories))


def load_feeds(path: Path) -> list[Feed]:
    """The feeds of a feeds.toml ([] when the file does not exist)."""
    if not path.is_file():
        return []
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FeedsFileError(f"{path}: not valid TOML ({exc}); fix it or edit it with `arxiv-digest feeds`") from None
    unknown = sorted(set(doc) - {"feed"})
    if unknown or not isinstance(doc.get("feed", []), list):
        raise FeedsFileError(f"{path}: expected only [[feed]] tables, found {(unknown or ['feed'])[0]!r}")
    feeds = [feed_from(entry, f"{path}: feed {i}") for i, entry in enumerate(doc.get("feed", []), 1)]
    seen: set[str] = set()
    for f in feeds:
        if f.name in seen:
            raise FeedsFileError(f"{path}: feed name {f.name!r} is listed twice; names must be unique")
        seen.add(f.name)
    return feeds


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def save_feeds(path: Path, feeds: list[Feed]) -> None:
    """Write `feeds` to `path` (atomically: a temp file renamed over it)."""
    lines = ["# arxiv-digest feeds: `arxiv-digest feeds list|add|remove` edits this file.\n"]
    for f in feeds:
        lines.append("\n[[feed]]\n")
        for key, value in f.as_dict().items():
            if value not in (None, False, []):
                lines.append(f"{key} = {_toml(value)}\n")
    tmp = path.with_name(f".{path.name}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text("".join(lines), encoding="utf-8")
    os.replace(tmp, path)


def discover_feeds(feeds: list[Feed], *, date_from: date | None = None, date_to: date | None = None,
                   known: dict | None = None) -> Discovery:
    """Every feed's units, each in its own name with its own branch, history and category options."""
    found = Discovery()
    owner: dict[str, str] = {}
    for f in feeds:
        one = discover([f.source], feed=f.name, date_from=date_from, date_to=date_to, known=known, branch=f.branch,
                       history=f.history, categories=f.categories)
        for path in (file.path for u in one.units for file in u.files):
            if owner.setdefault(path, f.name) != f.name:  # one file is one row: it cannot be two feeds' day
                raise FeedsFileError(f"feeds {owner[path]!r} and {f.name!r} both read {path}; list each source once")
        found.units += one.units
        found.ignored += one.ignored
    return found
