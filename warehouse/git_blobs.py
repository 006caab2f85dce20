"""Reading git blobs as bytes: one long-lived `git cat-file --batch` per repository and process, shared by threads.

    read_blob(repo, blob) -> bytes   (GitError for a missing or damaged object)
"""

from __future__ import annotations

import os
import subprocess
import threading

from warehouse.git_source import ENV, GitError

_READERS: dict[tuple[int, str], subprocess.Popen] = {}
_LOCK = threading.Lock()


def read_blob(repo: str, blob: str) -> bytes:
    """The bytes of one blob, through this process's `git cat-file --batch` of `repo` (started on first use);
    a missing or damaged object is a GitError."""
    with _LOCK:
        key = (os.getpid(), repo)  # a forked parse worker starts its own
        proc = _READERS.get(key)
        if proc is None or proc.poll() is not None:
            proc = _READERS[key] = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE,
                                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                                    env={**os.environ, **ENV})
        proc.stdin.write(blob.encode() + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().decode().split()
        if len(header) != 3:
            if not header:  # end of output: git died on a damaged object
                proc.wait()
            if proc.poll() is not None:  # git died on a damaged object: say so, the next read starts afresh
                _READERS.pop(key, None)
                raise GitError(f"object {blob} is missing or damaged in {repo} (`git fsck` tells which); fetch it "
                               "again or clone the repository afresh")
            raise GitError(f"object {blob} is missing or damaged in {repo} (`git fsck` tells which); fetch it again "
                           "or clone the repository afresh")
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)  # the newline after each object
        return data
