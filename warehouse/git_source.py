"""What a git clone or bare repository holds, asked of the `git` command without a work tree (the blobs' bytes:
warehouse.git_blobs).

    is_repository(path) -> bool               a clone's top folder (with `.git`) or a bare repository
    branch_commit(repo, branch) -> (ref, commit id)   GitError for a missing branch
    tip_blobs(repo, commit, wanted) -> (blobs, ignored)       every wanted file of the branch tip
    history_blobs(repo, commit, wanted) -> (blobs, ignored)   every wanted path ever committed, at its last version
    remote_feed(repo) -> the feed name `origin` gives (warehouse.feed_names), else the repository folder's

Why the `git` command and not dulwich: it is on every machine that has a clone, reads packs in C, and one
`git log --raw` lists every blob a branch ever held in one pass (docs/benchmarks.md has the figures).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from warehouse.feed_names import feed_of_remote

ENV = {"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}  # no prompts, parseable messages
SUBMODULE, SYMLINK = "160000", "120000"


class GitError(ValueError):
    """git refused (no repository, no branch, a damaged object): its message in one line."""


@dataclass(frozen=True)
class Blob:
    """One version of a file in a repository: where it sits in the tree, its blob id, the commit it is from,
    its size, and how many distinct versions of this path the branch ever held (1 at the tip only)."""

    tree_path: str
    blob: str
    commit: str
    size: int
    versions: int = 1


def is_repository(path: str) -> bool:
    """A clone's top folder (it holds `.git`) or a bare repository (HEAD, objects/ and refs/ in it)."""
    if os.path.exists(os.path.join(path, ".git")):
        return True
    return all(os.path.exists(os.path.join(path, p)) for p in ("HEAD", "objects", "refs"))


def git(repo: str, *args: str, stdin: bytes | None = None) -> bytes:
    """`git -C repo ARGS` -> stdout; a failure is a GitError with git's first message line."""
    try:
        done = subprocess.run(["git", "-C", repo, *args], input=stdin, capture_output=True,
                              env={**os.environ, **ENV}, check=False)
    except FileNotFoundError:
        raise GitError("the `git` command is not installed; install git to read a clone") from None
    if done.returncode:
        lines = [ln.strip() for ln in done.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
        raise GitError(next((ln for ln in lines if ln.startswith(("fatal", "error"))), lines[0] if lines else
                            f"git {args[0]} failed (exit {done.returncode})"))
    return done.stdout


def branch_commit(repo: str, branch: str | None) -> tuple[str, str]:
    """(branch name, commit id) of `branch` (default: HEAD's branch); a local branch, else `origin/<branch>`."""
    if branch is None:
        try:
            name = git(repo, "symbolic-ref", "-q", "--short", "HEAD").decode().strip() or "HEAD"
        except GitError:  # a detached HEAD: its commit, named HEAD
            name = "HEAD"
        return name, git(repo, "rev-parse", "--verify", "HEAD^{commit}").decode().strip()
    for ref in (f"refs/heads/{branch}", f"refs/remotes/origin/{branch}"):
        try:
            return branch, git(repo, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}").decode().strip()
        except GitError:
            continue
    known = git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes").decode().split()
    raise GitError(f"branch {branch!r} not found in {repo}; its branches: {', '.join(known) or 'none'}; "
                   "pass --branch with one of them")


def is_shallow(repo: str) -> bool:
    return git(repo, "rev-parse", "--is-shallow-repository").decode().strip() == "true"


def remote_feed(repo: str) -> str:
    """The feed a clone is named after: its `origin` remote (`owner__repo`), else the repository folder."""
    try:
        url = git(repo, "config", "--get", "remote.origin.url").decode().strip()
    except GitError:  # no origin: git exits 1 without a message
        url = ""
    return feed_of_remote(url) or feed_of_remote(os.path.abspath(repo)) or "default"


def _wanted(tree_path: str, wanted) -> bool:
    return wanted(tree_path.rsplit("/", 1)[-1])


def tip_blobs(repo: str, commit: str, wanted) -> tuple[list[Blob], list[tuple[str, str]]]:
    """The files of `commit`'s tree whose name `wanted(name)` accepts, and the entries passed over with why."""
    blobs, ignored = [], []
    for record in git(repo, "ls-tree", "-r", "-l", "-z", "--full-tree", commit).split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, blob, size = meta.decode().split()
        tree_path = raw_path.decode("utf-8", "surrogateescape")
        if mode == SUBMODULE:
            ignored.append((tree_path, f"a submodule (commit {blob[:12]}): its days live in another repository; "
                                       "clone that one and ingest it as its own source"))
        elif _wanted(tree_path, wanted) and mode != SYMLINK:
            blobs.append(Blob(tree_path, blob, commit, int(size) if size.isdigit() else 0))  # BAD: damaged, read says so
    return blobs, ignored


def history_blobs(repo: str, commit: str, wanted) -> tuple[list[Blob], list[tuple[str, str]]]:
    """Every path `wanted` accepts that the first-parent history of `commit` ever held, at its last version
    (a deleted day at the version it was deleted from), with the commit that wrote it and its version count."""
    out = git(repo, "log", "--reverse", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-renames",
              "--no-abbrev", "-z", "--format=%x01%H", commit, "--")
    last: dict[str, tuple[str, str]] = {}
    versions: dict[str, set[str]] = {}
    submodules: dict[str, str] = {}
    tokens = out.split(b"\0")
    current, i = "", 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token.startswith(b"\x01"):
            current = token[1:].decode()
        elif token.startswith(b":"):
            _, new_mode, _, new_blob, status = token[1:].decode().split()
            tree_path = tokens[i].decode("utf-8", "surrogateescape")
            i += 1
            if status.startswith("D"):
                continue  # the day stays at the version it had before
            if new_mode == SUBMODULE:
                submodules[tree_path] = new_blob
            elif new_mode != SYMLINK and _wanted(tree_path, wanted):
                last[tree_path] = (new_blob, current)
                versions.setdefault(tree_path, set()).add(new_blob)
    sizes = blob_sizes(repo, sorted({b for b, _ in last.values()}))
    # a missing or damaged blob stays in (size 0): reading it rejects that day with why, the others load
    blobs = [Blob(p, b, c, sizes.get(b, 0), len(versions[p])) for p, (b, c) in sorted(last.items())]
    ignored = [(p, f"a submodule (commit {b[:12]}): its days live in another repository; clone that one and "
                    "ingest it as its own source") for p, b in sorted(submodules.items())]
    return blobs, ignored


def blob_sizes(repo: str, blobs: list[str]) -> dict[str, int]:
    """{blob id: size} for the blobs the repository holds (missing ones left out), in one `cat-file` call."""
    if not blobs:
        return {}
    out = git(repo, "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)",
              stdin="\n".join(blobs).encode() + b"\n")
    sizes = {}
    for line in out.decode().splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == "blob":
            sizes[parts[0]] = int(parts[2])
    return sizes
