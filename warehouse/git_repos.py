"""Which sources are git repositories, and the digest files one holds as discovered files (extract stage).

    split_repositories(sources, branch, history) -> (repositories, other sources)
    repository_files(repo, ...) -> ([(SourceFile, date)], ignored)

A file read from git is named `<repository>@<branch>:<path in the tree>`; its hash is its blob id (a content
hash, so an unchanged day is skipped without reading it) and it carries its repository, blob, commit and,
with `history`, how many versions of it the branch held (SourceFile.repo/blob/commit/versions).
"""

from __future__ import annotations

import os
from datetime import date

from transforms.parse import date_in_name
from transforms.tables import SourceFile
from warehouse.git_blobs import read_blob
from warehouse.git_source import (GitError, branch_commit, history_blobs, is_repository, is_shallow, remote_feed,
                                  tip_blobs)

__all__ = ["GitError", "branch_commit", "read_blob", "remote_feed", "repository_files", "split_repositories"]


def split_repositories(sources: list[str], *, branch: str | None = None,
                       history: bool = False) -> tuple[list[str], list[str]]:
    """(absolute paths of the sources that are repositories, the other sources); with `branch` or `history`,
    every source must be one (GitError in one line otherwise)."""
    repos, plain = [], []
    for source in sources:
        if "://" not in source and os.path.isdir(source) and is_repository(source):
            repos.append(os.path.abspath(source))
        elif (branch or history) and ("://" in source or os.path.exists(source)):
            flag = "--history" if history else "--branch"
            raise GitError(f"not a git repository: {source}; {flag} reads a clone's top folder (the one holding "
                           f".git) or a bare repository; drop {flag} to read it as a folder")
        else:
            plain.append(source)
    return repos, plain


def _wanted(name: str) -> bool:
    return name.endswith((".md", ".jsonl")) and date_in_name(name) is not None


def repository_files(repo: str, *, branch: str | None = None, history: bool = False, date_from: date | None = None,
                     date_to: date | None = None) -> tuple[list[tuple[SourceFile, date | None]], list[tuple[str, str]]]:
    """The digest files of `repo`'s `branch` (default: HEAD's) tip, or with `history` of every day it ever held
    (each path at its last version), as discovered files with their dates, and what was passed over with why."""
    ref, commit = branch_commit(repo, branch)
    if history:
        blobs, passed = history_blobs(repo, commit, _wanted)
        if is_shallow(repo):
            passed.append((repo, "a shallow clone: its history stops at the commits fetched, so older days may be "
                                 "missing; loaded what is there (`git fetch --unshallow` in it, then ingest again)"))
    else:
        blobs, passed = tip_blobs(repo, commit, _wanted)
    found = []
    for b in blobs:
        day = date_in_name(b.tree_path.rsplit("/", 1)[-1])
        if (date_from and day < date_from) or (date_to and day > date_to):
            continue
        role = "twin" if b.tree_path.endswith(".jsonl") else "digest"
        found.append((SourceFile(f"{repo}@{ref}:{b.tree_path}", b.blob, b.size, role, None, repo=repo, blob=b.blob,
                                 commit=b.commit, versions=b.versions if history else None), day))
    ignored = [(p if p == repo else f"{repo}@{ref}:{p}", why) for p, why in passed]
    return found, ignored
