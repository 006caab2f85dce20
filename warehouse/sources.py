"""The extract stage: find digest files (paths, directories, globs, fsspec URLs), hash them, and group
each day's `.md` with its `.jsonl` twin into a unit."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePosixPath

import fsspec

from transforms.parse import date_in_name
from transforms.tables import SourceFile, Unit
from warehouse.day_units import group_units
from warehouse.faults import crash_point
from warehouse.git_repos import GitError, branch_commit, read_blob, remote_feed, repository_files, split_repositories
from warehouse.home import reason_of, storage_problem

_GLOB = re.compile(r"[*?\[]")
SUFFIXES = (".md", ".jsonl")
MAX_FILE_ENV = "ARXIV_DIGEST_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 32


class SourceError(ValueError):
    """A source the user named does not exist or cannot be read (CLI exit code 2)."""


@dataclass
class Discovery:
    """What the extract stage found: units to consider, plus files it passed over and why."""

    units: list[Unit] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)


def _is_url(source: str) -> bool:
    return "://" in source


def _walk_local(root: str, found: list[str], ignored: list[tuple[str, str]]) -> None:
    """Recursive, never following directory symlinks (so a symlink loop cannot trap it); skips dot-folders."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if not name.endswith(SUFFIXES):
                if name.lower().endswith((".md", ".markdown", ".jsonl")):  # meant as one, surely: say why not
                    ignored.append((path, "only files ending in .md (digests) or .jsonl (twins) are read; rename it"))
                continue
            if date_in_name(name) is None:
                ignored.append((path, "no valid YYYY-MM-DD date in the file name"))
            elif not os.path.isfile(path):
                ignored.append((path, "not a regular file (broken link?)"))
            else:
                found.append(path)


def _expand_url(source: str) -> list[str]:
    """An fsspec URL -> the digest files it names; any failure to reach or list it is a SourceError in one line."""
    if problem := storage_problem(source):
        raise SourceError(f"cannot read source {source}: {problem}; "
                          "pass a local path or an fsspec URL such as s3://bucket/prefix")
    try:
        fs, path = fsspec.core.url_to_fs(source)
        if _GLOB.search(path):
            matches = fs.glob(path)
        elif fs.isdir(path):
            matches = [p for p in fs.find(path) if p.endswith(SUFFIXES) and date_in_name(PurePosixPath(p).name)]
        else:
            matches = [path] if fs.exists(path) else None
    except Exception as exc:  # network, credentials, permissions: whatever the filesystem raises
        raise SourceError(f"cannot read source {source}: {reason_of(exc)} ({type(exc).__name__}); "
                          "check the address, the network and the credentials") from None
    if matches is None:
        raise SourceError(f"source not found: {source}")
    proto = fs.protocol[0] if isinstance(fs.protocol, tuple) else fs.protocol
    prefix = "" if proto in ("file", "local") else f"{proto}://"
    return [m if "://" in m else prefix + m for m in matches]  # http paths keep their scheme


