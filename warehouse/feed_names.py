"""The one rule that names a feed: after the repository that holds its days, for folders and git clones alike.

    feed_root(folder) -> the folder that names the feed (generic folders such as `data/` climbed out of)
    feed_of_path(path) -> the feed a digest file belongs to (`…/daily-arXiv/data/2025-06-09.md` -> `daily-arXiv`)
    feed_of_remote(url) -> the feed a clone's `origin` names (`git@github.com:owner/repo.git` -> `owner__repo`)

The rule: a feed is named after the nearest folder above its files whose name is not generic. Generic
names (GENERIC_FOLDERS: `data`, `contents`, `to_md`, `docs`, `digests`, `output`, `daily`, ...) say what a
folder holds, not whose feed it is, so they are climbed out of; a path made only of generic folders keeps
the innermost one. A clone with an `origin` remote is named `owner__repo` after it, because forks of one
generator share a repository name (`daily-arXiv-ai-enhanced`) and would otherwise pour into one feed; the
double underscore is how a folder holding a copy of that fork is usually named (the samples are), so both
give one name. `--feed NAME` (or a feeds.toml entry's name) overrides either.
"""

from __future__ import annotations

import os
import re

# Lower-case folder names that describe content, not a feed; matched case-insensitively.
GENERIC_FOLDERS = frozenset({
    "data", "contents", "content", "to_md", "docs", "doc", "digests", "digest", "output", "outputs", "out",
    "daily", "md", "markdown", "jsonl", "json", "archive", "archives", "papers", "raw", "public", "site",
})
_SCP = re.compile(r"^[^@/:]+@[^:/]+:(?P<path>.+)$")  # git@github.com:owner/repo.git


def is_generic(name: str) -> bool:
    return name.lower() in GENERIC_FOLDERS


def _real(name: str) -> bool:
    return name not in ("", ".", "..") and not name.endswith(":")  # not the root, nor a URL's `s3:` scheme


def _named_at(parts: list[str]) -> int | None:
    """Index of the innermost part that names a feed (not generic), else of the innermost real part, else None."""
    real = [i for i, p in enumerate(parts) if _real(p)]
    named = [i for i in real if not is_generic(parts[i])]
    return named[-1] if named else (real[-1] if real else None)


def feed_root(folder: str) -> str:
    """`folder` with its generic trailing folders climbed out of: `/x/repo/data` -> `/x/repo` (kept whole when
    every folder in it is generic). Files under one feed root are one feed's, so their days pair up."""
    parts = folder.rstrip("/").split("/")
    at = _named_at(parts)
    return "/".join(parts[:at + 1]) if at is not None else folder


def feed_of_path(path: str) -> str:
    """The feed a digest file (local path or URL) belongs to: its feed root's name, `default` when it has none."""
    parts = path.replace(os.sep, "/").split("/")[:-1]
    if "://" in path:  # `s3://bucket/x`: the bucket may name the feed, the scheme and empty host part may not
        parts = parts[2:]
    at = _named_at(parts)
    return parts[at] if at is not None else "default"


def feed_of_remote(url: str) -> str | None:
    """`https://github.com/owner/repo.git` or `git@github.com:owner/repo` -> `owner__repo`; a local path or
    `file://` address -> its repository folder's name (`/srv/git/repo.git` -> `repo`); None when it names nothing."""
    url = url.strip().rstrip("/")
    scp = _SCP.match(url) if "://" not in url else None
    if scp:
        names = scp.group("path").split("/")
    elif "://" in url and not url.lower().startswith("file://"):
        names = url.split("://", 1)[1].split("/")[1:]  # the host is no owner
    else:
        names = url.split("://", 1)[-1].split("/")[-1:]
    names = [n[:-4] if n.endswith(".git") and len(n) > 4 else n for n in names if _real(n)]
    if not names:
        return None
    return f"{names[-2]}__{names[-1]}" if len(names) > 1 and (scp or "://" in url) else names[-1]
