"""The data home: where every file the product writes lives, and the guard that keeps writes inside it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOME = "./data"
_UNSAFE = re.compile(r"[^A-Za-z0-9._+@=-]")


class HomeError(ValueError):
    """A configuration problem with the data home; the CLI turns it into a one-line message and exit code 2."""


def safe_component(name: str) -> str:
    """A feed name -> one path component that cannot climb out of its folder (`../../etc` -> `..%2F..%2Fetc`)."""
    quoted = _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), name)
    if quoted.strip(".") == "":
        quoted = quoted.replace(".", "%2E")
    return quoted or "%00"


def reason_of(exc: Exception) -> str:
    """An exception from a filesystem or network client as one line: its message's first line, else its type."""
    return (str(exc).strip().splitlines() or [""])[0].strip() or type(exc).__name__


def storage_problem(url: str) -> str | None:
    """Why fsspec cannot open `url` here (an unknown protocol, or its package not installed), else None.
    Cheap: nothing is imported or contacted, so every command can check its lake up front."""
    if "://" not in url and "::" not in url:
        return None  # a local path
    from importlib.util import find_spec

    from fsspec.registry import known_implementations, registry

    for part in url.split("::"):  # chained URLs such as simplecache::s3://bucket/key
        protocol = part.split("://", 1)[0] if "://" in part else part
        if protocol in registry:
            continue
        if protocol not in known_implementations:
            return f"unknown storage protocol {protocol + '://'!r}"
        spec = known_implementations[protocol]
        if find_spec(spec["class"].split(".", 1)[0]) is None:
            return spec.get("err") or f"the package for {protocol}:// is not installed"
    return None


@dataclass(frozen=True)
class Home:
    """Paths under one data home. `lake` may be a URL (`s3://bucket/prefix`) when the lake lives on object storage."""

    root: Path
    lake_url: str | None = None

    @classmethod
    def resolve(cls, home: str | os.PathLike | None = None, lake: str | None = None) -> "Home":
        """`--home`, else $ARXIV_DIGEST_HOME, else ./data; `--lake`, else $ARXIV_DIGEST_LAKE, else <home>/lake."""
        raw = home or os.environ.get("ARXIV_DIGEST_HOME") or DEFAULT_HOME
        root = Path(raw).expanduser().resolve()
        existing = next(p for p in (root, *root.parents) if os.path.exists(p))  # `/` always exists
        if not existing.is_dir():
            where = "exists" if existing == root else f"is inside {existing}, which exists"
            raise HomeError(f"data home {root} {where} and is not a directory; pass --home DIR")
        lake_url = lake or os.environ.get("ARXIV_DIGEST_LAKE") or None
        if lake_url and (problem := storage_problem(lake_url)):
            raise HomeError(f"lake {lake_url}: {problem}; pass --lake as a folder or a URL such as s3://bucket/prefix")
        return cls(root, lake_url)

    @property
    def lake(self) -> str:
        return self.lake_url or str(self.root / "lake")

    @property
    def database(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def writer_lock(self) -> Path:
        return self.root / ".writer.lock"

    @property
    def published(self) -> Path:
        return self.root / "published"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def runs(self) -> Path:
        return self.root / "runs"

    @property
    def prefect_home(self) -> Path:
        return self.root / "prefect"

    def inside(self, path: Path) -> Path:
        """`path` resolved, refusing anything that lands outside the data home."""
        resolved = path.resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise HomeError(f"refusing to write {resolved}: it is outside the data home {self.root}")
        return resolved

    def ensure(self) -> "Home":
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HomeError(f"cannot create the data home {self.root}: {exc.strerror or exc}; "
                            "pass --home DIR") from None
        return self