def expand(sources: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Sources -> concrete file paths or URLs (sorted, unique), and the files passed over with a reason."""
    found: list[str] = []
    ignored: list[tuple[str, str]] = []
    for source in sources:
        if _is_url(source):
            found.extend(_expand_url(source))
        elif _GLOB.search(source):
            import glob

            matches = sorted(glob.glob(source, recursive=True))
            if not matches:
                raise SourceError(f"no file matches {source!r}")
            for m in matches:
                (_walk_local(m, found, ignored) if os.path.isdir(m) else found.append(m))
        elif os.path.isdir(source):
            _walk_local(source, found, ignored)
        elif os.path.isfile(source):
            found.append(source)
        elif os.path.lexists(source):  # a FIFO, a socket, a dangling or looping link: there, but nothing to read
            raise SourceError(f"source is not a file or a folder: {source} (a broken link, a pipe?)")
        else:
            raise SourceError(f"source not found: {source} (pass files, directories, globs or URLs)")
    # Local paths are made absolute so one file is one row however the user names it.
    paths = sorted({p if _is_url(p) else os.path.abspath(p) for p in found})
    unnamed = [p for p in paths if not _utf8(p)]  # no table, log or terminal can hold such a name as text
    ignored += [(p.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"),
                 "name is not valid UTF-8; rename the file") for p in unnamed]
    return [p for p in paths if _utf8(p)], ignored


def _utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def max_file_bytes() -> int:
    """The largest file a day may be: $ARXIV_DIGEST_MAX_FILE_MB (default 32) in bytes."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_FILE_MB
    except ValueError:
        mb = -1
    if not 0 < mb < float("inf"):
        raise SourceError(f"{MAX_FILE_ENV}={raw!r} is not a positive number of megabytes")
    return int(mb * 2**20)


def read_bytes(path: str) -> bytes:
    """The bytes of a local path or fsspec URL."""
    if _is_url(path):
        with fsspec.open(path, "rb") as fh:
            return fh.read()
    with open(path, "rb") as fh:
        return fh.read()


def fingerprint(path: str, known: dict[str, tuple[int, int | None, str]]) -> tuple[str, int, int | None]:
    """(sha256, size, mtime_ns) of a source. A local file whose size and mtime match what the last run
    recorded keeps its recorded hash without being read again (as make and rsync do)."""
    if not _is_url(path):
        st = os.stat(path)
        seen = known.get(path)
        if seen and seen[0] == st.st_size and seen[1] == st.st_mtime_ns:
            return seen[2], st.st_size, st.st_mtime_ns
        with open(path, "rb") as fh:
            return (*_sha256(fh), st.st_mtime_ns)
    with fsspec.open(path, "rb") as fh:
        return (*_sha256(fh), None)


def _sha256(fh) -> tuple[str, int]:
    """Hash and size of a stream, read in chunks so a huge file costs no more memory than a small one."""
    sha, size = hashlib.sha256(), 0
    while chunk := fh.read(1 << 20):
        sha.update(chunk)
        size += len(chunk)
    return sha.hexdigest(), size


def check_sources(sources: list[str], *, branch: str | None = None, history: bool = False) -> None:
    """Raise SourceError (one line) for a source discover would refuse: missing, no repository where `branch` or
    `history` needs one, a missing branch. Cheap: it lists folders and asks git for one commit per repository."""
    try:
        repos, plain = split_repositories(sources, branch=branch, history=history)
        for repo in repos:
            branch_commit(repo, branch)
    except GitError as exc:
        raise SourceError(str(exc)) from None
    if plain:
        expand(plain)


def read_source(f: SourceFile) -> bytes:
    """The bytes of a discovered file: its git blob when it was found in a repository, else its path's."""
    if f.blob and f.repo:
        try:
            return read_blob(f.repo, f.blob)
        except GitError as exc:
            raise SourceError(f"cannot read {f.path}: {exc}") from None
    return read_bytes(f.path)


def discover(sources: list[str], *, feed: str | None = None, date_from: date | None = None,
             date_to: date | None = None, known: dict[str, tuple[int, int | None, str]] | None = None,
             branch: str | None = None, history: bool = False, categories: tuple[str, ...] = ()) -> Discovery:
    """Find every digest and twin, hash it, and group them into units per feed and day.

    A day's `.md` and every `.jsonl` of the same date under the same feed root (warehouse.feed_names: the
    folder, with generic folders such as `data/` climbed out of) form one unit: the upstream generator's
    `data/<date>.md`, raw crawl `data/<date>.jsonl` and `data/<date>_AI_enhanced_<Language>.jsonl` twins are one
    day, each listing once. Twins are ordered AI-enhanced first (warehouse.day_units); the transform stage picks
    the one whose language is the digest's. A `.jsonl` day with no `.md` is read from its twins alone; a second
    `.md` of one date is a day of its own, keyed by its file name, so nothing is dropped.
    `date_from`/`date_to` keep only days in that range.
    `known` ({path: (bytes, mtime_ns, sha256)} from the warehouse) spares re-reading unchanged files.
    A source that is a git clone or bare repository is read from git (warehouse.git_repos: the tip of `branch`,
    or with `history` every day the branch ever held); `categories`: only listings in one of them load.
    """
    try:
        repos, plain = split_repositories(sources, branch=branch, history=history)
        in_repos = [repository_files(r, branch=branch, history=history, date_from=date_from, date_to=date_to)
                    for r in repos]
        repo_feeds = {} if feed else {r: remote_feed(r) for r in repos}
    except GitError as exc:  # no repository, no such branch, a damaged tree: one line, exit 2
        raise SourceError(str(exc)) from None
    paths, ignored = expand(plain) if plain else ([], [])
    files = []
    for path in paths:
        name = PurePosixPath(path.replace(os.sep, "/")).name
        day = date_in_name(name)
        if (date_from and (day is None or day < date_from)) or (date_to and (day is None or day > date_to)):
            continue
        sha, size, mtime = fingerprint(path, known or {})
        crash_point("hash")
        files.append((path, day, SourceFile(path, sha, size, "twin" if name.endswith(".jsonl") else "digest", mtime)))
    for found, passed in in_repos:
        files += [(f.path, day, f) for f, day in found]
        ignored += passed
    units = group_units(files, feed, repo_feeds)
    if categories:
        units = [replace(u, categories=tuple(categories)) for u in units]
    crash_point("discover")
    return Discovery(units, ignored)
